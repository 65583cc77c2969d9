/**
 * Consent (sociocracy): agree, object, or block with a stated reason. Any block prevents adoption;
 * objections are recorded and shown but do not block. No ballot at all: not adopted. Colleges are
 * combined by the rule of ./index.ts: a block counts wherever its college carries weight.
 */
import { virtualElectorate, type CollegeWeights } from "./colleges";

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
  return { counts, ...consentRule(BigInt(agree), BigInt(object), BigInt(block)) };
}

function consentRule(agree: bigint, object: bigint, block: bigint): { adopted: boolean; blocked: boolean } {
  const blocked = block > 0n;
  return { blocked, adopted: !blocked && agree + object > 0n };
}

/** Weighted across colleges: the rule applied to the virtual electorate; `counts` are the ballots as cast. */
export function tallyConsentByCollegeCounts(
  countsByCollege: Record<string, ConsentCounts>,
  weights: CollegeWeights,
): ConsentResult & { byCollege: Record<string, ConsentResult> } {
  const byCollege = Object.fromEntries(
    Object.entries(countsByCollege).map(([college, counts]) => [college, tallyConsentCounts(counts)]),
  );
  const voters = Object.fromEntries(
    Object.entries(byCollege).map(([college, r]) => [college, r.counts.agree + r.counts.object + r.counts.block]),
  );
  const { factors } = virtualElectorate(weights, voters);
  const counts = { agree: 0, object: 0, block: 0 };
  const virtual = { agree: 0n, object: 0n, block: 0n };
  for (const [college, result] of Object.entries(byCollege)) {
    for (const key of ["agree", "object", "block"] as const) {
      counts[key] += result.counts[key];
      virtual[key] += (factors[college] ?? 0n) * BigInt(result.counts[key]);
    }
  }
  return { counts, ...consentRule(virtual.agree, virtual.object, virtual.block), byCollege };
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
