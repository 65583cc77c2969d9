/**
 * Reports and the moderation queue. One report per person per item (the unique constraint decides,
 * 409 on a duplicate). The reporter's identity is never part of any shape this module returns, and the
 * audit entry of a report names no actor: the reported person reads the audit log too.
 * With the charter's autoHideAfterReports, any hideable item (targets/registry.ts) is hidden once that
 * many reports by active members of the community are open on it, marked AUTOMATIC (reports from
 * anyone else go to the queue only); dismissing the last open report restores it.
 */
import type { Db, DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReportReason, ReportState, ReportTargetKind, SanctionKind } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/core/errors";
import { invalidField, parseInput } from "@/lib/core/validation";
import { withInput } from "@/lib/core/use-case";
import type { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { getCharterParameters } from "@/lib/charter/parameters";
import { can, NotFoundError, type CommunityState } from "@/lib/policy/can";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { queueFilterSchema, queueGroupFilterSchema, reportSchema } from "./schemas";

type Report = z.output<typeof reportSchema>;
import { enforceRateLimit } from "@/lib/core/posting-limits";
import { notifyReportReceived, tellReporters, type ReporterNotices } from "./notify";
import { hidingOf, moderationTarget } from "./targets/registry";
import { notifyQueueChanged } from "./live";

/** What the reporter gets back: their own report, without the reported person's identity either. */
export type ReportReceipt = {
  id: string;
  targetKind: ReportTargetKind;
  targetId: string;
  reason: ReportReason;
  state: ReportState;
};

/**
 * Who answers for the reported item, checking that it belongs to the community. When the platform
 * cannot tell (a commons whose proposer left), the reporter names a member responsible.
 */
async function reportedAuthor(
  db: DbTx,
  { communityId, kind, id, given }: { communityId: string; kind: ReportTargetKind; id: string; given: string | undefined },
): Promise<string> {
  const item = await moderationTarget(kind).load(db, { communityId, id });
  if (!item) throw new AppError("target_not_found", "moderation.errors.targetNotFound", 404);
  if (item.authorId) return item.authorId;
  if (!given) throw invalidField("targetAuthorId", "moderation.errors.targetAuthorRequired");
  const member = await db.membership.count({ where: { communityId, userId: given } });
  if (member === 0) throw new AppError("target_not_found", "moderation.errors.targetNotFound", 404);
  return given;
}

/**
 * Open reports on an item that count towards the charter's automatic hiding: those whose reporter
 * may still make them count ("report.countsTowardsHiding": an active member of the community, asked
 * now, so a reporter who has left or been suspended since no longer counts). The others wait in the
 * queue for a moderator.
 */
async function countingReports(
  tx: DbTx,
  {
    community,
    targetKind,
    targetId,
  }: { community: { id: string } & CommunityState; targetKind: ReportTargetKind; targetId: string },
): Promise<number> {
  const reports = await tx.report.findMany({
    where: { communityId: community.id, targetKind, targetId, state: "OPEN" },
    select: { reporterId: true },
  });
  if (reports.length === 0) return 0;
  const reporters = await tx.user.findMany({
    where: { id: { in: reports.map((report) => report.reporterId) } },
    select: {
      id: true,
      onboardedAt: true,
      isPlatformAdmin: true,
      platformSuspendedUntil: true,
      memberships: { where: { communityId: community.id }, select: { role: true, status: true, suspendedUntil: true } },
    },
  });
  const now = new Date();
  return reporters.filter((reporter) =>
    can(
      {
        user: {
          id: reporter.id,
          onboarded: reporter.onboardedAt !== null,
          isPlatformAdmin: reporter.isPlatformAdmin,
          suspendedUntil: reporter.platformSuspendedUntil,
        },
        membership: reporter.memberships[0] ?? null,
      },
      "report.countsTowardsHiding",
      community,
      now,
    ),
  ).length;
}

export const reportContent = withInput(
  reportSchema,
  async (db: Db, { actor, slug, input }: { actor: Actor; slug: string; input: Report }): Promise<ReportReceipt> => {
    const { community } = await requireCommunityAccess(db, { slug, actor, action: "report.create" });
    const { targetKind, targetId, reason, comment } = input;
    const authorId = await reportedAuthor(db, {
      communityId: community.id,
      kind: targetKind,
      id: targetId,
      given: input.targetAuthorId,
    });
    if (authorId === actor.id) throw new AppError("cannot_report_self", "moderation.errors.cannotReportSelf", 400);
    await enforceRateLimit(db, { action: "reports", userId: actor.id });
    const charter = await getCharterParameters(db, community.id);

    try {
      return await db.$transaction(async (tx) => {
        const report = await tx.report.create({
          data: {
            communityId: community.id,
            reporterId: actor.id,
            targetKind,
            targetId,
            targetAuthorId: authorId,
            reason,
            comment,
          },
          select: { id: true, targetKind: true, targetId: true, reason: true, state: true },
        });
        await notifyQueueChanged(tx, community.id);
        // No actor and no reporter in the entry: the reported person may read the audit log.
        await recordAudit(tx, {
          actorId: null,
          communityId: community.id,
          action: "moderation.reported",
          details: { reportId: report.id, targetKind, reason },
        });
        await notifyReportReceived(tx, { communityId: community.id, targetKind, reporterId: actor.id, authorId });
        // The charter's automatic hiding, until a moderator decides. Stored as AUTOMATIC (no moderator,
        // no reason): only such a hiding is undone when the reports are dismissed.
        const hiding = hidingOf(targetKind);
        if (hiding && charter.autoHideAfterReports > 0) {
          const open = await countingReports(tx, { community, targetKind, targetId });
          if (
            open >= charter.autoHideAfterReports &&
            (await hiding.hide(tx, { id: targetId, at: new Date(), hider: { by: "AUTOMATIC" } }))
          ) {
            await recordAudit(tx, {
              actorId: null,
              communityId: community.id,
              action: "moderation.hidden",
              details: { targetKind, targetId, openReports: open, hiddenBy: "AUTOMATIC" },
            });
          }
        }
        return report;
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new AppError("already_reported", "moderation.errors.alreadyReported", 409);
      }
      throw error;
    }
  },
);

export type AuthorHistory = {
  /** Reports on this author's content in the community, this one excepted. */
  otherReports: number;
  sanctions: { id: string; kind: SanctionKind; createdAt: Date; until: Date | null; expiresAt: Date; overturned: boolean }[];
};

export type QueueItem = {
  id: string;
  targetKind: ReportTargetKind;
  targetId: string;
  targetAuthorId: string;
  reason: ReportReason;
  comment: string;
  state: ReportState;
  createdAt: Date;
  decidedAt: Date | null;
  authorHistory: AuthorHistory;
};

/**
 * The queue, oldest first, by cursor (the last report's id). Moderators never see reports about
 * themselves (someone else handles those), and no item names its reporter.
 */
export async function listQueue(
  db: DbTx,
  { actor, slug, filter = {} }: { actor: Actor; slug: string; filter?: unknown },
): Promise<{ data: QueueItem[]; nextCursor: string | null }> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "moderation.queue" });
  const { state, reason, targetKind, cursor, limit } = parseInput(queueFilterSchema, filter, { root: "_form" });
  const rows = await db.report.findMany({
    where: {
      communityId: community.id,
      targetAuthorId: { not: actor.id },
      ...(state ? { state } : {}),
      ...(reason ? { reason } : {}),
      ...(targetKind ? { targetKind } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: {
      id: true,
      targetKind: true,
      targetId: true,
      targetAuthorId: true,
      reason: true,
      comment: true,
      state: true,
      createdAt: true,
      decidedAt: true,
    },
  });
  const page = rows.slice(0, limit);
  const authors = [...new Set(page.map((r) => r.targetAuthorId))];
  const [reportCounts, sanctions] = await Promise.all([
    db.report.groupBy({
      by: ["targetAuthorId"],
      where: { communityId: community.id, targetAuthorId: { in: authors } },
      _count: { _all: true },
    }),
    db.sanction.findMany({
      where: { communityId: community.id, userId: { in: authors } },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        userId: true,
        kind: true,
        createdAt: true,
        until: true,
        expiresAt: true,
        appeal: { select: { state: true } },
      },
    }),
  ]);
  const counts = new Map(reportCounts.map((c) => [c.targetAuthorId, c._count._all]));
  const data = page.map((report) => ({
    ...report,
    authorHistory: {
      otherReports: (counts.get(report.targetAuthorId) ?? 1) - 1,
      sanctions: sanctions
        .filter((s) => s.userId === report.targetAuthorId)
        .map(({ appeal, userId: _userId, ...s }) => ({ ...s, overturned: appeal?.state === "OVERTURNED" })),
    },
  }));
  return { data, nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null };
}

export type QueueGroup = {
  targetKind: ReportTargetKind;
  targetId: string;
  targetAuthorId: string;
  /** The item's reports matching the filter, oldest first (never naming their reporters). */
  reports: { id: string; reason: ReportReason; comment: string; state: ReportState; createdAt: Date }[];
  /** Each reason given, with how many reports gave it, most given first. */
  reasons: { reason: ReportReason; count: number }[];
  /** OPEN while one of its reports is open. */
  state: ReportState;
  firstReportedAt: Date;
  /** The author was already sanctioned for this item (one sanction per item and author). */
  sanctioned: boolean;
  authorHistory: AuthorHistory;
};

/**
 * The queue as moderators decide it: one entry per reported item, with its report count and
 * reasons, oldest first (by its first report), paged by offset. Reports about oneself are left out.
 */
export async function listQueueGroups(
  db: DbTx,
  { actor, slug, filter = {} }: { actor: Actor; slug: string; filter?: unknown },
): Promise<{ data: QueueGroup[]; nextOffset: number | null }> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "moderation.queue" });
  const { state, reason, targetKind, offset, limit } = parseInput(queueGroupFilterSchema, filter, { root: "_form" });
  const where = {
    communityId: community.id,
    targetAuthorId: { not: actor.id },
    ...(state ? { state } : {}),
    ...(reason ? { reason } : {}),
    ...(targetKind ? { targetKind } : {}),
  };
  const groups = await db.report.groupBy({
    by: ["targetKind", "targetId", "targetAuthorId"],
    where,
    _min: { createdAt: true },
    orderBy: [{ _min: { createdAt: "asc" } }, { targetId: "asc" }],
    skip: offset,
    take: limit + 1,
  });
  const page = groups.slice(0, limit);
  if (page.length === 0) return { data: [], nextOffset: null };
  const items = page.map((g) => ({ targetKind: g.targetKind, targetId: g.targetId }));
  const authors = [...new Set(page.map((g) => g.targetAuthorId))];
  const [reports, perItem, perAuthor, sanctions, sanctioned] = await Promise.all([
    db.report.findMany({
      where: { ...where, OR: items },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, targetKind: true, targetId: true, reason: true, comment: true, state: true, createdAt: true },
    }),
    db.report.groupBy({
      by: ["targetKind", "targetId"],
      where: { communityId: community.id, OR: items },
      _count: { _all: true },
    }),
    db.report.groupBy({
      by: ["targetAuthorId"],
      where: { communityId: community.id, targetAuthorId: { in: authors } },
      _count: { _all: true },
    }),
    db.sanction.findMany({
      where: { communityId: community.id, userId: { in: authors } },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        userId: true,
        kind: true,
        createdAt: true,
        until: true,
        expiresAt: true,
        appeal: { select: { state: true } },
      },
    }),
    db.sanctionItem.findMany({ where: { OR: items }, select: { userId: true, targetKind: true, targetId: true } }),
  ]);
  const keyOf = (i: { targetKind: string; targetId: string }) => `${i.targetKind}:${i.targetId}`;
  const itemTotals = new Map(perItem.map((c) => [keyOf(c), c._count._all]));
  const authorTotals = new Map(perAuthor.map((c) => [c.targetAuthorId, c._count._all]));
  const sanctionedKeys = new Set(sanctioned.map((s) => `${s.userId}:${keyOf(s)}`));
  const data = page.map((group): QueueGroup => {
    const key = keyOf(group);
    const own = reports.filter((r) => keyOf(r) === key).map(({ targetKind: _k, targetId: _i, ...r }) => r);
    const counts = new Map<ReportReason, number>();
    for (const r of own) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
    return {
      targetKind: group.targetKind,
      targetId: group.targetId,
      targetAuthorId: group.targetAuthorId,
      reports: own,
      reasons: [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
      state: own.some((r) => r.state === "OPEN") ? "OPEN" : (own[own.length - 1]?.state ?? "OPEN"),
      firstReportedAt: group._min.createdAt ?? own[0]?.createdAt ?? new Date(0),
      sanctioned: sanctionedKeys.has(`${group.targetAuthorId}:${key}`),
      authorHistory: {
        otherReports: Math.max(0, (authorTotals.get(group.targetAuthorId) ?? 0) - (itemTotals.get(key) ?? 0)),
        sanctions: sanctions
          .filter((s) => s.userId === group.targetAuthorId)
          .map(({ appeal, userId: _userId, ...s }) => ({ ...s, overturned: appeal?.state === "OVERTURNED" })),
      },
    };
  });
  return { data, nextOffset: groups.length > limit ? offset + limit : null };
}

/** Closes an open report without a sanction; an item hidden automatically comes back once no report stays open. */
export async function dismissReport(
  db: Db,
  { actor, slug, reportId }: { actor: Actor; slug: string; reportId: string },
): Promise<void> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "moderation.queue" });
  await db.$transaction((tx) => dismissInTx(tx, { communityId: community.id, actorId: actor.id, reportId }));
}

/** The dismissal inside a transaction the caller holds (bulk actions share one). */
export async function dismissInTx(
  tx: DbTx,
  {
    communityId,
    actorId,
    reportId,
    now = new Date(),
    deferred,
  }: { communityId: string; actorId: string; reportId: string; now?: Date; deferred?: ReporterNotices },
): Promise<void> {
  const report = await tx.report.findFirst({
    where: { id: reportId, communityId, targetAuthorId: { not: actorId } },
    select: { targetKind: true, targetId: true, reporterId: true },
  });
  if (!report) throw new NotFoundError();
  const changed = await tx.report.updateMany({
    where: { id: reportId, state: "OPEN" },
    data: { state: "DISMISSED", decidedById: actorId, decidedAt: now },
  });
  if (changed.count === 0) throw new AppError("report_decided", "moderation.errors.reportDecided", 409);
  await notifyQueueChanged(tx, communityId);
  await tellReporters(
    tx,
    { communityId, reporterIds: [report.reporterId], targetKind: report.targetKind, outcome: "DISMISSED" },
    deferred,
  );
  let restored = false;
  const hiding = hidingOf(report.targetKind);
  if (hiding) {
    const stillOpen = await tx.report.count({
      where: { targetKind: report.targetKind, targetId: report.targetId, state: "OPEN" },
    });
    // Only an automatic hiding is undone (read from the stored hiddenBy); a moderator's stands.
    if (stillOpen === 0) restored = await hiding.unhide(tx, { id: report.targetId, only: "AUTOMATIC" });
  }
  await recordAudit(tx, {
    actorId,
    communityId,
    action: "moderation.restored",
    details: { reason: "reportDismissed", reportId, targetKind: report.targetKind, unhidden: restored },
  });
}
