/**
 * `outbox.deliver`: sends the transactional outbox through SMTP. A polling job, not a pg-boss queue:
 * the outbox is already a durable queue with its own guarantees (lib/mail/worker.ts): rows claimed
 * with FOR UPDATE SKIP LOCKED and a 2-minute lease, so a worker killed with SIGKILL loses nothing (its
 * claims come back when the lease ends); at-least-once delivery with a stable Message-ID per row;
 * backoff and a maximum of attempts per email. It runs in its own loop, so a backlog of emails never
 * delays a close, and a failing close never delays an email.
 */
import { logger } from "@/lib/core/log";
import { createTransport, deliverBatch } from "@/lib/mail/worker";
import type { PollingJob } from "../types";

export const DELIVER_OUTBOX = "outbox.deliver";

export const deliverOutboxJob: PollingJob = {
  kind: "poll",
  name: DELIVER_OUTBOX,
  idleMs: 1_000,
  open: ({ db, env }) => {
    if (!env.SMTP_URL) {
      logger.info("SMTP_URL is not set: emails stay in the outbox (demo mailbox at /dev/mailbox)");
      return null;
    }
    const transport = createTransport(env.SMTP_URL);
    return {
      run: async () => {
        const { sent, failed } = await deliverBatch(db, { transport, from: env.MAIL_FROM, maxAttempts: env.MAIL_MAX_ATTEMPTS });
        if (sent || failed) logger.info({ sent, failed }, "outbox batch");
        // A full batch may mean more are waiting: go on at once.
        return { more: sent > 0 };
      },
      close: () => transport.close(),
    };
  },
};
