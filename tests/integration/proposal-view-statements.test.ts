/**
 * The proposal page's reads (issue 15): getProposalView gives the proposal, its community, the
 * person's membership, counts, ballot, follow, charter parameters, grouped ballots, consent reasons,
 * one page of voters and the comment thread in ONE statement, whatever the size of the vote or the
 * thread. Counted on the wire, by the benchmark's statement counter (a proxy in front of PostgreSQL),
 * for a Prisma client connected through it; and what the page reads is what the separate readers give.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createCommunity } from "@/lib/communities/create-community";
import { openVoting } from "@/lib/votes/open-voting";
import { castBallot } from "@/lib/votes/cast-ballot";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { getProposalView } from "@/lib/proposals/queries";
import { requireProposalAccess } from "@/lib/proposals/access";
import { listComments } from "@/lib/proposals/comments";
import { decisionFinality } from "@/lib/translog/queries";
import { createSession, findSessionUser } from "@/lib/auth/sessions";
import { startStatementCounter, type StatementCounter } from "@/bench/lib/statement-counter";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
let counter: StatementCounter;
let counted: Db;
let owner: TestPerson;
let communityId: string;
let proposalId: string;
const member = { id: "sv1", onboarded: true as const, isPlatformAdmin: false };

/** Bulk members `sv<from>`…`sv<to>` of the community (electors once the vote opens), as the bench seeds them. */
async function addMembers(from: number, to: number) {
  await t.db.$executeRaw`
    INSERT INTO "User" ("id", "email", "displayName", "actorKind", "onboardedAt", "updatedAt")
    SELECT 'sv' || i, 'sv' || i || '@statements.example', 'Votant ' || i, 'PUBLIC', now(), now()
    FROM generate_series(${from}::int, ${to}::int) i`;
  await t.db.$executeRaw`
    INSERT INTO "Membership" ("id", "communityId", "userId", "college", "status", "role")
    SELECT 'svm' || i, ${communityId}, 'sv' || i, 'PUBLIC', 'ACTIVE', 'MEMBER' FROM generate_series(${from}::int, ${to}::int) i`;
}

/** `count` comments by members, every third a reply, one hidden by a moderator. */
async function addComments(from: number, count: number) {
  const ids = Array.from({ length: count }, (_, i) => `svc${from + i}`);
  await t.db.proposalComment.createMany({
    data: ids.map((id, i) => ({
      id,
      proposalId,
      authorId: `sv${1 + ((from + i) % 5)}`,
      body: `Commentaire **${from + i}**`,
      parentId: i % 3 === 2 ? ids[i - 1] : null,
      createdAt: new Date(Date.now() - (1000 - from - i) * 1000),
      ...(i === 1 ? { hiddenAt: new Date(), hiddenBy: "MODERATOR" as const, hiddenReason: "Hors sujet" } : {}),
    })),
  });
}

/** Statements the database received while `run` ran. */
async function statementsOf(run: () => Promise<unknown>): Promise<number> {
  const before = counter.counts().total;
  await run();
  return counter.counts().total - before;
}

beforeAll(async () => {
  t = await createTestDatabase();
  owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  ({ id: communityId } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Comptes",
      slug: unique("statements").toLowerCase(),
      summary: "Des comptes.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  }));
  await addMembers(1, 400);
  const proposal = await t.db.proposal.create({
    data: { communityId, authorId: owner.id, title: "Compter les lectures", method: "CONSENT", secret: false, liveResults: true },
  });
  proposalId = proposal.id;
  await openVoting(t.db, { proposalId, closesAt: new Date(Date.now() + 3600_000) });
  for (let i = 1; i <= 6; i++)
    await castBallot(t.db, {
      actorId: `sv${i}`,
      proposalId,
      choice: i % 3 === 0 ? { choice: "object", reason: `Objection ${i}` } : { choice: "agree" },
    });
  await addComments(0, 6);
  await t.db.follow.create({ data: { userId: member.id, targetKind: "PROPOSAL", targetId: proposalId } });

  const target = new URL(t.url);
  counter = await startStatementCounter({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(t.url);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(counter.port);
  // One connection each (Prisma, postgres.js), opened before counting (postgres.js reads types once when it connects).
  counted = createDb(proxied.toString(), 1, 1);
  await counted.$queryRaw`SELECT 1`;
  await getProposalView(counted, { actor: null, proposalId });
}, 120_000);
afterAll(async () => {
  await counted?.$disconnect();
  await counter?.stop();
  await t?.drop();
});

/** getProposalView inside a transaction (Prisma) gives what it gives on the client's postgres.js pool. */
async function sameThroughPrisma() {
  for (const actor of [member, owner, null]) {
    const direct = await getProposalView(t.db, { actor, proposalId, votersPage: 1, comments: true });
    const inTransaction = await t.db.$transaction((tx) =>
      getProposalView(tx, { actor, proposalId, votersPage: 1, comments: true }),
    );
    expect(inTransaction).toEqual(direct);
    expect(direct.createdAt).toBeInstanceOf(Date);
    expect(direct.access.community.createdAt).toBeInstanceOf(Date);
  }
}

describe("the proposal page's statements", () => {
  it("reads a live vote with its tally, reasons, follow and thread in one statement, for members and anonymous visitors", async () => {
    for (const actor of [member, owner, null]) {
      expect(await statementsOf(() => getProposalView(counted, { actor, proposalId, votersPage: 1, comments: true }))).toBe(1);
    }
    const view = await getProposalView(counted, { actor: member, proposalId, votersPage: 1, comments: true });
    expect(view).toMatchObject({ electorateSize: 401, turnout: 6, following: true, permissions: { vote: true } });
    expect(view.live?.overall).toEqual({ agree: 4, object: 2 });
    expect(view.explanation).not.toBeNull();
    expect(view.comments).toHaveLength(6);
  });

  it("reads the same through Prisma inside a transaction as on the prepared-statement pool, while voting", sameThroughPrisma);

  it("stays at one statement as the vote and the thread grow", async () => {
    for (let i = 7; i <= 60; i++) await castBallot(t.db, { actorId: `sv${i}`, proposalId, choice: { choice: "agree" } });
    await addComments(6, 120);
    for (const actor of [member, null]) {
      expect(await statementsOf(() => getProposalView(counted, { actor, proposalId, votersPage: 1, comments: true }))).toBe(1);
    }
    const view = await getProposalView(counted, { actor: member, proposalId, comments: true });
    expect(view).toMatchObject({ turnout: 60 });
    expect(view.comments).toHaveLength(126);
  });

  it("reads a closed public vote with its decision, reasons and one page of voters in one statement", async () => {
    await closeProposal(t.db, { proposalId });
    for (const actor of [member, null]) {
      expect(await statementsOf(() => getProposalView(counted, { actor, proposalId, votersPage: 1, comments: true }))).toBe(1);
    }
    const view = await getProposalView(counted, { actor: null, proposalId, votersPage: 1 });
    expect(view.decision).not.toBeNull();
    expect(view.voters).toHaveLength(60);
    // The frozen electorate as the decision counted it, the turnout from the ballots.
    expect(view).toMatchObject({ electorateSize: 401, turnout: 60, decision: { electorateSize: 401, turnout: 60 } });
    expect(view.decidedCounts).toEqual({ agree: 58, object: 2 });
    expect(view.comments).toBeNull();
    // Whether the decision is final in the public log, read in the same statement as translog's own reader gives it.
    expect(view.finality).not.toBeNull();
    expect(view.finality).toEqual(await decisionFinality(t.db, proposalId));
  });

  it("reads the same through Prisma inside a transaction as on the prepared-statement pool, once closed", sameThroughPrisma);

  it("finds the signed-in person of a session in one statement, never through an expired session or an erased account", async () => {
    const { sessionToken } = await createSession(t.db, member.id);
    expect(await statementsOf(() => findSessionUser(counted, sessionToken))).toBe(1);
    expect(await findSessionUser(counted, sessionToken)).toMatchObject({
      id: member.id,
      displayName: "Votant 1",
      onboarded: true,
    });
    await t.db.session.update({ where: { sessionToken }, data: { expires: new Date(Date.now() - 1000) } });
    expect(await findSessionUser(counted, sessionToken)).toBeNull();
    const other = await createSession(t.db, "sv400");
    await t.db.user.update({ where: { id: "sv400" }, data: { erasedAt: new Date() } });
    expect(await findSessionUser(counted, other.sessionToken)).toBeNull();
    expect(await findSessionUser(counted, "no-such-token")).toBeNull();
  });

  it("checks access to a proposal in one statement", async () => {
    expect(
      await statementsOf(() => requireProposalAccess(counted, { proposalId, actor: member, action: "proposal.comment" })),
    ).toBe(1);
    expect(await statementsOf(() => listComments(counted, { actor: member, proposalId }))).toBe(2);
  });

  it("gives each viewer the same thread as listComments: hidden text for the moderator only", async () => {
    for (const actor of [member, owner, null]) {
      const view = await getProposalView(t.db, { actor, proposalId, comments: true });
      expect(view.comments).toEqual(await listComments(t.db, { actor, proposalId }));
    }
    const hidden = (actor: typeof member | TestPerson | null) =>
      getProposalView(t.db, { actor, proposalId, comments: true }).then((v) => v.comments!.find((c) => c.id === "svc1")!);
    expect(await hidden(member)).toMatchObject({ hidden: true, body: null, hiddenReason: null });
    expect(await hidden(owner)).toMatchObject({ hidden: true, body: "Commentaire **1**", hiddenReason: "Hors sujet" });
    // sv2 wrote it (authors are sv1…sv5 in turn): its author reads it and why.
    const author = { id: "sv2", onboarded: true as const, isPlatformAdmin: false };
    expect(await hidden(author)).toMatchObject({ body: "Commentaire **1**", hiddenReason: "Hors sujet" });
  });
});
