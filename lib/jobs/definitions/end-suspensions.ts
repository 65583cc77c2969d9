/** `moderation.end-suspensions`: records the end of suspensions whose date has passed, every minute. */
import { endExpiredSuspensions } from "@/lib/moderation/sanctions";
import { deadLetterOf, defineQueueJob } from "../types";

export const END_SUSPENSIONS = "moderation.end-suspensions";

export const endSuspensionsJob = defineQueueJob({
  name: END_SUSPENSIONS,
  schedule: "* * * * *",
  options: {
    retryLimit: 2,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 300,
    deadLetter: deadLetterOf(END_SUSPENSIONS),
    policy: "singleton",
  },
  // roleOf already treats a passed date as the end; this records it (status, audit entry).
  handle: async (_data, { db }) => ({ ended: await endExpiredSuspensions(db, new Date()) }),
});
