/**
 * The batched reads behind the exports, the DCAT catalogue and the OGC API. What they may show is the
 * policy's catalogue scope (lib/policy/scopes.ts), as in the catalogue's search: readable
 * communities, drafts only to their proposer, nothing hidden by moderation. Open-data outputs read by
 * anonymous harvesters (DCAT, OGC API) pass `viewer: null`.
 */
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActorKind, CommonsKind, CommonsStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/communities/access";
import type { BBox, Coverage } from "@/lib/commons/geometry";
import { commonsScope } from "@/lib/policy/scopes";
import { coverageIntersectsBbox, splitAntimeridian } from "@/lib/commons/bbox";

/** What open data lists for `viewer` (null: anonymous harvesters). */
const visibleCommonsWhere = (viewer: Actor | null): Prisma.CommonsWhereInput => commonsScope.where(viewer, { view: "catalogue" });

/** SQL prefilter: stored bounding boxes overlapping the query box (either part of one crossing the antimeridian). */
export const bboxWhere = (bbox: BBox): Prisma.CommonsWhereInput => ({
  OR: splitAntimeridian(bbox).map((box) => ({
    minLon: { lte: box.maxLon },
    maxLon: { gte: box.minLon },
    minLat: { lte: box.maxLat },
    maxLat: { gte: box.minLat },
  })),
});

/** A closed or half-open time interval (null: open end), both ends inclusive. */
export type TimeInterval = { start: Date | null; end: Date | null };

/** The OGC API's filters on a commons: its last update (`datetime`) and the catalogue's attributes. */
export type CoverageFilter = {
  /** CRS84; without `intersects`, coverages must intersect it exactly, else it only prefilters in SQL. */
  bbox?: BBox;
  /** The exact spatial test, when the query box is in another CRS (see lib/opendata/crs.ts). */
  intersects?: (coverage: Coverage) => boolean;
  updated?: TimeInterval;
  kind?: CommonsKind;
  licence?: string;
  status?: CommonsStatus;
  community?: string;
  stewardKind?: ActorKind;
};

function filterWhere(filter: CoverageFilter): Prisma.CommonsWhereInput[] {
  const where: Prisma.CommonsWhereInput[] = [];
  if (filter.bbox) where.push(bboxWhere(filter.bbox));
  if (filter.updated) {
    where.push({
      updatedAt: {
        ...(filter.updated.start ? { gte: filter.updated.start } : {}),
        ...(filter.updated.end ? { lte: filter.updated.end } : {}),
      },
    });
  }
  if (filter.kind) where.push({ kind: filter.kind });
  if (filter.licence) where.push({ licence: filter.licence });
  if (filter.status) where.push({ status: filter.status });
  if (filter.community) where.push({ community: { slug: filter.community } });
  if (filter.stewardKind) {
    const kind = filter.stewardKind;
    where.push({
      stewards: { some: { OR: [{ user: { actorKind: kind } }, { organization: { kind } }] } },
    });
  }
  return where;
}

const commonsSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  description: true,
  kind: true,
  licence: true,
  status: true,
  repositoryUrl: true,
  dataUrl: true,
  documentationUrl: true,
  coverage: true,
  minLon: true,
  minLat: true,
  maxLon: true,
  maxLat: true,
  createdAt: true,
  updatedAt: true,
  community: { select: { slug: true, name: true } },
} satisfies Prisma.CommonsSelect;

export type OpenCommons = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  description: string;
  kind: CommonsKind;
  licence: string;
  status: CommonsStatus;
  repositoryUrl: string | null;
  dataUrl: string | null;
  documentationUrl: string | null;
  coverage: Coverage | null;
  bbox: BBox | null;
  createdAt: Date;
  updatedAt: Date;
  community: { slug: string; name: string };
};

type CommonsRow = Prisma.CommonsGetPayload<{ select: typeof commonsSelect }>;

function toOpenCommons(row: CommonsRow): OpenCommons {
  const { coverage, minLon, minLat, maxLon, maxLat, ...rest } = row;
  return {
    ...rest,
    coverage: (coverage ?? null) as Coverage | null,
    bbox: minLon === null || minLat === null || maxLon === null || maxLat === null ? null : { minLon, minLat, maxLon, maxLat },
  };
}

/**
 * One batch of visible commons, by id (keyset). `where` narrows further (statuses); without
 * `withCoverage` the geometries (up to 200 kB each) are not read and `coverage` is null.
 */
export async function commonsBatch(
  db: Db,
  {
    viewer,
    after,
    size,
    where,
    withCoverage = true,
  }: { viewer: Actor | null; after: string | null; size: number; where?: Prisma.CommonsWhereInput; withCoverage?: boolean },
): Promise<OpenCommons[]> {
  const rows = await db.commons.findMany({
    where: { AND: [visibleCommonsWhere(viewer), ...(where ? [where] : []), ...(after ? [{ id: { gt: after } }] : [])] },
    orderBy: { id: "asc" },
    take: size,
    select: { ...commonsSelect, coverage: withCoverage },
  });
  return rows.map((row) => toOpenCommons({ ...row, coverage: row.coverage ?? null }));
}

/** How many candidates' coverages are read per round trip to test them exactly. */
const EXACT_BATCH = 200;

/**
 * Features of the OGC API: public, visible commons with a coverage, oldest first, by offset. With a
 * bbox, SQL keeps the commons whose bounding box overlaps it; a commons whose bounding box lies
 * wholly inside the query box matches as it is, and only the others' coverages are read and tested
 * exactly (coverageIntersectsBbox, or `intersects` for a box in another CRS), so `matched` counts only
 * those that really intersect.
 */
export async function coveragePage(
  db: Db,
  { limit, offset, ...filter }: CoverageFilter & { limit: number; offset: number },
): Promise<{ items: OpenCommons[]; matched: number }> {
  const where: Prisma.CommonsWhereInput = {
    AND: [visibleCommonsWhere(null), { minLon: { not: null } }, ...filterWhere(filter)],
  };
  const orderBy: Prisma.CommonsOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];
  const { bbox } = filter;
  if (!bbox) {
    const [rows, matched] = await Promise.all([
      db.commons.findMany({ where, orderBy, skip: offset, take: limit, select: commonsSelect }),
      db.commons.count({ where }),
    ]);
    return { items: rows.map(toOpenCommons), matched };
  }
  const intersects = filter.intersects ?? ((coverage: Coverage) => coverageIntersectsBbox(coverage, bbox));
  const parts = filter.intersects ? [] : splitAntimeridian(bbox);
  const candidates = await db.commons.findMany({
    where,
    orderBy,
    select: { id: true, minLon: true, minLat: true, maxLon: true, maxLat: true },
  });
  const inside = (c: (typeof candidates)[number]) =>
    parts.some((b) => c.minLon! >= b.minLon && c.maxLon! <= b.maxLon && c.minLat! >= b.minLat && c.maxLat! <= b.maxLat);
  const matching = new Set(candidates.filter(inside).map((c) => c.id));
  const uncertain = candidates.filter((c) => !matching.has(c.id)).map((c) => c.id);
  for (let i = 0; i < uncertain.length; i += EXACT_BATCH) {
    const batch = await db.commons.findMany({
      where: { id: { in: uncertain.slice(i, i + EXACT_BATCH) } },
      select: { id: true, coverage: true },
    });
    for (const row of batch) if (row.coverage && intersects(row.coverage as Coverage)) matching.add(row.id);
  }
  const ordered = candidates.filter((c) => matching.has(c.id)).map((c) => c.id);
  const pageIds = ordered.slice(offset, offset + limit);
  const rows = pageIds.length ? await db.commons.findMany({ where: { id: { in: pageIds } }, select: commonsSelect }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = pageIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toOpenCommons(row)] : [];
  });
  return { items, matched: ordered.length };
}

export async function coverageById(db: Db, id: string): Promise<OpenCommons | null> {
  const row = await db.commons.findFirst({
    where: { AND: [visibleCommonsWhere(null), { id, minLon: { not: null } }] },
    select: commonsSelect,
  });
  return row ? toOpenCommons(row) : null;
}

/** The bounding box of every public coverage and the span of their last updates (null when there is none). */
export async function coverageExtent(db: Db): Promise<{ bbox: BBox; updated: { start: Date; end: Date } } | null> {
  const { _min, _max } = await db.commons.aggregate({
    where: { AND: [visibleCommonsWhere(null), { minLon: { not: null } }] },
    _min: { minLon: true, minLat: true, updatedAt: true },
    _max: { maxLon: true, maxLat: true, updatedAt: true },
  });
  if (_min.minLon === null || _min.minLat === null || _max.maxLon === null || _max.maxLat === null) return null;
  if (_min.updatedAt === null || _max.updatedAt === null) return null;
  return {
    bbox: { minLon: _min.minLon, minLat: _min.minLat, maxLon: _max.maxLon, maxLat: _max.maxLat },
    updated: { start: _min.updatedAt, end: _max.updatedAt },
  };
}
