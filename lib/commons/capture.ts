/**
 * Capture alerts (issue 16): is one actor taking a commons over? Over a window of validated,
 * visible contributions (per commons and per community), following the CHAOSS definitions:
 * - elephant factor: the smallest number of organisations whose contributions make at least half of
 *   the total (a person acting alone, or whose organisation is only declared, counts as their own);
 * - organisational diversity: per kind of actor, its share of contributions and how many distinct
 *   organisations and people carry it;
 * - contributor absence factor: the smallest number of people who carry at least half of the work.
 * Each comes with the previous window's value, for the trend. The charter's thresholds
 * (captureMaxOrganizationSharePercent, captureMinContributorAbsenceFactor) raise an alert once while
 * crossed (a partial unique index allows one open alert per scope and metric), notifying the
 * community's administrators, and clear it when the measure is back within bounds.
 */
import type { Db, DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { getCharterParameters } from "@/lib/charter/parameters";
import { recordAudit } from "@/lib/audit/record";
import { notify } from "@/lib/notifications/notify";
import { contributionScope } from "@/lib/policy/scopes";
import { actorKinds } from "./dashboard";

const DAY_MS = 86_400_000;
/** Below this many validated contributions in the window, shares say too little to raise an alert. */
export const MIN_CONTRIBUTIONS_FOR_ALERT = 10;

export type CaptureMetrics = {
  total: number;
  /** null without contributions. */
  elephantFactor: number | null;
  absenceFactor: number | null;
  /** The verified organisation carrying the largest share (percent), if any. */
  topOrganization: { id: string; name: string; share: number } | null;
  diversity: { actorKind: ActorKind | null; count: number; share: number; organizations: number; people: number }[];
};

type Row = { authorId: string; organizationId: string | null; organizationName: string | null; kind: string | null; n: bigint };

/** The smallest number of groups whose counts reach half of the total (largest first). */
export function halfFactor(counts: number[]): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let sum = 0;
  let n = 0;
  for (const count of [...counts].sort((a, b) => b - a)) {
    sum += count;
    n += 1;
    if (2 * sum >= total) return n;
  }
  return n;
}

export function metricsOf(
  rows: {
    authorId: string;
    organizationId: string | null;
    organizationName: string | null;
    kind: string | null;
    count: number;
  }[],
): CaptureMetrics {
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  const byGroup = new Map<string, number>();
  const byPerson = new Map<string, number>();
  const organizations = new Map<string, { name: string; count: number }>();
  for (const r of rows) {
    const group = r.organizationId ? `o:${r.organizationId}` : `p:${r.authorId}`;
    byGroup.set(group, (byGroup.get(group) ?? 0) + r.count);
    byPerson.set(r.authorId, (byPerson.get(r.authorId) ?? 0) + r.count);
    if (r.organizationId) {
      const o = organizations.get(r.organizationId) ?? { name: r.organizationName ?? "—", count: 0 };
      o.count += r.count;
      organizations.set(r.organizationId, o);
    }
  }
  const top = [...organizations.entries()].sort((a, b) => b[1].count - a[1].count)[0];
  const kinds: (ActorKind | null)[] = [...actorKinds, null];
  const diversity = kinds
    .map((actorKind) => {
      const of = rows.filter((r) => (r.kind ?? null) === actorKind);
      const count = of.reduce((sum, r) => sum + r.count, 0);
      return {
        actorKind,
        count,
        share: total === 0 ? 0 : (100 * count) / total,
        organizations: new Set(of.filter((r) => r.organizationId).map((r) => r.organizationId)).size,
        people: new Set(of.map((r) => r.authorId)).size,
      };
    })
    .filter((d) => d.actorKind !== null || d.count > 0);
  return {
    total,
    elephantFactor: halfFactor([...byGroup.values()]),
    absenceFactor: halfFactor([...byPerson.values()]),
    topOrganization: top && total > 0 ? { id: top[0], name: top[1].name, share: (100 * top[1].count) / total } : null,
    diversity,
  };
}

export type CaptureScope = { communityId: string; commonsId?: string };

async function rowsFor(db: Db | DbTx, scope: CaptureScope, from: Date, to: Date) {
  const where = scope.commonsId
    ? Prisma.sql`c."commonsId" = ${scope.commonsId}`
    : Prisma.sql`k."communityId" = ${scope.communityId}`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT c."authorId", o."id" AS "organizationId", o."name" AS "organizationName",
           COALESCE(u."actorKind", o."kind", m."college")::text AS kind, count(*) AS n
    FROM "Contribution" c
    JOIN "Commons" k ON k."id" = c."commonsId"
    JOIN "User" u ON u."id" = c."authorId"
    LEFT JOIN "Organization" o ON o."id" = u."organizationId" AND u."organizationVerifiedAt" IS NOT NULL
    LEFT JOIN "Membership" m ON m."communityId" = k."communityId" AND m."userId" = c."authorId"
    WHERE ${where} AND k."hiddenAt" IS NULL AND ${contributionScope.countedSql("c")}
      AND c."date" > ${from} AND c."date" <= ${to}
    GROUP BY 1, 2, 3, 4`;
  return rows.map((r) => ({ ...r, count: Number(r.n) }));
}

export type CaptureThresholds = { windowDays: number; maxOrganizationSharePercent: number; minContributorAbsenceFactor: number };

export type CaptureReport = {
  windowDays: number;
  from: Date;
  to: Date;
  current: CaptureMetrics;
  previous: CaptureMetrics;
  thresholds: CaptureThresholds;
  /** The thresholds the current window crosses. */
  crossings: ("organizationShare" | "absenceFactor")[];
};

export function crossingsOf(metrics: CaptureMetrics, thresholds: CaptureThresholds): CaptureReport["crossings"] {
  if (metrics.total < MIN_CONTRIBUTIONS_FOR_ALERT) return [];
  const crossings: CaptureReport["crossings"] = [];
  const max = thresholds.maxOrganizationSharePercent;
  if (max > 0 && metrics.topOrganization && metrics.topOrganization.share > max) crossings.push("organizationShare");
  const min = thresholds.minContributorAbsenceFactor;
  if (min > 0 && metrics.absenceFactor !== null && metrics.absenceFactor < min) crossings.push("absenceFactor");
  return crossings;
}

/** The measures over the charter's window and the one before it, with the charter's thresholds. */
export async function captureReport(db: Db | DbTx, scope: CaptureScope, now = new Date()): Promise<CaptureReport> {
  const parameters = await getCharterParameters(db, scope.communityId);
  const thresholds: CaptureThresholds = {
    windowDays: parameters.captureWindowDays ?? 365,
    maxOrganizationSharePercent: parameters.captureMaxOrganizationSharePercent ?? 50,
    minContributorAbsenceFactor: parameters.captureMinContributorAbsenceFactor ?? 0,
  };
  const span = thresholds.windowDays * DAY_MS;
  const from = new Date(now.getTime() - span);
  const before = new Date(from.getTime() - span);
  const [current, previous] = await Promise.all([rowsFor(db, scope, from, now), rowsFor(db, scope, before, from)]);
  const metrics = metricsOf(current);
  return {
    windowDays: thresholds.windowDays,
    from,
    to: now,
    current: metrics,
    previous: metricsOf(previous),
    thresholds,
    crossings: crossingsOf(metrics, thresholds),
  };
}

export type OpenAlert = {
  id: string;
  commonsId: string;
  metric: string;
  value: number;
  threshold: number;
  raisedAt: Date;
  details: unknown;
};

/** Open alerts of a community (commonsId "" for the community as a whole). */
export async function openCaptureAlerts(db: Db | DbTx, communityId: string, commonsId?: string): Promise<OpenAlert[]> {
  return db.captureAlert.findMany({
    where: { communityId, clearedAt: null, ...(commonsId !== undefined ? { commonsId } : {}) },
    orderBy: { raisedAt: "desc" },
    select: { id: true, commonsId: true, metric: true, value: true, threshold: true, raisedAt: true, details: true },
  });
}

/**
 * Measures the community and each of its commons, raises the alerts newly crossed (once: the open
 * alert's unique index) with a notification to the administrators and an audit entry, in one
 * transaction per scope, and clears those no longer crossed. Returns the alerts raised.
 */
export async function checkCaptureAlerts(db: Db, { communityId, now = new Date() }: { communityId: string; now?: Date }) {
  const community = await db.community.findUniqueOrThrow({
    where: { id: communityId },
    select: { id: true, slug: true, name: true },
  });
  const commons = await db.commons.findMany({
    where: { communityId, hiddenAt: null, status: { in: ["PROPOSED", "ADOPTED"] } },
    select: { id: true, slug: true, title: true },
  });
  const scopes = [
    { commonsId: "", title: community.name, path: `/communities/${community.slug}/dashboard` },
    ...commons.map((k) => ({ commonsId: k.id, title: k.title, path: `/communities/${community.slug}/commons/${k.slug}` })),
  ];
  const raised: { commonsId: string; metric: string }[] = [];
  for (const scope of scopes) {
    const report = await captureReport(db, { communityId, ...(scope.commonsId ? { commonsId: scope.commonsId } : {}) }, now);
    await db.$transaction(async (tx) => {
      const crossed = new Set<string>(report.crossings);
      await tx.captureAlert.updateMany({
        where: { communityId, commonsId: scope.commonsId, clearedAt: null, metric: { notIn: [...crossed] } },
        data: { clearedAt: now },
      });
      for (const metric of report.crossings) {
        const value =
          metric === "organizationShare" ? (report.current.topOrganization?.share ?? 0) : (report.current.absenceFactor ?? 0);
        const threshold =
          metric === "organizationShare"
            ? report.thresholds.maxOrganizationSharePercent
            : report.thresholds.minContributorAbsenceFactor;
        const details = {
          windowDays: report.windowDays,
          total: report.current.total,
          organization: report.current.topOrganization
            ? { id: report.current.topOrganization.id, name: report.current.topOrganization.name }
            : null,
        };
        const inserted = await tx.$queryRaw<{ id: string }[]>`
          INSERT INTO "CaptureAlert" ("id", "communityId", "commonsId", "metric", "value", "threshold", "details", "raisedAt")
          VALUES (${`ca_${crypto.randomUUID()}`}, ${communityId}, ${scope.commonsId}, ${metric}, ${value}, ${threshold},
                  ${JSON.stringify(details)}::jsonb, ${now})
          ON CONFLICT ("communityId", "commonsId", "metric") WHERE "clearedAt" IS NULL DO NOTHING
          RETURNING "id"`;
        if (inserted.length === 0) continue;
        raised.push({ commonsId: scope.commonsId, metric });
        await recordAudit(tx, {
          actorId: null,
          communityId,
          action: "capture.alertRaised",
          details: { alertId: inserted[0]!.id, commonsId: scope.commonsId || null, metric, value, threshold },
        });
        const admins = await tx.membership.findMany({
          where: { communityId, role: "ADMIN", status: "ACTIVE" },
          select: { userId: true },
        });
        await notify(tx, {
          userIds: admins.map((a) => a.userId),
          kind: "capture.alert",
          communityId,
          data: {
            title: scope.title,
            path: scope.path,
            communityName: community.name,
            metric,
            value: Math.round(value * 10) / 10,
            threshold,
          },
        });
      }
    });
  }
  return raised;
}
