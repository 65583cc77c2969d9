/**
 * The published list of a closed vote is served from its ballots (issue 15): the digest PostgreSQL
 * computes at the close is SHA-256 of JSON.stringify of that list (checked here on every ballot shape
 * and on texts that escaping could get wrong), the ballots of a closed proposal cannot change any
 * more (trigger), and decisions closed before keep serving the list they stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VotingMethod } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { openVoting } from "@/lib/votes/open-voting";
import { castBallot } from "@/lib/votes/cast-ballot";
import { closeProposal, verifyReceipt } from "@/lib/proposals/close-proposal";
import { digestOf, digestOfBallots, publishedBallots } from "@/lib/votes/published-ballots";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
let communityId: string;
let people: TestPerson[];
beforeAll(async () => {
  t = await createTestDatabase();
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  ({ id: communityId } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Liste publiée",
      slug: unique("liste").toLowerCase(),
      summary: "Une communauté qui publie.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  }));
  people = [owner];
  for (let i = 0; i < 6; i++) {
    const person = await createPerson(t.db, { actorKind: "PUBLIC" });
    await t.db.membership.create({ data: { communityId, userId: person.id, college: "PUBLIC", status: "ACTIVE" } });
    people.push(person);
  }
});
afterAll(async () => {
  await t.drop();
});

async function votingProposal(method: VotingMethod, options: string[] = []) {
  const created = await t.db.proposal.create({
    data: {
      communityId,
      authorId: people[0]!.id,
      title: "Publier la liste",
      secret: false,
      method,
      threshold: method === "THRESHOLD" ? "simple" : null,
      quorumPercent: 0,
      collegeQuorumPercent: 0,
      options: { create: options.map((label, position) => ({ label, position })) },
    },
    include: { options: { orderBy: { position: "asc" } } },
  });
  await openVoting(t.db, { proposalId: created.id, closesAt: new Date(Date.now() + 3600_000) });
  return { id: created.id, options: created.options.map((o) => o.id) };
}

/** The list as anyone rebuilds it from the API: pairs sorted by receipt, bytewise. */
async function listFromBallots(proposalId: string) {
  const rows = await t.db.ballot.findMany({ where: { proposalId, withdrawnAt: null }, select: { receipt: true, choice: true } });
  return rows.map((r) => [r.receipt, r.choice] as [string, unknown]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const awkward = [
  'Il a dit "non", puis \\ « oui »',
  "ligne 1\nligne 2\ttabulée\r\nfin",
  "contrôle \u0001\u001f\u007f et \u2028 séparateur",
  "émoji 🗺️ et </script><!-- --> 'quotes'",
  "  espaces, virgules: deux-points, {accolades} [crochets]  ",
];

describe("the published list and its digest", () => {
  it("PostgreSQL's digest is digestOf(the list) for consent reasons with awkward text", async () => {
    const p = await votingProposal("CONSENT");
    for (const [i, reason] of awkward.entries()) {
      await castBallot(t.db, { actorId: people[i]!.id, proposalId: p.id, choice: { choice: "object", reason } });
    }
    await castBallot(t.db, { actorId: people[5]!.id, proposalId: p.id, choice: { choice: "agree" } });
    const list = await listFromBallots(p.id);
    expect(list).toHaveLength(6);
    expect(await digestOfBallots(t.db, p.id)).toBe(digestOf(list));

    await closeProposal(t.db, { proposalId: p.id });
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
    // Only the digest is stored; the list is the frozen ballots, served as they are.
    expect(decision.ballots).toBeNull();
    const published = await publishedBallots(t.db, { proposalId: p.id, stored: decision.ballots });
    expect(published).toEqual(list);
    expect(decision.digest).toBe(digestOf(published));
    expect(JSON.stringify(published)).not.toContain(people[1]!.id);
    const receipt = list[2]![0];
    expect(await verifyReceipt(t.db, { proposalId: p.id, receipt })).toEqual({
      found: true,
      choice: list[2]![1],
      digest: decision.digest,
      digestValid: true,
    });
  });

  it("and for approvals (order kept) and grades (keys in stored order), and an empty vote", async () => {
    const approval = await votingProposal("APPROVAL", ["A", "B", "C"]);
    const [a, b, c] = approval.options as [string, string, string];
    await castBallot(t.db, { actorId: people[0]!.id, proposalId: approval.id, choice: { approve: [c, a] } });
    await castBallot(t.db, { actorId: people[1]!.id, proposalId: approval.id, choice: { approve: [] } });
    await castBallot(t.db, { actorId: people[2]!.id, proposalId: approval.id, choice: { approve: [b] } });
    await closeProposal(t.db, { proposalId: approval.id });
    const approvals = await t.db.decision.findUniqueOrThrow({ where: { proposalId: approval.id } });
    expect(approvals.digest).toBe(digestOf(await listFromBallots(approval.id)));

    const judged = await votingProposal("MAJORITY_JUDGMENT", ["Un", "Deux"]);
    const [x, y] = judged.options as [string, string];
    await castBallot(t.db, { actorId: people[3]!.id, proposalId: judged.id, choice: { grades: { [y]: "good", [x]: "reject" } } });
    await castBallot(t.db, {
      actorId: people[4]!.id,
      proposalId: judged.id,
      choice: { grades: { [x]: "excellent", [y]: "insufficient" } },
    });
    await closeProposal(t.db, { proposalId: judged.id });
    const grades = await t.db.decision.findUniqueOrThrow({ where: { proposalId: judged.id } });
    expect(grades.digest).toBe(digestOf(await listFromBallots(judged.id)));

    const empty = await votingProposal("THRESHOLD");
    await closeProposal(t.db, { proposalId: empty.id });
    const none = await t.db.decision.findUniqueOrThrow({ where: { proposalId: empty.id } });
    expect(none.digest).toBe(digestOf([]));
  });

  it("the ballots of a closed proposal are frozen: no change, withdrawal, deletion or new ballot", async () => {
    const p = await votingProposal("THRESHOLD");
    await castBallot(t.db, { actorId: people[0]!.id, proposalId: p.id, choice: { choice: "for" } });
    await closeProposal(t.db, { proposalId: p.id });
    const before = await listFromBallots(p.id);
    await expect(
      t.db.ballot.updateMany({ where: { proposalId: p.id }, data: { choice: { choice: "against" } } }),
    ).rejects.toThrow(/frozen/);
    await expect(t.db.ballot.updateMany({ where: { proposalId: p.id }, data: { withdrawnAt: new Date() } })).rejects.toThrow(
      /frozen/,
    );
    await expect(t.db.ballot.deleteMany({ where: { proposalId: p.id } })).rejects.toThrow(/frozen/);
    await expect(
      t.db.ballot.create({
        data: { proposalId: p.id, userId: people[1]!.id, college: "PUBLIC", choice: { choice: "against" }, receipt: "ZZZZ-ZZZZ" },
      }),
    ).rejects.toThrow(/frozen/);
    expect(await listFromBallots(p.id)).toEqual(before);
    // What the close signed still holds.
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
    expect(decision.digest).toBe(digestOf(before));
  });

  it("a decision closed before issue 15 keeps serving the list it stored", async () => {
    const p = await votingProposal("THRESHOLD");
    await castBallot(t.db, { actorId: people[0]!.id, proposalId: p.id, choice: { choice: "for" } });
    await closeProposal(t.db, { proposalId: p.id });
    const stored = [["AAAA-AAAA-AAAA", { choice: "for" }]];
    // As the migration found it: the list in the decision (set here below its immutability trigger).
    await t.db.$executeRawUnsafe(`ALTER TABLE "Decision" DISABLE TRIGGER USER`);
    try {
      await t.db
        .$executeRaw`UPDATE "Decision" SET "ballots" = ${JSON.stringify(stored)}::jsonb, "digest" = ${digestOf(stored as [string, unknown][])} WHERE "proposalId" = ${p.id}`;
    } finally {
      await t.db.$executeRawUnsafe(`ALTER TABLE "Decision" ENABLE TRIGGER USER`);
    }
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
    expect(await publishedBallots(t.db, { proposalId: p.id, stored: decision.ballots })).toEqual(stored);
    expect(await verifyReceipt(t.db, { proposalId: p.id, receipt: "AAAA-AAAA-AAAA" })).toMatchObject({
      found: true,
      digestValid: true,
    });
  });
});
