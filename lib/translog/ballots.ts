/**
 * The ballot box of a closed vote, committed to the log as one entry: the RFC 9162 root over the
 * sorted ballot commitments. commitment = SHA-256("geocommuns/ballot-commitment/v1\n" ‖ proposal id
 * ‖ "\n" ‖ receipt ‖ "\n" ‖ canonical JSON of the choice): bound to the receipt the voter holds and
 * to the choice, never to the voter. Computed at the close from the published [receipt, choice]
 * list, so casting a ballot writes nothing to the log. Pure: the verifier uses this file.
 */
import { createHash } from "node:crypto";
import { canonical } from "./canonical";
import { inclusionProof, leafHash, rootOf, type Hash } from "./merkle";

export const BALLOT_COMMITMENT_TAG = "geocommuns/ballot-commitment/v1";

export function ballotCommitment(proposalId: string, receipt: string, choice: unknown): string {
  return createHash("sha256")
    .update(`${BALLOT_COMMITMENT_TAG}\n${proposalId}\n${receipt}\n${canonical(choice)}`, "utf8")
    .digest("hex");
}

export type BallotBox = { commitments: string[]; leaves: Hash[]; root: Hash };

/** The box of a published list of [receipt, choice] pairs: commitments sorted, each a leaf (its 32 bytes). */
export function ballotBoxOf(proposalId: string, ballots: readonly (readonly [string, unknown])[]): BallotBox {
  const commitments = ballots.map(([receipt, choice]) => ballotCommitment(proposalId, receipt, choice)).sort();
  const leaves = commitments.map((c) => leafHash(Buffer.from(c, "hex")));
  return { commitments, leaves, root: rootOf(leaves) };
}

/** Where a receipt's commitment sits in the box, with its inclusion proof within the box. */
export function ballotInBox(box: BallotBox, commitment: string): { position: number; proof: Hash[] } | null {
  const position = box.commitments.indexOf(commitment);
  if (position < 0) return null;
  return { position, proof: inclusionProof(box.leaves, position) };
}
