/**
 * `translog.issue-checkpoint`: signs a checkpoint of the governance log every ten minutes when it has
 * grown since the last one (lib/translog/checkpoint.ts), so witnesses and verifiers always find a
 * recent signed tree head, decisions or not; then asks the registered witnesses to co-sign it.
 */
import { currentCheckpoint } from "@/lib/translog/checkpoint";
import { requestCosignatures } from "@/lib/translog/cosignatures";
import { deadLetterOf, defineQueueJob } from "../types";

export const ISSUE_CHECKPOINT = "translog.issue-checkpoint";

export const issueCheckpointJob = defineQueueJob({
  name: ISSUE_CHECKPOINT,
  schedule: "*/10 * * * *",
  options: {
    retryLimit: 2,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 300,
    deadLetter: deadLetterOf(ISSUE_CHECKPOINT),
    policy: "singleton",
  },
  handle: async (_data, { db }) => {
    const checkpoint = await currentCheckpoint(db);
    // Then the registered witnesses' cosignatures, served with the checkpoint.
    const witnesses = await requestCosignatures(db, { checkpoint });
    return { size: checkpoint.size, witnesses };
  },
});
