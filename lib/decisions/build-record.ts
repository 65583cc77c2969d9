/**
 * The decision record: what was decided, by which rule, on which ballots, in one canonical JSON
 * object an outside body can keep and check offline. Ballots are the published [receipt, choice]
 * pairs of Decision.ballots, never names, whatever the proposal's secrecy.
 */
import type { DbTx } from "@/lib/db/client";
import { publishedDecisionResult } from "@/lib/votes/secret-ballot";
import { getSigningKey } from "./signing-key";
import type { Ed25519KeyPair } from "./signature";
import { DECISION_RECORD_TYPE, DECISION_RECORD_VERSION, type DecisionRecord } from "./schemas";

const iso = (date: Date | null) => (date ? date.toISOString() : null);

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
  const { community, options, decision, collegeWeights, votingOpensAt, votingClosesAt, closedAt, ...rest } = proposal;
  const signingKey = key ?? (await getSigningKey(db));
  return {
    version: DECISION_RECORD_VERSION,
    type: DECISION_RECORD_TYPE,
    community,
    proposal: {
      ...rest,
      collegeWeights: collegeWeights as Record<string, unknown>,
      votingOpensAt: iso(votingOpensAt),
      votingClosesAt: iso(votingClosesAt),
      closedAt: iso(closedAt),
    },
    options,
    decision: {
      ...decision,
      // A secret weighted decision states its secrecy rule and publishes groups (lib/votes/secret-ballot.ts).
      result: publishedDecisionResult(decision.result, proposal),
      ballots: decision.ballots as [string, unknown][],
    },
    issuedAt: now.toISOString(),
    publicKey: { alg: "Ed25519", kid: signingKey.kid, jwk: signingKey.jwk },
  };
}
