/**
 * The tally: one rule per method, the same with or without colleges, used by closing
 * (lib/proposals/close-proposal.ts) and by results pages (lib/proposals/results.ts) through tallyVote.
 *
 * THE RULE. Each method has one rule on a set of ballots (./threshold.ts, ./consent.ts,
 * ./approval.ts, ./majority-judgment.ts):
 * - threshold: adopted when for / (for + against) passes the threshold (simple: strictly more than
 *   half; two thirds, three quarters: at least); abstentions count for quorum only;
 * - consent: adopted when nobody blocks and somebody agreed or objected;
 * - approval: the options with the most approvals win, several are a tie (no winner);
 * - majority judgment: the best lower-median grade wins, equal ones are separated by the majority
 *   value (remove one median grade from each and compare again), perfect equality is a tie.
 * Colleges never get a rule of their own: their ballots form a *virtual electorate* in which each
 * college that has voters and a weight holds exactly its weight's share (a college without voters,
 * or of weight 0, is left out and the others share its weight in proportion), and the method's rule
 * is applied to that electorate unchanged. Concretely, with L the least common multiple of the
 * present colleges' voter counts (votes expressed, for thresholds), each ballot of a college of weight
 * w and n voters counts w·L/n times; everything is integer (bigint), so no decision depends on
 * floating-point rounding. (Consent has no shares to weigh: a block is a veto whichever college it
 * comes from, weight 0 included, so its rule reads every ballot as cast.) Unweighted communities are
 * one college of weight 100, i.e. every ballot counted 100 times, and each rule gives the same
 * answer when every ballot counts k times (shares, maxima, medians and the majority value's order
 * of removal do not move), so "one college at 100 %" is exactly the unweighted result — the property
 * tests in tests/unit/tally.test.ts check it, with the invariance under renaming colleges and
 * reordering ballots.
 *
 * TIES (what the charter's `tieRule` applies to, at the close): a tie never adopts anything, and
 * tallyVote reports it in `tie` with the tied options (in the proposal's order):
 * - threshold: for and against exactly equal under the simple majority (two thirds and three
 *   quarters are "at least": exactly at them is adopted); options: none;
 * - approval: several options share the most approvals (none approved at all is no tie);
 * - majority judgment: several options perfectly equal at the top after the majority value;
 * - consent: never (a block is a veto, otherwise it passes).
 *
 * Why the majority value and not the majority gauge (above/below shares) for ties: the gauge is the
 * majority value's first approximation and calls a tie where the majority value still separates the
 * options (two options at "good" with one vote above and one below each); an unweighted vote used
 * the majority value and a weighted one the gauge, so the same ballots elected an option on a page
 * and came out REJECTED at the close. The majority value is Balinski and Laraki's ranking.
 *
 * Reported figures (forShare, approvals, grade counts in a weighted result) are floats in ballots,
 * each college scaled to its weight's share of the turnout; with one college they are the counts.
 */
import type { VotingMethod } from "@/lib/generated/prisma/enums";
import type { CollegeWeights } from "./colleges";
import { isThresholdTie, tallyThresholdByCollegeCounts, type Threshold, type ThresholdCounts } from "./threshold";
import { tallyConsentByCollegeCounts, type ConsentCounts } from "./consent";
import { tallyApprovalByCollegeCounts, type ApprovalCounts } from "./approval";
import {
  grades,
  tallyMajorityJudgmentByCollegeCounts,
  tallyMajorityJudgmentCounts,
  type MajorityJudgmentCounts,
} from "./majority-judgment";

export type { CollegeWeights } from "./colleges";

/** The single college of an unweighted vote. */
export const ALL_COLLEGE = "ALL";

/** Per-college counts, in the shape of the proposal's method. */
export type CountsByCollege =
  | { method: "THRESHOLD"; colleges: Record<string, ThresholdCounts> }
  | { method: "CONSENT"; colleges: Record<string, ConsentCounts> }
  | { method: "APPROVAL"; colleges: Record<string, ApprovalCounts> }
  | { method: "MAJORITY_JUDGMENT"; colleges: Record<string, MajorityJudgmentCounts> };

export type TallyInput = {
  /** Option ids in their order (approval, majority judgment). */
  options: readonly string[];
  /** THRESHOLD only; simple majority when absent. */
  threshold?: string | null;
  /** The weights frozen when voting opened; null when the vote is not weighted (one college of 100). */
  weights: CollegeWeights | null;
  counted: CountsByCollege;
};

/**
 * `adopted`: the proposal passes (an option is elected, for methods with options). `result`: what is
 * stored and shown. `tie`: null, or the tie that kept it from passing (see TIES in the header).
 */
export type VoteTally = {
  method: VotingMethod;
  adopted: boolean;
  result: Record<string, unknown>;
  tie: { options: string[] } | null;
};

/** Counts of an unweighted vote go in one college: merges per-college counts when the caller grouped them. */
function oneCollege<T>(colleges: Record<string, T>, merge: (a: T, b: T) => T, empty: T): Record<string, T> {
  const values = Object.values(colleges);
  return values.length === 0 ? {} : { [ALL_COLLEGE]: values.reduce(merge, empty) };
}

function addRecords(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const sum = { ...a };
  for (const [key, n] of Object.entries(b)) sum[key] = (sum[key] ?? 0) + n;
  return sum;
}

function unweighted(options: readonly string[], counted: CountsByCollege): CountsByCollege {
  switch (counted.method) {
    case "THRESHOLD":
      return {
        method: counted.method,
        colleges: oneCollege(
          counted.colleges,
          (a, b) => ({ for: a.for + b.for, against: a.against + b.against, abstain: a.abstain + b.abstain }),
          { for: 0, against: 0, abstain: 0 },
        ),
      };
    case "CONSENT":
      return {
        method: counted.method,
        colleges: oneCollege(
          counted.colleges,
          (a, b) => ({ agree: a.agree + b.agree, object: a.object + b.object, block: a.block + b.block }),
          { agree: 0, object: 0, block: 0 },
        ),
      };
    case "APPROVAL":
      return {
        method: counted.method,
        colleges: oneCollege(
          counted.colleges,
          (a, b) => ({ voters: a.voters + b.voters, approvals: addRecords(a.approvals, b.approvals) }),
          { voters: 0, approvals: {} },
        ),
      };
    case "MAJORITY_JUDGMENT": {
      // Ungraded options count as "reject": each college is padded before the sum.
      const padded = Object.values(counted.colleges).map((college) => ({
        voters: college.voters,
        counts: tallyMajorityJudgmentCounts(options, college).counts,
      }));
      return {
        method: counted.method,
        colleges: oneCollege(
          Object.fromEntries(padded.entries()),
          (a, b) => ({
            voters: a.voters + b.voters,
            counts: Object.fromEntries(
              options.map((option) => [
                option,
                grades.map((_, grade) => (a.counts[option]?.[grade] ?? 0) + (b.counts[option]?.[grade] ?? 0)),
              ]),
            ),
          }),
          { voters: 0, counts: {} },
        ),
      };
    }
  }
}

/** Several winners are a tie among them; one or none is not. */
const tiedAmong = (options: readonly string[], winners: readonly string[]) =>
  winners.length > 1 ? { options: options.filter((option) => winners.includes(option)) } : null;

/** The one entry point: the method's rule on the (virtual) electorate; see the header. */
export function tallyVote({ options, threshold, weights, counted }: TallyInput): VoteTally {
  const weighting = weights ?? { [ALL_COLLEGE]: 100 };
  const input = weights ? counted : unweighted(options, counted);
  switch (input.method) {
    case "THRESHOLD": {
      const rule = (threshold ?? "simple") as Threshold;
      const tally = tallyThresholdByCollegeCounts(input.colleges, weighting, rule);
      const tie = isThresholdTie(input.colleges, weighting, rule);
      return {
        method: input.method,
        adopted: tally.adopted,
        result: { ...tally, threshold: rule },
        tie: tie ? { options: [] } : null,
      };
    }
    case "CONSENT": {
      const tally = tallyConsentByCollegeCounts(input.colleges, weighting);
      return { method: input.method, adopted: tally.adopted, result: tally, tie: null };
    }
    case "APPROVAL": {
      const tally = tallyApprovalByCollegeCounts(options, input.colleges, weighting);
      return { method: input.method, adopted: tally.winners.length === 1, result: tally, tie: tiedAmong(options, tally.winners) };
    }
    case "MAJORITY_JUDGMENT": {
      const tally = tallyMajorityJudgmentByCollegeCounts(options, input.colleges, weighting);
      return { method: input.method, adopted: tally.winners.length === 1, result: tally, tie: tiedAmong(options, tally.winners) };
    }
  }
}
