/** `notifications.daily-digest`: the once-a-day digest emails (from 07:00, Paris time), checked every 5 minutes. */
import { sendDailyDigests } from "@/lib/notifications/digest";
import { deadLetterOf, defineQueueJob } from "../types";

export const DAILY_DIGEST = "notifications.daily-digest";

export const dailyDigestJob = defineQueueJob({
  name: DAILY_DIGEST,
  schedule: "*/5 * * * *",
  options: {
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 600,
    deadLetter: deadLetterOf(DAILY_DIGEST),
    policy: "singleton",
  },
  // sendDailyDigests decides who is due (their Paris day, never twice: row locks), so running often is safe.
  handle: async (_data, { db }) => ({ digests: await sendDailyDigests(db) }),
});
