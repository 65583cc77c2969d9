/**
 * The directory of a community's active members, ordered the way it is shown (college, then
 * organisation with people acting alone last, then name), one page at a time by keyset: the cursor
 * is the last membership's id, and the next page starts strictly after that row's sort key. Which
 * memberships are listed is the policy's member scope (lib/policy/scopes.ts), for the page and for the
 * cursor's row alike (a pending request's id must not place a page).
 */
import type { DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActorKind, MemberRole } from "@/lib/generated/prisma/enums";
import { memberScope, type Viewer } from "@/lib/policy/scopes";

export type DirectoryMember = {
  membershipId: string;
  userId: string;
  displayName: string;
  organization: string | null;
  role: MemberRole;
  college: ActorKind;
};

export const DIRECTORY_PAGE_SIZE = 100;

export async function listMemberDirectory(
  db: DbTx,
  {
    viewer,
    communityId,
    cursor,
    limit = DIRECTORY_PAGE_SIZE,
  }: { viewer: Viewer; communityId: string; cursor?: string; limit?: number },
): Promise<{ members: DirectoryMember[]; nextCursor: string | null }> {
  const take = Math.min(Math.max(limit, 1), 200);
  const sortKey = Prisma.sql`(m."college", o."name" IS NULL, COALESCE(o."name", ''), COALESCE(u."displayName", u."name", ''), m."id")`;
  const after = cursor
    ? Prisma.sql`AND ${sortKey} > (
        SELECT c."college", co."name" IS NULL, COALESCE(co."name", ''), COALESCE(cu."displayName", cu."name", ''), c."id"
        FROM "Membership" c
        JOIN "User" cu ON cu."id" = c."userId"
        LEFT JOIN "Organization" co ON co."id" = cu."organizationId" AND cu."organizationVerifiedAt" IS NOT NULL
        WHERE c."id" = ${cursor} AND c."communityId" = ${communityId} AND ${memberScope.sql(viewer, "c")})`
    : Prisma.empty;
  const rows = await db.$queryRaw<DirectoryMember[]>`
    SELECT m."id" AS "membershipId", m."userId" AS "userId", COALESCE(u."displayName", u."name", '') AS "displayName",
           o."name" AS "organization", m."role"::text AS "role", m."college"::text AS "college"
    FROM "Membership" m
    JOIN "User" u ON u."id" = m."userId"
    -- Grouped by verified organisation only: a declared one is the person's claim (shown as such on their page).
    LEFT JOIN "Organization" o ON o."id" = u."organizationId" AND u."organizationVerifiedAt" IS NOT NULL
    WHERE m."communityId" = ${communityId} AND ${memberScope.sql(viewer, "m")} ${after}
    ORDER BY m."college", o."name" IS NULL, COALESCE(o."name", ''), COALESCE(u."displayName", u."name", ''), m."id"
    LIMIT ${take + 1}`;
  const members = rows.slice(0, take);
  return { members, nextCursor: rows.length > take ? (members[members.length - 1]?.membershipId ?? null) : null };
}
