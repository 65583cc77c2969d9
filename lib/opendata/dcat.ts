/**
 * The catalogue as DCAT-AP 3.0.1, for national open-data portals to harvest (a stable URL,
 * /api/catalogue/dcat.jsonld, in JSON-LD, Turtle or RDF/XML by content negotiation, and the aliases
 * dcat.ttl and dcat.rdf). Checked against the official SHACL shapes (full profile and ranges: no
 * violation; recommended properties) in tests/integration/opendata-dcat-shacl.test.ts.
 *
 * One dcat:Catalog (publisher, contact point and homepage: the operator; languages; licence of the
 * metadata; issued/modified: first and last change of a listed commons; spatial: the box of every
 * public coverage; theme taxonomy: the EU data themes) and one dcat:Dataset per public, visible commons
 * (drafts, rejected and moderated ones left out): title, description, keyword (its kind), theme (EU
 * data theme "Regions and cities": every commons here describes a territory), publisher and contact
 * point (its community), issued/modified dates, landing page, spatial coverage (dct:Location with
 * dcat:bbox and dcat:centroid as WKT literals and locn:geometry as a locn:Geometry node carrying its
 * GeoJSON literal, GeoDCAT-AP style), foaf:page (documentation, source repository), and distributions:
 * the commons' record through the JSON API, its own data link, its coverage through the OGC API –
 * Features (dcat:accessService), each with its licence (SPDX URI, ADMS licence type). Every IRI object
 * is typed with the class DCAT-AP's range shapes expect. Temporal coverage is not known for a commons,
 * so none is stated. Streamed in batches like the exports, in every format.
 */
import type { BBox, Coverage } from "@/lib/commons/geometry";
import { catalogue, type Locale } from "@/lib/i18n/core";
import type { OpenDataContext } from "@/lib/api/open-data-http";
import { AppError } from "@/lib/core/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { commonsScope } from "@/lib/policy/scopes";
import { absolute, commonsPageUrl, communityPageUrl, licenceUri, openDataPaths } from "@/lib/commons/links";
import { commonsBatch, type OpenCommons } from "./queries";
import {
  RDF_XML_CLOSE,
  rdfXmlNode,
  rdfXmlOpen,
  turtleIri,
  turtleNode,
  turtlePrefixes,
  type RdfNode,
  type RdfValue,
} from "./rdf-serialize";
import { streamBatches } from "./stream";

const context = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  locn: "http://www.w3.org/ns/locn#",
  gsp: "http://www.opengis.net/ont/geosparql#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  dcatap: "http://data.europa.eu/r5r/",
};

const EU = "http://publications.europa.eu/resource/authority";
const IANA = "https://www.iana.org/assignments/media-types";
const OGC_FEATURES = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
const languages: Record<Locale, string> = { fr: `${EU}/language/FRA`, en: `${EU}/language/ENG` };
const DATA_THEMES = `${EU}/data-theme`;
/** Every commons of the platform describes a territory: EU data theme "Regions and cities". */
const THEME = `${DATA_THEMES}/REGI`;
const STABLE = `${EU}/planned-availability/STABLE`;
/** The labels of the concepts used, as their vocabularies give them. */
const conceptLabels: Record<string, Record<string, string>> = {
  [THEME]: { fr: "Régions et villes", en: "Regions and cities" },
  [STABLE]: { fr: "stable", en: "stable" },
  "http://purl.org/adms/licencetype/Attribution": { en: "Attribution" },
  "http://purl.org/adms/licencetype/ShareAlike": { en: "Share-alike" },
  "http://purl.org/adms/licencetype/PublicDomain": { en: "Public domain" },
};
/** The licence of the catalogue's metadata (the commons' own data carry their own licences). */
const CATALOGUE_LICENCE = "etalab-2.0";
/** Whom a licence asks for (ADMS licence types). */
const ADMS_LICENCE = "http://purl.org/adms/licencetype";
const licenceTypes: Record<string, string[]> = {
  "etalab-2.0": ["Attribution"],
  "ODbL-1.0": ["Attribution", "ShareAlike"],
  "CC-BY-4.0": ["Attribution"],
  "CC-BY-SA-4.0": ["Attribution", "ShareAlike"],
  "CC0-1.0": ["PublicDomain"],
  "EUPL-1.2": ["Attribution", "ShareAlike"],
  MIT: ["Attribution"],
  "Apache-2.0": ["Attribution"],
  "AGPL-3.0-only": ["Attribution", "ShareAlike"],
  "GPL-3.0-only": ["Attribution", "ShareAlike"],
};

/** A file format (EU file-type authority) and its IANA media type. */
type Format = { fileType: string; mediaType: string };
const formats = {
  json: { fileType: "JSON", mediaType: "application/json" },
  geojson: { fileType: "GEOJSON", mediaType: "application/geo+json" },
  csv: { fileType: "CSV", mediaType: "text/csv" },
  zip: { fileType: "ZIP", mediaType: "application/zip" },
  gpkg: { fileType: "GPKG", mediaType: "application/geopackage+sqlite3" },
  xml: { fileType: "XML", mediaType: "application/xml" },
  pdf: { fileType: "PDF", mediaType: "application/pdf" },
} satisfies Record<string, Format>;

/** The format of a data link, from its file extension; null when it does not say. */
export function formatOfUrl(url: string): Format | null {
  let pathname: string;
  try {
    pathname = new URL(url).pathname.toLowerCase();
  } catch {
    return null;
  }
  const extension = /\.([a-z0-9]+)$/.exec(pathname)?.[1];
  return extension && extension in formats ? formats[extension as keyof typeof formats] : null;
}

const literal = (value: string, language: Locale) => ({ "@value": value, "@language": language });
const dateTime = (date: Date) => ({ "@value": date.toISOString(), "@type": "xsd:dateTime" });
const ref = (id: string) => ({ "@id": id });
const typed = (id: string, type: string) => ({ "@id": id, "@type": type });
/** A concept of a controlled vocabulary, with its label there (English, and French where it has one). */
const concept = (id: string) => ({
  ...typed(id, "skos:Concept"),
  "skos:prefLabel": Object.entries(conceptLabels[id] ?? {}).map(([language, label]) => ({
    "@value": label,
    "@language": language,
  })),
});
const wkt = (value: string) => ({ "@value": value, "@type": "gsp:wktLiteral" });

/** Both languages of a catalogue string, French first. */
function bilingual(pick: (messages: ReturnType<typeof catalogue>) => string) {
  return [literal(pick(catalogue("fr")), "fr"), literal(pick(catalogue("en")), "en")];
}

function formatProperties({ fileType, mediaType }: Format) {
  return {
    "dct:format": typed(`${EU}/file-type/${fileType}`, "dct:MediaTypeOrExtent"),
    "dcat:mediaType": typed(`${IANA}/${mediaType}`, "dct:MediaType"),
  };
}

function licenceDocument(spdxId: string) {
  return {
    "@id": licenceUri(spdxId),
    "@type": "dct:LicenseDocument",
    "dct:identifier": spdxId,
    "dct:type": (licenceTypes[spdxId] ?? []).map((type) => concept(`${ADMS_LICENCE}/${type}`)),
  };
}

/** A vCard for whom to ask about a resource: a name and a web page. */
const contact = (page: string, name: string) => ({
  "@id": `${page}#contact`,
  "@type": ["vcard:Kind", "vcard:Organization"],
  "vcard:fn": name,
  "vcard:hasURL": ref(page),
});

function location(bbox: BBox, coverage: Coverage | null): RdfNode {
  const center = (coverage && centroidOf(coverage)) ?? [(bbox.minLon + bbox.maxLon) / 2, (bbox.minLat + bbox.maxLat) / 2];
  return {
    "@type": "dct:Location",
    "dcat:bbox": wkt(wktPolygon(bbox)),
    "dcat:centroid": wkt(`POINT(${center[0]} ${center[1]})`),
    ...(coverage
      ? {
          "locn:geometry": {
            "@type": "locn:Geometry",
            "gsp:asGeoJSON": { "@value": JSON.stringify(coverage), "@type": "gsp:geoJSONLiteral" },
          },
        }
      : {}),
  };
}

/** The area-weighted centroid of a (multi)polygon (holes subtract); null for a degenerate one. */
export function centroidOf(coverage: Coverage): [number, number] | null {
  const polygons = coverage.type === "Polygon" ? [coverage.coordinates] : coverage.coordinates;
  let area = 0;
  let x = 0;
  let y = 0;
  for (const rings of polygons) {
    rings.forEach((ring, index) => {
      let ringArea = 0;
      let cx = 0;
      let cy = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x0, y0] = ring[i]!;
        const [x1, y1] = ring[i + 1]!;
        const cross = x0! * y1! - x1! * y0!;
        ringArea += cross;
        cx += (x0! + x1!) * cross;
        cy += (y0! + y1!) * cross;
      }
      // The outer ring adds its area, holes take theirs away, whatever their winding.
      const weight = (index === 0 ? 1 : -1) * Math.sign(ringArea);
      area += (weight * ringArea) / 2;
      x += (weight * cx) / 6;
      y += (weight * cy) / 6;
    });
  }
  if (!Number.isFinite(area) || Math.abs(area) < 1e-12) return null;
  return [x / area, y / area];
}

export function wktPolygon({ minLon, minLat, maxLon, maxLat }: BBox): string {
  return `POLYGON((${minLon} ${minLat},${maxLon} ${minLat},${maxLon} ${maxLat},${minLon} ${maxLat},${minLon} ${minLat}))`;
}

const home = (appUrl: string) => absolute(appUrl, "/");
const serviceId = (appUrl: string) => `${absolute(appUrl, openDataPaths.ogc)}#service`;

/** The operator of the instance: the catalogue's and the OGC API's publisher. */
const operatorAgent = (appUrl: string, operator: string) => ({
  "@id": home(appUrl),
  "@type": "foaf:Agent",
  "foaf:name": operator,
});

function ogcService(appUrl: string, operator: string) {
  const endpoint = absolute(appUrl, openDataPaths.ogc);
  return {
    "@id": serviceId(appUrl),
    "@type": "dcat:DataService",
    "dct:title": bilingual((m) => m.opendata.ogc.title),
    "dcat:endpointURL": ref(endpoint),
    "dcat:endpointDescription": ref(`${endpoint}/conformance`),
    "dct:conformsTo": typed(OGC_FEATURES, "dct:Standard"),
    "dct:publisher": operatorAgent(appUrl, operator),
    "dcat:contactPoint": contact(home(appUrl), operator),
    "dcat:theme": concept(THEME),
    "dcat:keyword": ["OGC API – Features", "GeoJSON"],
    "dct:license": licenceDocument(CATALOGUE_LICENCE),
  };
}

export function datasetOf(appUrl: string, c: OpenCommons): RdfNode {
  const page = commonsPageUrl(appUrl, c.community.slug, c.slug);
  const licence = licenceDocument(c.licence);
  const description = c.description.trim() ? `${c.summary}\n\n${c.description.trim()}` : c.summary;
  const distribution = {
    "@type": "dcat:Distribution",
    "dct:license": licence,
    "dcatap:availability": concept(STABLE),
  };
  const distributions: RdfNode[] = [
    {
      "@id": `${page}#record`,
      ...distribution,
      "dct:title": bilingual((m) => m.opendata.dcat.recordDistribution),
      "dct:description": bilingual((m) => m.opendata.dcat.recordDistributionDescription),
      "dcat:accessURL": ref(absolute(appUrl, `/api/v1/commons/${encodeURIComponent(c.id)}`)),
      ...formatProperties(formats.json),
    },
  ];
  if (c.dataUrl) {
    const format = formatOfUrl(c.dataUrl);
    distributions.push({
      "@id": `${page}#data`,
      ...distribution,
      "dct:title": bilingual((m) => m.opendata.dcat.dataDistribution),
      "dct:description": bilingual((m) => m.opendata.dcat.dataDistributionDescription),
      "dcat:accessURL": ref(c.dataUrl),
      ...(format ? formatProperties(format) : {}),
    });
  }
  if (c.coverage) {
    distributions.push({
      "@id": `${page}#coverage`,
      ...distribution,
      "dct:title": bilingual((m) => m.opendata.dcat.coverageDistribution),
      "dct:description": bilingual((m) => m.opendata.dcat.coverageDistributionDescription),
      "dcat:accessURL": ref(absolute(appUrl, openDataPaths.ogcItem(c.id))),
      ...formatProperties(formats.geojson),
      // The service is described in the catalogue; here it gains the dataset it serves.
      "dcat:accessService": { "@id": serviceId(appUrl), "dcat:servesDataset": ref(page) },
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
    "dcat:theme": concept(THEME),
    "dct:publisher": { "@id": community, "@type": "foaf:Agent", "foaf:name": c.community.name },
    "dcat:contactPoint": contact(community, c.community.name),
    "dct:issued": dateTime(c.createdAt),
    "dct:modified": dateTime(c.updatedAt),
    "dcat:landingPage": typed(page, "foaf:Document"),
    ...(pages.length > 0 ? { "foaf:page": pages.map((url) => typed(url, "foaf:Document")) } : {}),
    ...(c.bbox ? { "dct:spatial": location(c.bbox, c.coverage) } : {}),
    "dcat:distribution": distributions,
  };
}

/** What the catalogue lists: public, visible commons (the catalogue scope for anonymous readers) once published. */
const listed: Prisma.CommonsWhereInput = { status: { in: ["PROPOSED", "ADOPTED", "ARCHIVED"] } };

type CatalogueFacts = { dates: { issued: Date; modified: Date } | null; bbox: BBox | null };

/** The catalogue's dates and spatial extent, over exactly the commons it lists. */
async function catalogueFacts(db: OpenDataContext["db"]): Promise<CatalogueFacts> {
  const { _min, _max } = await db.commons.aggregate({
    where: { AND: [commonsScope.where(null, { view: "catalogue" }), listed] },
    _min: { createdAt: true, minLon: true, minLat: true },
    _max: { updatedAt: true, maxLon: true, maxLat: true },
  });
  const { minLon, minLat } = _min;
  const { maxLon, maxLat } = _max;
  return {
    dates: _min.createdAt && _max.updatedAt ? { issued: _min.createdAt, modified: _max.updatedAt } : null,
    bbox: minLon === null || minLat === null || maxLon === null || maxLat === null ? null : { minLon, minLat, maxLon, maxLat },
  };
}

/** Everything of the catalogue but its datasets, which the stream writes in between. */
function catalogueHead(appUrl: string, operator: string, facts: CatalogueFacts): RdfNode {
  return {
    "@id": absolute(appUrl, openDataPaths.dcat),
    "@type": "dcat:Catalog",
    "dct:title": bilingual((m) => m.opendata.dcat.title),
    "dct:description": bilingual((m) => m.opendata.dcat.description),
    "dct:publisher": operatorAgent(appUrl, operator),
    "dcat:contactPoint": contact(home(appUrl), operator),
    "foaf:homepage": typed(home(appUrl), "foaf:Document"),
    "dct:language": [typed(languages.fr, "dct:LinguisticSystem"), typed(languages.en, "dct:LinguisticSystem")],
    "dct:license": licenceDocument(CATALOGUE_LICENCE),
    "dcat:themeTaxonomy": {
      ...typed(DATA_THEMES, "skos:ConceptScheme"),
      "dct:title": [
        { "@value": "Thème des données", "@language": "fr" },
        { "@value": "Data theme", "@language": "en" },
      ],
    },
    ...(facts.dates ? { "dct:issued": dateTime(facts.dates.issued), "dct:modified": dateTime(facts.dates.modified) } : {}),
    ...(facts.bbox ? { "dct:spatial": location(facts.bbox, null) } : {}),
    "dcat:service": [ogcService(appUrl, operator)],
  };
}

// ---------------------------------------------------------------- Formats and content negotiation

export type RdfFormat = "jsonld" | "turtle" | "rdfxml";

const mediaTypes: Record<RdfFormat, string> = {
  jsonld: "application/ld+json",
  turtle: "text/turtle",
  rdfxml: "application/rdf+xml",
};
/** Media types a client may ask for, and what each gets. */
const accepted: Record<string, RdfFormat> = {
  "application/ld+json": "jsonld",
  "application/json": "jsonld",
  "text/turtle": "turtle",
  "application/x-turtle": "turtle",
  "application/rdf+xml": "rdfxml",
  "application/xml": "rdfxml",
  "text/xml": "rdfxml",
};
/** The aliases' extensions (/api/catalogue/dcat.ttl, /api/catalogue/dcat.rdf). */
const byExtension: Record<string, RdfFormat> = { jsonld: "jsonld", ttl: "turtle", rdf: "rdfxml" };

/**
 * The format to serve: an alias's extension (.ttl, .rdf) decides; on dcat.jsonld, the Accept header
 * (RFC 9110 q-values; the best quality wins, ties go to the first listed), JSON-LD when it accepts
 * anything or is absent, and null when it accepts none of the three.
 */
export function negotiateFormat(pathname: string, accept: string | null): RdfFormat | null {
  const extension = /\.([a-z]+)$/.exec(pathname)?.[1];
  const fixed = extension ? byExtension[extension] : undefined;
  if (fixed && fixed !== "jsonld") return fixed;
  if (!accept || !accept.trim()) return "jsonld";
  let best: { format: RdfFormat; q: number } | null = null;
  for (const range of accept.split(",")) {
    const [type = "", ...params] = range.split(";").map((part) => part.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    const format = type === "*/*" || type === "application/*" || type === "text/html" ? "jsonld" : accepted[type];
    if (format && (!best || q > best.q)) best = { format, q };
  }
  return best?.format ?? null;
}

function encoderFor(format: RdfFormat, appUrl: string, head: RdfNode) {
  const catalogueId = head["@id"]!;
  switch (format) {
    case "jsonld": {
      const text = JSON.stringify({ "@context": context, ...head });
      return {
        // The head without its closing brace, then the datasets array, then the brace.
        head: `${text.slice(0, -1)},"dcat:dataset":[`,
        encode: (row: OpenCommons, index: number) => `${index === 0 ? "\n" : ",\n"}${JSON.stringify(datasetOf(appUrl, row))}`,
        tail: "\n]}\n",
      };
    }
    case "turtle":
      return {
        head: `${turtlePrefixes(context)}\n${turtleNode(head, context)}`,
        encode: (row: OpenCommons) => {
          const dataset = datasetOf(appUrl, row);
          return `\n${turtleIri(catalogueId)} dcat:dataset ${turtleIri(dataset["@id"]!)} .\n${turtleNode(dataset, context)}`;
        },
        tail: "",
      };
    case "rdfxml":
      return {
        head: `${rdfXmlOpen(context)}${rdfXmlNode(head, context)}`,
        encode: (row: OpenCommons) =>
          rdfXmlNode({ "@id": catalogueId, "dcat:dataset": datasetOf(appUrl, row) as RdfValue }, context),
        tail: RDF_XML_CLOSE,
      };
  }
}

export async function dcatCatalogue({ db, appUrl, operatorName, url, request }: OpenDataContext): Promise<Response> {
  const format = negotiateFormat(url.pathname, request.headers.get("accept"));
  if (!format) {
    throw new AppError("not_acceptable", "opendata.errors.notAcceptable", 406, {
      formats: Object.values(mediaTypes).join(", "),
    });
  }
  const head = catalogueHead(appUrl, operatorName, await catalogueFacts(db));
  const body = streamBatches(
    {
      fetch: (after, size) => commonsBatch(db, { viewer: null, after, size, where: listed }),
      keyOf: (row) => row.id,
      // Each dataset carries its coverage (up to 200 kB): small batches.
      size: 50,
    },
    encoderFor(format, appUrl, head),
  );
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": `${mediaTypes[format]}; charset=utf-8`,
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
      vary: "Accept",
    },
  });
}
