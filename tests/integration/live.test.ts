/**
 * Live updates through PostgreSQL LISTEN/NOTIFY (lib/live): two hubs on two database clients stand
 * for two app instances; a ballot cast through either reaches the followers of both, once committed,
 * as the proposal's figures (a secret ballot: turnout only, never counts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createCommunity } from "@/lib/communities/create-community";
import { openVoting } from "@/lib/votes/open-voting";
import { castBallot, withdrawBallot } from "@/lib/votes/cast-ballot";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { LiveHub } from "@/lib/live/hub";
import { addComment, deleteComment } from "@/lib/proposals/comments";
import type { ProposalLive } from "@/lib/live/proposal-live";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
let other: Db;
let hubs: LiveHub[];
let communityId: string;
let people: TestPerson[];
beforeAll(async () => {
  t = await createTestDatabase();
  other = createDb(t.url, 4);
  hubs = [new LiveHub(t.db), new LiveHub(other)];
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  ({ id: communityId } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "En direct",
      slug: unique("direct").toLowerCase(),
      summary: "Suivre.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  }));
  people = [owner];
  for (let i = 0; i < 3; i++) {
    const person = await createPerson(t.db, { actorKind: "PUBLIC" });
    await t.db.membership.create({ data: { communityId, userId: person.id, college: "PUBLIC", status: "ACTIVE" } });
    people.push(person);
  }
});
afterAll(async () => {
  for (const hub of hubs ?? []) await hub.close();
  await other?.$disconnect();
  await t.drop();
});

async function votingProposal({ secret }: { secret: boolean }) {
  const created = await t.db.proposal.create({
    data: {
      communityId,
      authorId: people[0]!.id,
      title: "Suivre le vote",
      secret,
      liveResults: true,
      method: "THRESHOLD",
      threshold: "simple",
    },
  });
  await openVoting(t.db, { proposalId: created.id, closesAt: new Date(Date.now() + 3600_000) });
  return created.id;
}

/** Collects what a hub pushes for a proposal; `until` waits for an event matching a condition. */
async function follow(hub: LiveHub, proposalId: string) {
  const events: ProposalLive[] = [];
  const waiters: { test: (e: ProposalLive) => boolean; resolve: (e: ProposalLive) => void }[] = [];
  const stop = await hub.follow(proposalId, (event) => {
    events.push(event);
    for (const w of [...waiters]) if (w.test(event)) w.resolve(event);
  });
  const until = (test: (e: ProposalLive) => boolean) =>
    new Promise<ProposalLive>((resolve, reject) => {
      const found = events.find(test);
      if (found) return resolve(found);
      const timer = setTimeout(() => reject(new Error(`no such event; got ${JSON.stringify(events)}`)), 10_000);
      waiters.push({ test, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  return { events, until, stop };
}

describe("live updates", () => {
  it("a ballot cast through one instance reaches the followers of both, with the public counts", async () => {
    const proposalId = await votingProposal({ secret: false });
    const [a, b] = await Promise.all(hubs.map((hub) => follow(hub, proposalId)));
    await castBallot(t.db, { actorId: people[1]!.id, proposalId, choice: { choice: "for" } });
    const seen = await Promise.all([a!, b!].map((f) => f.until((e) => e.turnout === 1)));
    for (const event of seen) {
      expect(event).toMatchObject({ proposalId, status: "VOTING", turnout: 1, electorate: 4 });
      expect(event.counts?.overall).toEqual({ for: 1 });
    }
    // Changing one's mind changes the counts, not the turnout; the event id moves on.
    await castBallot(other, { actorId: people[1]!.id, proposalId, choice: { choice: "against" } });
    const changed = await b!.until((e) => e.counts?.overall.against === 1);
    expect(changed.turnout).toBe(1);
    expect(changed.id).not.toBe(seen[1]!.id);
    // Withdrawing, and the close, are pushed too.
    await withdrawBallot(t.db, { actorId: people[1]!.id, proposalId });
    await b!.until((e) => e.turnout === 0);
    await closeProposal(t.db, { proposalId });
    const closed = await a!.until((e) => e.status === "CLOSED");
    expect(closed.counts).toBeNull();
    a!.stop();
    b!.stop();
  });

  it("a secret ballot pushes its turnout, never counts", async () => {
    const proposalId = await votingProposal({ secret: true });
    const f = await follow(hubs[1]!, proposalId);
    await castBallot(t.db, { actorId: people[2]!.id, proposalId, choice: { choice: "for" } });
    await castBallot(t.db, { actorId: people[3]!.id, proposalId, choice: { choice: "against" } });
    await f.until((e) => e.turnout === 2);
    expect(f.events.every((e) => e.counts === null)).toBe(true);
    expect(JSON.stringify(f.events)).not.toMatch(/for|against|userId|receipt/);
    f.stop();
  });

  it("a comment added or deleted on one instance moves the thread's stamp on the other, with no content", async () => {
    const proposalId = await votingProposal({ secret: false });
    const f = await follow(hubs[1]!, proposalId);
    const { id } = await addComment(t.db, {
      actor: people[2]!,
      proposalId,
      input: { body: "Un avis en direct, sans recharger." },
    });
    // The stamp: how many comments, and when the thread last changed.
    const added = await f.until((e) => e.comments.startsWith("1-"));
    expect(JSON.stringify(added)).not.toContain("avis");
    await deleteComment(t.db, { actor: people[2]!, proposalId, commentId: id });
    await f.until((e) => e.comments !== added.comments);
    f.stop();
  });

  it("nothing is pushed for a change rolled back", async () => {
    const proposalId = await votingProposal({ secret: false });
    const f = await follow(hubs[0]!, proposalId);
    class Rollback extends Error {}
    await t.db
      .$transaction(async (tx) => {
        await tx.$queryRaw`SELECT pg_notify('gc_live', ${JSON.stringify({ proposal: proposalId })})::text AS "sent"`;
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(f.events).toEqual([]);
    f.stop();
    expect(hubs[0]!.size).toBe(0);
  });
});
