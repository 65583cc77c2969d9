import { dcatCatalogue } from "@/lib/opendata/dcat";
import { openDataHandler } from "@/lib/api/open-data-http";

export const dynamic = "force-dynamic";

/** The public DCAT-AP catalogue in Turtle (the same as dcat.jsonld with Accept: text/turtle). */
export const GET = openDataHandler(dcatCatalogue, { anonymous: true });
