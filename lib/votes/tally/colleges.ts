/**
 * Combining colleges (SCIC): the virtual electorate of ./index.ts. A college where nobody voted
 * carries no result: its weight is shared among the others in proportion to their weights. With
 * weighting off, the caller puts everyone in one college of weight 100.
 */
export type CollegeWeights = Record<string, number>;

/** Effective weights of the colleges that have voters, scaled back to a total of 1 (for reported shares). */
export function effectiveWeights(weights: CollegeWeights, voters: Record<string, number>): Record<string, number> {
  const present = Object.entries(weights).filter(([college, weight]) => weight > 0 && (voters[college] ?? 0) > 0);
  const total = present.reduce((sum, [, weight]) => sum + weight, 0);
  if (total === 0) return {};
  return Object.fromEntries(present.map(([college, weight]) => [college, weight / total]));
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Weights as integers: percentages with decimals (33.3) are scaled by the same power of ten. */
function integerWeights(weights: Record<string, number>): Record<string, bigint> {
  const decimals = Math.max(0, ...Object.values(weights).map((w) => (String(w).split(".")[1] ?? "").length));
  const scale = 10 ** Math.min(decimals, 6);
  return Object.fromEntries(Object.entries(weights).map(([college, w]) => [college, BigInt(Math.round(w * scale))]));
}

/**
 * The virtual electorate: each present college's ballots are counted `factors[college]` times, so
 * that every college holds exactly its weight's share of `size` virtual ballots. Integers (bigint)
 * all the way, so no comparison depends on floating-point rounding: with L the least common
 * multiple of the present colleges' voter counts, a college of weight w and n voters counts each
 * ballot w·L/n times. Colleges of weight 0 or without voters get no factor.
 */
export type VirtualElectorate = { factors: Record<string, bigint>; size: bigint };

export function virtualElectorate(weights: CollegeWeights, voters: Record<string, number>): VirtualElectorate {
  const integer = integerWeights(weights);
  const present = Object.keys(weights).filter((college) => integer[college]! > 0n && (voters[college] ?? 0) > 0);
  let lcm = 1n;
  for (const college of present) {
    const n = BigInt(voters[college]!);
    lcm = (lcm / gcd(lcm, n)) * n;
  }
  const factors: Record<string, bigint> = {};
  let size = 0n;
  for (const college of present) {
    factors[college] = (integer[college]! * lcm) / BigInt(voters[college]!);
    size += integer[college]! * lcm;
  }
  return { factors, size };
}

/**
 * Reported (not decisive) figures in ballots: each present college's counts rescaled so that it
 * holds its effective weight of the present colleges' turnout. With one college, the counts as they are.
 */
export function reportedScale(weights: CollegeWeights, voters: Record<string, number>): Record<string, number> {
  const effective = effectiveWeights(weights, voters);
  const turnout = Object.keys(effective).reduce((sum, college) => sum + voters[college]!, 0);
  return Object.fromEntries(
    Object.entries(effective).map(([college, weight]) => [college, (weight * turnout) / voters[college]!]),
  );
}
