/**
 * `translog.ballot-boxes`: every minute, writes to the governance log the ballot box of each vote
 * closed since (lib/translog/events.ts logBallotBox), then a checkpoint that includes them. Out of the
 * closing transaction, so the close stays as fast with the log as without; ballots are frozen at the
 * close, so the box computed now is the one the close published. Then the witnesses are asked to
 * co-sign the new checkpoint, so a decision that needs them becomes final within a minute or so.
 */
import { requestCosignatures } from "@/lib/translog/cosignatures";
import { logMissingBallotBoxes } from "@/lib/translog/events";
import { deadLetterOf, defineQueueJob } from "../types";

export const LOG_BALLOT_BOXES = "translog.ballot-boxes";

export const logBallotBoxesJob = defineQueueJob({
  name: LOG_BALLOT_BOXES,
  schedule: "* * * * *",
  options: {
    retryLimit: 2,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 300,
    deadLetter: deadLetterOf(LOG_BALLOT_BOXES),
    policy: "singleton",
  },
  handle: async (_data, { db }) => {
    const logged = await logMissingBallotBoxes(db);
    // A decision waits for its witnesses (the charter's witnessesRequired): ask them now, not at the
    // next ten-minute checkpoint.
    const witnesses = logged > 0 ? await requestCosignatures(db) : [];
    return { logged, witnesses };
  },
});
