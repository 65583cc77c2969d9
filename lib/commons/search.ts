/**
 * Finding commons across the communities the viewer may read (public ones, members-only ones where
 * they are an active or suspended member; platform administrators read all), by words (French and
 * English stemming, accents ignored), kind, licence, status, community and map extent. Drafts are
 * visible to their proposer only. One SQL query per page, newest first, by cursor.
 */
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CommonsKind, CommonsStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/communities/access";
import type { BBox } from "./geometry";

export type CommonsSearch = {
  viewer: Actor | null;
  q?: string;
  kind?: CommonsKind;
  licence?: string;
  status?: CommonsStatus;
  communityId?: string;
  /** Commons whose coverage's bounding box intersects this one (no antimeridian wrap). */
  bbox?: BBox;
  cursor?: string;
  limit?: number;
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
  createdAt: Date;
  communityId: string;
  communitySlug: string;
  communityName: string;
};

export async function searchCommons(db: Db, search: CommonsSearch): Promise<{ data: CommonsHit[]; nextCursor: string | null }> {
  const { viewer, q, kind, licence, status, communityId, bbox, cursor } = search;
  const take = Math.min(Math.max(search.limit ?? 20, 1), 100);
  const where: Prisma.Sql[] = [];

  if (!viewer?.isPlatformAdmin) {
    where.push(
      viewer
        ? Prisma.sql`(m."visibility" = 'PUBLIC' OR EXISTS (SELECT 1 FROM "Membership" ms WHERE ms."communityId" = m."id"
            AND ms."userId" = ${viewer.id} AND ms."status" IN ('ACTIVE', 'SUSPENDED')))`
        : Prisma.sql`m."visibility" = 'PUBLIC'`,
    );
  }
  where.push(viewer ? Prisma.sql`(c."status" <> 'DRAFT' OR c."proposerId" = ${viewer.id})` : Prisma.sql`c."status" <> 'DRAFT'`);
  const words = q?.trim();
  if (words) {
    where.push(Prisma.sql`c."searchVector" @@ (
      websearch_to_tsquery('french'::regconfig, commons_unaccent(${words})) ||
      websearch_to_tsquery('english'::regconfig, commons_unaccent(${words})))`);
  }
  if (kind) where.push(Prisma.sql`c."kind" = ${kind}::"CommonsKind"`);
  if (licence) where.push(Prisma.sql`c."licence" = ${licence}`);
  if (status) where.push(Prisma.sql`c."status" = ${status}::"CommonsStatus"`);
  if (communityId) where.push(Prisma.sql`c."communityId" = ${communityId}`);
  if (bbox) {
    where.push(Prisma.sql`c."minLon" <= ${bbox.maxLon} AND c."maxLon" >= ${bbox.minLon}
      AND c."minLat" <= ${bbox.maxLat} AND c."maxLat" >= ${bbox.minLat}`);
  }
  if (cursor) {
    where.push(Prisma.sql`(c."createdAt", c."id") < (SELECT k."createdAt", k."id" FROM "Commons" k WHERE k."id" = ${cursor})`);
  }

  const rows = await db.$queryRaw<Row[]>`
    SELECT c."id", c."slug", c."title", c."summary", c."kind", c."licence", c."status",
           c."minLon", c."minLat", c."maxLon", c."maxLat", c."createdAt",
           m."id" AS "communityId", m."slug" AS "communitySlug", m."name" AS "communityName"
    FROM "Commons" c JOIN "Community" m ON m."id" = c."communityId"
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY c."createdAt" DESC, c."id" DESC
    LIMIT ${take + 1}`;

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
      createdAt: r.createdAt,
      community: { id: r.communityId, slug: r.communitySlug, name: r.communityName },
    })),
    nextCursor: rows.length > take ? (page[page.length - 1]?.id ?? null) : null,
  };
}
