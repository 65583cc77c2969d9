/**
 * Delivers the outbox through SMTP. Several workers may run against one database: rows are claimed
 * with FOR UPDATE SKIP LOCKED and a lease (lockedUntil), so each email is handled by one worker at a
 * time, and one whose worker died mid-send is picked up again when its lease ends. Every attempt
 * reuses the row's Message-ID, so a receiver that deduplicates sees a retry as the same message.
 */
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import type { Db } from "@/lib/db/client";

export type ClaimedEmail = {
  id: string;
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers stored with the email (List-Unsubscribe…). */
  headers: unknown;
  attempts: number;
};

/** Keeps only string-valued headers with safe names (no CR/LF can reach the SMTP stream). */
export function extraHeaders(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const headers: Record<string, string> = {};
  for (const [name, content] of Object.entries(value)) {
    if (/^[A-Za-z0-9-]+$/.test(name) && typeof content === "string" && !/[\r\n]/.test(content)) headers[name] = content;
  }
  return headers;
}

const LEASE_SECONDS = 120;

export async function claimBatch(db: Db, size: number): Promise<ClaimedEmail[]> {
  return db.$queryRaw<ClaimedEmail[]>`
    UPDATE "OutboxEmail" SET "status" = 'SENDING', "attempts" = "attempts" + 1,
      "lockedUntil" = now() + make_interval(secs => ${LEASE_SECONDS})
    WHERE "id" IN (
      SELECT "id" FROM "OutboxEmail"
      WHERE ("status" = 'PENDING' AND "nextAttemptAt" <= now())
         OR ("status" = 'SENDING' AND "lockedUntil" < now())
      ORDER BY "createdAt"
      LIMIT ${size}
      FOR UPDATE SKIP LOCKED)
    RETURNING "id", "messageId", "to", "subject", "text", "html", "headers", "attempts"`;
}

/** Exponential backoff with jitter: 10 s, 20 s, 40 s… capped at one hour. */
export function backoffSeconds(attempts: number, random = Math.random): number {
  const base = Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export async function markSent(db: Db, id: string): Promise<void> {
  await db.outboxEmail.update({
    where: { id },
    data: { status: "SENT", sentAt: new Date(), lockedUntil: null, lastError: null },
  });
}

export async function markFailed(db: Db, email: ClaimedEmail, error: unknown, maxAttempts: number): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const final = email.attempts >= maxAttempts;
  await db.outboxEmail.update({
    where: { id: email.id },
    data: {
      status: final ? "FAILED" : "PENDING",
      lockedUntil: null,
      lastError: message.slice(0, 1000),
      nextAttemptAt: new Date(Date.now() + backoffSeconds(email.attempts) * 1000),
    },
  });
}

export function createTransport(smtpUrl: string): Transporter {
  return nodemailer.createTransport(smtpUrl, {
    // Fail fast when the server is down: the email stays in the outbox and is retried later.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as nodemailer.TransportOptions);
}

export async function deliverBatch(
  db: Db,
  {
    transport,
    from,
    batchSize = 20,
    maxAttempts,
  }: { transport: Transporter; from: string; batchSize?: number; maxAttempts: number },
): Promise<{ sent: number; failed: number }> {
  const batch = await claimBatch(db, batchSize);
  let sent = 0;
  let failed = 0;
  for (const email of batch) {
    try {
      await transport.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        headers: extraHeaders(email.headers),
      });
      await markSent(db, email.id);
      sent++;
    } catch (error) {
      await markFailed(db, email, error, maxAttempts);
      failed++;
    }
  }
  return { sent, failed };
}
