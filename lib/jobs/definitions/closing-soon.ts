/** `events.closing-soon`: records "closing soon" once per proposal closing within 24 hours, every minute. */
import { emitClosingSoonEvents } from "@/lib/events/closing-soon";
import { deadLetterOf, defineQueueJob } from "../types";

export const CLOSING_SOON = "events.closing-soon";

export const closingSoonJob = defineQueueJob({
  name: CLOSING_SOON,
  schedule: "* * * * *",
  options: {
    retryLimit: 2,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 120,
    deadLetter: deadLetterOf(CLOSING_SOON),
    policy: "singleton",
  },
  // The unique (type, proposalId) constraint keeps a second run, or a second worker, from writing twice.
  handle: async (_data, { db }) => ({ emitted: await emitClosingSoonEvents(db) }),
});
