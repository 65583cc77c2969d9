/** Loads a community with the person's membership and their policy subject, in one query. */
import type { DbTx } from "@/lib/db/client";
import type { Subject } from "@/lib/policy/roles";
import { NotFoundError, assertCan, type Action } from "@/lib/policy/can";

/** suspendedUntil: suspended everywhere by a platform administrator (see lib/policy/roles.ts). */
export type Actor = { id: string; onboarded: boolean; isPlatformAdmin: boolean; suspendedUntil?: Date | null };

export async function loadCommunityAccess(db: DbTx, { slug, actor }: { slug: string; actor: Actor | null }) {
  const community = await db.community.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      summary: true,
      description: true,
      visibility: true,
      joinPolicy: true,
      weightingEnabled: true,
      collegeMinWeight: true,
      collegeMaxWeight: true,
      createdAt: true,
      memberships: actor
        ? { where: { userId: actor.id }, select: { id: true, role: true, status: true, suspendedUntil: true, college: true } }
        : false,
    },
  });
  if (!community) return null;
  const { memberships, ...rest } = community;
  const membership = memberships?.[0] ?? null;
  const subject: Subject = { user: actor, membership };
  return { community: rest, membership, subject };
}

export type CommunityAccess = NonNullable<Awaited<ReturnType<typeof loadCommunityAccess>>>;

/** Loads and checks in one step; a community that does not exist is a 404 like one the person may not see. */
export async function requireCommunityAccess(
  db: DbTx,
  { slug, actor, action }: { slug: string; actor: Actor | null; action: Action },
) {
  const access = await loadCommunityAccess(db, { slug, actor });
  if (!access) throw new NotFoundError();
  // Whoever may not read a members-only community must not learn more from another refusal.
  assertCan(access.subject, "community.read", access.community);
  assertCan(access.subject, action, access.community);
  return access;
}
