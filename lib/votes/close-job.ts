/**
 * What a use case needs to ask for a proposal's close (the job itself is definitions/close-proposal.ts):
 * the queue's name, its data, and the job id. Kept apart from the definition so that use cases
 * (lib/votes/open-voting.ts) import no job handler, and handlers import use cases, never the reverse.
 */
import { createHash } from "node:crypto";
import type { DbTx } from "@/lib/db/client";
import { enqueueInTx } from "@/lib/core/jobs";

export const CLOSE_PROPOSAL = "proposal.close";

export type CloseProposalData = { proposalId: string; closesAt: string };

/**
 * A UUID derived from the proposal and its closing date, so the same close enqueued twice (by the
 * opening of the vote and by the sweep, or by two workers' sweeps) is one job: pg-boss inserts jobs
 * with ON CONFLICT DO NOTHING on their id.
 */
export function closeJobId(proposalId: string, closesAt: Date): string {
  const hex = createHash("sha256").update(`${CLOSE_PROPOSAL}:${proposalId}:${closesAt.toISOString()}`).digest("hex");
  // Shaped as an RFC 4122 version 5 UUID (name-based), which is what it is.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function closeJobOptions(proposalId: string, closesAt: Date) {
  return { id: closeJobId(proposalId, closesAt), singletonKey: proposalId };
}

export function closeJobData(proposalId: string, closesAt: Date): CloseProposalData {
  return { proposalId, closesAt: closesAt.toISOString() };
}

/** In the transaction that sets the closing date: the close is due at that date, and exists only if it commits. */
export async function enqueueProposalClose(tx: DbTx, { proposalId, closesAt }: { proposalId: string; closesAt: Date }) {
  return enqueueInTx(tx, CLOSE_PROPOSAL, closeJobData(proposalId, closesAt), {
    ...closeJobOptions(proposalId, closesAt),
    startAfter: closesAt,
  });
}
