/**
 * What moderation tells people, inside the transaction of the decision (lib/notifications/notify.ts):
 * the sanctioned member ("sanction.received"), the member whose appeal was decided ("appeal.decided")
 * and each reporter ("report.decided", naming no one: whether action was taken, and the public log).
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
