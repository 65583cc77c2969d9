/**
 * Consent (sociocracy): agree, object, or block with a stated reason. Any block prevents adoption;
 * objections are recorded and shown but do not block. No ballot at all: not adopted. Nothing here is
 * a share, so colleges' weights change nothing (see ./index.ts): a block is a veto whichever college
 * it comes from, as it always was, including a college of weight 0.
 */
import type { CollegeWeights } from "./colleges";

export type ConsentChoice = "agree" | "object" | "block";
export type ConsentCounts = Record<ConsentChoice, number>;
export type ConsentResult = { counts: ConsentCounts; adopted: boolean; blocked: boolean };

export function tallyConsent(choices: readonly ConsentChoice[]): ConsentResult {
  const counts = { agree: 0, object: 0, block: 0 };
  for (const choice of choices) counts[choice]++;
  return tallyConsentCounts(counts);
}

/** The same from counts (what a GROUP BY returns). */
export function tallyConsentCounts({ agree, object, block }: ConsentCounts): ConsentResult {
  const counts = { agree, object, block };
  const blocked = block > 0;
  return { counts, blocked, adopted: !blocked && agree + object > 0 };
}

/** Across colleges: the rule on every ballot; `weights` are accepted for the common signature and change nothing. */
export function tallyConsentByCollegeCounts(
  countsByCollege: Record<string, ConsentCounts>,
  _weights: CollegeWeights,
): ConsentResult & { byCollege: Record<string, ConsentResult> } {
  const byCollege = Object.fromEntries(
    Object.entries(countsByCollege).map(([college, counts]) => [college, tallyConsentCounts(counts)]),
  );
  const counts = { agree: 0, object: 0, block: 0 };
  for (const result of Object.values(byCollege))
    for (const key of ["agree", "object", "block"] as const) counts[key] += result.counts[key];
  return { ...tallyConsentCounts(counts), byCollege };
}

export function tallyConsentByCollege(
  choicesByCollege: Record<string, readonly ConsentChoice[]>,
  weights: CollegeWeights,
): ConsentResult & { byCollege: Record<string, ConsentResult> } {
  return tallyConsentByCollegeCounts(
    Object.fromEntries(Object.entries(choicesByCollege).map(([college, choices]) => [college, tallyConsent(choices).counts])),
    weights,
  );
}
