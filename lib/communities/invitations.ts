/**
 * Invitations by email: a one-time token (only its hash is stored) that expires, sent through the
 * outbox in the invitation's transaction. The invited person may have no account yet: the link
 * leads them through sign-in with the same address, then accepting makes them a member.
 */
import { createHash, randomBytes } from "node:crypto";
import { enforceRateLimit } from "@/lib/core/posting-limits";
import type { Db } from "@/lib/db/client";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/core/errors";
import { assertCan, NotFoundError, UnauthenticatedError } from "@/lib/policy/can";
import { recordAudit } from "@/lib/audit/record";
import { enqueueEmail } from "@/lib/mail/outbox";
import { renderInvitationEmail } from "@/lib/mail/render-community";
import { notifyInvitation } from "@/lib/notifications/hooks";
import type { Locale } from "@/lib/i18n/core";
import { requireCommunityAccess, type Actor } from "./access";
import { collegeOf } from "@/lib/organizations/links";

export const INVITATION_DAYS = 14;
const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function inviteByEmail(
  db: Db,
  input: { actor: Actor; slug: string; email: string; role: MemberRole; appUrl: string; fallbackLocale: Locale },
): Promise<{ invitationId: string }> {
  const { actor, slug, email, role } = input;
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "membership.invite" });
  await enforceRateLimit(db, { action: "invitations", userId: actor.id });
  const token = randomBytes(32).toString("base64url");
  return db.$transaction(async (tx) => {
    const pending = await tx.invitation.findFirst({
      where: { communityId: community.id, email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { id: true },
    });
    if (pending) throw new AppError("already_invited", "communities.errors.alreadyInvited", 409, undefined, "email");
    const [inviter, invitee] = await Promise.all([
      tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { displayName: true, name: true } }),
      tx.user.findUnique({ where: { email }, select: { locale: true } }),
    ]);
    const invitation = await tx.invitation.create({
      data: {
        communityId: community.id,
        email,
        role,
        tokenHash: hash(token),
        invitedById: actor.id,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
      },
      select: { id: true },
    });
    const locale = invitee?.locale ?? input.fallbackLocale;
    await enqueueEmail(tx, {
      to: email,
      locale,
      email: renderInvitationEmail({
        locale,
        communityName: community.name,
        inviterName: inviter.displayName ?? inviter.name ?? "",
        url: new URL(`/invitations/${token}`, input.appUrl).toString(),
        days: INVITATION_DAYS,
      }),
    });
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: community.id,
      action: "membership.invited",
      details: { invitationId: invitation.id, role },
    });
    // Someone who already has an account also sees the invitation in the app.
    if (invitee) await notifyInvitation(tx, { communityId: community.id, email, inviterId: actor.id, token });
    return { invitationId: invitation.id };
  });
}

/** What the invitation page shows before accepting; null when the token is unknown, used, revoked or expired. */
export async function findInvitation(db: Db, token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hash(token) },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      community: { select: { slug: true, name: true, summary: true } },
      invitedBy: { select: { displayName: true } },
    },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) return null;
  return invitation;
}

export async function acceptInvitation(
  db: Db,
  { actor, token }: { actor: (Actor & { email: string | null }) | null; token: string },
): Promise<{ slug: string }> {
  if (!actor) throw new UnauthenticatedError();
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash: hash(token) },
      select: {
        id: true,
        email: true,
        role: true,
        communityId: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
        community: { select: { slug: true, visibility: true, joinPolicy: true } },
      },
    });
    if (!invitation) throw new NotFoundError();
    if (invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) {
      throw new AppError("invitation_invalid", "communities.errors.invitationInvalid", 410);
    }
    if (!actor.email || actor.email.toLowerCase() !== invitation.email) {
      throw new AppError("invitation_other_address", "communities.errors.invitationOtherAddress", 403);
    }
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { actorKind: true, onboardedAt: true } });
    if (!user.onboardedAt || !user.actorKind)
      throw new AppError("profile_incomplete", "communities.errors.profileIncomplete", 403);
    // A verified organisation's kind, else one's own (a declared organisation places no one).
    const college = (await collegeOf(tx, actor.id)) ?? user.actorKind;
    const existing = await tx.membership.findUnique({
      where: { communityId_userId: { communityId: invitation.communityId, userId: actor.id } },
      select: { role: true, status: true, suspendedUntil: true },
    });
    assertCan({ user: actor, membership: existing }, "membership.acceptInvitation", invitation.community);

    // Conditional update: the same link clicked twice at once is accepted once.
    const used = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date(), acceptedById: actor.id },
    });
    if (used.count !== 1) throw new AppError("invitation_invalid", "communities.errors.invitationInvalid", 410);
    const membership = await tx.membership.upsert({
      where: { communityId_userId: { communityId: invitation.communityId, userId: actor.id } },
      create: {
        communityId: invitation.communityId,
        userId: actor.id,
        role: invitation.role,
        status: "ACTIVE",
        college,
      },
      update: { role: invitation.role, status: "ACTIVE", college, leftAt: null, joinedAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: invitation.communityId,
      action: "membership.invitationAccepted",
      details: { invitationId: invitation.id, membershipId: membership.id, role: invitation.role },
    });
    return { slug: invitation.community.slug };
  });
}
