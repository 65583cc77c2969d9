/**
 * Consent (sociocracy): agree, object, or block with a stated reason. Any block prevents adoption;
 * objections are recorded and shown but do not block. No ballot at all: not adopted.
 */
export type ConsentChoice = "agree" | "object" | "block";
export type ConsentResult = { counts: Record<ConsentChoice, number>; adopted: boolean; blocked: boolean };

export function tallyConsent(choices: readonly ConsentChoice[]): ConsentResult {
  const counts = { agree: 0, object: 0, block: 0 };
  for (const choice of choices) counts[choice]++;
  const blocked = counts.block > 0;
  return { counts, blocked, adopted: !blocked && counts.agree + counts.object > 0 };
}
