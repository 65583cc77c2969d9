/**
 * The HTML encoding of the OGC API – Features resources (Part 1's `html` conformance class): the
 * landing page, the collections, the collection, its items and each item as plain semantic HTML
 * pages, built from the very documents the JSON encoding serves (so both say the same), with the
 * links between them, paging, a link to the catalogue's map, and the JSON alternates. Every value
 * from the database is escaped; the page has no script.
 */
import type { createTranslator, Locale } from "@/lib/i18n/core";
import { absolute } from "@/lib/commons/links";

type T = ReturnType<typeof createTranslator>;
type Link = { href: string; rel: string; type: string; title?: string };
export type HtmlContext = { t: T; locale: Locale; appUrl: string; base: string };

const HTML_TYPE = "text/html; charset=utf-8";

/** Text for HTML content and attribute values; control characters (other than tab and line breaks) dropped. */
export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The same URL asking for HTML: `f=json`/`f=geojson` replaced by `f=html`. */
export function htmlUrl(href: string): string {
  const url = new URL(href);
  url.searchParams.set("f", "html");
  return url.toString();
}

const STYLE = `
body{font-family:Marianne,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#161616;line-height:1.5}
header,main,footer{max-width:72rem;margin:0 auto;padding:1rem 1.5rem}
header{border-bottom:1px solid #ddd}
a{color:#000091}
nav ol{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.5rem}
nav li+li::before{content:"›";margin-right:.5rem}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:bold;padding:.5rem 0}
th,td{border-bottom:1px solid #ddd;padding:.5rem;text-align:left;vertical-align:top}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:bold}
dd{margin:0}
footer{border-top:1px solid #ddd;font-size:.875rem}
`;

function page(
  ctx: HtmlContext,
  { title, crumbs, json, body }: { title: string; crumbs: { href?: string; label: string }[]; json: Link[]; body: string },
): Response {
  const { t } = ctx;
  const alternates = json
    .map((link) => `<link rel="alternate" type="${escapeHtml(link.type)}" href="${escapeHtml(link.href)}">`)
    .join("");
  const trail = crumbs
    .map((crumb, i) =>
      crumb.href && i < crumbs.length - 1
        ? `<li><a href="${escapeHtml(crumb.href)}">${escapeHtml(crumb.label)}</a></li>`
        : `<li><span aria-current="page">${escapeHtml(crumb.label)}</span></li>`,
    )
    .join("");
  const formats = json
    .map((link) => `<li><a href="${escapeHtml(link.href)}" type="${escapeHtml(link.type)}">${escapeHtml(link.type)}</a></li>`)
    .join("");
  const html = `<!DOCTYPE html>
<html lang="${ctx.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – ${escapeHtml(t("opendata.ogc.title"))}</title>
${alternates}
<style>${STYLE}</style>
</head>
<body>
<header>
<p><a href="${escapeHtml(absolute(ctx.appUrl, "/"))}">Géocommuns</a> · ${escapeHtml(t("opendata.ogc.title"))}</p>
<nav aria-label="${escapeHtml(t("opendata.ogcHtml.breadcrumb"))}"><ol>${trail}</ol></nav>
</header>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
<footer>
<p>${escapeHtml(t("opendata.ogcHtml.otherFormats"))}</p>
<ul>${formats}</ul>
</footer>
</body>
</html>
`;
  return new Response(html, {
    status: 200,
    headers: {
      "content-type": HTML_TYPE,
      "cache-control": "public, max-age=60",
      vary: "Accept, Accept-Language",
      "x-content-type-options": "nosniff",
    },
  });
}

const crumbsTo = (ctx: HtmlContext, depth: 0 | 1 | 2 | 3 | 4, last?: string) => {
  const { t, base } = ctx;
  const all = [
    { href: `${base}?f=html`, label: t("opendata.ogc.title") },
    { href: `${base}/collections?f=html`, label: t("opendata.ogc.collectionsLink") },
    { href: `${base}/collections/commons?f=html`, label: t("opendata.ogc.collectionTitle") },
    { href: `${base}/collections/commons/items?f=html`, label: t("opendata.ogc.itemsLink") },
  ];
  const trail = all.slice(0, depth);
  return last ? [...trail, { label: last }] : trail;
};

const jsonLinks = (links: Link[]) => links.filter((link) => link.rel === "self" || link.rel === "service-desc");

export function landingHtml(ctx: HtmlContext, doc: { title: string; description: string; links: Link[] }): Response {
  const { t, base } = ctx;
  const list = [
    { href: `${base}/collections?f=html`, label: t("opendata.ogc.collectionsLink") },
    { href: `${base}/conformance?f=html`, label: t("opendata.ogc.conformanceLink") },
    { href: `${base}/api`, label: t("opendata.ogc.serviceLink") },
    { href: absolute(ctx.appUrl, "/catalogue?view=map"), label: t("opendata.ogcHtml.map") },
  ]
    .map((item) => `<li><a href="${escapeHtml(item.href)}">${escapeHtml(item.label)}</a></li>`)
    .join("");
  return page(ctx, {
    title: doc.title,
    crumbs: crumbsTo(ctx, 0, doc.title),
    json: jsonLinks(doc.links),
    body: `<p>${escapeHtml(doc.description)}</p><ul>${list}</ul>`,
  });
}

export function conformanceHtml(ctx: HtmlContext, classes: readonly string[]): Response {
  const { t, base } = ctx;
  const items = classes.map((uri) => `<li><a href="${escapeHtml(uri)}">${escapeHtml(uri)}</a></li>`).join("");
  return page(ctx, {
    title: t("opendata.ogc.conformanceLink"),
    crumbs: crumbsTo(ctx, 1, t("opendata.ogc.conformanceLink")),
    json: [{ href: `${base}/conformance?f=json`, rel: "self", type: "application/json" }],
    body: `<ul>${items}</ul>`,
  });
}

type CollectionDoc = {
  id: string;
  title: string;
  description: string;
  extent: { spatial: { bbox: number[][] }; temporal: { interval: (string | null)[][] } };
  crs: string[];
  storageCrs: string;
  links: Link[];
};

function collectionSummary(ctx: HtmlContext, c: CollectionDoc, heading: "h2" | null): string {
  const { t, base } = ctx;
  const box = c.extent.spatial.bbox[0] ?? [];
  const [start, end] = c.extent.temporal.interval[0] ?? [];
  const itemsUrl = `${base}/collections/${encodeURIComponent(c.id)}/items?f=html`;
  const title = heading
    ? `<h2><a href="${escapeHtml(`${base}/collections/${encodeURIComponent(c.id)}?f=html`)}">${escapeHtml(c.title)}</a></h2>`
    : "";
  const crs = c.crs.map((uri) => `<li>${escapeHtml(uri)}</li>`).join("");
  return `${title}<p>${escapeHtml(c.description)}</p>
<dl>
<dt>${escapeHtml(t("opendata.ogcHtml.extent"))}</dt><dd>${escapeHtml(box.join(", "))}</dd>
<dt>${escapeHtml(t("opendata.ogcHtml.period"))}</dt><dd>${escapeHtml(start ?? "..")} / ${escapeHtml(end ?? "..")}</dd>
<dt>${escapeHtml(t("opendata.ogcHtml.storageCrs"))}</dt><dd>${escapeHtml(c.storageCrs)}</dd>
<dt>${escapeHtml(t("opendata.ogcHtml.crs"))}</dt><dd><ul>${crs}</ul></dd>
</dl>
<p><a href="${escapeHtml(itemsUrl)}">${escapeHtml(t("opendata.ogcHtml.browseItems"))}</a> · <a href="${escapeHtml(
    absolute(ctx.appUrl, "/catalogue?view=map"),
  )}">${escapeHtml(t("opendata.ogcHtml.map"))}</a> · <a href="${escapeHtml(
    `${base}/collections/${encodeURIComponent(c.id)}/queryables`,
  )}">${escapeHtml(t("opendata.ogc.queryablesLink"))}</a></p>`;
}

export function collectionsHtml(ctx: HtmlContext, doc: { links: Link[]; collections: CollectionDoc[] }): Response {
  const { t } = ctx;
  return page(ctx, {
    title: t("opendata.ogc.collectionsLink"),
    crumbs: crumbsTo(ctx, 1, t("opendata.ogc.collectionsLink")),
    json: jsonLinks(doc.links),
    body: doc.collections.map((c) => `<section>${collectionSummary(ctx, c, "h2")}</section>`).join(""),
  });
}

export function collectionHtml(ctx: HtmlContext, doc: CollectionDoc): Response {
  return page(ctx, {
    title: doc.title,
    crumbs: crumbsTo(ctx, 2, doc.title),
    json: jsonLinks(doc.links),
    body: collectionSummary(ctx, doc, null),
  });
}

type FeatureDoc = {
  id: string;
  bbox?: number[];
  geometry: { type: string; coordinates: unknown } | null;
  properties: {
    title: string;
    summary: string;
    kind: string;
    licence: string;
    status: string;
    community: string;
    communityName: string;
    url: string;
    dataUrl: string | null;
    updatedAt: string;
  };
  links: Link[];
};

const mapUrl = (ctx: HtmlContext, bbox: number[] | undefined) =>
  absolute(ctx.appUrl, `/catalogue?view=map${bbox && bbox.length === 4 ? `&bbox=${bbox.map(String).join(",")}` : ""}`);

function label(t: T, group: "kind" | "status", value: string): string {
  return t(`commons.${group}.${value}` as Parameters<T>[0]);
}

function formatDate(ctx: HtmlContext, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : new Intl.DateTimeFormat(ctx.locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

export function itemsHtml(
  ctx: HtmlContext,
  doc: { features: FeatureDoc[]; numberMatched: number; numberReturned: number; links: Link[] },
  { offset, crs84 }: { offset: number; crs84: boolean },
): Response {
  const { t } = ctx;
  const itemUrl = (f: FeatureDoc) => htmlUrl(f.links.find((link) => link.rel === "self")!.href);
  const rows = doc.features
    .map((f) => {
      const p = f.properties;
      return `<tr>
<th scope="row"><a href="${escapeHtml(itemUrl(f))}">${escapeHtml(p.title)}</a></th>
<td>${escapeHtml(label(t, "kind", p.kind))}</td>
<td>${escapeHtml(p.licence)}</td>
<td>${escapeHtml(label(t, "status", p.status))}</td>
<td>${escapeHtml(p.communityName)}</td>
<td><time datetime="${escapeHtml(p.updatedAt)}">${escapeHtml(formatDate(ctx, p.updatedAt))}</time></td>
<td><a href="${escapeHtml(crs84 ? mapUrl(ctx, f.bbox) : mapUrl(ctx, undefined))}">${escapeHtml(t("opendata.ogcHtml.onMap", { title: p.title }))}</a></td>
</tr>`;
    })
    .join("");
  const paging = doc.links
    .filter((link) => link.rel === "prev" || link.rel === "next")
    .map(
      (link) =>
        `<li><a href="${escapeHtml(htmlUrl(link.href))}" rel="${link.rel}">${escapeHtml(link.title ?? link.rel)}</a></li>`,
    )
    .join("");
  const first = doc.numberReturned === 0 ? 0 : offset + 1;
  const body = `<p>${escapeHtml(
    t("opendata.ogcHtml.matched", { count: doc.numberMatched, first, last: offset + doc.numberReturned }),
  )}</p>
${
  doc.features.length === 0
    ? `<p>${escapeHtml(t("opendata.ogcHtml.none"))}</p>`
    : `<table>
<caption>${escapeHtml(t("opendata.ogc.itemsLink"))}</caption>
<thead><tr><th scope="col">${escapeHtml(t("opendata.ogcHtml.colTitle"))}</th><th scope="col">${escapeHtml(
        t("opendata.ogcHtml.colKind"),
      )}</th><th scope="col">${escapeHtml(t("opendata.ogcHtml.colLicence"))}</th><th scope="col">${escapeHtml(
        t("opendata.ogcHtml.colStatus"),
      )}</th><th scope="col">${escapeHtml(t("opendata.ogcHtml.colCommunity"))}</th><th scope="col">${escapeHtml(
        t("opendata.ogcHtml.colUpdated"),
      )}</th><th scope="col">${escapeHtml(t("opendata.ogcHtml.colMap"))}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
}
${paging ? `<nav aria-label="${escapeHtml(t("opendata.ogcHtml.paging"))}"><ul>${paging}</ul></nav>` : ""}`;
  return page(ctx, {
    title: t("opendata.ogc.itemsLink"),
    crumbs: crumbsTo(ctx, 3, t("opendata.ogc.itemsLink")),
    json: doc.links.filter((link) => link.rel === "self"),
    body,
  });
}

export function itemHtml(ctx: HtmlContext, f: FeatureDoc, { crs84 }: { crs84: boolean }): Response {
  const { t } = ctx;
  const p = f.properties;
  const self = f.links.find((link) => link.rel === "self")!;
  const rows: [string, string][] = [
    [t("opendata.ogcHtml.colKind"), escapeHtml(label(t, "kind", p.kind))],
    [t("opendata.ogcHtml.colLicence"), escapeHtml(p.licence)],
    [t("opendata.ogcHtml.colStatus"), escapeHtml(label(t, "status", p.status))],
    [t("opendata.ogcHtml.colCommunity"), escapeHtml(p.communityName)],
    [
      t("opendata.ogcHtml.colUpdated"),
      `<time datetime="${escapeHtml(p.updatedAt)}">${escapeHtml(formatDate(ctx, p.updatedAt))}</time>`,
    ],
    [t("opendata.ogcHtml.geometry"), escapeHtml(f.geometry?.type ?? "—")],
    [t("opendata.ogcHtml.extent"), escapeHtml(f.bbox?.join(", ") ?? "—")],
  ];
  if (p.dataUrl)
    rows.push([t("opendata.ogcHtml.data"), `<a href="${escapeHtml(p.dataUrl)}" rel="nofollow">${escapeHtml(p.dataUrl)}</a>`]);
  const body = `<p>${escapeHtml(p.summary)}</p>
<dl>${rows.map(([dt, dd]) => `<dt>${escapeHtml(dt)}</dt><dd>${dd}</dd>`).join("")}</dl>
<p><a href="${escapeHtml(p.url)}">${escapeHtml(t("opendata.ogcHtml.commonsPage"))}</a> · <a href="${escapeHtml(
    crs84 ? mapUrl(ctx, f.bbox) : mapUrl(ctx, undefined),
  )}">${escapeHtml(t("opendata.ogcHtml.map"))}</a></p>`;
  return page(ctx, {
    title: p.title,
    crumbs: crumbsTo(ctx, 4, p.title),
    json: [self],
    body,
  });
}
