/** Stable public addresses of the open data, in one place (README "Open data" lists them). */
export const openDataPaths = {
  catalogueCsv: "/api/catalogue/commons.csv",
  catalogueJson: "/api/catalogue/commons.json",
  dcat: "/api/catalogue/dcat.jsonld",
  ogc: "/api/ogc",
  ledgerCsv: (commonsId: string) => `/api/commons/${encodeURIComponent(commonsId)}/contributions.csv`,
  ledgerJson: (commonsId: string) => `/api/commons/${encodeURIComponent(commonsId)}/contributions.json`,
  ogcItem: (commonsId: string) => `/api/ogc/collections/commons/items/${encodeURIComponent(commonsId)}`,
} as const;

const trim = (appUrl: string) => appUrl.replace(/\/+$/, "");

export function absolute(appUrl: string, path: string): string {
  return `${trim(appUrl)}${path}`;
}

/** The commons' page in the web application. */
export function commonsPageUrl(appUrl: string, communitySlug: string, commonsSlug: string): string {
  return `${trim(appUrl)}/communities/${encodeURIComponent(communitySlug)}/commons/${encodeURIComponent(commonsSlug)}`;
}

export function communityPageUrl(appUrl: string, communitySlug: string): string {
  return `${trim(appUrl)}/communities/${encodeURIComponent(communitySlug)}`;
}

/** The SPDX licence list's URI for an identifier (every licence of lib/commons/schemas.ts is listed by SPDX). */
export function licenceUri(spdxId: string): string {
  return `http://spdx.org/licenses/${encodeURIComponent(spdxId)}`;
}

/** Ids are cuids; anything else (a NUL character, a path) is not looked up: it cannot exist. */
export const isIdLike = (value: string) => /^[A-Za-z0-9_-]{1,60}$/.test(value);
