/**
 * Counts as readers see them, one shape for live and stored results: per answer ("for"), per option
 * id (approval) or per "optionId:grade" (majority judgment), overall and per college. Where a vote
 * stands is computed by tallyVote (lib/votes/tally), the function closing uses, never by a rule of
 * the page's own.
 */
import type { VotingMethod } from "@/lib/generated/prisma/enums";
import { grades, type GradeCounts } from "@/lib/votes/tally/majority-judgment";
import { tallyVote, type CountsByCollege, type VoteTally } from "@/lib/votes/tally";
import { mergeForTally } from "@/lib/votes/secret-ballot";
export { publishedDecisionResult } from "@/lib/votes/secret-ballot";

export type Counts = Record<string, number>;
/** `voters`: ballots per college (approval and majority judgment need them: an empty approval counts). */
export type CountsView = { overall: Counts; byCollege: Record<string, Counts>; voters: Record<string, number> };

/**
 * Raw counts from ballots' choices, grouped by college when given. A row may stand for `count`
 * identical ballots (a SQL GROUP BY), so pages never load every ballot.
 */
export function countChoices(ballots: { college?: string; choice: unknown; count?: number }[]): CountsView {
  const overall: Counts = {};
  const byCollege: Record<string, Counts> = {};
  const voters: Record<string, number> = {};
  const add = (college: string | undefined, key: string, n: number) => {
    overall[key] = (overall[key] ?? 0) + n;
    if (!college) return;
    const counts = (byCollege[college] ??= {});
    counts[key] = (counts[key] ?? 0) + n;
  };
  for (const { college, choice, count = 1 } of ballots) {
    const value = (choice ?? {}) as { choice?: string; approve?: string[]; grades?: Record<string, string> };
    if (college) voters[college] = (voters[college] ?? 0) + count;
    if (typeof value.choice === "string") add(college, value.choice, count);
    for (const id of value.approve ?? []) add(college, id, count);
    for (const [id, grade] of Object.entries(value.grades ?? {})) add(college, `${id}:${grade}`, count);
  }
  return { overall, byCollege, voters };
}

/** What decides a vote, as frozen on the proposal when voting opened. */
export type VoteRules = {
  method: VotingMethod;
  threshold: string | null;
  weighted: boolean;
  collegeWeights: unknown;
  options: readonly { id: string }[];
  /** A secret ballot counts as closing would: small colleges merged (lib/votes/secret-ballot.ts). */
  secret?: boolean;
  secretMinBallots?: number;
};

/**
 * Where a vote stands on the counted ballots (live results): the decision closing would take now on
 * the same ballots, by the same function (tallyVote), quorum aside.
 */
export function standingOf(rules: VoteRules, view: CountsView): VoteTally {
  const options = rules.options.map((o) => o.id);
  const colleges = Object.keys(view.voters);
  const of = (college: string, key: string) => view.byCollege[college]?.[key] ?? 0;
  const perCollege = <T>(build: (college: string) => T) => Object.fromEntries(colleges.map((c) => [c, build(c)]));
  let counted: CountsByCollege;
  switch (rules.method) {
    case "THRESHOLD":
      counted = {
        method: "THRESHOLD",
        colleges: perCollege((c) => ({ for: of(c, "for"), against: of(c, "against"), abstain: of(c, "abstain") })),
      };
      break;
    case "CONSENT":
      counted = {
        method: "CONSENT",
        colleges: perCollege((c) => ({ agree: of(c, "agree"), object: of(c, "object"), block: of(c, "block") })),
      };
      break;
    case "APPROVAL":
      counted = {
        method: "APPROVAL",
        colleges: perCollege((c) => ({
          voters: view.voters[c]!,
          approvals: Object.fromEntries(options.map((o) => [o, of(c, o)])),
        })),
      };
      break;
    case "MAJORITY_JUDGMENT":
      counted = {
        method: "MAJORITY_JUDGMENT",
        colleges: perCollege((c) => ({
          voters: view.voters[c]!,
          counts: Object.fromEntries(options.map((o) => [o, grades.map((g) => of(c, `${o}:${g}`)) as GradeCounts])),
        })),
      };
      break;
  }
  const weights = rules.collegeWeights as Record<string, number>;
  const secret =
    rules.secret && rules.weighted && rules.secretMinBallots
      ? mergeForTally(counted, weights, view.voters, rules.secretMinBallots)
      : null;
  return tallyVote({
    options,
    threshold: rules.threshold,
    weights: rules.weighted ? (secret?.weights ?? weights) : null,
    counted: secret?.counted ?? counted,
  });
}

/** Per-college counts from a stored decision's result (the tally functions' byCollege). */
export function collegeCountsOf(result: unknown): Record<string, Counts> {
  const byCollege = (result as { byCollege?: Record<string, unknown> } | null)?.byCollege ?? {};
  const out: Record<string, Counts> = {};
  for (const [college, tally] of Object.entries(byCollege)) {
    const t = tally as { counts?: Record<string, unknown>; approvals?: Record<string, number> };
    const counts: Counts = {};
    for (const [key, value] of Object.entries(t.approvals ?? t.counts ?? {})) {
      if (typeof value === "number") counts[key] = value;
      else if (Array.isArray(value))
        value.forEach((n, grade) => {
          if (typeof n === "number" && n > 0) counts[`${key}:${grades[grade] ?? grade}`] = n;
        });
    }
    out[college] = counts;
  }
  return out;
}

/** Live counts as a secret ballot may publish them: overall only, no college's counts or turnout. */
export function publishedLiveCounts(view: CountsView, { secret }: { secret: boolean }): CountsView {
  return secret ? { overall: view.overall, byCollege: {}, voters: {} } : view;
}

/**
 * Why a vote came out as it did, as data the results page writes in words, numbers and tables: the
 * figures the method's rule (lib/votes/tally) compared, read from its result (stored decision or live
 * standing), never recomputed by a rule of the page's own. Shares are between 0 and 1; weighted
 * figures are the tally's reported ones (each college scaled to its weight's share of the turnout).
 */
export type ThresholdRule = "simple" | "twoThirds" | "threeQuarters";
/** The threshold a share is compared with: more than 1/2, at least 2/3, at least 3/4. */
export const thresholdShares: Record<ThresholdRule, { share: number; strict: boolean }> = {
  simple: { share: 1 / 2, strict: true },
  twoThirds: { share: 2 / 3, strict: false },
  threeQuarters: { share: 3 / 4, strict: false },
};

export type ThresholdExplanation = {
  method: "THRESHOLD";
  threshold: ThresholdRule;
  counts: { for: number; against: number; abstain: number };
  /** For + against, the votes the threshold is applied to. */
  expressed: number;
  /** Weighted (with colleges) share of "for" among votes expressed; null when none was expressed. */
  forShare: number | null;
  adopted: boolean;
  tie: boolean;
  /** Each college (or published group) with its effective weight (0..1, null: not counted) and its own share. */
  colleges: { college: string; weight: number | null; for: number; against: number; abstain: number; forShare: number | null }[];
};
export type ApprovalExplanation = {
  method: "APPROVAL";
  /** Ballots the shares are taken of. */
  voters: number;
  /** In the proposal's order. `approvals` weighted when the vote is. */
  options: { id: string; approvals: number; share: number | null; winner: boolean }[];
  winners: string[];
  tie: boolean;
};
export type MajorityJudgmentExplanation = {
  method: "MAJORITY_JUDGMENT";
  /** From best to worst (the tally's ranking); `rank` equal for perfectly tied options. */
  options: {
    id: string;
    counts: number[];
    total: number;
    shares: number[];
    majorityGrade: number | null;
    rank: number;
    winner: boolean;
  }[];
  winners: string[];
  tie: boolean;
};
export type ConsentExplanation = {
  method: "CONSENT";
  counts: { agree: number; object: number; block: number };
  blocked: boolean;
  adopted: boolean;
  reasons: ConsentReason[];
};
export type ConsentReason = { choice: "object" | "block"; reason: string | null };
export type ResultExplanation = ThresholdExplanation | ApprovalExplanation | MajorityJudgmentExplanation | ConsentExplanation;

const num = (value: unknown): number => (typeof value === "number" && Number.isFinite(value) ? value : 0);
const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const isThresholdRule = (value: unknown): value is ThresholdRule =>
  value === "simple" || value === "twoThirds" || value === "threeQuarters";

/**
 * The explanation of a tally's result (tallyVote's `result`, as stored in a decision or computed
 * live). `options`: the proposal's option ids in order; `voters`: the ballots counted (approval
 * shares are of them); `reasons`: consent objections and blocks as published.
 */
export function explainResult(input: {
  method: VotingMethod;
  result: unknown;
  options: readonly string[];
  threshold?: string | null;
  voters: number;
  reasons?: ConsentReason[];
  /** Live standings carry their tie beside the result (tallyVote's `tie`); decisions inside it. */
  tie?: boolean;
}): ResultExplanation {
  const result = record(input.result);
  const tieValue = result.tie;
  const tied = (winners: string[]) => input.tie ?? (winners.length > 1 || (typeof tieValue === "object" && tieValue !== null));
  switch (input.method) {
    case "THRESHOLD": {
      const stored = result.threshold ?? input.threshold ?? "simple";
      const threshold = isThresholdRule(stored) ? stored : "simple";
      const counts = record(result.counts);
      const c = { for: num(counts.for), against: num(counts.against), abstain: num(counts.abstain) };
      const expressed = c.for + c.against;
      const weights = record(result.effectiveWeights);
      const colleges = Object.entries(record(result.byCollege)).map(([college, value]) => {
        const tally = record(value);
        const own = record(tally.counts);
        const share = tally.forShare;
        return {
          college,
          weight: typeof weights[college] === "number" ? (weights[college] as number) : null,
          for: num(own.for),
          against: num(own.against),
          abstain: num(own.abstain),
          forShare: typeof share === "number" ? share : null,
        };
      });
      const forShare = typeof result.forShare === "number" ? result.forShare : expressed > 0 ? c.for / expressed : null;
      const adopted = result.adopted === true;
      const tie = !adopted && (input.tie ?? (typeof tieValue === "object" && tieValue !== null));
      return { method: "THRESHOLD", threshold, counts: c, expressed, forShare, adopted, tie, colleges };
    }
    case "APPROVAL": {
      const approvals = record(result.approvals);
      const winners = Array.isArray(result.winners) ? (result.winners as string[]) : [];
      return {
        method: "APPROVAL",
        voters: input.voters,
        options: input.options.map((id) => {
          const n = num(approvals[id]);
          return {
            id,
            approvals: n,
            share: input.voters > 0 ? Math.min(1, n / input.voters) : null,
            winner: winners.includes(id),
          };
        }),
        winners,
        tie: tied(winners),
      };
    }
    case "MAJORITY_JUDGMENT": {
      const counts = record(result.counts);
      const majority = record(result.majorityGrades);
      const ranking = Array.isArray(result.ranking) ? (result.ranking as string[][]) : [];
      const winners = Array.isArray(result.winners) ? (result.winners as string[]) : [];
      const rankOf = new Map<string, number>();
      ranking.forEach((group, index) => {
        for (const id of group) rankOf.set(id, index + 1);
      });
      const rows = input.options.map((id) => {
        const given = Array.isArray(counts[id]) ? (counts[id] as unknown[]) : [];
        const row = grades.map((_, grade) => num(given[grade]));
        const total = row.reduce((a, b) => a + b, 0);
        const grade = majority[id];
        return {
          id,
          counts: row,
          total,
          shares: row.map((n) => (total > 0 ? n / total : 0)),
          majorityGrade: typeof grade === "number" ? grade : null,
          rank: rankOf.get(id) ?? ranking.length + 1,
          winner: winners.includes(id),
        };
      });
      // Sorted by the tally's ranking (majority grade, then majority value), the proposal's order within a tie.
      rows.sort((a, b) => a.rank - b.rank || input.options.indexOf(a.id) - input.options.indexOf(b.id));
      return { method: "MAJORITY_JUDGMENT", options: rows, winners, tie: tied(winners) };
    }
    case "CONSENT": {
      const counts = record(result.counts);
      return {
        method: "CONSENT",
        counts: { agree: num(counts.agree), object: num(counts.object), block: num(counts.block) },
        blocked: result.blocked === true,
        adopted: result.adopted === true,
        reasons: input.reasons ?? [],
      };
    }
  }
}

/** Whether a share passes a threshold as the rule reads it (for the sentence only; the tally decides on integers). */
export function thresholdComparison(share: number | null, threshold: ThresholdRule): "above" | "equal" | "below" | "none" {
  if (share === null) return "none";
  const { share: limit } = thresholdShares[threshold];
  if (Math.abs(share - limit) < 1e-9) return "equal";
  return share > limit ? "above" : "below";
}
