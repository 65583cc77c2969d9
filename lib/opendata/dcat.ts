/**
 * The catalogue as DCAT-AP 3 in JSON-LD, for national open-data portals to harvest (a stable URL,
 * /api/catalogue/dcat.jsonld). One dcat:Catalog; one dcat:Dataset per public, visible commons
 * (drafts, rejected and moderated ones left out) with its title, description, keyword (its kind),
 * publisher (its community), issued/modified dates, landing page, spatial coverage (dct:Location with
 * dcat:bbox as a WKT literal and locn:geometry as a GeoJSON literal, GeoDCAT-AP style), and
 * foaf:page (documentation, source repository), and distributions: the commons' own data link (dct:license as the SPDX URI) and its coverage through
 * the OGC API – Features (dcat:accessService). Streamed in batches like the exports.
 */
import type { BBox } from "@/lib/commons/geometry";
import { catalogue, type Locale } from "@/lib/i18n/core";
import type { OpenDataContext } from "@/lib/api/open-data-http";
import { absolute, commonsPageUrl, communityPageUrl, licenceUri, openDataPaths } from "@/lib/commons/links";
import { commonsBatch, type OpenCommons } from "./queries";
import { streamBatches } from "./stream";

const context = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  locn: "http://www.w3.org/ns/locn#",
  gsp: "http://www.opengis.net/ont/geosparql#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
};

const GEOJSON_FORMAT = "http://publications.europa.eu/resource/authority/file-type/GEOJSON";
const GEOJSON_MEDIA_TYPE = "https://www.iana.org/assignments/media-types/application/geo+json";
const OGC_FEATURES = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const languages: Record<Locale, string> = {
  fr: "http://publications.europa.eu/resource/authority/language/FRA",
  en: "http://publications.europa.eu/resource/authority/language/ENG",
};

const literal = (value: string, language: Locale) => ({ "@value": value, "@language": language });
const dateTime = (date: Date) => ({ "@value": date.toISOString(), "@type": "xsd:dateTime" });
const ref = (id: string) => ({ "@id": id });

/** Both languages of a catalogue string, French first. */
function bilingual(pick: (messages: ReturnType<typeof catalogue>) => string) {
  return [literal(pick(catalogue("fr")), "fr"), literal(pick(catalogue("en")), "en")];
}

export function wktPolygon({ minLon, minLat, maxLon, maxLat }: BBox): string {
  return `POLYGON((${minLon} ${minLat},${maxLon} ${minLat},${maxLon} ${maxLat},${minLon} ${maxLat},${minLon} ${minLat}))`;
}

function ogcService(appUrl: string) {
  const endpoint = absolute(appUrl, openDataPaths.ogc);
  return {
    "@id": `${endpoint}#service`,
    "@type": "dcat:DataService",
    "dct:title": bilingual((m) => m.opendata.ogc.title),
    "dcat:endpointURL": ref(endpoint),
    "dcat:endpointDescription": ref(`${endpoint}/conformance`),
    "dct:conformsTo": ref(OGC_FEATURES),
  };
}

export function datasetOf(appUrl: string, c: OpenCommons) {
  const page = commonsPageUrl(appUrl, c.community.slug, c.slug);
  const licence = { "@id": licenceUri(c.licence), "@type": "dct:LicenseDocument", "dct:identifier": c.licence };
  const description = c.description.trim() ? `${c.summary}\n\n${c.description.trim()}` : c.summary;
  const distributions: Record<string, unknown>[] = [];
  if (c.dataUrl) {
    distributions.push({
      "@id": `${page}#data`,
      "@type": "dcat:Distribution",
      "dct:title": bilingual((m) => m.opendata.dcat.dataDistribution),
      "dcat:accessURL": ref(c.dataUrl),
      "dct:license": licence,
    });
  }
  if (c.coverage) {
    distributions.push({
      "@id": `${page}#coverage`,
      "@type": "dcat:Distribution",
      "dct:title": bilingual((m) => m.opendata.dcat.coverageDistribution),
      "dcat:accessURL": ref(absolute(appUrl, openDataPaths.ogcItem(c.id))),
      "dct:format": ref(GEOJSON_FORMAT),
      "dcat:mediaType": ref(GEOJSON_MEDIA_TYPE),
      "dcat:accessService": ref(`${absolute(appUrl, openDataPaths.ogc)}#service`),
      "dct:license": licence,
    });
  }
  const community = communityPageUrl(appUrl, c.community.slug);
  // Documentation and source repository: pages about the commons.
  const pages = [c.documentationUrl, c.repositoryUrl].filter((url): url is string => Boolean(url));
  return {
    "@id": page,
    "@type": "dcat:Dataset",
    "dct:identifier": c.id,
    "dct:title": c.title,
    "dct:description": description,
    "dcat:keyword": bilingual((m) => m.opendata.kinds[c.kind]),
    "dct:publisher": { "@id": community, "@type": "foaf:Agent", "foaf:name": c.community.name },
    "dct:issued": dateTime(c.createdAt),
    "dct:modified": dateTime(c.updatedAt),
    "dcat:landingPage": ref(page),
    ...(pages.length > 0 ? { "foaf:page": pages.map(ref) } : {}),
    ...(c.bbox
      ? {
          "dct:spatial": {
            "@type": "dct:Location",
            "dcat:bbox": { "@value": wktPolygon(c.bbox), "@type": "gsp:wktLiteral" },
            ...(c.coverage ? { "locn:geometry": { "@value": JSON.stringify(c.coverage), "@type": "gsp:geoJSONLiteral" } } : {}),
          },
        }
      : {}),
    ...(distributions.length > 0 ? { "dcat:distribution": distributions } : {}),
  };
}

/** Everything of the catalogue but its datasets, which the stream writes in between. */
function catalogueHead(appUrl: string, operator: string) {
  const home = absolute(appUrl, "/");
  return {
    "@context": context,
    "@id": absolute(appUrl, openDataPaths.dcat),
    "@type": "dcat:Catalog",
    "dct:title": bilingual((m) => m.opendata.dcat.title),
    "dct:description": bilingual((m) => m.opendata.dcat.description),
    "dct:publisher": { "@id": home, "@type": "foaf:Agent", "foaf:name": operator },
    "foaf:homepage": ref(home),
    "dct:language": [ref(languages.fr), ref(languages.en)],
    "dcat:service": [ogcService(appUrl)],
  };
}

export async function dcatCatalogue({ db, appUrl, operatorName }: OpenDataContext): Promise<Response> {
  const head = JSON.stringify(catalogueHead(appUrl, operatorName));
  const body = streamBatches(
    {
      fetch: (after, size) =>
        commonsBatch(db, { viewer: null, after, size, where: { status: { in: ["PROPOSED", "ADOPTED", "ARCHIVED"] } } }),
      keyOf: (row) => row.id,
      // Each dataset carries its coverage (up to 200 kB): small batches.
      size: 50,
    },
    {
      // The head without its closing brace, then the datasets array, then the brace.
      head: `${head.slice(0, -1)},"dcat:dataset":[`,
      encode: (row, index) => `${index === 0 ? "\n" : ",\n"}${JSON.stringify(datasetOf(appUrl, row))}`,
      tail: "\n]}\n",
    },
  );
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "application/ld+json; charset=utf-8",
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
    },
  });
}
