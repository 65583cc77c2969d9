/**
 * Voting rights earned by contributing (issue 16). The charter may add to membership a rule such as
 * "at least N days with a validated contribution in the last D days" (for every college, or only
 * some). openVoting applies it in the INSERT that freezes the electorate and stores the rule on the
 * proposal, so the decision record states the rule that built its electorate. A day is a calendar
 * day in Europe/Paris; contributions hidden by moderation do not count; any commons of the community counts.
 */
import { Prisma } from "@/lib/generated/prisma/client";
import type { DbTx } from "@/lib/db/client";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { getCharterParameters, type CharterParameters } from "@/lib/charter/parameters";

export type EligibilityRule = {
  kind: "contributionDays";
  minDays: number;
  windowDays: number;
  /** Empty: every college. */
  colleges: ActorKind[];
};

const DAY_MS = 86_400_000;

export function eligibilityRuleOf(parameters: CharterParameters): EligibilityRule | null {
  const minDays = parameters.eligibilityMinContributionDays ?? 0;
  if (minDays <= 0) return null;
  return {
    kind: "contributionDays",
    minDays,
    windowDays: parameters.eligibilityWindowDays ?? 365,
    colleges: [...(parameters.eligibilityColleges ?? [])],
  };
}

/** The community's rule in force (null: membership alone makes an elector). */
export async function currentEligibilityRule(db: DbTx, communityId: string): Promise<EligibilityRule | null> {
  return eligibilityRuleOf(await getCharterParameters(db, communityId));
}

/** Distinct Paris days with a validated, visible contribution by `userAlias` in the window. */
function contributionDaysSql(communityId: string, userColumn: Prisma.Sql, rule: EligibilityRule, now: Date): Prisma.Sql {
  const from = new Date(now.getTime() - rule.windowDays * DAY_MS);
  return Prisma.sql`(SELECT count(DISTINCT ((c."date" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::date)
    FROM "Contribution" c JOIN "Commons" k ON k."id" = c."commonsId"
    WHERE k."communityId" = ${communityId} AND c."authorId" = ${userColumn} AND c."state" = 'VALIDATED'
      AND c."hiddenAt" IS NULL AND c."date" > ${from} AND c."date" <= ${now})`;
}

/**
 * The condition openVoting adds to its electorate INSERT (members table aliased `m`): empty without a
 * rule; members of colleges the rule does not concern pass on membership alone.
 */
export function eligibilityCondition(rule: EligibilityRule | null, communityId: string, now: Date): Prisma.Sql {
  if (!rule) return Prisma.empty;
  const enough = Prisma.sql`${contributionDaysSql(communityId, Prisma.sql`m."userId"`, rule, now)} >= ${rule.minDays}`;
  if (rule.colleges.length === 0) return Prisma.sql`AND ${enough}`;
  return Prisma.sql`AND (m."college"::text NOT IN (${Prisma.join(rule.colleges)}) OR ${enough})`;
}

export type MemberEligibility = {
  rule: EligibilityRule;
  /** The rule does not concern the member's college: membership is enough. */
  concerned: boolean;
  eligible: boolean;
  /** Days counted in the window, most recent first (YYYY-MM-DD, Paris). */
  days: string[];
  /** Eligible: the day after which, without new contributions, they stop being (the oldest counted day leaves the window). */
  until: Date | null;
};

/** Whether a member would be in the electorate if a vote opened now, and why. null: no rule. */
export async function memberEligibility(
  db: DbTx,
  { communityId, userId, college, now = new Date() }: { communityId: string; userId: string; college: ActorKind; now?: Date },
): Promise<MemberEligibility | null> {
  const rule = await currentEligibilityRule(db, communityId);
  if (!rule) return null;
  const concerned = rule.colleges.length === 0 || rule.colleges.includes(college);
  const from = new Date(now.getTime() - rule.windowDays * DAY_MS);
  const rows = await db.$queryRaw<{ day: string }[]>`
    SELECT DISTINCT to_char(((c."date" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::date, 'YYYY-MM-DD') AS day
    FROM "Contribution" c JOIN "Commons" k ON k."id" = c."commonsId"
    WHERE k."communityId" = ${communityId} AND c."authorId" = ${userId} AND c."state" = 'VALIDATED'
      AND c."hiddenAt" IS NULL AND c."date" > ${from} AND c."date" <= ${now}
    ORDER BY 1 DESC`;
  const days = rows.map((row) => row.day);
  const eligible = !concerned || days.length >= rule.minDays;
  // The N-th most recent day keeps them eligible until it is windowDays old.
  const nth = days[rule.minDays - 1];
  const until = concerned && eligible && nth ? new Date(new Date(`${nth}T12:00:00Z`).getTime() + rule.windowDays * DAY_MS) : null;
  return { rule, concerned, eligible, days, until };
}

/** The person's eligibility in each community where they are an active member and a rule is in force, by community slug. */
export async function eligibilityByCommunity(
  db: DbTx,
  userId: string,
  now = new Date(),
): Promise<Map<string, MemberEligibility>> {
  const memberships = await db.membership.findMany({
    where: { userId, status: "ACTIVE" },
    select: { college: true, community: { select: { id: true, slug: true } } },
  });
  const result = new Map<string, MemberEligibility>();
  for (const membership of memberships) {
    const eligibility = await memberEligibility(db, {
      communityId: membership.community.id,
      userId,
      college: membership.college,
      now,
    });
    if (eligibility) result.set(membership.community.slug, eligibility);
  }
  return result;
}
