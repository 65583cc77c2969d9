/**
 * The worker is killed (SIGKILL, no chance to clean up) in the middle of sending a batch; after a
 * restart every email is delivered, and a receiver that deduplicates by Message-ID sees each once.
 *
 * At-least-once vs exactly-once: SMTP gives the sender no way to make "the receiver accepted it" and
 * "the outbox row is marked SENT" one atomic step. A worker killed between the receiver's 250 reply
 * and the UPDATE of the row leaves the row claimed; once its lease ends another worker sends it again.
 * So delivery from the outbox is at-least-once, and the duplicates are bounded by what was in flight
 * at the crash (one email per worker: each sends one at a time). Exactly-once *as seen by the
 * recipient* comes from the stable Message-ID stored with the row and reused on every attempt:
 * receivers and mail clients drop a second copy with the same Message-ID. The test plays such a
 * receiver: it counts the copies it would drop and checks each Message-ID was accepted once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueEmail } from "@/lib/mail/outbox";
import { startStack, type Stack } from "./support/stack";

const TOTAL = 60;
const KILL_AT = 5;
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ slot: 3, servers: 0, workers: 0, smtp: true });
});
afterAll(async () => {
  await stack?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("worker killed mid-batch", () => {
  it("delivers every email after a restart, none twice to a receiver that deduplicates by Message-ID", async () => {
    const smtp = stack.smtp!;
    await stack.db.$transaction(async (tx) => {
      for (let i = 0; i < TOTAL; i++) {
        await enqueueEmail(tx, {
          to: `destinataire${i}@example.org`,
          locale: "fr",
          email: { subject: `Message ${i}`, text: `Contenu ${i}`, html: `<p>Contenu ${i}</p>` },
        });
      }
    });
    const outbox = await stack.db.outboxEmail.findMany({ select: { id: true, messageId: true } });
    expect(outbox).toHaveLength(TOTAL);

    // Kill the worker the moment the receiver has the KILL_AT-th message, before it even answers
    // 250: that email is delivered but its row can never be marked SENT by this worker.
    const worker = stack.startWorker();
    const exited = new Promise<NodeJS.Signals | null>((resolve) => worker.once("exit", (_code, signal) => resolve(signal)));
    let seen = 0;
    await smtp.waitForMail(() => {
      if (++seen === KILL_AT) worker.kill("SIGKILL");
      return seen === KILL_AT;
    }, 60_000);
    expect(await exited).toBe("SIGKILL");
    expect(() => process.kill(worker.pid!, 0)).toThrow(); // gone, not merely detached

    // The crash happened mid-batch: some rows sent, some still claimed by the dead worker's batch.
    const statuses = await stack.db.outboxEmail.groupBy({ by: ["status"], _count: true });
    const count = (status: string) => statuses.find((s) => s.status === status)?._count ?? 0;
    expect(count("SENT")).toBeGreaterThanOrEqual(KILL_AT - 1);
    expect(count("SENT")).toBeLessThan(TOTAL);
    expect(count("SENDING")).toBeGreaterThan(0);

    // The claims of a dead worker end with their lease (120 s); rather than wait, the test moves
    // the leases' end to now, as if that time had passed.
    await stack.db.$executeRaw`UPDATE "OutboxEmail" SET "lockedUntil" = now() - interval '1 second' WHERE "status" = 'SENDING'`;
    const restarted = stack.startWorker();
    const deadline = Date.now() + 60_000;
    while ((await stack.db.outboxEmail.count({ where: { status: "SENT" } })) < TOTAL) {
      if (Date.now() > deadline) throw new Error("the restarted worker did not deliver everything");
      await sleep(200);
    }
    await sleep(1_000); // nothing more may arrive
    expect(restarted.exitCode).toBeNull();

    // The receiver's view, deduplicating by Message-ID.
    const copies = new Map<string, number>();
    for (const mail of smtp.messages()) copies.set(mail.messageId, (copies.get(mail.messageId) ?? 0) + 1);
    expect([...copies.keys()].sort()).toEqual(outbox.map((o) => o.messageId).sort());
    const dropped = [...copies.values()].reduce((sum, n) => sum + (n - 1), 0);
    // Exactly the email that was on the wire when the worker died was sent twice, with the same
    // Message-ID (its second attempt), so the receiver dropped one copy; every other email came once.
    expect(dropped).toBe(1);
    const [duplicate] = [...copies.entries()].find(([, n]) => n === 2)!;
    const row = await stack.db.outboxEmail.findFirstOrThrow({ where: { messageId: duplicate } });
    expect(row.attempts).toBe(2);
    expect(duplicate).toBe(smtp.messages()[KILL_AT - 1]!.messageId); // the one received as the worker died
    console.log(`[resilience] worker kill: ${TOTAL} emails delivered, ${dropped} duplicate dropped by Message-ID`);
  });
});
