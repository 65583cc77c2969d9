/**
 * Ways in and out of a community, each with its audit entry in the same transaction:
 * join (open), request (on request) then approve or refuse, leave, change role, change college.
 * Permissions come from lib/policy; domain rules (last administrator) are enforced here, under a
 * row lock so that two administrators cannot both step down at once.
 */
import type { Db, DbTx } from "@/lib/db/client";
import type { ActorKind, MemberRole } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/core/errors";
import { assertCan, NotFoundError } from "@/lib/policy/can";
import { recordAudit } from "@/lib/audit/record";
import { notifyMembershipDecided, notifyMembershipRequested } from "@/lib/notifications/hooks";
import { collegeOf } from "@/lib/organizations/links";
import { loadCommunityAccess, requireCommunityAccess, type Actor } from "./access";

/** The college one joins in: a verified organisation's kind, else one's own kind (collegeOf). */
async function actorKindOf(tx: DbTx, userId: string): Promise<ActorKind> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { actorKind: true, onboardedAt: true } });
  if (!user.onboardedAt || !user.actorKind) throw new AppError("profile_incomplete", "communities.errors.profileIncomplete", 403);
  return (await collegeOf(tx, userId)) ?? user.actorKind;
}

/** Join an open community, or ask to join one that admits on request. Invitation-only: refused. */
export async function joinCommunity(
  db: Db,
  { actor, slug, message }: { actor: Actor; slug: string; message?: string },
): Promise<{ status: "ACTIVE" | "PENDING" }> {
  const access = await loadCommunityAccess(db, { slug, actor });
  if (!access) throw new NotFoundError();
  const { community, subject, membership } = access;
  if (membership && ["ACTIVE", "PENDING", "SUSPENDED"].includes(membership.status)) {
    throw new AppError("already_member", "communities.errors.alreadyMember", 409);
  }
  if (membership?.status === "BANNED") throw new AppError("forbidden", "errors.forbidden", 403);
  if (community.joinPolicy === "INVITATION") throw new AppError("invitation_only", "communities.errors.invitationOnly", 403);
  const open = community.joinPolicy === "OPEN";
  assertCan(subject, open ? "membership.join" : "membership.request", community);

  return db.$transaction(async (tx) => {
    // Someone who comes back keeps the college they had, unless a verified organisation places them: a
    // college changes only by an administrator (with a reason, audited) or a verified organisation,
    // never by editing one's kind of actor and leaving then rejoining.
    const previous = await tx.membership.findUnique({
      where: { communityId_userId: { communityId: community.id, userId: actor.id } },
      select: { college: true },
    });
    const joining = await actorKindOf(tx, actor.id);
    const college = (await collegeOf(tx, actor.id)) ?? previous?.college ?? joining;
    const status = open ? "ACTIVE" : "PENDING";
    // Upsert: someone who left comes back through the same row (one row per person and community).
    const updated = await tx.membership.upsert({
      where: { communityId_userId: { communityId: community.id, userId: actor.id } },
      create: { communityId: community.id, userId: actor.id, status, college, role: "MEMBER", requestMessage: message ?? null },
      update: {
        status,
        role: "MEMBER",
        requestMessage: message ?? null,
        decisionMessage: null,
        decidedAt: null,
        decidedById: null,
        leftAt: null,
        joinedAt: new Date(),
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: open ? "membership.joined" : "membership.requested",
      details: { membershipId: updated.id, college },
    });
    if (!open) await notifyMembershipRequested(tx, { communityId: community.id, requesterId: actor.id });
    return { status };
  });
}

/** Locks the community's active administrators' rows and counts them. */
async function lockActiveAdmins(tx: DbTx, communityId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Membership"
    WHERE "communityId" = ${communityId} AND "role" = 'ADMIN' AND "status" = 'ACTIVE'
    ORDER BY "id" FOR UPDATE`;
  return rows.map((row) => row.id);
}

export async function leaveCommunity(db: Db, { actor, slug }: { actor: Actor; slug: string }): Promise<void> {
  const { community, membership } = await requireCommunityAccess(db, { slug, actor, action: "membership.leave" });
  if (!membership) throw new NotFoundError();
  await db.$transaction(async (tx) => {
    if (membership.role === "ADMIN") {
      const admins = await lockActiveAdmins(tx, community.id);
      if (admins.length <= 1) throw new AppError("last_admin", "communities.errors.lastAdmin", 409);
    }
    await tx.membership.update({ where: { id: membership.id }, data: { status: "LEFT", leftAt: new Date(), role: "MEMBER" } });
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "membership.left",
      details: { membershipId: membership.id },
    });
  });
}

async function targetMembership(tx: DbTx, communityId: string, membershipId: string) {
  const target = await tx.membership.findFirst({
    where: { id: membershipId, communityId },
    select: { id: true, userId: true, role: true, status: true, college: true, user: { select: { email: true, locale: true } } },
  });
  if (!target) throw new NotFoundError();
  return target;
}

export async function decideMembershipRequest(
  db: Db,
  input: { actor: Actor; slug: string; membershipId: string; decision: "approve" | "refuse"; message?: string; appUrl: string },
): Promise<void> {
  const { actor, slug, membershipId, decision, message } = input;
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "membership.decide" });
  await db.$transaction(async (tx) => {
    const target = await targetMembership(tx, community.id, membershipId);
    if (target.status !== "PENDING") throw new AppError("not_pending", "communities.errors.notPending", 409);
    const approved = decision === "approve";
    // Conditional update: two administrators deciding at once cannot both succeed.
    const changed = await tx.membership.updateMany({
      where: { id: target.id, status: "PENDING" },
      data: approved
        ? {
            status: "ACTIVE",
            decisionMessage: message ?? null,
            decidedAt: new Date(),
            decidedById: actor.id,
            joinedAt: new Date(),
          }
        : { status: "LEFT", decisionMessage: message ?? null, decidedAt: new Date(), decidedById: actor.id },
    });
    if (changed.count !== 1) throw new AppError("not_pending", "communities.errors.notPending", 409);
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: approved ? "membership.approved" : "membership.refused",
      details: { membershipId: target.id, userId: target.userId, ...(message ? { message } : {}) },
    });
    // In the app, and by email at once unless the person chose otherwise (lib/notifications).
    await notifyMembershipDecided(tx, { communityId: community.id, userId: target.userId, approved, message });
  });
}

export async function changeMemberRole(
  db: Db,
  { actor, slug, membershipId, role }: { actor: Actor; slug: string; membershipId: string; role: MemberRole },
): Promise<void> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "membership.changeRole" });
  await db.$transaction(async (tx) => {
    const target = await targetMembership(tx, community.id, membershipId);
    if (target.status !== "ACTIVE") throw new AppError("not_active", "communities.errors.notActive", 409);
    if (target.role === role) return;
    if (target.role === "ADMIN") {
      const admins = await lockActiveAdmins(tx, community.id);
      if (admins.length <= 1) throw new AppError("last_admin", "communities.errors.lastAdmin", 409);
    }
    await tx.membership.update({ where: { id: target.id }, data: { role } });
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "membership.roleChanged",
      details: { membershipId: target.id, userId: target.userId, from: target.role, to: role },
    });
  });
}

/** Colleges change only by an administrator, with a reason, in the audit log (no college-hopping). */
export async function changeMemberCollege(
  db: Db,
  {
    actor,
    slug,
    membershipId,
    college,
    reason,
  }: { actor: Actor; slug: string; membershipId: string; college: ActorKind; reason: string },
): Promise<void> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "membership.changeCollege" });
  await db.$transaction(async (tx) => {
    const target = await targetMembership(tx, community.id, membershipId);
    if (target.college === college) return;
    await tx.membership.update({ where: { id: target.id }, data: { college } });
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "membership.collegeChanged",
      details: { membershipId: target.id, userId: target.userId, from: target.college, to: college, reason },
    });
  });
}
