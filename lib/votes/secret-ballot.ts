/**
 * Secret weighted ballots: no published figure may let anyone deduce an identified person's choice,
 * and the decision must stay verifiable. Pure functions, used by opening (lib/votes/open-voting.ts),
 * closing (lib/proposals/close-proposal.ts) and live results (lib/proposals/results.ts).
 *
 * THE LEAK. Ballots carry their college. A college of one member publishes that member's choice in
 * its per-college counts; a college of three where one voted does the same after the close. And
 * withholding that college's counts alone is not enough: the overall counts (the published
 * [receipt, choice] list) minus the other colleges' counts give it back, and the weighted figures
 * (forShare…) add one equation per withheld college.
 *
 * THE RULES (the charter's `secretBallotMinCollegeSize`, "the minimum", default 3):
 * 1. Opening: a secret weighted vote does not open while a college of non-zero weight has fewer
 *    electors than the minimum, but some (`undersizedColleges`; an empty college reveals nobody and
 *    its weight goes to the others); the person opening it is told which college,
 *    and what to change (more members in the college, an amendment, or the proposal submitted
 *    again as a public ballot: secrecy is fixed when it is drafted).
 * 2. While voting: live results of a secret ballot show overall counts and the standing only, never
 *    a per-college figure or a college's turnout.
 * 3. After the close (`secretGroups`): a college with at least the minimum of ballots keeps its own
 *    figures; the others (fewer ballots than the minimum, but some) are merged into one group,
 *    `MERGED_COLLEGES`. When that group still has fewer ballots than the minimum, the published
 *    college with the fewest ballots joins it, and so on, so that subtracting published figures from
 *    the overall count never isolates fewer ballots than the minimum.
 *
 * THE TRADE-OFF (verifiability against exact weights). We chose to keep every published figure
 * recomputable: the merged group is counted, *for the tally itself*, as one college holding the sum
 * of its colleges' weights, one member one vote inside it (`mergeForTally`). The decision record
 * then publishes each group's counts and weight (`result.byCollege`, `result.secrecy.groupWeights`),
 * so anyone recomputes the outcome with tallyVote (lib/votes/tally) from the record alone, and checks
 * that the groups' counts add up to the counts of the published [receipt, choice] list. The price: in
 * a college whose turnout falls under the minimum, ballots no longer carry exactly their college's
 * share; they share the merged group's weight with the other merged colleges' ballots (a college of
 * weight 0 merged there gives its ballots a say in the group). The other road — tally on the exact
 * weights and withhold the small colleges' counts — would leave a signed outcome nobody can
 * recompute, or publish enough (weighted and raw totals) to solve for the withheld counts. Opening
 * rule 1 makes the price rare: every weighted college starts with at least the minimum of electors,
 * so only low turnout in a college merges it.
 *
 * What stays deducible by nature: the overall counts (a vote where everyone chose the same, or a
 * turnout under the minimum, says what each voter chose), and live results watched ballot by
 * ballot. Who voted in which college (`secrecy.ballotsByCollege`) is published, as an electoral roll
 * is, so the college quorum stays checkable; how they voted is not.
 */
import type { CountsByCollege } from "@/lib/votes/tally";
import type { CollegeWeights } from "@/lib/votes/tally/colleges";

/** The group of colleges whose own figures are withheld (see rule 3). */
export const MERGED_COLLEGES = "MERGED";

/**
 * Colleges that stop a secret weighted vote from opening: weight > 0 and fewer electors than `min`.
 * A college with no elector at all reveals nobody (its weight goes to the others): it does not count.
 */
export function undersizedColleges(
  weights: CollegeWeights,
  electorsByCollege: Record<string, number>,
  min: number,
): { college: string; electors: number }[] {
  return Object.entries(weights)
    .filter(([, weight]) => weight > 0)
    .map(([college]) => ({ college, electors: electorsByCollege[college] ?? 0 }))
    .filter(({ electors }) => electors > 0 && electors < min)
    .sort((a, b) => a.electors - b.electors || (a.college < b.college ? -1 : 1));
}

/**
 * Rule 3: which colleges keep their own figures (`published`) and which are merged. Colleges without
 * ballots are in neither (they carry no figure). Deterministic: ties go by college name.
 */
export function secretGroups(ballotsByCollege: Record<string, number>, min: number): { published: string[]; merged: string[] } {
  const voted = Object.entries(ballotsByCollege)
    .filter(([, n]) => n > 0)
    .sort(([a, na], [b, nb]) => na - nb || (a < b ? -1 : 1));
  const merged = voted.filter(([, n]) => n < min);
  const published = voted.filter(([, n]) => n >= min);
  let total = merged.reduce((sum, [, n]) => sum + n, 0);
  while (merged.length > 0 && total < min && published.length > 0) {
    const next = published.shift()!;
    merged.push(next);
    total += next[1];
  }
  const names = (list: [string, number][]) => list.map(([college]) => college).sort();
  return { published: names(published), merged: names(merged) };
}

/** Adds counts of the same shape (numbers, arrays of numbers, records of them). */
function addCounts(a: unknown, b: unknown): unknown {
  if (typeof a === "number" || typeof b === "number") return ((a as number) ?? 0) + ((b as number) ?? 0);
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = (a ?? []) as unknown[];
    const y = (b ?? []) as unknown[];
    return Array.from({ length: Math.max(x.length, y.length) }, (_, i) => addCounts(x[i], y[i]));
  }
  const x = (a ?? {}) as Record<string, unknown>;
  const y = (b ?? {}) as Record<string, unknown>;
  return Object.fromEntries([...new Set([...Object.keys(x), ...Object.keys(y)])].map((k) => [k, addCounts(x[k], y[k])]));
}

export type SecretTally = {
  counted: CountsByCollege;
  weights: CollegeWeights;
  published: string[];
  merged: string[];
  minBallots: number;
};

/**
 * The tally's input once rule 3 is applied: the merged colleges' counts summed into one group
 * holding the sum of their weights (ballots within it count one each, so approval voters, majority
 * judgment voters and padding add up unchanged). Nothing merged: the input as it is.
 */
export function mergeForTally(
  counted: CountsByCollege,
  weights: CollegeWeights,
  ballotsByCollege: Record<string, number>,
  min: number,
): SecretTally {
  const { published, merged } = secretGroups(ballotsByCollege, min);
  if (merged.length === 0) return { counted, weights, published, merged, minBallots: min };
  const colleges = counted.colleges as Record<string, unknown>;
  const kept = Object.fromEntries(Object.entries(colleges).filter(([college]) => !merged.includes(college)));
  const group = merged.reduce<unknown>((sum, college) => addCounts(sum, colleges[college]), undefined);
  const groupWeights: CollegeWeights = Object.fromEntries(
    Object.entries(weights).filter(([college]) => !merged.includes(college)),
  );
  groupWeights[MERGED_COLLEGES] = merged.reduce((sum, college) => sum + (weights[college] ?? 0), 0);
  return {
    counted: { method: counted.method, colleges: { ...kept, [MERGED_COLLEGES]: group } } as CountsByCollege,
    weights: groupWeights,
    published,
    merged,
    minBallots: min,
  };
}

/**
 * A stored decision's result as it may be published. Secret weighted decisions closed since
 * lib/votes/secret-ballot.ts store only publishable groups (and say so in `secrecy`); one stored
 * before, without `secrecy`, keeps its outcome and overall figures but loses every per-college one.
 */
export function publishedDecisionResult(
  result: unknown,
  { secret, weighted }: { secret: boolean; weighted: boolean },
): Record<string, unknown> {
  const stored = (result ?? {}) as Record<string, unknown>;
  if (!secret || !weighted || "secrecy" in stored) return stored;
  const { byCollege: _byCollege, effectiveWeights: _effective, ...rest } = stored;
  void _byCollege;
  void _effective;
  return { ...rest, secrecy: { rule: "secretBallotMinCollegeSize", withheld: "all" } };
}
