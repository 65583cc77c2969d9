/**
 * What moderation tells people, inside the transaction of the decision (lib/notifications/notify.ts):
 * the sanctioned member ("sanction.received"), the member whose appeal was decided ("appeal.decided")
 * and each reporter ("report.decided", naming no one: whether action was taken, and the public log);
 * and the community's moderators when something waits for them ("report.received", "appeal.received"),
 * never the person the report or the appeal is about, nor the sanctioner (who may not decide an appeal).
 */
import type { DbTx } from "@/lib/db/client";
import { notify } from "@/lib/notifications/notify";
import type { NotificationData, NotificationKind } from "@/lib/notifications/kinds";

async function send(
  tx: DbTx,
  {
    userIds,
    kind,
    communityId,
    data,
  }: {
    userIds: string[];
    kind: NotificationKind;
    communityId: string;
    data: (c: { slug: string; name: string }) => NotificationData;
  },
): Promise<void> {
  if (userIds.length === 0) return;
  const community = await tx.community.findUniqueOrThrow({ where: { id: communityId }, select: { slug: true, name: true } });
  await notify(tx, { userIds, kind, communityId, data: { communityName: community.name, ...data(community) } });
}

type ReportOutcome = "ACTIONED" | "DISMISSED";

/**
 * Reporter notices held back until the end of a bulk action, so that a reporter of a spam wave gets
 * one notice per outcome instead of one per item.
 */
export class ReporterNotices {
  private readonly pending = new Map<string, { reporterId: string; targetKind: string; outcome: ReportOutcome }>();

  add(reporterIds: string[], targetKind: string, outcome: ReportOutcome) {
    for (const reporterId of reporterIds) {
      const key = `${outcome}:${reporterId}`;
      if (!this.pending.has(key)) this.pending.set(key, { reporterId, targetKind, outcome });
    }
  }

  async flush(tx: DbTx, communityId: string) {
    const groups = new Map<string, { targetKind: string; outcome: ReportOutcome; reporterIds: string[] }>();
    for (const { reporterId, targetKind, outcome } of this.pending.values()) {
      const key = `${outcome}:${targetKind}`;
      const group = groups.get(key) ?? { targetKind, outcome, reporterIds: [] };
      group.reporterIds.push(reporterId);
      groups.set(key, group);
    }
    this.pending.clear();
    for (const group of groups.values()) await notifyReporters(tx, { communityId, ...group });
  }
}

/** Tells reporters now, or later when a bulk action holds their notices. */
export async function tellReporters(
  tx: DbTx,
  input: { communityId: string; reporterIds: string[]; targetKind: string; outcome: ReportOutcome },
  deferred?: ReporterNotices,
) {
  if (deferred) deferred.add(input.reporterIds, input.targetKind, input.outcome);
  else await notifyReporters(tx, input);
}

export function notifyReporters(
  tx: DbTx,
  {
    communityId,
    reporterIds,
    targetKind,
    outcome,
  }: { communityId: string; reporterIds: string[]; targetKind: string; outcome: ReportOutcome },
) {
  return send(tx, {
    userIds: reporterIds,
    kind: "report.decided",
    communityId,
    data: (c) => ({ title: c.name, path: `/communities/${c.slug}/moderation/log`, accepted: outcome === "ACTIONED", targetKind }),
  });
}

export function notifySanction(
  tx: DbTx,
  {
    communityId,
    userId,
    sanctionId,
    kind,
    until,
    reason,
  }: { communityId: string; userId: string; sanctionId: string; kind: string; until: Date | null; reason: string },
) {
  return send(tx, {
    userIds: [userId],
    kind: "sanction.received",
    communityId,
    data: (c) => ({
      title: c.name,
      path: `/communities/${c.slug}/sanctions/${sanctionId}`,
      sanction: kind,
      until: until?.toISOString() ?? null,
      reason,
    }),
  });
}

export function notifyAppealDecided(
  tx: DbTx,
  {
    communityId,
    userId,
    sanctionId,
    outcome,
    decision,
  }: { communityId: string; userId: string; sanctionId: string; outcome: "UPHELD" | "OVERTURNED"; decision: string },
) {
  return send(tx, {
    userIds: [userId],
    kind: "appeal.decided",
    communityId,
    data: (c) => ({
      title: c.name,
      path: `/communities/${c.slug}/sanctions/${sanctionId}`,
      accepted: outcome === "OVERTURNED",
      reason: decision,
    }),
  });
}

/**
 * The community's acting moderators and administrators, except those named in `exclude` (the
 * sanctioner, the sanctioned member, the reported author, the reporter).
 */
export async function moderatorsOf(tx: DbTx, communityId: string, exclude: string[]): Promise<string[]> {
  const rows = await tx.membership.findMany({
    where: { communityId, status: "ACTIVE", role: { in: ["MODERATOR", "ADMIN"] }, userId: { notIn: exclude } },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

/** An appeal waits for a decision: every moderator who may decide it hears of it. */
export async function notifyAppealReceived(
  tx: DbTx,
  {
    communityId,
    sanctionId,
    sanctionerId,
    memberId,
  }: { communityId: string; sanctionId: string; sanctionerId: string; memberId: string },
) {
  const userIds = await moderatorsOf(tx, communityId, [sanctionerId, memberId]);
  await send(tx, {
    userIds,
    kind: "appeal.received",
    communityId,
    data: (c) => ({ title: c.name, path: `/communities/${c.slug}/sanctions/${sanctionId}` }),
  });
}

/** The author of hidden content contests the hiding: the moderators other than the one who hid it. */
export async function notifyHidingContested(
  tx: DbTx,
  {
    communityId,
    authorId,
    hiderId,
    targetKind,
    path,
    text,
  }: { communityId: string; authorId: string; hiderId: string | null; targetKind: string; path: string | null; text: string },
) {
  const userIds = await moderatorsOf(tx, communityId, hiderId ? [authorId, hiderId] : [authorId]);
  await send(tx, {
    userIds,
    kind: "hiding.contested",
    communityId,
    data: (c) => ({ title: c.name, path: path ?? `/communities/${c.slug}/moderation`, targetKind, reason: text }),
  });
}

/**
 * A report arrived: moderators hear of it, except those who already have an unread notice of a
 * report in this community (a spam wave makes one notice per moderator, not one per report).
 */
export async function notifyReportReceived(
  tx: DbTx,
  {
    communityId,
    targetKind,
    reporterId,
    authorId,
  }: { communityId: string; targetKind: string; reporterId: string; authorId: string },
) {
  const moderators = await moderatorsOf(tx, communityId, [reporterId, authorId]);
  if (moderators.length === 0) return;
  const waiting = await tx.notification.findMany({
    where: { userId: { in: moderators }, kind: "report.received", communityId, readAt: null },
    select: { userId: true },
  });
  const told = new Set(waiting.map((n) => n.userId));
  await send(tx, {
    userIds: moderators.filter((id) => !told.has(id)),
    kind: "report.received",
    communityId,
    data: (c) => ({ title: c.name, path: `/communities/${c.slug}/moderation`, targetKind }),
  });
}
