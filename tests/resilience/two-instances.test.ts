/**
 * Two app servers (`next start` ×2) and two workers (scripts/worker.ts ×2) on one database, with the
 * real SMTP receiver: scheduled closes run once, emails go out once, a session made on one instance
 * works on the other, and the sign-in rate limit holds across both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { closeDueProposals } from "@/lib/proposals/close-proposal";
import { enqueueInTx } from "@/lib/core/jobs";
import { CLOSE_DUE_PROPOSALS } from "@/lib/jobs/definitions/close-due-proposals";
import { voteOnProposal } from "@/lib/proposals/ballots";
import { barrier, startStack, type Stack } from "./support/stack";
import { createVotingCommunity, openThresholdProposal } from "./support/fixtures";

const PER_ADDRESS = 3;
let stack: Stack;
let a: string;
let b: string;
beforeAll(async () => {
  stack = await startStack({
    slot: 2,
    servers: 2,
    workers: 2,
    smtp: true,
    env: { RATE_LIMIT_EMAIL_PER_ADDRESS: String(PER_ADDRESS), RATE_LIMIT_EMAIL_PER_IP: "1000" },
  });
  [a, b] = stack.servers.map((s) => s.url) as [string, string];
});
afterAll(async () => {
  await stack?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const address = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}@example.org`;

function askLink(base: string, email: string) {
  return fetch(`${base}/api/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, cookie: "gc.locale=fr" },
    body: JSON.stringify({ email }),
    signal: AbortSignal.timeout(30_000),
  });
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe("two app instances and two workers on one database", () => {
  it("closes each due proposal exactly once while both workers and four more closers race", async () => {
    const community = await createVotingCommunity(stack.db, { members: 4 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await openThresholdProposal(stack.db, community, `Proposition planifiée ${i}`));
    for (const id of ids)
      for (const member of community.members)
        await voteOnProposal(stack.db, { actor: member.actor, proposalId: id, choice: { choice: "for" } });
    // The votes' time runs out in a second: the workers' closing sweep (its cron runs every minute;
    // here sent at the barrier, as a tick would) and four closers released together by a barrier all
    // try to close the same proposals. The sweep gives each proposal one close job, which either
    // worker may run.
    const due = new Date(Date.now() + 1_000);
    await stack.db.proposal.updateMany({ where: { id: { in: ids } }, data: { votingClosesAt: due } });
    await sleep(Math.max(0, due.getTime() - Date.now()));
    const gate = barrier(5);
    const [, ...byTest] = await Promise.all([
      (async () => {
        await gate.arrive();
        await stack.db.$transaction((tx) => enqueueInTx(tx, CLOSE_DUE_PROPOSALS, {}));
        return 0;
      })(),
      ...[0, 1, 2, 3].map(async () => {
        await gate.arrive();
        return closeDueProposals(stack.db);
      }),
    ]);
    await waitUntil(
      "the closes",
      async () => (await stack.db.proposal.count({ where: { id: { in: ids }, status: "CLOSED" } })) === 5,
    );
    for (const id of ids) {
      expect(await stack.db.decision.count({ where: { proposalId: id } })).toBe(1);
      expect(await stack.db.domainEvent.count({ where: { proposalId: id, type: "proposal.closed" } })).toBe(1);
    }
    // However the work was shared between the test's closers and the workers, it adds up to 5.
    expect(byTest.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(5);
    for (const worker of stack.workers) expect(worker.exitCode).toBeNull();
  });

  it("sends each email exactly once with two workers, for links asked on both instances at once", async () => {
    stack.smtp!.clear();
    const emails = Array.from({ length: 24 }, (_, i) => address(`once${i}`));
    const gate = barrier(emails.length);
    const statuses = await Promise.all(
      emails.map(async (email, i) => {
        await gate.arrive();
        return (await askLink(i % 2 ? b : a, email)).status;
      }),
    );
    expect(statuses).toEqual(emails.map(() => 202));
    const rows = () =>
      stack.db.outboxEmail.findMany({ where: { to: { in: emails } }, select: { messageId: true, status: true } });
    await waitUntil("the deliveries", async () => (await rows()).every((r) => r.status === "SENT"));
    await sleep(1_500); // a duplicate from a second worker would arrive now
    const outbox = await rows();
    expect(outbox).toHaveLength(emails.length);
    const received = stack.smtp!.messages().filter((m) => emails.some((e) => m.to.includes(e)));
    const perMessageId = new Map<string, number>();
    for (const mail of received) perMessageId.set(mail.messageId, (perMessageId.get(mail.messageId) ?? 0) + 1);
    expect([...perMessageId.values()].filter((n) => n !== 1)).toEqual([]);
    expect([...perMessageId.keys()].sort()).toEqual(outbox.map((r) => r.messageId).sort());
    expect(new Set(received.flatMap((m) => m.to))).toEqual(new Set(emails));
  });

  it("applies the per-address sign-in limit across both instances", async () => {
    const email = address("limit");
    const gate = barrier(10);
    const responses = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        await gate.arrive();
        const response = await askLink(i % 2 ? b : a, email);
        return { status: response.status, retryAfter: response.headers.get("retry-after") };
      }),
    );
    expect(responses.filter((r) => r.status === 202)).toHaveLength(PER_ADDRESS);
    const refused = responses.filter((r) => r.status === 429);
    expect(refused).toHaveLength(10 - PER_ADDRESS);
    for (const r of refused) expect(Number(r.retryAfter)).toBeGreaterThan(0);
    expect(await stack.db.outboxEmail.count({ where: { to: email } })).toBe(PER_ADDRESS);
  });

  it("a session made by an email link on one instance works on the other", async () => {
    const email = address("session");
    await stack.db.user.create({
      data: { email, displayName: "Camille Deux-Serveurs", actorKind: "PUBLIC", onboardedAt: new Date() },
    });
    expect((await askLink(a, email)).status).toBe(202);
    const mail = await stack.smtp!.waitForMail((m) => m.to.includes(email), 20_000);
    const link = /https?:\/\/\S+\/auth\/email\?\S+/.exec(mail.text)?.[0];
    expect(link).toBeTruthy();
    expect(link!.startsWith(a)).toBe(true);

    // The confirmation page's form, posted without JavaScript (progressive enhancement), on instance A.
    const page = await (await fetch(link!)).text();
    const form = new FormData();
    for (const input of page.match(/<input[^>]*type="hidden"[^>]*>/g) ?? []) {
      const name = /name="([^"]*)"/.exec(input)?.[1];
      const value = /value="([^"]*)"/.exec(input)?.[1] ?? "";
      if (name) form.append(name, value.replace(/&amp;/g, "&"));
    }
    expect([...form.keys()].some((key) => key.startsWith("$ACTION_ID_"))).toBe(true);
    const signedIn = await fetch(link!, { method: "POST", body: form, headers: { origin: a }, redirect: "manual" });
    expect(signedIn.status).toBe(303);
    const cookie = signedIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .find((c) => c.startsWith("gc.session="));
    expect(cookie).toBeTruthy();

    for (const base of [b, a]) {
      const profile = await fetch(`${base}/profile`, { headers: { cookie: cookie! }, redirect: "manual" });
      expect(profile.status).toBe(200);
      expect(await profile.text()).toContain(email);
    }
    // Signing out anywhere (the session row goes) signs out everywhere.
    await stack.db.session.deleteMany({ where: { user: { email } } });
    const after = await fetch(`${b}/profile`, { headers: { cookie: cookie! }, redirect: "manual" });
    expect(after.status).not.toBe(200);
  });
});
