/**
 * Approval voting: each ballot approves any subset of the options; the most approved option wins.
 * Equal first places are a tie, reported as such (never broken silently). Colleges are combined by
 * the rule of ./index.ts.
 */
import { reportedScale, virtualElectorate, type CollegeWeights } from "./colleges";

export type ApprovalResult = { approvals: Record<string, number>; winners: string[]; tie: boolean };

export function tallyApproval(options: readonly string[], ballots: readonly (readonly string[])[]): ApprovalResult {
  const approvals = Object.fromEntries(options.map((option) => [option, 0]));
  for (const ballot of ballots) for (const option of new Set(ballot)) if (option in approvals) approvals[option]!++;
  return tallyApprovalCounts(options, approvals);
}

/** The same from the number of ballots approving each option (what a GROUP BY returns). */
export function tallyApprovalCounts(options: readonly string[], counts: Record<string, number>): ApprovalResult {
  const approvals = Object.fromEntries(options.map((option) => [option, counts[option] ?? 0]));
  return { approvals, ...pickWinners(options, Object.fromEntries(options.map((o) => [o, BigInt(approvals[o]!)]))) };
}

/** One college's voters and how many of them approved each option. */
export type ApprovalCounts = { voters: number; approvals: Record<string, number> };

/** Exact: the options with the most (virtual) approvals, none when nobody approved anything. */
function pickWinners(options: readonly string[], scores: Record<string, bigint>): { winners: string[]; tie: boolean } {
  const best = options.reduce((max, option) => (scores[option]! > max ? scores[option]! : max), 0n);
  const winners = best === 0n ? [] : options.filter((option) => scores[option] === best);
  return { winners, tie: winners.length > 1 };
}

/** Weighted (see ./index.ts); `approvals` are reported in ballots, each college holding its weight's share. */
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
  const { factors } = virtualElectorate(weights, voters);
  const scale = reportedScale(weights, voters);
  const virtual = Object.fromEntries(options.map((option) => [option, 0n]));
  const approvals = Object.fromEntries(options.map((option) => [option, 0]));
  for (const [college, factor] of Object.entries(factors)) {
    for (const option of options) {
      virtual[option]! += factor * BigInt(byCollege[college]!.approvals[option]!);
      approvals[option]! += scale[college]! * byCollege[college]!.approvals[option]!;
    }
  }
  return { approvals, ...pickWinners(options, virtual), byCollege };
}
