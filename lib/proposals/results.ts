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
