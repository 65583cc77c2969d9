/** `events.deliver`: domain events (vote opened, closing soon, result) become notifications, every minute. */
import { deliverPendingEvents } from "@/lib/notifications/deliver-events";
import { deadLetterOf, defineQueueJob } from "../types";

export const DELIVER_EVENTS = "events.deliver";

/** Rounds per run: a backlog larger than this waits for the next minute rather than holding the job. */
const MAX_ROUNDS = 100;

export const deliverEventsJob = defineQueueJob({
  name: DELIVER_EVENTS,
  schedule: "* * * * *",
  options: {
    retryLimit: 2,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 300,
    deadLetter: deadLetterOf(DELIVER_EVENTS),
    policy: "singleton",
  },
  handle: async (_data, { db }) => {
    let delivered = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      // Each round is its own transaction (events claimed with SKIP LOCKED, marked delivered with their notifications).
      const n = await deliverPendingEvents(db);
      delivered += n;
      if (n === 0) break;
    }
    return { delivered };
  },
});
