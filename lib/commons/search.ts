/**
 * Finding commons across the communities the viewer may read, by words (French and English stemming,
 * accents ignored), kind, licence, status, community, kind of actor among the stewards and map
 * extent. What the viewer may find is the policy's catalogue scope (lib/policy/scopes.ts: readable
 * communities, drafts for their proposer only, nothing hidden by moderation). One SQL query per page
 * (coverages included on request, for maps), by cursor, sorted by relevance (with words), most recent
 * first, or title.
 *
 * The cursor is the id of the last commons of the previous page; the query finds that row's sort key
 * itself, so the same cursor works for every sort (with the same criteria). That lookup is scoped
 * too: a cursor naming a row the viewer may not see gives an empty page, never rows placed relative
 * to its title or to its rank for the words (which would leak hidden and members-only text).
 */
import type { Db } from "@/lib/db/client";
import { epochMs, readRows } from "@/lib/db/read";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActorKind, CommonsKind, CommonsStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/communities/access";
import { commonsScope, communityScope } from "@/lib/policy/scopes";
import type { BBox, Coverage } from "./geometry";
import { bboxContainsSql, bboxOverlapsSql, coverageIntersectsBbox } from "./bbox";

/** Candidates read per further round trip when a bbox needs the exact test (the first reads one page). */
const EXACT_BATCH = 100;

export const commonsSorts = ["relevance", "recent", "title"] as const;
export type CommonsSort = (typeof commonsSorts)[number];

export type CommonsSearch = {
  viewer: Actor | null;
  q?: string;
  kind?: CommonsKind;
  licence?: string;
  status?: CommonsStatus;
  communityId?: string;
  communitySlug?: string;
  /** At least one steward is a person of this kind of actor or an organisation of this kind. */
  actorKind?: ActorKind;
  /** Commons whose coverage intersects this box exactly (stored bounding boxes only prefilter; minLon > maxLon crosses the antimeridian). */
  bbox?: BBox;
  /** Default: recent (the catalogue page asks for relevance when there are words, see effectiveSort). Relevance without words means recent. */
  sort?: CommonsSort;
  cursor?: string;
  limit?: number;
  /** Also return each commons' coverage (GeoJSON), in the same query. */
  includeCoverage?: boolean;
};

export type CommonsHit = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  kind: CommonsKind;
  licence: string;
  status: CommonsStatus;
  bbox: BBox | null;
  createdAt: Date;
  community: { id: string; slug: string; name: string };
  /** Only with includeCoverage. */
  coverage?: Coverage | null;
};

type Row = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  kind: CommonsKind;
  licence: string;
  status: CommonsStatus;
  minLon: number | null;
  minLat: number | null;
  maxLon: number | null;
  maxLat: number | null;
  /** Epoch milliseconds (the column is a UTC timestamp; read as a number on either driver). */
  createdAtMs: number;
  communityId: string;
  communitySlug: string;
  communityName: string;
  coverage?: Coverage | null;
  /** With a bbox: the stored bounding box lies inside it, so the coverage surely intersects it. */
  inside?: boolean;
};

/** The sort to apply: by default relevance when there are words, else recent; relevance needs words. */
export function effectiveSort(sort: CommonsSort | undefined, q: string | undefined): CommonsSort {
  const words = Boolean(q?.trim());
  if (!sort) return words ? "relevance" : "recent";
  return sort === "relevance" && !words ? "recent" : sort;
}

export async function searchCommons(db: Db, search: CommonsSearch): Promise<{ data: CommonsHit[]; nextCursor: string | null }> {
  const { viewer, q, kind, licence, status, communityId, communitySlug, actorKind, bbox } = search;
  const take = Math.min(Math.max(search.limit ?? 20, 1), 100);
  const now = new Date();
  const words = q?.trim();
  const query = words
    ? Prisma.sql`(websearch_to_tsquery('french'::regconfig, commons_unaccent(${words})) ||
      websearch_to_tsquery('english'::regconfig, commons_unaccent(${words})))`
    : null;
  const sort = effectiveSort(search.sort ?? "recent", words);

  // With a bbox, a row whose bounding box lies inside it needs no exact test: its coverage is read
  // only when the caller asked for coverages.
  const coverageColumns = (withCoverage: boolean) => {
    if (!bbox) return withCoverage ? Prisma.sql`, c."coverage"` : Prisma.empty;
    const inside = bboxContainsSql(bbox, "c");
    return search.includeCoverage
      ? Prisma.sql`, c."coverage", ${inside} AS "inside"`
      : Prisma.sql`, CASE WHEN ${inside} THEN NULL ELSE c."coverage" END AS "coverage", ${inside} AS "inside"`;
  };

  /** Up to `size` rows after `cursor` that pass every criterion but the exact bbox test (SQL prefilters on bounding boxes). */
  const fetchRows = (cursor: string | undefined, size: number, withCoverage: boolean) => {
    const where: Prisma.Sql[] = [commonsScope.sql(viewer, "c", { view: "catalogue" }, now)];
    // The row the cursor names, if the viewer may find it (see above).
    const cursorRow = Prisma.sql`FROM "Commons" k WHERE k."id" = ${cursor ?? ""}
      AND ${commonsScope.sql(viewer, "k", { view: "catalogue" }, now)}`;
    if (query) where.push(Prisma.sql`c."searchVector" @@ ${query}`);
    if (kind) where.push(Prisma.sql`c."kind" = ${kind}::"CommonsKind"`);
    if (licence) where.push(Prisma.sql`c."licence" = ${licence}`);
    if (status) where.push(Prisma.sql`c."status" = ${status}::"CommonsStatus"`);
    if (communityId) where.push(Prisma.sql`c."communityId" = ${communityId}`);
    if (communitySlug) where.push(Prisma.sql`m."slug" = ${communitySlug}`);
    if (actorKind) {
      where.push(Prisma.sql`EXISTS (SELECT 1 FROM "CommonsSteward" s
        LEFT JOIN "User" su ON su."id" = s."userId"
        LEFT JOIN "Organization" so ON so."id" = s."organizationId"
        WHERE s."commonsId" = c."id" AND (su."actorKind" = ${actorKind}::"ActorKind" OR so."kind" = ${actorKind}::"ActorKind"))`);
    }
    if (bbox) {
      where.push(bboxOverlapsSql(bbox, "c"));
    }

    let order: Prisma.Sql;
    if (sort === "relevance" && query) {
      order = Prisma.sql`ts_rank(c."searchVector", ${query}) DESC, c."id" DESC`;
      if (cursor) {
        where.push(Prisma.sql`(ts_rank(c."searchVector", ${query}), c."id") <
          (SELECT ts_rank(k."searchVector", ${query}), k."id" ${cursorRow})`);
      }
    } else if (sort === "title") {
      order = Prisma.sql`lower(commons_unaccent(c."title")) ASC, c."id" ASC`;
      if (cursor) {
        where.push(Prisma.sql`(lower(commons_unaccent(c."title")), c."id") >
          (SELECT lower(commons_unaccent(k."title")), k."id" ${cursorRow})`);
      }
    } else {
      order = Prisma.sql`c."createdAt" DESC, c."id" DESC`;
      if (cursor) {
        where.push(Prisma.sql`(c."createdAt", c."id") < (SELECT k."createdAt", k."id" ${cursorRow})`);
      }
    }

    const statement = Prisma.sql`
      SELECT c."id", c."slug", c."title", c."summary", c."kind"::text AS "kind", c."licence", c."status"::text AS "status",
             c."minLon", c."minLat", c."maxLon", c."maxLat", ${epochMs(Prisma.raw('c."createdAt"'))} AS "createdAtMs",
             m."id" AS "communityId", m."slug" AS "communitySlug", m."name" AS "communityName"
             ${coverageColumns(withCoverage)}
      FROM "Commons" c JOIN "Community" m ON m."id" = c."communityId"
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY ${order}
      LIMIT ${size}`;
    // On the postgres.js pool when the client has one (lib/db/read.ts; this is the map API's one query, issue 15).
    // Unnamed, planned for its values each time: a named prepared statement switches to a generic plan after
    // five runs, which does not know the box covers everything and sorts all 5 010 commons of the national
    // bench (11 ms, not 0.05).
    return readRows<Row>(db, statement, { prepare: false });
  };

  let rows: Row[];
  if (!bbox) {
    rows = await fetchRows(search.cursor, take + 1, Boolean(search.includeCoverage));
  } else {
    // The bounding-box prefilter may keep commons whose coverage misses the box: test each exactly and
    // read further (the cursor works from any row) until the page is full or the candidates run out.
    // The first read asks for just a page (plus one, to know whether another follows): most candidates
    // pass, so a map asking for 10 items reads 11 rows, not 100 (issue 15); later reads take bigger batches.
    rows = [];
    let cursor = search.cursor;
    let size = take + 1;
    for (;;) {
      const batch = await fetchRows(cursor, size, true);
      for (const row of batch) {
        if (row.inside || (row.coverage && coverageIntersectsBbox(row.coverage, bbox))) rows.push(row);
        if (rows.length > take) break;
      }
      if (rows.length > take || batch.length < size) break;
      cursor = batch[batch.length - 1]!.id;
      size = EXACT_BATCH;
    }
  }

  const page = rows.slice(0, take);
  return {
    data: page.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      kind: r.kind,
      licence: r.licence,
      status: r.status,
      bbox:
        r.minLon === null || r.minLat === null || r.maxLon === null || r.maxLat === null
          ? null
          : { minLon: r.minLon, minLat: r.minLat, maxLon: r.maxLon, maxLat: r.maxLat },
      createdAt: new Date(r.createdAtMs),
      community: { id: r.communityId, slug: r.communitySlug, name: r.communityName },
      ...(search.includeCoverage ? { coverage: r.coverage ?? null } : {}),
    })),
    nextCursor: rows.length > take ? (page[page.length - 1]?.id ?? null) : null,
  };
}

/** The communities whose commons the viewer may see, by name (the catalogue's community filter). */
export async function catalogueCommunities(db: Db, viewer: Actor | null): Promise<{ slug: string; name: string }[]> {
  return db.$queryRaw<{ slug: string; name: string }[]>`
    SELECT m."slug", m."name" FROM "Community" m WHERE ${communityScope.sql(viewer, "m")}
    ORDER BY lower(m."name"), m."slug" LIMIT 500`;
}
