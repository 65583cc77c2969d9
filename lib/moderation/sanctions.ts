/**
 * Graduated sanctions following the charter's sanctions ladder: the member's sanctions that still
 * count (not expired, not overturned on appeal) say which step comes next. A moderator may depart
 * from the suggestion, with a reason kept on the sanction. A suspension sets the membership SUSPENDED
 * until a date (roleOf lets it end by itself; endExpiredSuspensions records it); a ban sets it BANNED,
 * which removes the community role (no acting, no members-only reading) but signs no one out.
 */
import type { Db, DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MemberRole, MembershipStatus, ReportTargetKind, SanctionKind } from "@/lib/generated/prisma/enums";
import { canSanction, outranks } from "@/lib/policy/can";
import { AppError } from "@/lib/core/errors";
import { invalidField } from "@/lib/core/validation";
import { withFields } from "@/lib/core/use-case";
import { recordAudit, type AuditAction } from "@/lib/audit/record";
import { logSanction } from "@/lib/translog/events";
import { getCharterParameters } from "@/lib/charter/parameters";
import { loadCommunityAccess, requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { sanctionSchema, type SanctionOutput } from "./schemas";
import { notifySanction, tellReporters, type ReporterNotices } from "./notify";
import { moderationTarget } from "./targets/registry";
import { notifyQueueChanged } from "./live";

const DAY = 24 * 60 * 60 * 1000;

export type SanctionSuggestion = {
  kind: SanctionKind;
  /** Suspension length of the step (SUSPENSION only). */
  days: number | null;
  /** Sanctions that still count towards the ladder. */
  activeCount: number;
  /** Index of the suggested step in the ladder (the last one repeats); -1 when the charter has no ladder. */
  step: number;
  expiresAfterDays: number;
};

/** Sanctions still counting: not expired, and not overturned on appeal. */
export function countingSanctions(db: DbTx, { communityId, userId, now }: { communityId: string; userId: string; now: Date }) {
  return db.sanction.count({
    where: {
      communityId,
      userId,
      expiresAt: { gt: now },
      OR: [{ appeal: null }, { appeal: { state: { not: "OVERTURNED" } } }],
    },
  });
}

export async function suggestSanction(
  db: DbTx,
  { communityId, userId, now = new Date() }: { communityId: string; userId: string; now?: Date },
): Promise<SanctionSuggestion> {
  const { sanctionsLadder } = await getCharterParameters(db, communityId);
  const activeCount = await countingSanctions(db, { communityId, userId, now });
  if (sanctionsLadder.length === 0) return { kind: "WARNING", days: null, activeCount, step: -1, expiresAfterDays: 365 };
  const step = Math.min(activeCount, sanctionsLadder.length - 1);
  const { sanction: kind, days, expiresAfterDays } = sanctionsLadder[step]!;
  return { kind, days: kind === "SUSPENSION" ? (days ?? null) : null, activeCount, step, expiresAfterDays };
}

const alreadySanctioned = () => new AppError("already_sanctioned_for_item", "moderation.errors.alreadySanctionedForItem", 409);

/** Of these items, those for which the member was already sanctioned (one sanction per item and author). */
export async function sanctionedItems(
  db: DbTx,
  { userId, items }: { userId: string; items: { targetKind: ReportTargetKind; targetId: string }[] },
): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const rows = await db.sanctionItem.findMany({
    where: { userId, OR: items.map(({ targetKind, targetId }) => ({ targetKind, targetId })) },
    select: { targetKind: true, targetId: true },
  });
  return new Set(rows.map((r) => `${r.targetKind}:${r.targetId}`));
}

const auditOf: Record<SanctionKind, AuditAction> = {
  WARNING: "moderation.warned",
  SUSPENSION: "moderation.suspended",
  BAN: "moderation.banned",
};

export type SanctionResult = {
  id: string;
  kind: SanctionKind;
  until: Date | null;
  suggested: SanctionSuggestion;
  departedFromLadder: boolean;
};

/** Sanctions a member: the fields of sanctionSchema beside the actor (`sanction(db, { actor, slug, userId, kind… })`). */
export const sanction = withFields(
  sanctionSchema,
  async (
    db: Db,
    { actor, slug, now = new Date(), ...input }: { actor: Actor; slug: string; now?: Date } & SanctionOutput,
  ): Promise<SanctionResult> => {
    const { community, membership: own } = await requireCommunityAccess(db, { slug, actor, action: "moderation.sanction" });
    return db.$transaction((tx) => sanctionInTx(tx, { communityId: community.id, actor, own, input, now }));
  },
);

/**
 * The sanction itself, inside a transaction the caller holds (bulk actions share one). The caller
 * has checked "moderation.sanction" and parsed the input.
 */
export async function sanctionInTx(
  tx: DbTx,
  {
    communityId,
    actor,
    own,
    input,
    now,
    deferred,
  }: {
    communityId: string;
    actor: Actor;
    own: { role: MemberRole; status: string } | null;
    input: SanctionOutput;
    now: Date;
    /** Bulk actions tell reporters once at the end. */
    deferred?: ReporterNotices;
  },
): Promise<SanctionResult> {
  const { userId, kind, reason, ruleReference, reportIds } = input;
  const departureReason = input.departureReason || undefined;
  if (userId === actor.id) {
    throw new AppError("cannot_sanction_self", "moderation.errors.cannotSanctionSelf", 403, undefined, "userId");
  }
  const { sanctionsLadder } = await getCharterParameters(tx, communityId);
  // One sanction at a time per member: the ladder count below must see the previous one.
  const locked = await tx.$queryRaw<{ id: string; role: MemberRole; status: string }[]>`
    SELECT "id", "role", "status" FROM "Membership"
    WHERE "communityId" = ${communityId} AND "userId" = ${userId} FOR UPDATE`;
  const target = locked[0];
  if (!target || (target.status !== "ACTIVE" && target.status !== "SUSPENDED")) {
    throw new AppError("not_member", "moderation.errors.notMember", 404, undefined, "userId");
  }
  // Moderators sanction members, administrators also moderators; platform administrators anyone.
  // Who may sanction whom is the policy's (lib/policy/can.ts: outranks; the caller checked the action).
  const standing = own ? { role: own.role, status: own.status as MembershipStatus, suspendedUntil: null } : null;
  if (!outranks({ user: actor, membership: standing }, target.role, now)) {
    throw new AppError("not_sanctionable", "moderation.errors.notSanctionable", 403, undefined, "userId");
  }

  // The items this sanction answers: those of its reports (open, or answered by a hiding without a
  // sanction yet) and the one named in place. One sanction per item and author: the ladder is not
  // climbed twice for one comment (checked under the membership lock; the unique index backs it).
  const given =
    reportIds.length === 0
      ? []
      : await tx.report.findMany({
          where: { id: { in: reportIds }, communityId, targetAuthorId: userId },
          select: { id: true, reporterId: true, targetKind: true, targetId: true, state: true, sanctionId: true },
        });
  const answered = given.filter((r) => r.state === "OPEN" || (r.state === "ACTIONED" && r.sanctionId === null));
  const items = new Map<string, { targetKind: ReportTargetKind; targetId: string }>();
  for (const report of given) {
    items.set(`${report.targetKind}:${report.targetId}`, { targetKind: report.targetKind, targetId: report.targetId });
  }
  if (input.itemKind && input.itemId) {
    const item = await moderationTarget(input.itemKind).load(tx, { communityId, id: input.itemId });
    if (!item || item.authorId !== userId) throw new AppError("target_not_found", "moderation.errors.targetNotFound", 404);
    items.set(`${input.itemKind}:${input.itemId}`, { targetKind: input.itemKind, targetId: input.itemId });
    // The reports its hiding answered are answered by this sanction too.
    const byHiding = await tx.report.findMany({
      where: {
        communityId,
        targetKind: input.itemKind,
        targetId: input.itemId,
        targetAuthorId: userId,
        state: "ACTIONED",
        sanctionId: null,
        id: { notIn: answered.map((r) => r.id) },
      },
      select: { id: true, reporterId: true, targetKind: true, targetId: true, state: true, sanctionId: true },
    });
    answered.push(...byHiding);
  }
  if (items.size > 0) {
    const already = await tx.sanctionItem.count({
      where: { userId, OR: [...items.values()].map(({ targetKind, targetId }) => ({ targetKind, targetId })) },
    });
    if (already > 0) throw alreadySanctioned();
  }

  const suggested = await suggestSanction(tx, { communityId, userId, now });
  const stepOfKind = sanctionsLadder.find((s) => s.sanction === kind);
  let days: number | null | undefined;
  let until: Date | null = null;
  if (kind === "SUSPENSION" && input.until) {
    until = new Date(`${input.until}T00:00:00Z`);
    if (until.getTime() <= now.getTime()) throw invalidField("until", "moderation.errors.untilPast");
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    days = Math.round((until.getTime() - today) / DAY);
    if (days > 365) throw invalidField("until", "moderation.errors.daysRequired");
  } else if (kind === "SUSPENSION") {
    days = input.days ?? (suggested.kind === "SUSPENSION" ? suggested.days : stepOfKind?.days);
    if (!days) throw invalidField("days", "moderation.errors.daysRequired");
    until = new Date(now.getTime() + days * DAY);
  }
  const departed = kind !== suggested.kind || (kind === "SUSPENSION" && days !== suggested.days);
  if (departed && !departureReason) {
    throw invalidField("departureReason", "moderation.errors.departureReasonRequired", { suggested: suggested.kind });
  }
  const expiresAfterDays = stepOfKind?.expiresAfterDays ?? suggested.expiresAfterDays;

  const created = await tx.sanction.create({
    data: {
      communityId,
      userId,
      kind,
      until,
      reason,
      ruleReference: ruleReference || null,
      suggestedKind: suggested.kind,
      suggestedDays: suggested.days,
      departedFromLadder: departed,
      departureReason: departed ? departureReason : null,
      byId: actor.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + expiresAfterDays * DAY),
    },
    select: { id: true },
  });
  if (kind === "SUSPENSION") {
    await tx.membership.update({ where: { id: target.id }, data: { status: "SUSPENDED", suspendedUntil: until } });
  } else if (kind === "BAN") {
    await tx.membership.update({ where: { id: target.id }, data: { status: "BANNED", suspendedUntil: null } });
  }
  if (items.size > 0) {
    try {
      await tx.sanctionItem.createMany({
        data: [...items.values()].map(({ targetKind, targetId }) => ({ sanctionId: created.id, userId, targetKind, targetId })),
      });
    } catch (error) {
      // Another sanction for the same item committed first (a moderator without the lock above).
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw alreadySanctioned();
      throw error;
    }
  }
  if (answered.length > 0) {
    const open = answered.filter((r) => r.state === "OPEN");
    await tx.report.updateMany({
      where: { id: { in: open.map((r) => r.id) }, state: "OPEN" },
      data: { state: "ACTIONED", decidedById: actor.id, decidedAt: now, sanctionId: created.id },
    });
    await notifyQueueChanged(tx, communityId);
    // Reports a hiding already answered are linked to the sanction; their reporters were told then.
    await tx.report.updateMany({
      where: { id: { in: answered.filter((r) => r.state === "ACTIONED").map((r) => r.id) }, sanctionId: null },
      data: { sanctionId: created.id },
    });
    for (const targetKind of new Set(open.map((r) => r.targetKind))) {
      await tellReporters(
        tx,
        {
          communityId,
          reporterIds: open.filter((r) => r.targetKind === targetKind).map((r) => r.reporterId),
          targetKind,
          outcome: "ACTIONED",
        },
        deferred,
      );
    }
  }
  await recordAudit(tx, {
    actorId: actor.id,
    communityId,
    action: auditOf[kind],
    details: {
      userId,
      sanctionId: created.id,
      kind,
      until: until?.toISOString() ?? null,
      suggestedKind: suggested.kind,
      departedFromLadder: departed,
      ...(ruleReference ? { ruleReference } : {}),
    },
  });
  await notifySanction(tx, { communityId, userId, sanctionId: created.id, kind, until, reason });
  await logSanction(tx, { communityId, sanctionId: created.id, userId, kind, until: until ?? null });
  return { id: created.id, kind, until, suggested, departedFromLadder: departed };
}

/**
 * For the worker: records the end of every suspension whose date has passed (membership back to
 * ACTIVE, one audit entry each, without an actor). Safe to run from several workers at once.
 */
export async function endExpiredSuspensions(db: Db, now = new Date()): Promise<number> {
  const due = await db.membership.findMany({
    where: { status: "SUSPENDED", suspendedUntil: { lte: now } },
    select: { id: true, communityId: true, userId: true, suspendedUntil: true },
    take: 500,
  });
  let ended = 0;
  for (const membership of due) {
    await db.$transaction(async (tx) => {
      const changed = await tx.membership.updateMany({
        where: { id: membership.id, status: "SUSPENDED", suspendedUntil: { lte: now } },
        data: { status: "ACTIVE", suspendedUntil: null },
      });
      if (changed.count === 0) return;
      ended += 1;
      await recordAudit(tx, {
        actorId: null,
        communityId: membership.communityId,
        action: "moderation.restored",
        details: {
          reason: "suspensionEnded",
          userId: membership.userId,
          until: membership.suspendedUntil?.toISOString() ?? null,
        },
      });
    });
  }
  return ended;
}

/** What the moderator needs to sanction an item's author in place, right after hiding it. */
export type SanctionOffer = {
  userId: string;
  name: string;
  suggestedKind: SanctionKind;
  /** Days of the suggested suspension. */
  suggestedDays: number | null;
  /** YYYY-MM-DD when the ladder suggests a suspension. */
  suggestedUntil: string | null;
  /** YYYY-MM-DD pre-filled when a suspension is chosen anyway. */
  defaultUntil: string;
  activeCount: number;
  noLadder: boolean;
};

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Whether the author of an item may be sanctioned for it by this moderator now, and the ladder's
 * suggestion: null when they may not (oneself, a peer or higher, not a member, already sanctioned for
 * this item), so the page never offers what would be refused.
 */
export async function sanctionOffer(
  db: DbTx,
  {
    actor,
    slug,
    userId,
    item,
    now = new Date(),
  }: { actor: Actor; slug: string; userId: string; item: { targetKind: ReportTargetKind; targetId: string }; now?: Date },
): Promise<SanctionOffer | null> {
  const access = await loadCommunityAccess(db, { slug, actor });
  if (!access) return null;
  const { community } = access;
  const membership = await db.membership.findUnique({
    where: { communityId_userId: { communityId: community.id, userId } },
    select: { role: true, status: true },
  });
  if (!membership || (membership.status !== "ACTIVE" && membership.status !== "SUSPENDED")) return null;
  if (!canSanction(access.subject, community, { userId, role: membership.role }, now)) return null;
  if ((await sanctionedItems(db, { userId, items: [item] })).size > 0) return null;
  const [suggested, charter, person] = await Promise.all([
    suggestSanction(db, { communityId: community.id, userId, now }),
    getCharterParameters(db, community.id),
    db.user.findUnique({ where: { id: userId }, select: { displayName: true, name: true } }),
  ]);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const stepDays = charter.sanctionsLadder.find((step) => step.sanction === "SUSPENSION")?.days ?? 7;
  return {
    userId,
    name: person?.displayName ?? person?.name ?? "—",
    suggestedKind: suggested.kind,
    suggestedDays: suggested.days,
    suggestedUntil: suggested.kind === "SUSPENSION" && suggested.days ? isoDay(new Date(today + suggested.days * DAY)) : null,
    defaultUntil: isoDay(new Date(today + stepDays * DAY)),
    activeCount: suggested.activeCount,
    noLadder: suggested.step < 0,
  };
}
