/**
 * `proposal.close-due`: the closing sweep, every minute. It does not close anything itself: it
 * enqueues one `proposal.close` job per due proposal (same id as the job enqueued when voting opened,
 * so an existing one is not duplicated), and each close then succeeds or fails on its own.
 *
 * A proposal whose close was dead-lettered is enqueued again only once its failed job has been
 * archived (a week, see boss.ts): a poison proposal is retried weekly, not every minute.
 */
import { closeJobData, closeJobOptions, CLOSE_PROPOSAL } from "@/lib/votes/close-job";
import { deadLetterOf, defineQueueJob } from "../types";

export const CLOSE_DUE_PROPOSALS = "proposal.close-due";

export const closeDueProposalsJob = defineQueueJob({
  name: CLOSE_DUE_PROPOSALS,
  schedule: "* * * * *",
  options: {
    retryLimit: 2,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 120,
    deadLetter: deadLetterOf(CLOSE_DUE_PROPOSALS),
    policy: "singleton",
  },
  handle: async (_data, { db, boss }) => {
    // The database's clock decides what is due, as in the close itself.
    const due = await db.$queryRaw<{ id: string; votingClosesAt: Date }[]>`
      SELECT "id", "votingClosesAt" FROM "Proposal"
      WHERE "status" = 'VOTING' AND "votingClosesAt" <= now()
      ORDER BY "votingClosesAt" LIMIT 1000`;
    let enqueued = 0;
    for (const proposal of due) {
      const { id, votingClosesAt } = proposal;
      if (await boss.send(CLOSE_PROPOSAL, closeJobData(id, votingClosesAt), closeJobOptions(id, votingClosesAt))) enqueued++;
    }
    return { due: due.length, enqueued };
  },
});
