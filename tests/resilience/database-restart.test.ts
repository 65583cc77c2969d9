/**
 * PostgreSQL stops and starts again (same port, same data) while ballots, page loads and health
 * checks flow against `next start`: during the outage every request fails fast and cleanly (503
 * problem+json for the API, the "service unavailable" page for pages, 503 from /api/health), the
 * server recovers by itself (same process, no restart) and no acknowledged ballot is lost.
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./support/stack";
import { choices, createVotingCommunity, openThresholdProposal, putBallot, type VotingCommunity } from "./support/fixtures";

/** The stated bound: no request may take longer than this during an outage (the pool gives up after 5 s). */
const MAX_LATENCY_MS = 8_000;
const ABORT_MS = 20_000;

let stack: Stack;
let base: string;
let community: VotingCommunity;
let proposalId: string;
beforeAll(async () => {
  stack = await startStack({ slot: 1 });
  base = stack.servers[0]!.url;
  community = await createVotingCommunity(stack.db, { members: 6 });
  proposalId = await openThresholdProposal(stack.db, community);
});
afterAll(async () => {
  await stack?.stop();
});

type Sample = {
  kind: "ballot" | "page" | "health";
  who?: string;
  choice?: string;
  status: number;
  sentAt: number;
  answeredAt: number;
  contentType: string | null;
  retryAfter: string | null;
  body: string;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed(kind: Sample["kind"], request: () => Promise<Response>, extra: Partial<Sample> = {}): Promise<Sample> {
  const sentAt = performance.now();
  let status = 0;
  let body = "";
  let contentType: string | null = null;
  let retryAfter: string | null = null;
  try {
    const response = await request();
    status = response.status;
    contentType = response.headers.get("content-type");
    retryAfter = response.headers.get("retry-after");
    body = await response.text();
  } catch (error) {
    // A hang (aborted at ABORT_MS) or a dropped connection: both fail the assertions below.
    body = String(error);
  }
  return { kind, status, sentAt, answeredAt: performance.now(), contentType, retryAfter, body, ...extra };
}

/** Opens a page in headless Chromium (Debian's when present) and reads what a person would see. */
async function inBrowser(url: string): Promise<{ heading: string; button: boolean }> {
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ locale: "fr-FR" });
    await page.goto(url, { timeout: 15_000 });
    const heading = await page.getByRole("heading", { level: 1 }).first().textContent({ timeout: 10_000 });
    if (process.env.RESILIENCE_SCREENSHOT) await page.screenshot({ path: process.env.RESILIENCE_SCREENSHOT });
    const button = await page.getByRole("button").first().isVisible();
    return { heading: heading ?? "", button };
  } finally {
    await browser.close();
  }
}

describe("PostgreSQL restart under load", () => {
  it("answers 503 quickly during the outage, recovers without a restart, and loses no acknowledged ballot", async () => {
    // Warm up: a fresh `next start` loads each route's code on its first request.
    expect((await fetch(`${base}/communities/${community.slug}`)).status).toBe(200);
    expect((await putBallot(base, proposalId, community.members[0]!.secret, "for")).status).toBe(200);

    const samples: Sample[] = [];
    let flowing = true;
    const loop = async (next: () => Promise<Sample>) => {
      while (flowing) {
        samples.push(await next());
        await sleep(50);
      }
    };
    const flows = [
      ...community.members.map((member, m) => {
        let round = 0;
        return loop(() => {
          const choice = choices[(m + round++) % 3]!;
          return timed("ballot", () => putBallot(base, proposalId, member.secret, choice, ABORT_MS), {
            who: member.userId,
            choice,
          });
        });
      }),
      ...[0, 1].map(() =>
        loop(() =>
          timed("page", () =>
            fetch(`${base}/communities/${community.slug}`, {
              headers: { "accept-language": "fr" },
              signal: AbortSignal.timeout(ABORT_MS),
            }),
          ),
        ),
      ),
      loop(() => timed("health", () => fetch(`${base}/api/health`, { signal: AbortSignal.timeout(ABORT_MS) }))),
    ];

    await sleep(1_500);
    const pid = stack.servers[0]!.child.pid;
    const stopRequested = performance.now();
    await stack.stopDatabase();
    const outageStart = performance.now();
    // What a person sees meanwhile: the page is an error shell that the browser renders as the
    // localized "service unavailable" page (app/error.tsx), with a way to try again.
    const seen = await inBrowser(`${base}/communities/${community.slug}`);
    await sleep(Math.max(0, 4_000 - (performance.now() - outageStart)));
    const outageEnd = performance.now();
    await stack.startDatabase();
    const restarted = performance.now();
    // Recovery by itself: wait for a ballot acknowledged after the restart (bounded).
    const deadline = Date.now() + 30_000;
    while (!samples.some((s) => s.kind === "ballot" && s.status === 200 && s.sentAt > restarted) && Date.now() < deadline) {
      await sleep(100);
    }
    const recoveredAfterMs = Math.round(
      (samples.find((s) => s.kind === "ballot" && s.status === 200 && s.sentAt > restarted)?.answeredAt ?? Infinity) - restarted,
    );
    await sleep(2_000);
    flowing = false;
    await Promise.all(flows);

    // Before the outage everything worked.
    const before = samples.filter((s) => s.answeredAt < stopRequested);
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((s) => s.status !== 200)).toEqual([]);

    // No hang: every request answered within the stated bound, with an HTTP answer.
    const slowest = Math.max(...samples.map((s) => s.answeredAt - s.sentAt));
    expect(samples.filter((s) => s.status === 0).map((s) => s.body)).toEqual([]);
    expect(slowest).toBeLessThan(MAX_LATENCY_MS);

    // During the outage: clean failures with a clear message.
    const during = samples.filter((s) => s.sentAt >= outageStart && s.answeredAt <= outageEnd);
    const ballotsDuring = during.filter((s) => s.kind === "ballot");
    const pagesDuring = during.filter((s) => s.kind === "page");
    const healthDuring = during.filter((s) => s.kind === "health");
    expect(ballotsDuring.length).toBeGreaterThan(5);
    expect(pagesDuring.length).toBeGreaterThan(1);
    expect(healthDuring.length).toBeGreaterThan(1);
    for (const sample of ballotsDuring) {
      expect(sample.status).toBe(503);
      expect(sample.contentType).toContain("application/problem+json");
      expect(sample.retryAfter).toBe("5");
      expect(JSON.parse(sample.body)).toMatchObject({
        status: 503,
        code: "service_unavailable",
        detail: "Service momentanément indisponible. Réessayez dans quelques instants.",
      });
    }
    for (const sample of healthDuring) {
      expect(sample.status).toBe(503);
      expect(JSON.parse(sample.body)).toMatchObject({ status: "unavailable", database: "down" });
    }
    for (const sample of pagesDuring) {
      // Next.js answers a page whose rendering failed with 500 and its error shell (it offers no way
      // to choose 503 there); the browser renders app/error.tsx from it, checked in Chromium above.
      expect(sample.status).toBe(500);
      expect(sample.body).toContain('id="__next_error__"');
      expect(sample.body).not.toContain("PrismaClient");
    }
    expect(seen.heading).toContain("Service momentanément indisponible");
    expect(seen.button).toBe(true);
    // At no time did the API answer anything but success or 503 (no 500 from a lost connection).
    expect(samples.filter((s) => s.kind === "ballot" && s.status !== 200 && s.status !== 503)).toEqual([]);

    // Recovery by itself: the same server process, healthy again, every request succeeding.
    expect(recoveredAfterMs).toBeLessThan(15_000);
    expect(stack.servers[0]!.child.pid).toBe(pid);
    expect(stack.servers[0]!.child.exitCode).toBeNull();
    const settled = samples.filter((s) => s.sentAt > restarted + recoveredAfterMs + 500);
    expect(settled.length).toBeGreaterThan(5);
    expect(settled.filter((s) => s.status !== 200).map((s) => [s.kind, s.status])).toEqual([]);

    // No acknowledged ballot missing: each member's last request was acknowledged and is what is stored.
    const stored = await stack.db.ballot.findMany({ where: { proposalId }, select: { userId: true, choice: true } });
    const byUser = new Map(stored.map((b) => [b.userId, (b.choice as { choice: string }).choice]));
    for (const member of community.members) {
      const mine = samples.filter((s) => s.who === member.userId);
      const last = mine.at(-1)!;
      expect(last.status).toBe(200);
      expect(byUser.get(member.userId)).toBe(last.choice);
    }
    console.log(
      `[resilience] database restart: ${samples.length} requests, ${during.length} during the outage, ` +
        `slowest ${Math.round(slowest)} ms, recovered ${recoveredAfterMs} ms after the restart`,
    );
  });
});
