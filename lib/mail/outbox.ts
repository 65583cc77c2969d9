/**
 * The transactional outbox: callers insert the email inside the transaction of what caused it; the
 * worker (lib/mail/worker.ts) delivers it. Nothing here talks to SMTP.
 */
import { randomUUID } from "node:crypto";
import type { DbTx } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/core";
import type { RenderedEmail } from "./render";

export async function enqueueEmail(
  tx: DbTx,
  {
    to,
    locale,
    email,
    headers,
  }: {
    to: string;
    locale: Locale;
    email: RenderedEmail;
    /** Extra headers (e.g. List-Unsubscribe), passed to SMTP as they are. */
    headers?: Record<string, string>;
  },
): Promise<{ id: string; messageId: string }> {
  const messageId = `<${randomUUID()}@geocommuns>`;
  const row = await tx.outboxEmail.create({
    data: { to, locale, subject: email.subject, text: email.text, html: email.html, messageId, headers: headers ?? {} },
    select: { id: true, messageId: true },
  });
  return row;
}
