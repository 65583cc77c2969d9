/**
 * For / against / abstain with a threshold on votes expressed (for + against; abstentions count for
 * turnout and quorum, not for the threshold). Simple majority: strictly more than half. Two thirds,
 * three quarters: at least that share. No vote expressed: not adopted. Colleges are combined by the
 * rule of ./index.ts (a college's voters, here, are its votes expressed).
 */
import { effectiveWeights, virtualElectorate, type CollegeWeights } from "./colleges";

export const thresholds = { simple: 1 / 2, twoThirds: 2 / 3, threeQuarters: 3 / 4 } as const;
export type Threshold = keyof typeof thresholds;
export type Choice = "for" | "against" | "abstain";
export type ThresholdCounts = { for: number; against: number; abstain: number };

export function countChoices(choices: readonly Choice[]): ThresholdCounts {
  const counts = { for: 0, against: 0, abstain: 0 };
  for (const choice of choices) counts[choice]++;
  return counts;
}

/** Exact comparison in integers: for / (for + against) against the threshold, with no float error. */
export function meetsThreshold(forVotes: number | bigint, againstVotes: number | bigint, threshold: Threshold): boolean {
  const pro = BigInt(forVotes);
  const expressed = pro + BigInt(againstVotes);
  if (expressed === 0n) return false;
  switch (threshold) {
    case "simple":
      return 2n * pro > expressed;
    case "twoThirds":
      return 3n * pro >= 2n * expressed;
    case "threeQuarters":
      return 4n * pro >= 3n * expressed;
  }
}

export type ThresholdResult = { counts: ThresholdCounts; forShare: number | null; adopted: boolean };

export function tallyThreshold(choices: readonly Choice[], threshold: Threshold): ThresholdResult {
  return tallyThresholdCounts(countChoices(choices), threshold);
}

/** The same from counts (what a GROUP BY returns): the rule only ever looks at the counts. */
export function tallyThresholdCounts(given: ThresholdCounts, threshold: Threshold): ThresholdResult {
  const counts = { for: given.for, against: given.against, abstain: given.abstain };
  const expressed = counts.for + counts.against;
  return {
    counts,
    forShare: expressed === 0 ? null : counts.for / expressed,
    adopted: meetsThreshold(counts.for, counts.against, threshold),
  };
}

/** Weighted across colleges (see ./index.ts): each college's ballots counted in its weight's share. */
export function tallyThresholdByCollege(
  choicesByCollege: Record<string, readonly Choice[]>,
  weights: CollegeWeights,
  threshold: Threshold,
): ThresholdResult & { byCollege: Record<string, ThresholdResult>; effectiveWeights: Record<string, number> } {
  return tallyThresholdByCollegeCounts(
    Object.fromEntries(Object.entries(choicesByCollege).map(([college, choices]) => [college, countChoices(choices)])),
    weights,
    threshold,
  );
}

/**
 * Whether a threshold vote is tied: for and against exactly equal (on the virtual electorate, so
 * with colleges' weights) and somebody expressed a vote. Only the simple majority can tie: two thirds
 * and three quarters are "at least", so a vote exactly at them is adopted, not tied.
 */
export function isThresholdTie(
  countsByCollege: Record<string, ThresholdCounts>,
  weights: CollegeWeights,
  threshold: Threshold,
): boolean {
  if (threshold !== "simple") return false;
  const expressed = Object.fromEntries(
    Object.entries(countsByCollege).map(([college, counts]) => [college, counts.for + counts.against]),
  );
  const { factors } = virtualElectorate(weights, expressed);
  let virtualFor = 0n;
  let virtualAgainst = 0n;
  for (const [college, factor] of Object.entries(factors)) {
    virtualFor += factor * BigInt(countsByCollege[college]!.for);
    virtualAgainst += factor * BigInt(countsByCollege[college]!.against);
  }
  return virtualFor > 0n && virtualFor === virtualAgainst;
}

/**
 * The same from each college's counts. Adoption is decided exactly on the virtual electorate;
 * `forShare` (the weighted share of "for" among votes expressed) is reported for reading.
 */
export function tallyThresholdByCollegeCounts(
  countsByCollege: Record<string, ThresholdCounts>,
  weights: CollegeWeights,
  threshold: Threshold,
): ThresholdResult & { byCollege: Record<string, ThresholdResult>; effectiveWeights: Record<string, number> } {
  const byCollege = Object.fromEntries(
    Object.entries(countsByCollege).map(([college, counts]) => [college, tallyThresholdCounts(counts, threshold)]),
  );
  const expressedByCollege = Object.fromEntries(
    Object.entries(byCollege).map(([college, r]) => [college, r.counts.for + r.counts.against]),
  );
  const effective = effectiveWeights(weights, expressedByCollege);
  const { factors } = virtualElectorate(weights, expressedByCollege);
  const counts = { for: 0, against: 0, abstain: 0 };
  for (const result of Object.values(byCollege))
    for (const key of ["for", "against", "abstain"] as const) counts[key] += result.counts[key];
  if (Object.keys(effective).length === 0)
    return { counts, forShare: null, adopted: false, byCollege, effectiveWeights: effective };
  let virtualFor = 0n;
  let virtualAgainst = 0n;
  for (const [college, factor] of Object.entries(factors)) {
    virtualFor += factor * BigInt(byCollege[college]!.counts.for);
    virtualAgainst += factor * BigInt(byCollege[college]!.counts.against);
  }
  const forShare = Object.entries(effective).reduce(
    (sum, [college, weight]) => sum + weight * (byCollege[college]!.forShare ?? 0),
    0,
  );
  return {
    counts,
    forShare,
    adopted: meetsThreshold(virtualFor, virtualAgainst, threshold),
    byCollege,
    effectiveWeights: effective,
  };
}
