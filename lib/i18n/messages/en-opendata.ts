import type { Messages } from "./types";

export const enOpendata: Messages["opendata"] = {
  title: "Open data",
  links: {
    label: "Reuse this data",
    csv: "CSV export",
    csvBom: "CSV for spreadsheets (UTF-8 with BOM)",
    csvHint:
      "CSV exports are UTF-8 (RFC 4180, commas). If your spreadsheet (Excel, for instance) garbles accents, take the variant with a BOM: the same address followed by ?bom=1.",
    json: "JSON export",
    dcat: "DCAT-AP catalogue (JSON-LD, Turtle, RDF/XML)",
    ogc: "OGC API – Features",
    ledgerLabel: "Reuse this ledger",
  },
  errors: {
    bom: "The bom parameter is 1 (CSV starting with a UTF-8 BOM) or 0 (no BOM).",
    notAcceptable: "This catalogue is served as {formats}. Ask for one of these formats in the Accept header.",
    bboxFormat:
      "The bbox parameter takes exactly four comma-separated numbers: min longitude, min latitude, max longitude, max latitude.",
    bboxRange: "In bbox, longitudes range from −180 to 180 and latitudes from −90 to 90 (WGS 84, in degrees).",
    bboxOrder: "In bbox, each minimum must be less than or equal to its maximum (longitude, then latitude).",
    parameterUnknown: "Unknown parameter: “{name}”.",
    formatUnsupported: "Unsupported format: use f=json.",
    limitInvalid: "The limit is a whole number, 1 or more.",
    offsetInvalid: "The offset is a whole number, 0 or more.",
    crsUnsupported:
      "Unsupported coordinate reference system: give the URI of one of those the collection lists in crs (CRS84, EPSG 4326, 4171 RGF93, 2154 Lambert-93, 3857 Web Mercator).",
    kindUnknown: "Unknown kind of commons: DATASET, SOFTWARE, SERVICE_API, MAP, SPECIFICATION or OTHER.",
    licenceUnknown:
      "Unknown licence: use an SPDX identifier from the list (etalab-2.0, ODbL-1.0, CC-BY-4.0, CC-BY-SA-4.0, CC0-1.0, EUPL-1.2, MIT, Apache-2.0, AGPL-3.0-only, GPL-3.0-only).",
    statusUnknown: "Unknown status: DRAFT, PROPOSED, ADOPTED, REJECTED or ARCHIVED.",
    actorKindUnknown: "Unknown kind of actor: PUBLIC, PRIVATE, RESEARCH or CIVIL_SOCIETY.",
    sortUnknown: "Unknown sort: recent, relevance or title.",
    communityUnknown: "No community has this identifier.",
    datetimeInvalid:
      "The datetime parameter takes an RFC 3339 date (2025-03-01 or 2025-03-01T12:00:00Z) or a start/end interval whose open end is written “..”, the start before the end.",
    queryTooLong: "The search must not exceed 200 characters.",
  },
  kinds: {
    DATASET: "dataset",
    SOFTWARE: "software",
    SERVICE_API: "service or API",
    MAP: "map",
    SPECIFICATION: "specification or documentation",
    OTHER: "other",
  },
  ogc: {
    title: "Géocommuns – OGC API Features",
    description: "The areas covered by the commons of public communities, as GeoJSON (WGS 84).",
    landingLink: "This document",
    serviceLink: "API definition (OpenAPI 3.0)",
    badRequest: "Invalid parameter (a JSON problem naming the parameter)",
    notFound: "Not found",
    conformanceLink: "Conformance classes",
    collectionsLink: "Collections",
    collectionTitle: "Commons",
    collectionDescription:
      "The geographic area covered by each visible commons of public communities, with its title, kind, licence and community.",
    itemsLink: "The commons",
    nextLink: "Next page",
    prevLink: "Previous page",
    queryablesLink: "Queryable attributes",
    queryablesDescription: "The attributes of commons to filter on, each as a query parameter.",
  },
  dcat: {
    title: "Catalogue of geographic commons",
    description: "The geographic digital commons of Géocommuns' public communities (DCAT-AP).",
    link: "The DCAT-AP catalogue",
    dataDistribution: "The commons' data",
    coverageDistribution: "Covered area (GeoJSON, OGC API Features)",
    dataDistributionDescription: "The commons' data, at the address its stewards gave.",
    coverageDistributionDescription:
      "The area the commons covers, in GeoJSON (RFC 7946), served by the platform's OGC API – Features.",
    recordDistribution: "Record of the commons (JSON)",
    recordDistributionDescription:
      "The commons' record (title, description, licence, status, links) from the platform's JSON API v1.",
  },
};
