/**
 * The batched reads behind the exports, the DCAT catalogue and the OGC API. What they may show is the
 * policy's catalogue scope (lib/policy/scopes.ts), as in the catalogue's search: readable
 * communities, drafts only to their proposer, nothing hidden by moderation. Open-data outputs read by
 * anonymous harvesters (DCAT, OGC API) pass `viewer: null`.
 */
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CommonsKind, CommonsStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/communities/access";
import type { BBox, Coverage } from "@/lib/commons/geometry";
import { commonsScope } from "@/lib/policy/scopes";

/** What open data lists for `viewer` (null: anonymous harvesters). */
const visibleCommonsWhere = (viewer: Actor | null): Prisma.CommonsWhereInput => commonsScope.where(viewer, { view: "catalogue" });

export const bboxWhere = (bbox: BBox): Prisma.CommonsWhereInput => ({
  minLon: { lte: bbox.maxLon },
  maxLon: { gte: bbox.minLon },
  minLat: { lte: bbox.maxLat },
  maxLat: { gte: bbox.minLat },
});

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

/** Features of the OGC API: public, visible commons with a coverage, oldest first, by offset. */
export async function coveragePage(
  db: Db,
  { bbox, limit, offset }: { bbox?: BBox; limit: number; offset: number },
): Promise<{ items: OpenCommons[]; matched: number }> {
  const where: Prisma.CommonsWhereInput = {
    AND: [visibleCommonsWhere(null), { minLon: { not: null } }, ...(bbox ? [bboxWhere(bbox)] : [])],
  };
  const [rows, matched] = await Promise.all([
    db.commons.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      skip: offset,
      take: limit,
      select: commonsSelect,
    }),
    db.commons.count({ where }),
  ]);
  return { items: rows.map(toOpenCommons), matched };
}

export async function coverageById(db: Db, id: string): Promise<OpenCommons | null> {
  const row = await db.commons.findFirst({
    where: { AND: [visibleCommonsWhere(null), { id, minLon: { not: null } }] },
    select: commonsSelect,
  });
  return row ? toOpenCommons(row) : null;
}

/** The bounding box of every public coverage (null when there is none). */
export async function coverageExtent(db: Db): Promise<BBox | null> {
  const { _min, _max } = await db.commons.aggregate({
    where: { AND: [visibleCommonsWhere(null), { minLon: { not: null } }] },
    _min: { minLon: true, minLat: true },
    _max: { maxLon: true, maxLat: true },
  });
  if (_min.minLon === null || _min.minLat === null || _max.maxLon === null || _max.maxLat === null) return null;
  return { minLon: _min.minLon, minLat: _min.minLat, maxLon: _max.maxLon, maxLat: _max.maxLat };
}
