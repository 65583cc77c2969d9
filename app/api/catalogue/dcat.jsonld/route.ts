import { dcatCatalogue } from "@/lib/opendata/dcat";
import { openDataHandler } from "@/lib/api/open-data-http";

export const dynamic = "force-dynamic";

/** The public catalogue as DCAT-AP in JSON-LD, for open-data portals to harvest. */
export const GET = openDataHandler(dcatCatalogue, { anonymous: true });
