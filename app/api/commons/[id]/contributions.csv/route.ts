import { exportLedger } from "@/lib/opendata/exports";
import { openDataHandler } from "@/lib/api/open-data-http";

export const dynamic = "force-dynamic";

/** A commons' contribution ledger as CSV, streamed (404 when the caller may not see the commons). */
export const GET = openDataHandler((context) => exportLedger(context, "csv"));
