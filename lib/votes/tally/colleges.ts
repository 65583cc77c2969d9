/**
 * Combining per-college results by the colleges' weights (SCIC). A college where nobody voted
 * carries no result: its weight is shared among the others in proportion to their weights. With
 * weighting off, the caller puts everyone in one college of weight 100.
 */
export type CollegeWeights = Record<string, number>;

/** Effective weights of the colleges that have voters, scaled back to a total of 1. */
export function effectiveWeights(weights: CollegeWeights, voters: Record<string, number>): Record<string, number> {
  const present = Object.entries(weights).filter(([college, weight]) => weight > 0 && (voters[college] ?? 0) > 0);
  const total = present.reduce((sum, [, weight]) => sum + weight, 0);
  if (total === 0) return {};
  return Object.fromEntries(present.map(([college, weight]) => [college, weight / total]));
}
