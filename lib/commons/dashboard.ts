/**
 * Dashboards of the contribution ledger, per commons and per community: who carries the commons.
 * Only VALIDATED contributions count, and none hidden by moderation. Each breakdown is one GROUP BY
 * query, whatever the ledger's size. People who asked not to be listed by name are counted together
 * as anonymous in the contributors list (they still count in every other breakdown).
 */
import type { Db, DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ActorKind, ContributionType } from "@/lib/generated/prisma/enums";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { commonsScope, contributionScope, memberScope } from "@/lib/policy/scopes";

export const actorKinds = ["PUBLIC", "PRIVATE", "RESEARCH", "CIVIL_SOCIETY"] as const satisfies readonly ActorKind[];

export type Tally = { count: number; hours: number };

export type ContributionStats = {
  total: number;
  hours: number;
  /** Share carried by each kind of actor (the person's own, else their organisation's, else their college). */
  byActorKind: ({ actorKind: ActorKind | null } & Tally)[];
  byType: ({ type: ContributionType } & Tally)[];
  /** The author's college in the commons' community; null when they are no longer a member. */
  byCollege: ({ college: ActorKind | null } & Tally)[];
  /** null: people acting alone. */
  byOrganization: ({ organizationId: string | null; name: string | null } & Tally)[];
  /** Month as "YYYY-MM" (UTC), oldest first; months without contributions are absent. */
  byMonth: ({ month: string } & Tally)[];
  /** People listed by name, most contributions first. */
  contributors: ({ userId: string; name: string } & Tally)[];
  /** Everyone who asked not to be listed by name, together. */
  anonymous: { people: number } & Tally;
};

type Row = { key: string | null; count: bigint; hours: number | null };

const tally = (r: { count: bigint | number; hours: number | null }): Tally => ({
  count: Number(r.count),
  hours: Number(r.hours ?? 0),
});

/**
 * The aggregates over the contributions that count (contributionScope.countedSql: validated, not
 * hidden) matching `scope` (a condition on the contribution `c` and its commons `k`).
 */
export async function aggregateContributions(db: Db | DbTx, scope: Prisma.Sql): Promise<ContributionStats> {
  const named = memberScope.namedSql("u");
  const from = Prisma.sql`FROM "Contribution" c
    JOIN "Commons" k ON k."id" = c."commonsId"
    JOIN "User" u ON u."id" = c."authorId"
    LEFT JOIN "Organization" o ON o."id" = u."organizationId" AND u."organizationVerifiedAt" IS NOT NULL
    LEFT JOIN "Membership" m ON m."communityId" = k."communityId" AND m."userId" = c."authorId"
    WHERE ${scope} AND ${contributionScope.countedSql("c")}`;
  const [byActorKind, byType, byCollege, byOrganization, byMonth, people] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT COALESCE(u."actorKind", o."kind", m."college")::text AS key, count(*) AS count, sum(c."hours") AS hours
      ${from} GROUP BY 1 ORDER BY count(*) DESC, 1`,
    db.$queryRaw<Row[]>`
      SELECT c."type"::text AS key, count(*) AS count, sum(c."hours") AS hours
      ${from} GROUP BY c."type" ORDER BY count(*) DESC, c."type"`,
    db.$queryRaw<Row[]>`
      SELECT m."college"::text AS key, count(*) AS count, sum(c."hours") AS hours
      ${from} GROUP BY m."college" ORDER BY count(*) DESC, m."college"`,
    db.$queryRaw<(Row & { name: string | null })[]>`
      SELECT o."id" AS key, o."name" AS name, count(*) AS count, sum(c."hours") AS hours
      ${from} GROUP BY o."id", o."name" ORDER BY count(*) DESC, o."name"`,
    db.$queryRaw<Row[]>`
      SELECT to_char(date_trunc('month', c."date"), 'YYYY-MM') AS key, count(*) AS count,
             sum(c."hours") AS hours
      ${from} GROUP BY 1 ORDER BY 1`,
    // Named people one row each; everyone who opted out in a single row (key NULL) with their headcount.
    db.$queryRaw<(Row & { name: string | null; people: bigint })[]>`
      SELECT CASE WHEN ${named} THEN u."id" END AS key,
             CASE WHEN ${named} THEN COALESCE(u."displayName", u."name", '—') END AS name,
             count(DISTINCT u."id") AS people, count(*) AS count, sum(c."hours") AS hours
      ${from} GROUP BY 1, 2 ORDER BY count(*) DESC, 2`,
  ]);
  const anonymousRow = people.find((r) => r.key === null);
  return {
    total: byType.reduce((sum, r) => sum + Number(r.count), 0),
    hours: byType.reduce((sum, r) => sum + Number(r.hours ?? 0), 0),
    byActorKind: byActorKind.map((r) => ({ actorKind: r.key as ActorKind | null, ...tally(r) })),
    byType: byType.map((r) => ({ type: r.key as ContributionType, ...tally(r) })),
    byCollege: byCollege.map((r) => ({ college: r.key as ActorKind | null, ...tally(r) })),
    byOrganization: byOrganization.map((r) => ({ organizationId: r.key, name: r.name, ...tally(r) })),
    byMonth: byMonth.map((r) => ({ month: r.key ?? "", ...tally(r) })),
    contributors: people
      .filter((r): r is typeof r & { key: string } => r.key !== null)
      .map((r) => ({ userId: r.key, name: r.name ?? "—", ...tally(r) })),
    anonymous: anonymousRow ? { people: Number(anonymousRow.people), ...tally(anonymousRow) } : { people: 0, count: 0, hours: 0 },
  };
}

/** Statistics of one commons (the caller checked that the viewer may see it). */
export function commonsStats(db: Db | DbTx, commonsId: string): Promise<ContributionStats> {
  return aggregateContributions(db, Prisma.sql`c."commonsId" = ${commonsId}`);
}

/** Per kind of actor, its share of the total in percent (count and hours), every kind listed. */
export function actorShares(stats: Pick<ContributionStats, "byActorKind" | "total" | "hours">) {
  const known = actorKinds.map((kind) => {
    const row = stats.byActorKind.find((r) => r.actorKind === kind) ?? { count: 0, hours: 0 };
    return { actorKind: kind as ActorKind | null, ...share(row, stats) };
  });
  const unknown = stats.byActorKind.find((r) => r.actorKind === null);
  return unknown ? [...known, { actorKind: null, ...share(unknown, stats) }] : known;
}

function share(row: Tally, stats: { total: number; hours: number }) {
  return {
    count: row.count,
    hours: row.hours,
    countShare: stats.total === 0 ? 0 : (100 * row.count) / stats.total,
    hoursShare: stats.hours === 0 ? 0 : (100 * row.hours) / stats.hours,
  };
}

/** Every month from the first to the last with contributions, gaps filled with zeros. */
export function monthSeries(byMonth: ContributionStats["byMonth"]): ContributionStats["byMonth"] {
  if (byMonth.length === 0) return [];
  const known = new Map(byMonth.map((m) => [m.month, m]));
  const [firstYear, firstMonth] = byMonth[0]!.month.split("-").map(Number) as [number, number];
  const last = byMonth[byMonth.length - 1]!.month;
  const series: ContributionStats["byMonth"] = [];
  for (let y = firstYear, mo = firstMonth; series.length < 600; mo === 12 ? ((y += 1), (mo = 1)) : (mo += 1)) {
    const month = `${y}-${String(mo).padStart(2, "0")}`;
    series.push(known.get(month) ?? { month, count: 0, hours: 0 });
    if (month === last) break;
  }
  return series;
}

export type CommunityDashboard = ContributionStats & {
  byCommons: ({ commonsId: string; slug: string; title: string } & Tally)[];
};

/**
 * The community's dashboard, across the commons everyone who reads the community may see (no drafts,
 * none hidden by moderation).
 */
export async function communityDashboard(
  db: Db,
  { actor, slug }: { actor: Actor | null; slug: string },
): Promise<{ community: { id: string; slug: string; name: string }; stats: CommunityDashboard }> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "community.read" });
  // The commons every reader of the community sees (the policy's "published" commons).
  const scope = Prisma.sql`k."communityId" = ${community.id} AND ${commonsScope.sql(actor, "k", { view: "published" })}`;
  const [stats, byCommons] = await Promise.all([
    aggregateContributions(db, scope),
    db.$queryRaw<{ id: string; slug: string; title: string; count: bigint; hours: number | null }[]>`
      SELECT k."id", k."slug", k."title", count(*) AS count, sum(c."hours") AS hours
      FROM "Contribution" c JOIN "Commons" k ON k."id" = c."commonsId"
      WHERE ${scope} AND ${contributionScope.countedSql("c")}
      GROUP BY k."id", k."slug", k."title" ORDER BY count(*) DESC, k."title"`,
  ]);
  return {
    community: { id: community.id, slug: community.slug, name: community.name },
    stats: { ...stats, byCommons: byCommons.map((r) => ({ commonsId: r.id, slug: r.slug, title: r.title, ...tally(r) })) },
  };
}
