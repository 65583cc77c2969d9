import { dcatCatalogue } from "@/lib/opendata/dcat";
import { openDataHandler } from "@/lib/api/open-data-http";

export const dynamic = "force-dynamic";

/** The public DCAT-AP catalogue in RDF/XML (the same as dcat.jsonld with Accept: application/rdf+xml). */
export const GET = openDataHandler(dcatCatalogue, { anonymous: true });
