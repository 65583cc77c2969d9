/**
 * The decision record: what was decided, by which rule, on which ballots, in one canonical JSON
 * object an outside body can keep and check offline. Ballots are the published [receipt, choice]
 * pairs of Decision.ballots, never names, whatever the proposal's secrecy.
 */
import type { DbTx } from "@/lib/db/client";
import { publishedDecisionResult } from "@/lib/votes/secret-ballot";
import { publishedBallots } from "@/lib/votes/published-ballots";
import { getSigningKey } from "./signing-key";
import type { Ed25519KeyPair } from "./signature";
import { DECISION_RECORD_TYPE, DECISION_RECORD_VERSION, type DecisionRecord } from "./schemas";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Decimal places of every non-integer figure in a record (`numbers` in the record says so). */
export const RECORD_DECIMALS = 6;

/**
 * A figure as the record writes it: integers as they are; any other number (a share, a weighted
 * count, a weight) rounded half away from zero to RECORD_DECIMALS places, so the signed JSON carries
 * 0.6 rather than a binary floating-point artefact such as 0.6000000000000001. Shares are for
 * reading: the outcome is decided on integers (lib/votes/tally), never on these figures.
 */
export function fixedFigure(value: number): number {
  if (Number.isInteger(value) || !Number.isFinite(value)) return value;
  const scale = 10 ** RECORD_DECIMALS;
  const rounded = Math.sign(value) * Math.round(Math.abs(value) * scale);
  // Dividing an integer by a power of ten gives the double nearest the decimal, which JSON writes as that decimal.
  return rounded / scale || 0;
}

/** fixedFigure on every number of a JSON value. */
export function fixedFigures<T>(value: T): T {
  if (typeof value === "number") return fixedFigure(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => fixedFigures(item)) as T;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fixedFigures(item)])) as T;
  return value;
}

/** null when the proposal does not exist or has no decision yet. */
export async function buildDecisionRecord(
  db: DbTx,
  proposalId: string,
  { now = new Date(), key }: { now?: Date; key?: Ed25519KeyPair } = {},
): Promise<DecisionRecord | null> {
  const proposal = await db.proposal.findUnique({
    where: { id: proposalId },
    select: {
      id: true,
      title: true,
      kind: true,
      method: true,
      secret: true,
      weighted: true,
      collegeWeights: true,
      eligibilityRule: true,
      votingOpensAt: true,
      votingClosesAt: true,
      closedAt: true,
      community: { select: { slug: true, name: true } },
      options: { orderBy: { position: "asc" }, select: { id: true, label: true } },
      decision: {
        select: { electorateSize: true, turnout: true, outcome: true, result: true, digest: true, ballots: true },
      },
    },
  });
  if (!proposal?.decision) return null;
  const { community, options, decision, collegeWeights, eligibilityRule, votingOpensAt, votingClosesAt, closedAt, ...rest } =
    proposal;
  const signingKey = key ?? (await getSigningKey(db));
  return {
    version: DECISION_RECORD_VERSION,
    type: DECISION_RECORD_TYPE,
    community,
    proposal: {
      ...rest,
      collegeWeights: fixedFigures(collegeWeights as Record<string, unknown>),
      // The eligibility rule (contribution days) that built the electorate, when the charter had one.
      ...(eligibilityRule ? { eligibilityRule: eligibilityRule as Record<string, unknown> } : {}),
      votingOpensAt: iso(votingOpensAt),
      votingClosesAt: iso(votingClosesAt),
      closedAt: iso(closedAt),
    },
    options,
    decision: {
      ...decision,
      // A secret weighted decision states its secrecy rule and publishes groups (lib/votes/secret-ballot.ts).
      result: fixedFigures(publishedDecisionResult(decision.result, proposal)),
      // The frozen ballots (or the copy older decisions stored): what decision.digest is the hash of.
      ballots: await publishedBallots(db, { proposalId: rest.id, stored: decision.ballots }),
    },
    numbers: `fixed${RECORD_DECIMALS}` as const,
    issuedAt: now.toISOString(),
    publicKey: { alg: "Ed25519", kid: signingKey.kid, jwk: signingKey.jwk },
  };
}
