/**
 * OGC API – Features (Part 1: Core, GeoJSON, OpenAPI 3.0) over the coverages of commons, at /api/ogc:
 * landing page, API definition (/api/ogc/api), conformance, collections, one collection `commons`, its items (GeoJSON FeatureCollection with
 * `bbox`, `limit`, `offset` and next/prev links) and each item. Anonymous reader only: public
 * communities' visible commons that have a coverage. Coordinates are WGS 84 longitude/latitude
 * (CRS84, the storage CRS) unless `crs` asks for another (Part 2, lib/opendata/crs.ts). Bad parameters are 400 problems (never 500); unknown paths 404.
 * A plain (Request) => Response function: the Next.js route and the GDAL test serve the same code.
 */
import { AppError } from "@/lib/core/errors";
import { createTranslator, type Locale } from "@/lib/i18n/core";
import { NotFoundError } from "@/lib/policy/can";
import { bboxArray, bboxNumbers, coverageIntersectsBbox, parseBbox } from "@/lib/commons/bbox";
import type { Coverage, MultiPolygon } from "@/lib/commons/geometry";
import { commonsKinds, commonsStatuses, licences } from "@/lib/commons/schemas";
import { actorKinds } from "@/lib/users/schemas";
import { parseDatetime } from "./datetime";
import { CRS84, crsByUri, envelope, projectedBoxEnvelope, supportedCrs, transformCoverage, type Crs } from "./crs";
import { openDataHandler, type OpenDataContext, type OpenDataDeps } from "@/lib/api/open-data-http";
import { htmlUrl } from "./ogc-html";
import { absolute, commonsPageUrl, isIdLike, openDataPaths } from "@/lib/commons/links";
import { coverageById, coverageExtent, coveragePage, type CoverageFilter, type OpenCommons } from "./queries";
import { collectionHtml, collectionsHtml, conformanceHtml, itemHtml, itemsHtml, landingHtml, type HtmlContext } from "./ogc-html";

export { CRS84 };
export const OGC_LIMIT_DEFAULT = 10;
/** Larger limits are served as this many (the standard: not an error). */
export const OGC_LIMIT_MAX = 1000;
const OFFSET_MAX = 10_000_000;
export const COLLECTION_ID = "commons";

export const conformanceClasses = [
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
  "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
  "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
  "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
] as const;

const OPENAPI_TYPE = "application/vnd.oai.openapi+json;version=3.0";

const JSON_TYPE = "application/json";
const HTML_TYPE = "text/html";
const SCHEMA_TYPE = "application/schema+json";
const QUERYABLES_REL = "http://www.opengis.net/def/rel/ogc/1.0/queryables";

/** Every feature's geometry is a MultiPolygon (a Polygon coverage is served as one of one), as declared in the queryables. */
export const GEOMETRY_TYPE = "MultiPolygon";
export const toMultiPolygon = (coverage: Coverage): MultiPolygon =>
  coverage.type === "MultiPolygon" ? coverage : { type: "MultiPolygon", coordinates: [coverage.coordinates] };

/** Query parameters filtering on the catalogue's attributes: name → allowed values and error key. */
const attributeFilters = {
  kind: { values: commonsKinds as readonly string[], error: "opendata.errors.kindUnknown" },
  licence: { values: licences as readonly string[], error: "opendata.errors.licenceUnknown" },
  status: { values: commonsStatuses as readonly string[], error: "opendata.errors.statusUnknown" },
  stewardKind: { values: actorKinds as readonly string[], error: "opendata.errors.actorKindUnknown" },
} as const;
const GEOJSON_TYPE = "application/geo+json";

/** Query parameters each resource accepts; anything else is a 400 (/req/core/query-param-unknown). */
const allowed = {
  landing: ["f"],
  items: ["f", "bbox", "bbox-crs", "crs", "limit", "offset", "datetime", "kind", "licence", "status", "community", "stewardKind"],
  item: ["f", "crs"],
} as const;

class OgcParameterError extends AppError {
  constructor(field: string, messageKey: string, values?: Record<string, string | number>) {
    super("invalid_parameter", messageKey, 400, values, field);
  }
}

function checkParameters(url: URL, names: readonly string[], formats: readonly string[]) {
  for (const name of url.searchParams.keys()) {
    if (!names.includes(name)) throw new OgcParameterError(name, "opendata.errors.parameterUnknown", { name });
  }
  const f = url.searchParams.get("f");
  if (f !== null && !formats.includes(f)) throw new OgcParameterError("f", "opendata.errors.formatUnsupported");
}

function integerParameter(url: URL, name: string, { min, fallback }: { min: number; fallback: number }): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const key = name === "limit" ? "opendata.errors.limitInvalid" : "opendata.errors.offsetInvalid";
  if (!/^\d{1,9}$/.test(raw.trim())) throw new OgcParameterError(name, key);
  const value = Number(raw.trim());
  if (value < min || (name === "offset" && value > OFFSET_MAX)) throw new OgcParameterError(name, key);
  return value;
}

const json = (body: unknown, contentType = JSON_TYPE, status = 200, crs?: Crs) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      ...(crs ? { "content-crs": `<${crs.uri}>` } : {}),
      "content-type": contentType,
      "cache-control": "public, max-age=60",
      "access-control-allow-origin": "*",
      vary: "Accept, Accept-Language",
    },
  });

type Link = { href: string; rel: string; type: string; title?: string };

function landingPage(base: string, t: ReturnType<typeof createTranslator>) {
  const links: Link[] = [
    { href: `${base}?f=json`, rel: "self", type: JSON_TYPE, title: t("opendata.ogc.landingLink") },
    { href: `${base}?f=html`, rel: "alternate", type: HTML_TYPE, title: t("opendata.ogcHtml.asHtml") },
    { href: `${base}/api`, rel: "service-desc", type: OPENAPI_TYPE, title: t("opendata.ogc.serviceLink") },
    { href: `${base}/conformance?f=json`, rel: "conformance", type: JSON_TYPE, title: t("opendata.ogc.conformanceLink") },
    { href: `${base}/collections?f=json`, rel: "data", type: JSON_TYPE, title: t("opendata.ogc.collectionsLink") },
  ];
  return { title: t("opendata.ogc.title"), description: t("opendata.ogc.description"), links };
}

async function collection(context: OpenDataContext, base: string, t: ReturnType<typeof createTranslator>) {
  const extent = await coverageExtent(context.db);
  const collectionUrl = `${base}/collections/${COLLECTION_ID}`;
  return {
    id: COLLECTION_ID,
    title: t("opendata.ogc.collectionTitle"),
    description: t("opendata.ogc.collectionDescription"),
    itemType: "feature",
    extent: {
      spatial: { bbox: [extent ? bboxArray(extent.bbox) : [-180, -90, 180, 90]], crs: CRS84 },
      // The temporal property `datetime` filters on: each commons' last update.
      temporal: {
        interval: [[extent ? extent.updated.start.toISOString() : null, extent ? extent.updated.end.toISOString() : null]],
        trs: "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
      },
    },
    crs: supportedCrs.map((c) => c.uri),
    storageCrs: CRS84,
    links: [
      { href: `${collectionUrl}?f=json`, rel: "self", type: JSON_TYPE, title: t("opendata.ogc.collectionTitle") },
      { href: `${collectionUrl}?f=html`, rel: "alternate", type: HTML_TYPE, title: t("opendata.ogcHtml.asHtml") },
      { href: `${collectionUrl}/items?f=json`, rel: "items", type: GEOJSON_TYPE, title: t("opendata.ogc.itemsLink") },
      { href: `${collectionUrl}/queryables`, rel: QUERYABLES_REL, type: SCHEMA_TYPE, title: t("opendata.ogc.queryablesLink") },
      {
        href: absolute(context.appUrl, openDataPaths.dcat),
        rel: "describedby",
        type: "application/ld+json",
        title: t("opendata.dcat.link"),
      },
    ] satisfies Link[],
  };
}

/**
 * The queryables (Part 3, a JSON Schema): the attributes a client may filter on, each also a query
 * parameter of the items (Part 1's /rec/core/fc-filters), the geometry's type, and the temporal
 * property `datetime` filters on: the commons' last update.
 */
function queryables(base: string, t: ReturnType<typeof createTranslator>) {
  const url = `${base}/collections/${COLLECTION_ID}/queryables`;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: url,
    type: "object",
    title: t("opendata.ogc.collectionTitle"),
    description: t("opendata.ogc.queryablesDescription"),
    properties: {
      geometry: { title: "geometry", format: "geometry-multipolygon", "x-ogc-role": "primary-geometry" },
      updatedAt: { title: "updatedAt", type: "string", format: "date-time", "x-ogc-role": "primary-instant" },
      kind: { title: "kind", type: "string", enum: [...commonsKinds] },
      licence: { title: "licence", type: "string", enum: [...licences] },
      status: { title: "status", type: "string", enum: [...commonsStatuses] },
      community: { title: "community", type: "string" },
      stewardKind: { title: "stewardKind", type: "string", enum: [...actorKinds] },
    },
    additionalProperties: false,
  };
}

function feature(appUrl: string, base: string, c: OpenCommons, crs: Crs, t: ReturnType<typeof createTranslator>) {
  const geometry = c.coverage ? transformCoverage(toMultiPolygon(c.coverage), crs) : null;
  return {
    type: "Feature",
    id: c.id,
    geometry,
    bbox: crs.kind === "crs84" ? (c.bbox ? bboxArray(c.bbox) : undefined) : geometry ? envelope(geometry) : undefined,
    properties: {
      title: c.title,
      summary: c.summary,
      kind: c.kind,
      licence: c.licence,
      status: c.status,
      community: c.community.slug,
      communityName: c.community.name,
      url: commonsPageUrl(appUrl, c.community.slug, c.slug),
      dataUrl: c.dataUrl,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    },
    links: [
      {
        href: `${base}/collections/${COLLECTION_ID}/items/${encodeURIComponent(c.id)}?f=json${crs.kind === "crs84" ? "" : `&crs=${encodeURIComponent(crs.uri)}`}`,
        rel: "self",
        type: GEOJSON_TYPE,
      },
      { href: `${base}/collections/${COLLECTION_ID}?f=json`, rel: "collection", type: JSON_TYPE },
      { href: commonsPageUrl(appUrl, c.community.slug, c.slug), rel: "alternate", type: "text/html" },
      {
        href: `${base}/collections/${COLLECTION_ID}/items/${encodeURIComponent(c.id)}?f=html${crs.kind === "crs84" ? "" : `&crs=${encodeURIComponent(crs.uri)}`}`,
        rel: "alternate",
        type: HTML_TYPE,
        title: t("opendata.ogcHtml.asHtml"),
      },
    ],
  };
}

/** A `crs` or `bbox-crs` parameter: one of the collection's CRS URIs (default CRS84). */
function crsParameter(url: URL, name: "crs" | "bbox-crs"): Crs {
  const raw = url.searchParams.get(name);
  if (raw === null) return supportedCrs[0]!;
  const crs = crsByUri(raw.trim());
  if (!crs) throw new OgcParameterError(name, "opendata.errors.crsUnsupported");
  return crs;
}

/**
 * The bbox in `crs`: CRS84 and the latitude-first geographic systems become a CRS84 box (a west > east
 * one crosses the antimeridian); a projected box keeps its own exact test (coverages projected into
 * its CRS) and a CRS84 envelope for the SQL prefilter.
 */
function bboxFilter(raw: string, crs: Crs): CoverageFilter {
  if (crs.kind !== "projected") {
    let lonLat = raw;
    if (crs.kind === "latlon") {
      const numbers = bboxNumbers(raw, { allowHeights: true });
      if (!numbers.ok) throw new OgcParameterError("bbox", numbers.error);
      const [minLat, minLon, maxLat, maxLon] = numbers.numbers;
      lonLat = [minLon, minLat, maxLon, maxLat].join(",");
    }
    const parsed = parseBbox(lonLat, { allowHeights: true, allowAntimeridian: true });
    if (!parsed.ok) throw new OgcParameterError("bbox", parsed.error);
    return { bbox: parsed.bbox };
  }
  const numbers = bboxNumbers(raw, { allowHeights: true });
  if (!numbers.ok) throw new OgcParameterError("bbox", numbers.error);
  const [minX, minY, maxX, maxY] = numbers.numbers;
  if (minX > maxX || minY > maxY) throw new OgcParameterError("bbox", "opendata.errors.bboxOrder");
  const box = { minLon: minX, minLat: minY, maxLon: maxX, maxLat: maxY };
  const prefilter = projectedBoxEnvelope(box, crs);
  if (!prefilter) throw new OgcParameterError("bbox", "opendata.errors.bboxRange");
  return { bbox: prefilter, intersects: (coverage) => coverageIntersectsBbox(transformCoverage(coverage, crs), box) };
}

async function items(context: OpenDataContext, base: string, t: ReturnType<typeof createTranslator>) {
  const { url } = context;
  const crs = crsParameter(url, "crs");
  const bboxCrs = crsParameter(url, "bbox-crs");
  const rawBbox = url.searchParams.get("bbox");
  const filter: CoverageFilter = rawBbox === null ? {} : bboxFilter(rawBbox, bboxCrs);
  const rawDatetime = url.searchParams.get("datetime");
  if (rawDatetime !== null) {
    const interval = parseDatetime(rawDatetime);
    if (!interval) throw new OgcParameterError("datetime", "opendata.errors.datetimeInvalid");
    filter.updated = interval;
  }
  for (const [name, { values, error }] of Object.entries(attributeFilters)) {
    const raw = url.searchParams.get(name);
    if (raw === null) continue;
    if (!values.includes(raw)) throw new OgcParameterError(name, error);
    Object.assign(filter, { [name]: raw });
  }
  const community = url.searchParams.get("community");
  if (community !== null) filter.community = community;
  const limit = Math.min(integerParameter(url, "limit", { min: 1, fallback: OGC_LIMIT_DEFAULT }), OGC_LIMIT_MAX);
  const offset = integerParameter(url, "offset", { min: 0, fallback: 0 });
  const { items: rows, matched } = await coveragePage(context.db, { ...filter, limit, offset });

  const itemsUrl = `${base}/collections/${COLLECTION_ID}/items`;
  const pageUrl = (pageOffset: number) => {
    const query = new URLSearchParams({ f: "json" });
    for (const name of ["bbox", "bbox-crs", "crs", "datetime", "kind", "licence", "status", "community", "stewardKind"]) {
      const value = url.searchParams.get(name);
      if (value !== null) query.set(name, value);
    }
    query.set("limit", String(limit));
    if (pageOffset > 0) query.set("offset", String(pageOffset));
    return `${itemsUrl}?${query.toString()}`;
  };
  const links: Link[] = [
    { href: pageUrl(offset), rel: "self", type: GEOJSON_TYPE, title: t("opendata.ogc.itemsLink") },
    { href: htmlUrl(pageUrl(offset)), rel: "alternate", type: HTML_TYPE, title: t("opendata.ogcHtml.asHtml") },
    { href: `${base}/collections/${COLLECTION_ID}?f=json`, rel: "collection", type: JSON_TYPE },
  ];
  if (offset + rows.length < matched) {
    links.push({ href: pageUrl(offset + limit), rel: "next", type: GEOJSON_TYPE, title: t("opendata.ogc.nextLink") });
  }
  if (offset > 0) {
    links.push({
      href: pageUrl(Math.max(0, offset - limit)),
      rel: "prev",
      type: GEOJSON_TYPE,
      title: t("opendata.ogc.prevLink"),
    });
  }
  return {
    type: "FeatureCollection",
    features: rows.map((row) => feature(context.appUrl, base, row, crs, t)),
    numberMatched: matched,
    numberReturned: rows.length,
    timeStamp: new Date().toISOString(),
    links,
  };
}

/** The API definition (OpenAPI 3.0, as the oas30 conformance class asks): these paths and parameters. */
function apiDefinition(base: string, t: ReturnType<typeof createTranslator>) {
  // Each document also as an HTML page (f=html, or Accept: text/html), but the API definition and the queryables.
  const json = (description: string, type = JSON_TYPE, html = true) => ({
    description,
    content: {
      [type]: { schema: { type: "object" } },
      ...(html ? { [HTML_TYPE]: { schema: { type: "string" } } } : {}),
    },
  });
  const problem = {
    description: t("opendata.ogc.badRequest"),
    content: { "application/problem+json": { schema: { type: "object" } } },
  };
  const notFound = {
    description: t("opendata.ogc.notFound"),
    content: { "application/problem+json": { schema: { type: "object" } } },
  };
  const f = { name: "f", in: "query", required: false, schema: { type: "string", enum: ["json", "html"] } };
  const jsonOnly = { name: "f", in: "query", required: false, schema: { type: "string", enum: ["json"] } };
  const crsQuery = {
    name: "crs",
    in: "query",
    required: false,
    schema: { type: "string", format: "uri", enum: supportedCrs.map((c) => c.uri), default: CRS84 },
  };
  const get = (operationId: string, summary: string, responses: Record<string, unknown>, parameters: unknown[] = [f]) => ({
    get: { operationId, summary, parameters, responses },
  });
  return {
    openapi: "3.0.3",
    info: {
      title: t("opendata.ogc.title"),
      description: t("opendata.ogc.description"),
      version: "1.0.0",
      // The API's description; each commons' data carries its own licence (its `licence` property).
      license: { name: "Licence Ouverte / Open Licence 2.0", url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" },
    },
    servers: [{ url: base }],
    // Anonymous reading only: no credentials asked for or looked at.
    security: [],
    paths: {
      "/": get("getLandingPage", t("opendata.ogc.landingLink"), { 200: json(t("opendata.ogc.landingLink")), 400: problem }),
      "/conformance": get("getConformance", t("opendata.ogc.conformanceLink"), {
        200: json(t("opendata.ogc.conformanceLink")),
        400: problem,
      }),
      "/collections": get("getCollections", t("opendata.ogc.collectionsLink"), {
        200: json(t("opendata.ogc.collectionsLink")),
        400: problem,
      }),
      [`/collections/${COLLECTION_ID}`]: get("describeCommonsCollection", t("opendata.ogc.collectionTitle"), {
        200: json(t("opendata.ogc.collectionTitle")),
        400: problem,
      }),
      [`/collections/${COLLECTION_ID}/items`]: get(
        "getCommonsFeatures",
        t("opendata.ogc.itemsLink"),
        { 200: json(t("opendata.ogc.itemsLink"), GEOJSON_TYPE), 400: problem },
        [
          { ...f, schema: { type: "string", enum: ["json", "geojson", "html"] } },
          {
            name: "bbox",
            in: "query",
            required: false,
            style: "form",
            explode: false,
            schema: { type: "array", minItems: 4, maxItems: 6, items: { type: "number" } },
          },
          {
            name: "bbox-crs",
            in: "query",
            required: false,
            schema: { type: "string", format: "uri", enum: supportedCrs.map((c) => c.uri), default: CRS84 },
          },
          crsQuery,
          {
            name: "limit",
            in: "query",
            required: false,
            schema: { type: "integer", minimum: 1, maximum: OGC_LIMIT_MAX, default: OGC_LIMIT_DEFAULT },
          },
          { name: "offset", in: "query", required: false, schema: { type: "integer", minimum: 0, default: 0 } },
          {
            name: "datetime",
            in: "query",
            required: false,
            description:
              "RFC 3339 date-time or interval (`start/end`, `..` for an open end) on the commons' last update (`updatedAt`)",
            schema: { type: "string" },
          },
          { name: "kind", in: "query", required: false, schema: { type: "string", enum: [...commonsKinds] } },
          { name: "licence", in: "query", required: false, schema: { type: "string", enum: [...licences] } },
          { name: "status", in: "query", required: false, schema: { type: "string", enum: [...commonsStatuses] } },
          { name: "community", in: "query", required: false, description: "A community's slug", schema: { type: "string" } },
          {
            name: "stewardKind",
            in: "query",
            required: false,
            description: "A kind of actor among the stewards",
            schema: { type: "string", enum: [...actorKinds] },
          },
        ],
      ),
      [`/collections/${COLLECTION_ID}/queryables`]: get(
        "getCommonsQueryables",
        t("opendata.ogc.queryablesLink"),
        { 200: json(t("opendata.ogc.queryablesLink"), SCHEMA_TYPE, false), 400: problem },
        [jsonOnly],
      ),
      [`/collections/${COLLECTION_ID}/items/{featureId}`]: get(
        "getCommonsFeature",
        t("opendata.ogc.collectionTitle"),
        { 200: json(t("opendata.ogc.collectionTitle"), GEOJSON_TYPE), 400: problem, 404: notFound },
        [
          { ...f, schema: { type: "string", enum: ["json", "geojson", "html"] } },
          { name: "featureId", in: "path", required: true, schema: { type: "string" } },
          crsQuery,
        ],
      ),
    },
  };
}

/** Quality values of an Accept header's media ranges (q=1 when not given). */
function acceptQualities(accept: string): Map<string, number> {
  const qualities = new Map<string, number>();
  for (const part of accept.split(",")) {
    const [range, ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    if (!range) continue;
    const q = params.find((param) => param.startsWith("q="));
    const value = q ? Number(q.slice(2)) : 1;
    qualities.set(range, Math.max(qualities.get(range) ?? 0, Number.isFinite(value) ? value : 0));
  }
  return qualities;
}

/**
 * HTML or JSON: `f` decides when given (json, geojson, html); otherwise the Accept header, HTML only
 * when it names text/html (or XHTML) above every JSON type, as browsers do. GIS clients, which ask
 * for JSON or anything, get JSON.
 */
function wantsHtml({ url, request }: OpenDataContext): boolean {
  const f = url.searchParams.get("f");
  if (f !== null) return f === "html";
  const qualities = acceptQualities(request.headers.get("accept") ?? "");
  const of = (...types: string[]) => Math.max(0, ...types.map((type) => qualities.get(type) ?? 0));
  const html = of("text/html", "application/xhtml+xml");
  const jsonQ = of(JSON_TYPE, GEOJSON_TYPE, SCHEMA_TYPE, "application/vnd.oai.openapi+json");
  return html > 0 && html > jsonQ;
}

async function route(context: OpenDataContext): Promise<Response> {
  const t = createTranslator(context.locale as Locale);
  const base = absolute(context.appUrl, openDataPaths.ogc);
  const path = context.url.pathname.replace(/\/+$/, "");
  const prefix = openDataPaths.ogc;
  if (path !== prefix && !path.startsWith(`${prefix}/`)) throw new NotFoundError();
  let segments: string[];
  try {
    segments = path.slice(prefix.length).split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new NotFoundError(); // malformed percent-encoding: no such resource
  }
  const [first, second, third, fourth, ...rest] = segments;
  if (rest.length > 0) throw new NotFoundError();

  const html = wantsHtml(context);
  const htmlContext: HtmlContext = { t, locale: context.locale as Locale, appUrl: context.appUrl, base };
  if (first === undefined) {
    checkParameters(context.url, allowed.landing, ["json", "html"]);
    const landing = landingPage(base, t);
    return html ? landingHtml(htmlContext, landing) : json(landing);
  }
  if (first === "api" && second === undefined) {
    checkParameters(context.url, allowed.landing, ["json"]);
    return json(apiDefinition(base, t), OPENAPI_TYPE);
  }
  if (first === "conformance" && second === undefined) {
    checkParameters(context.url, allowed.landing, ["json", "html"]);
    return html ? conformanceHtml(htmlContext, conformanceClasses) : json({ conformsTo: conformanceClasses });
  }
  if (first !== "collections") throw new NotFoundError();
  if (second === undefined) {
    checkParameters(context.url, allowed.landing, ["json", "html"]);
    const doc = {
      links: [
        { href: `${base}/collections?f=json`, rel: "self", type: JSON_TYPE },
        { href: `${base}/collections?f=html`, rel: "alternate", type: HTML_TYPE, title: t("opendata.ogcHtml.asHtml") },
      ],
      collections: [await collection(context, base, t)],
    };
    return html ? collectionsHtml(htmlContext, doc) : json(doc);
  }
  if (second !== COLLECTION_ID) throw new NotFoundError();
  if (third === undefined) {
    checkParameters(context.url, allowed.landing, ["json", "html"]);
    const doc = await collection(context, base, t);
    return html ? collectionHtml(htmlContext, doc) : json(doc);
  }
  if (third === "queryables" && fourth === undefined) {
    checkParameters(context.url, allowed.landing, ["json"]);
    return json(queryables(base, t), SCHEMA_TYPE);
  }
  if (third !== "items") throw new NotFoundError();
  if (fourth === undefined) {
    checkParameters(context.url, allowed.items, ["json", "geojson", "html"]);
    const crs = crsParameter(context.url, "crs");
    const doc = await items(context, base, t);
    if (html) {
      const offset = integerParameter(context.url, "offset", { min: 0, fallback: 0 });
      return itemsHtml(htmlContext, doc, { offset, crs84: crs.kind === "crs84" });
    }
    return json(doc, GEOJSON_TYPE, 200, crs);
  }
  checkParameters(context.url, allowed.item, ["json", "geojson", "html"]);
  const found = isIdLike(fourth) ? await coverageById(context.db, fourth) : null;
  if (!found) throw new NotFoundError();
  const crs = crsParameter(context.url, "crs");
  const item = feature(context.appUrl, base, found, crs, t);
  if (html) return itemHtml(htmlContext, item, { crs84: crs.kind === "crs84" });
  return json(item, GEOJSON_TYPE, 200, crs);
}

/** The whole OGC API as one handler; `deps` for tests, else the process's database and APP_URL. */
export function ogcHandler(deps?: () => OpenDataDeps) {
  return openDataHandler(route, { anonymous: true, ...(deps ? { deps } : {}) });
}
