import { exportCatalogue } from "@/lib/opendata/exports";
import { openDataHandler } from "@/lib/api/open-data-http";

export const dynamic = "force-dynamic";

/** The catalogue the caller may see, as CSV, streamed. */
export const GET = openDataHandler((context) => exportCatalogue(context, "csv"));
