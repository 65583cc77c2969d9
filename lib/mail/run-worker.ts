/**
 * The worker loop: delivers the outbox, closes proposals whose time has come (and announces those
 * closing within 24 hours), purges expired links
 * and rate-limit windows. Stops cleanly
 * when its signal aborts (between batches, never in the middle of one email's bookkeeping).
 */
import type { Db } from "@/lib/db/client";
import type { Config } from "@/lib/config";
import { logger } from "@/lib/log";
import { purgeExpiredEmailLinks } from "@/lib/auth/email-link";
import { purgeExpiredRateLimits } from "@/lib/rate-limit/consume";
import { createTransport, deliverBatch } from "./worker";
import { closeDueProposals } from "@/lib/votes/close-proposal";
import { endExpiredSuspensions } from "@/lib/moderation/sanctions";
import { emitClosingSoonEvents } from "@/lib/events/closing-soon";
import { deliverPendingEvents } from "@/lib/notifications/deliver-events";
import { sendDailyDigests } from "@/lib/notifications/digest";

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });

export async function runWorker(db: Db, env: Config, signal: AbortSignal, { pollMs = 1000 } = {}): Promise<void> {
  const transport = env.SMTP_URL ? createTransport(env.SMTP_URL) : null;
  if (!transport) logger.info("SMTP_URL is not set: emails stay in the outbox (demo mailbox at /dev/mailbox)");
  let lastPurge = 0;
  while (!signal.aborted) {
    try {
      if (transport) {
        const { sent, failed } = await deliverBatch(db, { transport, from: env.MAIL_FROM, maxAttempts: env.MAIL_MAX_ATTEMPTS });
        if (sent || failed) logger.info({ sent, failed }, "outbox batch");
        if (sent > 0) continue; // more may be waiting
      }
      // Scheduled closes: each proposal is closed once even with several workers (row lock + status check).
      const closed = await closeDueProposals(db);
      if (closed) logger.info({ closed }, "proposals closed");
      // Reminders: "proposal.closingSoon" once per proposal closing within 24 h (unique constraint).
      const closingSoon = await emitClosingSoonEvents(db);
      if (closingSoon) logger.info({ closingSoon }, "closing-soon events");
      // Notifications for domain events (each event once, even with several workers).
      const delivered = await deliverPendingEvents(db);
      if (delivered) logger.info({ delivered }, "events delivered as notifications");
      const ended = await endExpiredSuspensions(db, new Date());
      if (ended) logger.info({ ended }, "suspensions ended");
      if (Date.now() - lastPurge > 60_000) {
        lastPurge = Date.now();
        // Daily digests: once per person and day (row locks keep two workers from both sending).
        const digests = await sendDailyDigests(db);
        if (digests) logger.info({ digests }, "daily digests queued");
        await purgeExpiredEmailLinks(db);
        await purgeExpiredRateLimits(db);
      }
    } catch (error) {
      // The database may be restarting: log, wait, try again; nothing is lost, rows stay pending.
      logger.warn({ err: error }, "worker iteration failed");
    }
    await sleep(pollMs, signal);
  }
  transport?.close();
}
