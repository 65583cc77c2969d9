/**
 * Platform administration of accounts: suspending a person everywhere (they keep reading and may
 * appeal, nothing else: see lib/policy can()), and erasing an account under the GDPR.
 *
 * Erasure keeps the communities' records coherent: the User row stays as a pseudonym (no name, no
 * email, no image, not listed by name), so ballots, contributions, decisions, sanctions and audit
 * entries still count and still point somewhere; what identifies or reaches the person goes (sessions,
 * sign-in links, OpenID accounts, API tokens, notifications, follows, stewardships, pending
 * invitations and emails to their address, their messages with requests to join, their name in other
 * people's notifications). No sign-in reaches the row again (lib/auth/sessions.ts).
 */
import { forgetSubjectSalts } from "@/lib/translog/events";
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { invalidField } from "@/lib/core/validation";
import { withFields } from "@/lib/core/use-case";
import { eraseNameFromNotifications } from "@/lib/notifications/erase";
import { recordAudit } from "@/lib/audit/record";
import { assertCan, NotFoundError } from "@/lib/policy/can";
import type { Actor } from "@/lib/communities/access";
import {
  accountSearchSchema,
  eraseAccountSchema,
  liftSuspensionSchema,
  suspendAccountSchema,
  type EraseAccount,
  type LiftSuspension,
  type SuspendAccount,
} from "./schemas";

const platformSubject = (actor: Actor | null) => ({ user: actor, membership: null });

export async function lockTarget(tx: DbTx, userId: string) {
  const rows = await tx.$queryRaw<
    {
      id: string;
      email: string | null;
      name: string | null;
      displayName: string | null;
      isPlatformAdmin: boolean;
      erasedAt: Date | null;
    }[]
  >`
    SELECT "id", "email", "name", "displayName", "isPlatformAdmin", "erasedAt" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
  const target = rows[0];
  if (!target || target.erasedAt) throw new NotFoundError();
  return target;
}

export type AccountSummary = {
  id: string;
  displayName: string | null;
  email: string | null;
  actorKind: string | null;
  organization: string | null;
  isPlatformAdmin: boolean;
  suspendedUntil: Date | null;
  suspensionReason: string | null;
  memberships: number;
  createdAt: Date;
};

/** Accounts matching a name or an address (case- and accent-insensitive on names), at most 25. */
export const searchAccounts = withFields(
  accountSearchSchema,
  async (db: Db, { actor, q: term }: { actor: Actor | null; q: string }): Promise<AccountSummary[]> => {
    assertCan(platformSubject(actor), "platform.suspendAccount");
    const users = await db.user.findMany({
      where: {
        erasedAt: null,
        ...(term
          ? {
              OR: [
                { email: { contains: term, mode: "insensitive" } },
                { displayName: { contains: term, mode: "insensitive" } },
                { name: { contains: term, mode: "insensitive" } },
              ],
            }
          : {}),
      },
      orderBy: [{ displayName: "asc" }, { id: "asc" }],
      take: 25,
      select: {
        id: true,
        displayName: true,
        name: true,
        email: true,
        actorKind: true,
        isPlatformAdmin: true,
        platformSuspendedUntil: true,
        platformSuspensionReason: true,
        createdAt: true,
        organization: { select: { name: true } },
        _count: { select: { memberships: { where: { status: { in: ["ACTIVE", "SUSPENDED"] } } } } },
      },
    });
    return users.map((user) => ({
      id: user.id,
      displayName: user.displayName ?? user.name,
      email: user.email,
      actorKind: user.actorKind,
      organization: user.organization?.name ?? null,
      isPlatformAdmin: user.isPlatformAdmin,
      suspendedUntil: user.platformSuspendedUntil,
      suspensionReason: user.platformSuspensionReason,
      memberships: user._count.memberships,
      createdAt: user.createdAt,
    }));
  },
);

/** Suspends an account in every community until a date in the future; the reason is recorded. */
export const suspendAccount = withFields(
  suspendAccountSchema,
  async (
    db: Db,
    { actor, now = new Date(), userId, until, reason }: { actor: Actor | null; now?: Date } & SuspendAccount,
  ): Promise<{ userId: string; until: Date }> => {
    assertCan(platformSubject(actor), "platform.suspendAccount", undefined, now);
    if (until <= now) throw invalidField("until", "admin.errors.untilPast");
    if (userId === actor?.id) throw new AppError("cannot_suspend_self", "admin.errors.notSelf", 403);
    return db.$transaction(async (tx) => {
      const target = await lockTarget(tx, userId);
      if (target.isPlatformAdmin) throw new AppError("platform_admin", "admin.errors.notPlatformAdmin", 403);
      await tx.user.update({ where: { id: userId }, data: { platformSuspendedUntil: until, platformSuspensionReason: reason } });
      await recordAudit(tx, {
        actorId: actor?.id ?? null,
        communityId: null,
        action: "account.suspended",
        details: { userId, until: until.toISOString(), reason },
      });
      return { userId, until };
    });
  },
);

export const liftAccountSuspension = withFields(
  liftSuspensionSchema,
  async (
    db: Db,
    { actor, now = new Date(), userId, reason }: { actor: Actor | null; now?: Date } & LiftSuspension,
  ): Promise<void> => {
    assertCan(platformSubject(actor), "platform.suspendAccount", undefined, now);
    await db.$transaction(async (tx) => {
      await lockTarget(tx, userId);
      const lifted = await tx.user.updateMany({
        where: { id: userId, platformSuspendedUntil: { gt: now } },
        data: { platformSuspendedUntil: null, platformSuspensionReason: null },
      });
      if (lifted.count === 0) throw new AppError("not_suspended", "admin.errors.notSuspended", 409);
      await recordAudit(tx, {
        actorId: actor?.id ?? null,
        communityId: null,
        action: "account.suspensionLifted",
        details: { userId, reason },
      });
    });
  },
);

/**
 * The erasure itself, inside the caller's transaction with the person's row locked (lockTarget):
 * the same for an administrator's erasure and for a person deleting their own account.
 */
export async function pseudonymise(
  tx: DbTx,
  { target, now }: { target: { id: string; email: string | null; name: string | null; displayName: string | null }; now: Date },
): Promise<void> {
  const email = target.email;
  // Signed out everywhere at once: a deleted session row ends the next request (lib/web/request.ts).
  await tx.session.deleteMany({ where: { userId: target.id } });
  // The governance log's salted hashes of them (sanctions, appeals) become unlinkable; the log stays whole.
  await forgetSubjectSalts(tx, target.id);
  await tx.account.deleteMany({ where: { userId: target.id } });
  await tx.apiToken.deleteMany({ where: { userId: target.id } });
  // Their outside accounts (forge, OSM usernames) are personal data too; events of them then wait to be claimed again.
  await tx.externalIdentity.deleteMany({ where: { userId: target.id } });
  await tx.notification.deleteMany({ where: { userId: target.id } });
  // Their name in other people's notifications (page, API, digests render these rows).
  await eraseNameFromNotifications(tx, {
    userId: target.id,
    names: [target.displayName, target.name].filter((n): n is string => !!n),
  });
  await tx.notificationPreference.deleteMany({ where: { userId: target.id } });
  await tx.follow.deleteMany({ where: { userId: target.id } });
  await tx.commonsSteward.deleteMany({ where: { userId: target.id } });
  if (email) {
    await tx.verificationToken.deleteMany({ where: { identifier: email } });
    await tx.invitation.deleteMany({ where: { email, acceptedAt: null } });
    await tx.outboxEmail.deleteMany({ where: { to: email } });
  }
  await tx.membership.updateMany({ where: { userId: target.id }, data: { requestMessage: null } });
  await tx.membership.updateMany({
    where: { userId: target.id, status: { in: ["ACTIVE", "PENDING", "SUSPENDED"] } },
    data: { status: "LEFT", leftAt: now },
  });
  await tx.user.update({
    where: { id: target.id },
    data: {
      name: null,
      displayName: null,
      email: null,
      emailVerified: null,
      image: null,
      listedByName: false,
      platformSuspendedUntil: null,
      platformSuspensionReason: null,
      erasedAt: now,
    },
  });
}

/** Communities the person alone administers: erasing them would leave those without an administrator. */
export async function soleAdministrations(db: DbTx, userId: string): Promise<{ slug: string; name: string }[]> {
  return db.$queryRaw<{ slug: string; name: string }[]>`
    SELECT c."slug", c."name" FROM "Membership" m JOIN "Community" c ON c."id" = m."communityId"
    WHERE m."userId" = ${userId} AND m."role" = 'ADMIN' AND m."status" = 'ACTIVE'
      AND NOT EXISTS (
        SELECT 1 FROM "Membership" o WHERE o."communityId" = m."communityId" AND o."userId" <> m."userId"
          AND o."role" = 'ADMIN' AND o."status" = 'ACTIVE')
    ORDER BY c."name"`;
}

export const eraseAccount = withFields(
  eraseAccountSchema,
  async (
    db: Db,
    { actor, now = new Date(), userId, reason }: { actor: Actor | null; now?: Date } & EraseAccount,
  ): Promise<{ userId: string }> => {
    assertCan(platformSubject(actor), "platform.eraseAccount", undefined, now);
    if (userId === actor?.id) throw new AppError("cannot_erase_self", "admin.errors.notSelf", 403);
    return db.$transaction(async (tx) => {
      const target = await lockTarget(tx, userId);
      if (target.isPlatformAdmin) throw new AppError("platform_admin", "admin.errors.notPlatformAdmin", 403);
      // Under the row lock of the person, so no membership can change hands in between.
      const sole = await soleAdministrations(tx, userId);
      if (sole.length > 0) {
        throw new AppError("sole_administrator", "admin.errors.soleAdministrator", 409, {
          communities: sole.map((c) => c.name).join(", "),
        });
      }
      await pseudonymise(tx, { target, now });
      await recordAudit(tx, {
        actorId: actor?.id ?? null,
        communityId: null,
        action: "account.erased",
        details: { userId, reason },
      });
      return { userId };
    });
  },
);
