/** `maintenance.purge`: expired sign-in links and rate-limit windows, every 10 minutes. */
import { purgeExpiredEmailLinks } from "@/lib/auth/email-link";
import { purgeExpiredRateLimits } from "@/lib/core/rate-limit";
import { deadLetterOf, defineQueueJob } from "../types";

export const PURGE = "maintenance.purge";

export const purgeJob = defineQueueJob({
  name: PURGE,
  schedule: "*/10 * * * *",
  options: {
    retryLimit: 2,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 300,
    deadLetter: deadLetterOf(PURGE),
    policy: "singleton",
  },
  // Both only remove rows that no longer mean anything (expired), so they are garbage collection, not rules.
  handle: async (_data, { db }) => ({
    emailLinks: await purgeExpiredEmailLinks(db),
    rateLimits: await purgeExpiredRateLimits(db),
  }),
});
