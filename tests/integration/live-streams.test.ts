/**
 * The live streams of the header's unread count (`/api/live/me`) and of a community's moderation
 * queue (`/api/live/communities/{slug}/moderation`), through the app's own route files on a real
 * PostgreSQL (issue 15):
 * - the NOTIFY is sent inside the writing transaction: a rolled-back notification, report or appeal
 *   sends nothing (seen on a raw LISTEN connection), and what is sent names opaque ids only;
 * - each stream is authorized like its page (anonymous → 401, a member or another community's
 *   moderator → 403) and pushes the count re-read for that person, the queue's stamp for that
 *   community;
 * - a comment hidden through the moderation queue's own path moves its proposal's live stamp;
 * - at each heartbeat the session and the access are checked again: signing out, or losing the
 *   moderator role, ends the stream.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import postgres from "postgres";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { createProposal } from "@/lib/proposals/create-proposal";
import { addComment } from "@/lib/proposals/comments";
import { dismissReport, reportContent } from "@/lib/moderation/reports";
import { hideContent } from "@/lib/moderation/hide";
import { notifyQueueChanged } from "@/lib/moderation/live";
import { notify } from "@/lib/notifications/notify";
import { markRead } from "@/lib/notifications/inbox";
import { createSession, deleteSession } from "@/lib/auth/sessions";
import { createApiToken } from "@/lib/tokens/create-token";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { resetConfigCache } from "@/lib/core/config";
import { liveHub } from "@/lib/live/hub";
import { HEARTBEAT_MS } from "@/lib/live/sse";
import { proposalLive, type ProposalLive } from "@/lib/live/proposal-live";
import { GET as meRoute } from "@/app/api/live/me/route";
import { GET as queueRoute } from "@/app/api/live/communities/[slug]/moderation/route";
import { GET as proposalRoute } from "@/app/api/live/proposals/[id]/route";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
let listener: postgres.Sql;
/** Every payload sent on the live channel, as any listener sees it. */
const payloads: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  // The route files read the process's configuration and database (lib/db/client.ts db()): this test's.
  process.env.DATABASE_URL = t.url;
  process.env.AUTH_SECRET ??= "x".repeat(32);
  resetConfigCache();
  (globalThis as { geocommunsDb?: unknown }).geocommunsDb = t.db;
  listener = postgres(t.url, { max: 1, onnotice: () => {} });
  await listener.listen("gc_live", (payload) => payloads.push(payload));
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  await liveHub(t.db).close();
  await listener?.end({ timeout: 1 });
  await t.drop();
});

async function community(roles: MemberRole[], visibility: "PUBLIC" | "MEMBERS" = "PUBLIC") {
  const owner = await createPerson(t.db);
  const slug = unique("direct").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "File en direct",
      slug,
      summary: "Modérée en direct.",
      description: "",
      visibility,
      joinPolicy: "OPEN",
    },
  });
  const people: TestPerson[] = [];
  for (const role of roles) {
    const person = await createPerson(t.db);
    await t.db.membership.create({ data: { communityId: id, userId: person.id, college: "PUBLIC", status: "ACTIVE", role } });
    people.push(person);
  }
  return { id, slug, owner, people };
}

async function cookieOf(person: TestPerson) {
  const { sessionToken } = await createSession(t.db, person.id);
  return { sessionToken, cookie: `${sessionCookie().name}=${sessionToken}` };
}

const request = (path: string, cookie?: string) =>
  new Request(`http://localhost:3000${path}`, { headers: cookie ? { cookie, accept: "text/event-stream" } : {} });

const openMe = (cookie?: string) => meRoute(request("/api/live/me", cookie));
const openProposal = (id: string, cookie?: string) =>
  proposalRoute(request(`/api/live/proposals/${id}`, cookie), { params: Promise.resolve({ id }) });
const openQueue = (slug: string, cookie?: string) =>
  queueRoute(request(`/api/live/communities/${slug}/moderation`, cookie), { params: Promise.resolve({ slug }) });

type Event = { id: string; event: string; data: Record<string, unknown> };

/** Reads a live response as it arrives: its events, its pings, and whether the server ended it. */
function read(response: Response) {
  const events: Event[] = [];
  let pings = 0;
  let ended = false;
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buffer = "";
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(": ping")) pings++;
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id !== undefined && event && data) events.push({ id, event, data: JSON.parse(data) as Record<string, unknown> });
      }
    }
    ended = true;
  })();
  const waitFor = async <T>(what: () => T | undefined | false, label: string): Promise<T> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = what();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`${label}; got ${JSON.stringify(events)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return {
    events,
    pings: () => pings,
    ended: () => ended,
    until: (test: (e: Event) => boolean) => waitFor(() => events.find(test), "no such event"),
    untilEnded: () => waitFor(() => ended, "the stream did not end"),
    cancel: () => reader.cancel().catch(() => {}),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
}

describe("the header's unread count, live", () => {
  it("refuses anonymous callers (401) and answers a signed-in person's stream", async () => {
    await expectProblem(await openMe(), 401);
    await expectProblem(await openMe(`${sessionCookie().name}=not-a-session`), 401);
    const person = await createPerson(t.db);
    // A personal access token: with the read scope it follows the count, without it it is refused.
    const bearer = async (scopes: ("read" | "write")[]) =>
      meRoute(
        new Request("http://localhost:3000/api/live/me", {
          headers: {
            authorization: `Bearer ${(await createApiToken(t.db, { userId: person.id, input: { name: "direct", scopes } })).secret}`,
          },
        }),
      );
    await expectProblem(await bearer(["write"]), 403);
    const reading = await bearer(["read"]);
    expect(reading.status).toBe(200);
    await reading.body!.cancel();
    const response = await openMe((await cookieOf(person)).cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const stream = read(response);
    await stream.until((e) => e.event === "user" && e.data.unread === 0);
    await stream.cancel();
  });

  it("pushes the count re-read for that person when a notification is created or read, naming ids only", async () => {
    const c = await community(["MODERATOR", "MEMBER", "MEMBER"]);
    const [moderator, author, reporter] = c.people as [TestPerson, TestPerson, TestPerson];
    const stream = read(await openMe((await cookieOf(moderator)).cookie));
    await stream.until((e) => e.data.unread === 0);
    const { id: proposalId } = await createProposal(t.db, {
      actor: c.owner,
      slug: c.slug,
      input: { kind: "GENERAL", title: "À discuter", body: "Texte.", method: "THRESHOLD" },
    });
    const comment = await addComment(t.db, { actor: author, proposalId, input: { body: "Un texte très personnel" } });
    payloads.length = 0;
    // A report tells the moderators, in the report's transaction: their count moves on commit.
    await reportContent(t.db, {
      actor: reporter,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "SPAM" },
    });
    await stream.until((e) => e.data.unread === 1);
    // What every listener saw: opaque ids, never the notification's content or kind.
    expect(payloads.some((p) => (JSON.parse(p) as { users?: string[] }).users?.includes(moderator.id))).toBe(true);
    for (const payload of payloads) {
      expect(Object.keys(JSON.parse(payload) as object).every((key) => ["users", "queue", "proposal"].includes(key))).toBe(true);
      expect(payload).not.toMatch(/personnel|report|SPAM|COMMENT/);
    }
    // Read on the notifications page (the root client: markRead opens its own transaction).
    expect(await markRead(t.db, { userId: moderator.id, input: { all: true } })).toBe(1);
    await stream.until((e) => e.data.unread === 0 && e !== stream.events[0]);
    // Only this person's own count, never anyone else's.
    expect(stream.events.map((e) => e.data.unread)).toEqual([0, 1, 0]);
    await stream.cancel();
  });

  it("sends nothing for a notification rolled back with its change", async () => {
    const person = await createPerson(t.db);
    const stream = read(await openMe((await cookieOf(person)).cookie));
    await stream.until((e) => e.data.unread === 0);
    payloads.length = 0;
    class Rollback extends Error {}
    await t.db
      .$transaction(async (tx) => {
        await notify(tx, { userIds: [person.id], kind: "report.received", data: { path: "/", targetKind: "COMMENT" } });
        expect(await tx.notification.count({ where: { userId: person.id } })).toBe(1);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    await sleep(500);
    expect(payloads).toEqual([]);
    expect(stream.events).toHaveLength(1);
    // The same, committed, is sent and pushed.
    await t.db.$transaction((tx) =>
      notify(tx, { userIds: [person.id], kind: "report.received", data: { path: "/", targetKind: "COMMENT" } }),
    );
    await stream.until((e) => e.data.unread === 1);
    expect(payloads).toEqual([JSON.stringify({ users: [person.id] })]);
    await stream.cancel();
  });
});

describe("the moderation queue, live", () => {
  it("is authorized like the queue page: anonymous 401, a member or another community's moderator 403", async () => {
    const c = await community(["MODERATOR", "MEMBER"]);
    const other = await community(["MODERATOR"]);
    await expectProblem(await openQueue(c.slug), 401);
    await expectProblem(await openQueue(c.slug, (await cookieOf(c.people[1]!)).cookie), 403);
    await expectProblem(await openQueue(c.slug, (await cookieOf(other.people[0]!)).cookie), 403);
    await expectProblem(await openQueue("no-such-community", (await cookieOf(c.people[0]!)).cookie), 404);
    const allowed = await openQueue(c.slug, (await cookieOf(c.people[0]!)).cookie);
    expect(allowed.status).toBe(200);
    await allowed.body!.cancel();
  });

  it("pushes a new report and its handling; a comment hidden from the queue moves its thread's live stamp", async () => {
    const c = await community(["MODERATOR", "MEMBER", "MEMBER", "MEMBER"]);
    const [moderator, author, reporter, second] = c.people as [TestPerson, TestPerson, TestPerson, TestPerson];
    const stream = read(await openQueue(c.slug, (await cookieOf(moderator)).cookie));
    await stream.until((e) => e.event === "queue" && e.data.openReports === 0);
    const { id: proposalId } = await createProposal(t.db, {
      actor: c.owner,
      slug: c.slug,
      input: { kind: "GENERAL", title: "À discuter", body: "Texte.", method: "THRESHOLD" },
    });
    const spam = await addComment(t.db, { actor: author, proposalId, input: { body: "Achetez mes montres" } });
    const fine = await addComment(t.db, { actor: author, proposalId, input: { body: "Un avis" } });
    const thread: ProposalLive[] = [];
    const unfollow = await liveHub(t.db).follow(proposalId, (event) => thread.push(event));
    // The comments' own notifications may still be on their way: start from a quiet thread.
    await sleep(400);
    thread.length = 0;
    const before = (await proposalLive(t.db, proposalId))!.comments;

    await reportContent(t.db, {
      actor: reporter,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: spam.id, reason: "SPAM" },
    });
    await stream.until((e) => e.data.openReports === 1);
    const { id: reportId } = await reportContent(t.db, {
      actor: second,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: fine.id, reason: "OTHER" },
    });
    await stream.until((e) => e.data.openReports === 2);
    // Dismissed from the queue: one fewer.
    await dismissReport(t.db, { actor: moderator, slug: c.slug, reportId });
    await stream.until((e) => e.data.openReports === 1 && stream.events.indexOf(e) > 2);
    // Hidden through the queue's own path: the report is answered, and the thread's stamp moves.
    await hideContent(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: spam.id, reason: "Publicité" },
    });
    await stream.until((e) => e.data.openReports === 0);
    const deadline = Date.now() + 10_000;
    while (thread.length === 0 && Date.now() < deadline) await sleep(20);
    const after = (await proposalLive(t.db, proposalId))!.comments;
    expect(after).not.toBe(before);
    expect(thread.map((e) => e.comments)).toContain(after);
    unfollow();
    // Nothing of the content in what the queue's followers receive.
    expect(JSON.stringify(stream.events)).not.toMatch(/montres|avis|SPAM|Publicité/);
    await stream.cancel();
  });

  it("sends nothing for a queue change rolled back", async () => {
    const c = await community(["MODERATOR"]);
    payloads.length = 0;
    class Rollback extends Error {}
    await t.db
      .$transaction(async (tx) => {
        await notifyQueueChanged(tx, c.id);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    await sleep(500);
    expect(payloads).toEqual([]);
  });
});

describe("a proposal's live stream", () => {
  it("is authorized like its page: a members-only community's proposal is unknown (404) to outsiders", async () => {
    const c = await community(["MEMBER"], "MEMBERS");
    const other = await community(["MODERATOR"]);
    const { id: proposalId } = await createProposal(t.db, {
      actor: c.owner,
      slug: c.slug,
      input: { kind: "GENERAL", title: "Entre membres", body: "Texte.", method: "THRESHOLD" },
    });
    await t.db.proposal.update({ where: { id: proposalId }, data: { status: "DISCUSSION" } });
    await expectProblem(await openProposal(proposalId), 404);
    await expectProblem(await openProposal(proposalId, (await cookieOf(other.people[0]!)).cookie), 404);
    const member = await openProposal(proposalId, (await cookieOf(c.people[0]!)).cookie);
    expect(member.status).toBe(200);
    await member.body!.cancel();
  });
});

describe("streams end with the session or the access", () => {
  it("re-checks at every heartbeat: signing out or losing the moderator role closes the stream", async () => {
    // Only the heartbeat's interval is simulated; database I/O and the hub's timers run for real.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const c = await community(["MODERATOR", "MODERATOR"]);
    const [leaving, staying] = c.people as [TestPerson, TestPerson];
    const session = await cookieOf(leaving);
    const me = read(await openMe(session.cookie));
    const queue = read(await openQueue(c.slug, (await cookieOf(staying)).cookie));
    const leavingQueue = read(await openQueue(c.slug, session.cookie));
    await Promise.all([me, queue, leavingQueue].map((s) => s.until(() => true)));

    // A heartbeat with nothing changed: every stream stays open and is pinged.
    vi.advanceTimersByTime(HEARTBEAT_MS);
    for (const s of [me, queue, leavingQueue]) {
      const deadline = Date.now() + 10_000;
      while (s.pings() === 0 && Date.now() < deadline) await sleep(20);
      expect(s.pings()).toBe(1);
      expect(s.ended()).toBe(false);
    }

    // The second moderator loses the role: their queue stream ends at the next heartbeat.
    await t.db.membership.updateMany({ where: { communityId: c.id, userId: staying.id }, data: { role: "MEMBER" } });
    vi.advanceTimersByTime(HEARTBEAT_MS);
    await queue.untilEnded();
    // A fresh request would now be refused.
    await expectProblem(await openQueue(c.slug, (await cookieOf(staying)).cookie), 403);

    // The first signs out: both of their streams end at the next heartbeat.
    await deleteSession(t.db, session.sessionToken);
    vi.advanceTimersByTime(HEARTBEAT_MS);
    await me.untilEnded();
    await leavingQueue.untilEnded();
    await expectProblem(await openMe(session.cookie), 401);
  });
});
