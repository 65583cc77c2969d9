/**
 * Consent (sociocracy): agree, object, or block with a stated reason. Any block prevents adoption;
 * objections are recorded and shown but do not block. No ballot at all: not adopted.
 */
export type ConsentChoice = "agree" | "object" | "block";
export type ConsentResult = { counts: Record<ConsentChoice, number>; adopted: boolean; blocked: boolean };

export function tallyConsent(choices: readonly ConsentChoice[]): ConsentResult {
  const counts = { agree: 0, object: 0, block: 0 };
  for (const choice of choices) counts[choice]++;
  return tallyConsentCounts(counts);
}

/** The same from counts (what a GROUP BY returns). */
export function tallyConsentCounts({ agree, object, block }: Record<ConsentChoice, number>): ConsentResult {
  const counts = { agree, object, block };
  const blocked = counts.block > 0;
  return { counts, blocked, adopted: !blocked && counts.agree + counts.object > 0 };
}
