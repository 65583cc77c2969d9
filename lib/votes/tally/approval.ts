/**
 * Approval voting: each ballot approves any subset of the options; the most approved option wins.
 * Equal first places are a tie, reported as such (never broken silently).
 */
import { effectiveWeights, type CollegeWeights } from "./colleges";

export type ApprovalResult = { approvals: Record<string, number>; winners: string[]; tie: boolean };

export function tallyApproval(options: readonly string[], ballots: readonly (readonly string[])[]): ApprovalResult {
  const approvals = Object.fromEntries(options.map((option) => [option, 0]));
  for (const ballot of ballots) for (const option of new Set(ballot)) if (option in approvals) approvals[option]!++;
  return pickWinners(approvals);
}

/** The same from the number of ballots approving each option (what a GROUP BY returns). */
export function tallyApprovalCounts(options: readonly string[], counts: Record<string, number>): ApprovalResult {
  return pickWinners(Object.fromEntries(options.map((option) => [option, counts[option] ?? 0])));
}

/** One college's voters and how many of them approved each option. */
export type ApprovalCounts = { voters: number; approvals: Record<string, number> };

function pickWinners(scores: Record<string, number>): ApprovalResult {
  const best = Math.max(0, ...Object.values(scores));
  const winners = best === 0 ? [] : Object.keys(scores).filter((option) => Math.abs(scores[option]! - best) < 1e-9);
  return { approvals: scores, winners, tie: winners.length > 1 };
}

/** Weighted: each option's score is the weighted share of each college's voters who approved it. */
export function tallyApprovalByCollege(
  options: readonly string[],
  ballotsByCollege: Record<string, readonly (readonly string[])[]>,
  weights: CollegeWeights,
): ApprovalResult & { byCollege: Record<string, ApprovalResult> } {
  return tallyApprovalByCollegeCounts(
    options,
    Object.fromEntries(
      Object.entries(ballotsByCollege).map(([college, ballots]) => [
        college,
        { voters: ballots.length, approvals: tallyApproval(options, ballots).approvals },
      ]),
    ),
    weights,
  );
}

/** The same from each college's counts. */
export function tallyApprovalByCollegeCounts(
  options: readonly string[],
  countsByCollege: Record<string, ApprovalCounts>,
  weights: CollegeWeights,
): ApprovalResult & { byCollege: Record<string, ApprovalResult> } {
  const byCollege = Object.fromEntries(
    Object.entries(countsByCollege).map(([college, counts]) => [college, tallyApprovalCounts(options, counts.approvals)]),
  );
  const voters = Object.fromEntries(Object.entries(countsByCollege).map(([college, counts]) => [college, counts.voters]));
  const effective = effectiveWeights(weights, voters);
  const scores = Object.fromEntries(options.map((option) => [option, 0]));
  for (const [college, weight] of Object.entries(effective)) {
    for (const option of options) scores[option]! += (weight * byCollege[college]!.approvals[option]!) / voters[college]!;
  }
  return { ...pickWinners(scores), byCollege };
}
