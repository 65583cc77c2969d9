import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { enqueueEmail } from "@/lib/mail/outbox";
import { claimBatch, createTransport, deliverBatch } from "@/lib/mail/worker";
import { renderSignInEmail } from "@/lib/mail/render";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp-receiver";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";

let t: TestDatabase;
let smtp: SmtpReceiver;
beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await smtp.stop();
  await t.drop();
});
beforeEach(async () => {
  smtp.clear();
  smtp.setFailing(false);
  await t.db.outboxEmail.deleteMany();
});

const from = "Géocommuns <no-reply@geocommuns.test>";
const queue = (to: string) =>
  enqueueEmail(t.db, {
    to,
    locale: "fr",
    email: renderSignInEmail({ locale: "fr", url: "http://localhost/auth/email?token=x", minutes: 15 }),
  });

describe("outbox worker", () => {
  it("sends pending mail through SMTP as text plus HTML with the row's Message-ID", async () => {
    const to = `${unique("to")}@example.org`;
    const { messageId } = await queue(to);
    const result = await deliverBatch(t.db, { transport: createTransport(smtp.url), from, maxAttempts: 5 });
    expect(result).toEqual({ sent: 1, failed: 0 });
    const mail = await smtp.waitForMail((m) => m.to.includes(to));
    expect(mail.messageId).toBe(messageId);
    expect(mail.text).toContain("http://localhost/auth/email?token=x");
    expect(mail.html).toContain("<a href=");
    expect((await t.db.outboxEmail.findFirstOrThrow({ where: { to } })).status).toBe("SENT");
  });

  it("keeps mail when SMTP refuses it, backs off, and sends it once SMTP is back", async () => {
    const to = `${unique("retry")}@example.org`;
    await queue(to);
    smtp.setFailing(true);
    const transport = createTransport(smtp.url);
    expect(await deliverBatch(t.db, { transport, from, maxAttempts: 5 })).toEqual({ sent: 0, failed: 1 });
    const waiting = await t.db.outboxEmail.findFirstOrThrow({ where: { to } });
    expect(waiting.status).toBe("PENDING");
    expect(waiting.attempts).toBe(1);
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // Not retried before its time…
    expect(await deliverBatch(t.db, { transport, from, maxAttempts: 5 })).toEqual({ sent: 0, failed: 0 });
    // …and sent once it is due and SMTP is back.
    smtp.setFailing(false);
    await t.db.outboxEmail.update({ where: { id: waiting.id }, data: { nextAttemptAt: new Date() } });
    expect(await deliverBatch(t.db, { transport, from, maxAttempts: 5 })).toEqual({ sent: 1, failed: 0 });
    expect(smtp.messages().filter((m) => m.to.includes(to))).toHaveLength(1);
  });

  it("keeps mail when the SMTP server is down entirely", async () => {
    const to = `${unique("down")}@example.org`;
    await queue(to);
    const transport = createTransport("smtp://127.0.0.1:1");
    expect(await deliverBatch(t.db, { transport, from, maxAttempts: 5 })).toEqual({ sent: 0, failed: 1 });
    expect((await t.db.outboxEmail.findFirstOrThrow({ where: { to } })).status).toBe("PENDING");
  });

  it("gives up after the maximum number of attempts", async () => {
    const to = `${unique("fail")}@example.org`;
    await queue(to);
    smtp.setFailing(true);
    const transport = createTransport(smtp.url);
    for (let i = 0; i < 2; i++) {
      await t.db.outboxEmail.updateMany({ data: { nextAttemptAt: new Date() } });
      await deliverBatch(t.db, { transport, from, maxAttempts: 2 });
    }
    expect((await t.db.outboxEmail.findFirstOrThrow({ where: { to } })).status).toBe("FAILED");
  });

  it("never hands the same email to two workers claiming at once", async () => {
    for (let i = 0; i < 30; i++) await queue(`${unique("claim")}@example.org`);
    const claims = await Promise.all(Array.from({ length: 4 }, () => claimBatch(t.db, 10)));
    const ids = claims.flat().map((email) => email.id);
    expect(ids).toHaveLength(new Set(ids).size);
    expect(ids.length).toBe(30);
  });

  it("re-sends an email whose worker died mid-send, with the same Message-ID", async () => {
    const to = `${unique("lease")}@example.org`;
    const { messageId } = await queue(to);
    const [claimed] = await claimBatch(t.db, 1);
    expect(claimed?.messageId).toBe(messageId);
    // The worker died: its lease runs out.
    await t.db.outboxEmail.update({ where: { id: claimed!.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await deliverBatch(t.db, { transport: createTransport(smtp.url), from, maxAttempts: 5 })).toEqual({
      sent: 1,
      failed: 0,
    });
    expect((await smtp.waitForMail((m) => m.to.includes(to))).messageId).toBe(messageId);
  });
});
