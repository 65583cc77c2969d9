/**
 * Scheduled imports of a commons' sources (issue 16), each event at most one contribution as with
 * webhooks (lib/connectors/record.ts):
 * - OpenStreetMap: closed changesets of the source's user (and area), from the OSM API 0.6
 *   (`/api/0.6/changesets?display_name=…&bbox=…&closed=true&time=…`, XML), one contribution per
 *   changeset, its quantity the changeset's changes;
 * - STAC (Panoramax): the items of a collection (`/collections/{id}/items`, following `next` links),
 *   by producer (optionally one author), one contribution per producer and past day, its quantity the
 *   pictures of that day (a day is imported once it is over, so its count no longer moves).
 * A server that is down or answers something else than the expected format is an ImportError: the
 * source shows it as its last error, and the job (lib/jobs/definitions/import-source.ts) retries
 * with backoff.
 */
import type { Db } from "@/lib/db/client";
import { parisDay } from "@/lib/commons/ledger-schemas";
import type { ParsedEvent } from "./parse";
import { recordSourceEvent, type SourceForRecord } from "./record";
import { assertPublicUrl, connectorUrls, fetchCapped, joinUrl, type ConnectorUrls } from "./settings";

export class ImportError extends Error {}

const DAY_MS = 86_400_000;
/** The first import looks this far back; later ones from the last import, with a day of overlap. */
const FIRST_IMPORT_DAYS = 90;
const MAX_STAC_PAGES = 20;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decodeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });

function attributes(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:-]+)="([^"]*)"/g)) result[m[1]!] = decodeXml(m[2]!);
  return result;
}

export type OsmChangeset = {
  id: string;
  user: string;
  uid: string | null;
  open: boolean;
  createdAt: Date;
  closedAt: Date | null;
  changes: number;
  tags: Record<string, string>;
};

/** The changesets of an OSM API 0.6 answer; ImportError when it is not one. */
export function parseOsmChangesets(xml: string): OsmChangeset[] {
  if (!/^\s*(<\?xml[^>]*\?>\s*)?<osm\b[^>]*>/.test(xml) || !/<\/osm>\s*$/.test(xml)) {
    throw new ImportError("the OSM API did not answer with an <osm> document");
  }
  const changesets: OsmChangeset[] = [];
  for (const m of xml.matchAll(/<changeset\b([^>]*?)(?:\/>|>([\s\S]*?)<\/changeset>)/g)) {
    const attrs = attributes(m[1]!);
    const tags: Record<string, string> = {};
    for (const tag of (m[2] ?? "").matchAll(/<tag\b([^>]*?)\/>/g)) {
      const { k, v } = attributes(tag[1]!);
      if (k !== undefined && v !== undefined) tags[k] = v;
    }
    const createdAt = new Date(attrs.created_at ?? "");
    if (!attrs.id || !attrs.user || Number.isNaN(createdAt.getTime()))
      throw new ImportError("a changeset lacks its id, user or date");
    const closedAt = attrs.closed_at ? new Date(attrs.closed_at) : null;
    changesets.push({
      id: attrs.id,
      user: attrs.user,
      uid: attrs.uid ?? null,
      open: attrs.open === "true",
      createdAt,
      closedAt: closedAt && !Number.isNaN(closedAt.getTime()) ? closedAt : null,
      changes: Number(attrs.changes_count ?? 0) || 0,
      tags,
    });
  }
  return changesets;
}

type StacItem = { id: string; datetime: Date; producer: string | null };

/** The items of a STAC ItemCollection page and its `next` link; ImportError when it is not one. */
export function parseStacItems(text: string): { items: StacItem[]; next: string | null } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError("the STAC API did not answer with JSON");
  }
  const collection = json as { type?: unknown; features?: unknown; links?: unknown };
  if (collection?.type !== "FeatureCollection" || !Array.isArray(collection.features)) {
    throw new ImportError("the STAC API did not answer with a FeatureCollection");
  }
  const items = collection.features.flatMap((feature: unknown): StacItem[] => {
    const f = feature as { id?: unknown; properties?: Record<string, unknown> };
    const properties = f.properties ?? {};
    const datetime = new Date(String(properties.datetime ?? properties.created ?? ""));
    if (typeof f.id !== "string" || Number.isNaN(datetime.getTime())) return [];
    const providers = Array.isArray(properties.providers) ? (properties.providers as { name?: unknown; roles?: unknown }[]) : [];
    const producer =
      providers.find((p) => Array.isArray(p.roles) && p.roles.includes("producer") && typeof p.name === "string")?.name ??
      properties["geovisio:producer"];
    return [{ id: f.id, datetime, producer: typeof producer === "string" ? producer : null }];
  });
  const links = Array.isArray(collection.links) ? (collection.links as { rel?: unknown; href?: unknown }[]) : [];
  const next = links.find((l) => l.rel === "next" && typeof l.href === "string")?.href;
  return { items, next: typeof next === "string" ? next : null };
}

async function get(url: string): Promise<string> {
  try {
    // No redirects: a checked public address must not send the platform elsewhere.
    return await fetchCapped(url, { timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024, redirect: "error" });
  } catch (error) {
    throw new ImportError(error instanceof Error ? error.message : String(error));
  }
}

type Config = {
  displayName?: string | null;
  bbox?: string | null;
  url?: string | null;
  collection?: string | null;
  author?: string | null;
};

async function osmEvents(config: Config, since: Date, urls: ConnectorUrls, commonsTitle: string): Promise<ParsedEvent[]> {
  if (!config.displayName) throw new ImportError("the source has no OSM user");
  const query = new URLSearchParams({ display_name: config.displayName, closed: "true", time: since.toISOString() });
  if (config.bbox) query.set("bbox", config.bbox);
  const changesets = parseOsmChangesets(await get(joinUrl(urls.osm, `/api/0.6/changesets?${query.toString()}`)));
  return changesets
    .filter((c) => !c.open)
    .map((c) => ({
      kind: "event" as const,
      event: "changeset",
      externalId: `changeset:${c.id}`,
      author: { provider: "OSM" as const, username: c.user, id: c.uid },
      type: null,
      description: (c.tags.comment?.trim() || `OpenStreetMap changeset ${c.id} (${commonsTitle})`).slice(0, 500),
      date: c.closedAt ?? c.createdAt,
      quantity: c.changes > 0 ? c.changes : null,
      unit: c.changes > 0 ? "changes" : null,
      link: `https://www.openstreetmap.org/changeset/${c.id}`,
    }));
}

async function stacEvents(config: Config, now: Date): Promise<ParsedEvent[]> {
  if (!config.url || !config.collection) throw new ImportError("the source has no STAC URL or collection");
  let url: string | null = joinUrl(config.url, `/collections/${encodeURIComponent(config.collection)}/items?limit=100`);
  const origin = new URL(config.url).origin;
  try {
    await assertPublicUrl(config.url);
  } catch (error) {
    throw new ImportError(error instanceof Error ? error.message : String(error));
  }
  const items: StacItem[] = [];
  for (let page = 0; url && page < MAX_STAC_PAGES; page++) {
    const parsed = parseStacItems(await get(url));
    items.push(...parsed.items);
    // Follow `next` only on the same server.
    url = parsed.next && new URL(parsed.next, url).origin === origin ? new URL(parsed.next, url).toString() : null;
  }
  const today = parisDay(now);
  const groups = new Map<string, { producer: string; day: string; count: number; last: Date }>();
  for (const item of items) {
    if (!item.producer) continue;
    if (config.author && item.producer.toLowerCase() !== config.author.toLowerCase()) continue;
    const day = parisDay(item.datetime);
    if (day >= today) continue;
    const key = `${item.producer.toLowerCase()}|${day}`;
    const group = groups.get(key) ?? { producer: item.producer, day, count: 0, last: item.datetime };
    group.count += 1;
    if (item.datetime > group.last) group.last = item.datetime;
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({
    kind: "event" as const,
    event: "pictures",
    externalId: `stac:${config.collection}:${g.producer.toLowerCase()}:${g.day}`,
    author: { provider: "STAC" as const, username: g.producer, id: null },
    type: null,
    description: `${g.count} pictures in ${config.collection} (${g.day})`,
    date: g.last,
    quantity: g.count,
    unit: "pictures",
    link: joinUrl(config.url!, `/collections/${encodeURIComponent(config.collection!)}`),
  }));
}

export type ImportResult = { fetched: number; recorded: number; unmatched: number; duplicates: number };

/** Imports one OSM or STAC source; on failure the source keeps the error and the error is thrown again. */
export async function importSource(
  db: Db,
  { sourceId, urls = connectorUrls(), now = new Date() }: { sourceId: string; urls?: ConnectorUrls; now?: Date },
): Promise<ImportResult> {
  const source = await db.contributionSource.findUnique({
    where: { id: sourceId },
    select: {
      id: true,
      kind: true,
      active: true,
      autoValidate: true,
      contributionType: true,
      config: true,
      lastImportAt: true,
      commons: { select: { id: true, slug: true, title: true, status: true, community: { select: { id: true, slug: true } } } },
    },
  });
  const closed = source?.commons.status === "ARCHIVED" || source?.commons.status === "REJECTED";
  if (!source || !source.active || closed || (source.kind !== "OSM" && source.kind !== "STAC")) {
    return { fetched: 0, recorded: 0, unmatched: 0, duplicates: 0 };
  }
  const since = source.lastImportAt
    ? new Date(source.lastImportAt.getTime() - DAY_MS)
    : new Date(now.getTime() - FIRST_IMPORT_DAYS * DAY_MS);
  const config = (source.config ?? {}) as Config;
  let events: ParsedEvent[];
  try {
    events = source.kind === "OSM" ? await osmEvents(config, since, urls, source.commons.title) : await stacEvents(config, now);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await db.contributionSource.update({ where: { id: source.id }, data: { lastError: message, lastErrorAt: now } });
    throw error;
  }
  const result: ImportResult = { fetched: events.length, recorded: 0, unmatched: 0, duplicates: 0 };
  const target: SourceForRecord = source;
  for (const event of events) {
    const outcome = await db.$transaction((tx) => recordSourceEvent(tx, target, event, now, "import"));
    if (outcome.outcome === "recorded") result.recorded += 1;
    else if (outcome.outcome === "unmatched") result.unmatched += 1;
    else result.duplicates += 1;
  }
  await db.contributionSource.update({
    where: { id: source.id },
    data: { lastImportAt: now, lastError: null, lastErrorAt: null },
  });
  return result;
}
