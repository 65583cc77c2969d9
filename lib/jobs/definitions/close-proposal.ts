/**
 * `proposal.close`: closes one proposal whose voting time is over. One job per proposal and closing
 * date, so a proposal whose close throws every time (a poison proposal) fails alone: it is retried with
 * backoff, then lands in `proposal.close.dead` with its error, while every other job keeps running.
 *
 * Jobs come from two places, both with the same deterministic id (closeJobId in
 * lib/votes/close-job.ts):
 * - opening the vote enqueues the close in the same transaction, to start at the closing date
 *   (lib/votes/open-voting.ts calls enqueueProposalClose);
 * - the sweep (close-due-proposals.ts) enqueues one for every due proposal it finds, which covers
 *   proposals opened before a worker ever created the queue or whose closing date changed.
 * The id makes a second enqueue of the same close a no-op, so each proposal is closed by one job even
 * with several workers; `singletonKey` = the proposal and the queue's `singleton` policy keep two jobs
 * of one proposal (a moved closing date) from ever running at once, and closeProposalIn's row lock
 * and status check remain the last word.
 */
import type { Db } from "@/lib/db/client";
import { closeProposalIn } from "@/lib/proposals/close-proposal";
import { CLOSE_PROPOSAL, type CloseProposalData } from "@/lib/votes/close-job";
import { deadLetterOf, defineQueueJob } from "../types";

export class NotDueYetError extends Error {}

/**
 * Closes the proposal if its time has come, judged by the database's clock (the one that started the
 * job), under the row lock. A job for an older closing date completes without closing.
 */
export async function closeIfDue(db: Db, { proposalId, closesAt }: CloseProposalData) {
  return db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ status: string; votingClosesAt: Date | null; now: Date }[]>`
        SELECT "status", "votingClosesAt", now() AS "now" FROM "Proposal" WHERE "id" = ${proposalId} FOR UPDATE`;
      if (!row || row.status !== "VOTING") return { closed: false, reason: "not voting" };
      if (row.votingClosesAt?.toISOString() !== closesAt) return { closed: false, reason: "closing date changed" };
      // Started early (clock skew between hosts): throwing retries it shortly, completing would lose it.
      if (row.votingClosesAt > row.now) throw new NotDueYetError(`proposal ${proposalId} closes at ${closesAt}`);
      return closeProposalIn(tx, { proposalId, now: row.now });
    },
    // As closeProposal: a vote of 100 000 ballots takes longer than Prisma's default 5 s.
    { timeout: 60_000 },
  );
}

export const closeProposalJob = defineQueueJob<CloseProposalData>({
  name: CLOSE_PROPOSAL,
  options: {
    // 30 s, 1 min, 2 min, 4 min (each with up to as much jitter), then the dead-letter queue.
    retryLimit: 4,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 300,
    deadLetter: deadLetterOf(CLOSE_PROPOSAL),
    policy: "singleton",
  },
  concurrency: 2,
  handle: (data, { db }) => closeIfDue(db, data),
});
