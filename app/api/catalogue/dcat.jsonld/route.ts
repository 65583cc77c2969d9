import { dcatCatalogue } from "@/lib/opendata/dcat";
import { openDataHandler } from "@/lib/api/open-data-http";

export const dynamic = "force-dynamic";

/**
 * The public catalogue as DCAT-AP 3.0.1, for open-data portals to harvest: JSON-LD, or Turtle or
 * RDF/XML by content negotiation (Accept), also at dcat.ttl and dcat.rdf.
 */
export const GET = openDataHandler(dcatCatalogue, { anonymous: true });
