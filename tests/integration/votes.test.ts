/**
 * Ballots and closing against a real PostgreSQL: one ballot per member under a storm of overlapping
 * requests, ballots racing the close, refusals, weighted colleges, quorum, receipts and digests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorKind, VotingMethod } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { configureColleges } from "@/lib/communities/colleges";
import { openVoting } from "@/lib/votes/open-voting";
import { castBallot, withdrawBallot } from "@/lib/votes/cast-ballot";
import { closeDueProposals, closeProposal, digestOf, verifyReceipt } from "@/lib/proposals/close-proposal";
import { publishedBallots } from "@/lib/votes/published-ballots";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function communityWith(members: { count: number; actorKind: ActorKind }[]) {
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const slug = unique("vote").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: { name: "Vote", slug, summary: "Une communauté qui vote.", description: "", visibility: "PUBLIC", joinPolicy: "OPEN" },
  });
  const people: TestPerson[] = [owner];
  for (const { count, actorKind } of members) {
    for (let i = 0; i < count; i++) {
      const p = await createPerson(t.db, { actorKind });
      await t.db.membership.create({ data: { communityId: id, userId: p.id, college: actorKind, status: "ACTIVE" } });
      people.push(p);
    }
  }
  return { id, slug, owner, people };
}

async function proposal(
  communityId: string,
  authorId: string,
  {
    method = "THRESHOLD",
    threshold = "simple",
    options = [],
    quorumPercent = 0,
    collegeQuorumPercent = 0,
  }: {
    method?: VotingMethod;
    threshold?: string;
    options?: string[];
    quorumPercent?: number;
    collegeQuorumPercent?: number;
  } = {},
) {
  const created = await t.db.proposal.create({
    data: {
      communityId,
      authorId,
      title: "Adopter la Licence Ouverte 2.0",
      // Public ballots: these tests count, with colleges of one or two members that a secret
      // weighted vote may not have (tests/integration/secret-ballots.test.ts).
      secret: false,
      method,
      threshold,
      quorumPercent,
      collegeQuorumPercent,
      options: { create: options.map((label, position) => ({ label, position })) },
    },
    include: { options: { orderBy: { position: "asc" } } },
  });
  return created;
}

/** Starts every call at once, so the requests really overlap. */
async function all<T>(calls: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
  let release!: () => void;
  const barrier = new Promise<void>((resolve) => (release = resolve));
  const running = calls.map(async (call) => {
    await barrier;
    return call();
  });
  release();
  return Promise.allSettled(running);
}

describe("ballots", () => {
  it("leaves exactly one ballot per member, holding their last choice, after 200 overlapping requests from 50 members", async () => {
    const { id, owner, people } = await communityWith([{ count: 49, actorKind: "CIVIL_SOCIETY" }]);
    const p = await proposal(id, owner.id);
    await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 3600_000) });
    const choices = ["for", "against", "abstain", "for"] as const;
    // Each member sends four requests at once; the last one they send in order is their final choice.
    const storm = await all(
      people.flatMap((person) =>
        choices.map((choice) => () => castBallot(t.db, { actorId: person.id, proposalId: p.id, choice: { choice } })),
      ),
    );
    expect(storm.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await t.db.ballot.count({ where: { proposalId: p.id } })).toBe(50);
    // Whatever order the storm committed in, a final sequential change per member decides.
    for (const [i, person] of people.entries())
      await castBallot(t.db, { actorId: person.id, proposalId: p.id, choice: { choice: i < 30 ? "for" : "against" } });
    const receipts = new Set(
      (await t.db.ballot.findMany({ where: { proposalId: p.id }, select: { receipt: true } })).map((b) => b.receipt),
    );
    expect(receipts.size).toBe(50);
    const { outcome } = await closeProposal(t.db, { proposalId: p.id });
    expect(outcome).toBe("ADOPTED");
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
    expect(decision.turnout).toBe(50);
    expect((decision.result as { counts: object }).counts).toEqual({ for: 30, against: 20, abstain: 0 });
    // History: at least the cast plus the changes were recorded for every member.
    expect(await t.db.ballotChange.count({ where: { ballot: { proposalId: p.id } } })).toBe(250);
  });

  it("counts a ballot racing the close or refuses it cleanly, never half-written", async () => {
    const { id, owner, people } = await communityWith([{ count: 19, actorKind: "RESEARCH" }]);
    const p = await proposal(id, owner.id);
    await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 3600_000) });
    const results = await all<unknown>([
      ...people.map((person) => () => castBallot(t.db, { actorId: person.id, proposalId: p.id, choice: { choice: "for" } })),
      () => closeProposal(t.db, { proposalId: p.id }),
      () => closeProposal(t.db, { proposalId: p.id }),
    ]);
    const ballotResults = results.slice(0, people.length);
    for (const r of ballotResults) if (r.status === "rejected") expect((r.reason as { code: string }).code).toBe("voting_closed");
    const accepted = ballotResults.filter((r) => r.status === "fulfilled").length;
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
    expect(decision.turnout).toBe(accepted);
    expect(await t.db.ballot.count({ where: { proposalId: p.id } })).toBe(accepted);
    // The published list is the frozen ballots (issue 15): the digest is theirs.
    const published = await publishedBallots(t.db, { proposalId: p.id, stored: decision.ballots });
    expect(published).toHaveLength(accepted);
    expect(decision.digest).toBe(digestOf(published));
    // Closed once, whoever came first.
    expect(await t.db.decision.count({ where: { proposalId: p.id } })).toBe(1);
  });

  it("refuses ballots outside the electorate, before opening, after closing, and malformed ones", async () => {
    const { id, owner, people } = await communityWith([{ count: 2, actorKind: "PRIVATE" }]);
    const p = await proposal(id, owner.id, { method: "MAJORITY_JUDGMENT", options: ["Licence Ouverte", "ODbL"] });
    await expect(castBallot(t.db, { actorId: owner.id, proposalId: p.id, choice: {} as never })).rejects.toMatchObject({
      status: 409,
    });
    await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 3600_000) });
    const latecomer = await createPerson(t.db);
    await t.db.membership.create({ data: { communityId: id, userId: latecomer.id, college: "PUBLIC", status: "ACTIVE" } });
    const [a, b] = p.options.map((o) => o.id);
    await expect(
      castBallot(t.db, { actorId: latecomer.id, proposalId: p.id, choice: { grades: { [a!]: "good", [b!]: "good" } } }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      castBallot(t.db, { actorId: owner.id, proposalId: p.id, choice: { grades: { [a!]: "good" } } }),
    ).rejects.toMatchObject({ status: 400, messageKey: "votes.errors.missingGrade" });
    await expect(
      castBallot(t.db, { actorId: owner.id, proposalId: p.id, choice: { grades: { [a!]: "good", [b!]: "good", nope: "good" } } }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      castBallot(t.db, { actorId: owner.id, proposalId: p.id, choice: { grades: { [a!]: "superb", [b!]: "good" } } as never }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await t.db.ballot.count({ where: { proposalId: p.id } })).toBe(0);
    await castBallot(t.db, { actorId: owner.id, proposalId: p.id, choice: { grades: { [a!]: "excellent", [b!]: "passable" } } });
    await closeProposal(t.db, { proposalId: p.id });
    await expect(
      castBallot(t.db, { actorId: people[1]!.id, proposalId: p.id, choice: { grades: { [a!]: "good", [b!]: "good" } } }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("keeps a withdrawn ballot out of the count but in the history", async () => {
    const { id, owner, people } = await communityWith([{ count: 2, actorKind: "PUBLIC" }]);
    const p = await proposal(id, owner.id, { method: "APPROVAL", options: ["A", "B", "C"] });
    await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 3600_000) });
    const [a, b] = p.options.map((o) => o.id) as [string, string, string];
    await expect(castBallot(t.db, { actorId: owner.id, proposalId: p.id, choice: { approve: [a, a] } })).rejects.toMatchObject({
      messageKey: "votes.errors.duplicateOption",
    });
    await castBallot(t.db, { actorId: owner.id, proposalId: p.id, choice: { approve: [a, b] } });
    await castBallot(t.db, { actorId: people[1]!.id, proposalId: p.id, choice: { approve: [b] } });
    await castBallot(t.db, { actorId: people[2]!.id, proposalId: p.id, choice: { approve: [a] } });
    await withdrawBallot(t.db, { actorId: people[2]!.id, proposalId: p.id });
    const { outcome } = await closeProposal(t.db, { proposalId: p.id });
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
    expect(decision.turnout).toBe(2);
    expect(outcome).toBe("ADOPTED");
    expect((decision.result as { winners: string[] }).winners).toEqual([b]);
    expect(await t.db.ballotChange.count({ where: { ballot: { proposalId: p.id }, kind: "withdrawn" } })).toBe(1);
  });
});

describe("closing", () => {
  it("combines colleges by their weights, not by headcount", async () => {
    // 3 public agencies for, 12 civil-society members against; colleges weigh 50/50 with research and private unused.
    const { id, slug, owner, people } = await communityWith([
      { count: 2, actorKind: "PUBLIC" },
      { count: 12, actorKind: "CIVIL_SOCIETY" },
    ]);
    await configureColleges(t.db, {
      actor: owner,
      slug,
      weightingEnabled: true,
      weights: { PUBLIC: 50, PRIVATE: 0, RESEARCH: 0, CIVIL_SOCIETY: 50 },
    });
    const p = await proposal(id, owner.id, { threshold: "simple" });
    await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 3600_000) });
    for (const person of people) {
      const college = (await t.db.membership.findFirstOrThrow({ where: { communityId: id, userId: person.id } })).college;
      await castBallot(t.db, {
        actorId: person.id,
        proposalId: p.id,
        choice: { choice: college === "PUBLIC" ? "for" : "against" },
      });
    }
    // Unweighted this is 3 against 12; weighted it is 50 % for: not a strict majority.
    const { outcome } = await closeProposal(t.db, { proposalId: p.id });
    expect(outcome).toBe("REJECTED");
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
    expect((decision.result as { forShare: number }).forShare).toBeCloseTo(0.5);
  });

  it("is void for lack of quorum, overall or in a college", async () => {
    const { id, owner, people } = await communityWith([{ count: 9, actorKind: "PRIVATE" }]);
    const p = await proposal(id, owner.id, { quorumPercent: 50 });
    await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 3600_000) });
    for (const person of people.slice(0, 4))
      await castBallot(t.db, { actorId: person.id, proposalId: p.id, choice: { choice: "for" } });
    expect((await closeProposal(t.db, { proposalId: p.id })).outcome).toBe("VOID");
  });

  it("closes due proposals once even when two workers run, and lets voters verify their receipt", async () => {
    const { id, owner, people } = await communityWith([{ count: 3, actorKind: "RESEARCH" }]);
    const p = await proposal(id, owner.id, { method: "CONSENT" });
    await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 3600_000) });
    const { receipt } = await castBallot(t.db, {
      actorId: people[1]!.id,
      proposalId: p.id,
      choice: { choice: "object", reason: "Préciser la durée." },
    });
    await castBallot(t.db, { actorId: people[2]!.id, proposalId: p.id, choice: { choice: "agree" } });
    await expect(
      castBallot(t.db, { actorId: people[3]!.id, proposalId: p.id, choice: { choice: "block" } }),
    ).rejects.toMatchObject({ messageKey: "votes.errors.blockReason" });
    const later = new Date(Date.now() + 7200_000);
    const [first, second] = await Promise.all([closeDueProposals(t.db, later), closeDueProposals(t.db, later)]);
    expect(first + second).toBe(1);
    expect(await t.db.decision.count({ where: { proposalId: p.id } })).toBe(1);
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id: p.id } })).outcome).toBe("ADOPTED");
    const check = await verifyReceipt(t.db, { proposalId: p.id, receipt });
    expect(check).toMatchObject({ found: true, choice: { choice: "object", reason: "Préciser la durée." }, digestValid: true });
    // The published list pairs receipts with choices, never with people.
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
    const published = await publishedBallots(t.db, { proposalId: p.id, stored: decision.ballots });
    expect(published.length).toBeGreaterThan(0);
    expect(JSON.stringify(published)).not.toContain(people[1]!.id);
    await expect(t.db.decision.updateMany({ where: { proposalId: p.id }, data: { outcome: "REJECTED" } })).rejects.toThrow(
      /immutable/,
    );
  });
});

/**
 * Issue 12 §1: closing applies the same rule as the unweighted tally. The expected results are
 * computed here from the ballots as cast, by the textbook definitions (no lib/votes/tally code), and
 * for a weighted vote by literally repeating each ballot as many times as its college's share asks.
 */
describe("one tally rule, on PostgreSQL", () => {
  const gradeOrder = ["reject", "insufficient", "passable", "fair", "good", "veryGood", "excellent"];

  /** Balinski & Laraki, literally: sort, take the lower median, remove it, again; the first difference decides. */
  function majorityValueWinners(options: string[], ballots: Record<string, string>[]): string[] {
    const sequence = (option: string) => {
      const sorted = ballots.map((b) => gradeOrder.indexOf(b[option]!)).sort((x, y) => x - y);
      const out: number[] = [];
      while (sorted.length > 0) out.push(sorted.splice(Math.ceil(sorted.length / 2) - 1, 1)[0]!);
      return out;
    };
    const compare = (a: number[], b: number[]) => {
      const i = a.findIndex((g, k) => g !== b[k]);
      return i === -1 ? 0 : a[i]! - b[i]!;
    };
    const sequences = Object.fromEntries(options.map((o) => [o, sequence(o)]));
    const best = options.reduce((top, o) => (compare(sequences[o]!, sequences[top]!) > 0 ? o : top), options[0]!);
    return options.filter((o) => compare(sequences[o]!, sequences[best]!) === 0);
  }

  /** Weighting switched off by its administrator: one member, one vote (what the bug needs). */
  async function unweightedCommunity(members: { count: number; actorKind: ActorKind }[]) {
    const community = await communityWith(members);
    await configureColleges(t.db, {
      actor: community.owner,
      slug: community.slug,
      weightingEnabled: false,
      weights: { PUBLIC: 25, PRIVATE: 25, RESEARCH: 25, CIVIL_SOCIETY: 25 },
    });
    return community;
  }

  async function cast(proposalId: string, voters: TestPerson[], choices: unknown[]) {
    for (const [i, person] of voters.entries())
      await castBallot(t.db, { actorId: person.id, proposalId, choice: choices[i] as never });
  }

  it("closes a majority-judgment vote of an unweighted community as the unweighted rule does (the closing path called it a tie → REJECTED)", async () => {
    // Colleges of different kinds, so that a per-college path could not hide behind a single college.
    const { id, owner, people } = await unweightedCommunity([
      { count: 1, actorKind: "PRIVATE" },
      { count: 2, actorKind: "CIVIL_SOCIETY" },
    ]);
    const p = await proposal(id, owner.id, { method: "MAJORITY_JUDGMENT", options: ["Licence Ouverte", "ODbL"] });
    const [a, b] = p.options.map((o) => o.id) as [string, string];
    await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 3600_000) });
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id: p.id } })).weighted).toBe(false);
    // The unit test's own ballots (tests/unit/tally.test.ts, "breaks ties by the majority value").
    const ballots = [
      { [a]: "good", [b]: "good" },
      { [a]: "good", [b]: "excellent" },
      { [a]: "veryGood", [b]: "good" },
      { [a]: "fair", [b]: "passable" },
    ];
    await cast(
      p.id,
      people,
      ballots.map((grades) => ({ grades })),
    );
    const expected = majorityValueWinners([a, b], ballots);
    expect(expected).toEqual([a]);

    const { outcome } = await closeProposal(t.db, { proposalId: p.id });
    expect(outcome).toBe("ADOPTED");
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
    expect(decision.outcome).toBe("ADOPTED");
    expect(decision.result).toMatchObject({
      winners: expected,
      ranking: [[a], [b]],
      majorityGrades: { [a]: gradeOrder.indexOf("good"), [b]: gradeOrder.indexOf("good") },
      // Unweighted: the stored counts are the ballots as cast.
      counts: { [a]: [0, 0, 0, 1, 2, 1, 0], [b]: [0, 0, 1, 0, 2, 0, 1] },
    });
  });

  it("closes a weighted majority-judgment vote as the same rule on the colleges' virtual electorate", async () => {
    // 1 public agency and 9 associations, colleges at 50 / 50: each public ballot stands for 450
    // ballots, each association's for 50 (weight × lcm(1, 9) / college size) — 900 in all.
    const { id, slug, owner, people } = await communityWith([{ count: 9, actorKind: "CIVIL_SOCIETY" }]);
    await configureColleges(t.db, {
      actor: owner,
      slug,
      weightingEnabled: true,
      weights: { PUBLIC: 50, PRIVATE: 0, RESEARCH: 0, CIVIL_SOCIETY: 50 },
    });
    const p = await proposal(id, owner.id, { method: "MAJORITY_JUDGMENT", options: ["Licence Ouverte", "ODbL"] });
    const [a, b] = p.options.map((o) => o.id) as [string, string];
    await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 3600_000) });
    const publicBallot = { [a]: "excellent", [b]: "passable" };
    const civilBallot = { [a]: "passable", [b]: "good" };
    // people[0] is the owner (PUBLIC), the others are the associations.
    await cast(
      p.id,
      people,
      [publicBallot, ...people.slice(1).map(() => civilBallot)].map((grades) => ({ grades })),
    );

    const virtual = [
      ...Array<Record<string, string>>(450).fill(publicBallot),
      ...Array<Record<string, string>>(450).fill(civilBallot),
    ];
    const expected = majorityValueWinners([a, b], virtual);
    // Unweighted, b would win (9 of 10 prefer it): the colleges' weights make a the winner.
    expect(majorityValueWinners([a, b], [publicBallot, ...Array<Record<string, string>>(9).fill(civilBallot)])).toEqual([b]);
    expect(expected).toEqual([a]);
    expect((await closeProposal(t.db, { proposalId: p.id })).outcome).toBe("ADOPTED");
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
    expect(decision.result).toMatchObject({ winners: expected, weights: { PUBLIC: 50, CIVIL_SOCIETY: 50 } });
  });

  it("closes weighted approval and threshold votes as the same rules on ballots repeated by their college's share", async () => {
    // 2 public members (the owner and one more) and 3 associations, colleges at 50 / 50: lcm(2, 3) = 6,
    // so each public ballot stands for 50 × 6 / 2 = 150 ballots and each association's for 50 × 6 / 3 = 100.
    const { id, slug, owner, people } = await communityWith([
      { count: 1, actorKind: "PUBLIC" },
      { count: 3, actorKind: "CIVIL_SOCIETY" },
    ]);
    await configureColleges(t.db, {
      actor: owner,
      slug,
      weightingEnabled: true,
      weights: { PUBLIC: 50, PRIVATE: 0, RESEARCH: 0, CIVIL_SOCIETY: 50 },
    });
    const repeat = <T>(ballots: T[], times: number) => ballots.flatMap((ballot) => Array<T>(times).fill(ballot));

    const approval = await proposal(id, owner.id, { method: "APPROVAL", options: ["A", "B"] });
    const [a, b] = approval.options.map((o) => o.id) as [string, string];
    await openVoting(t.db, { proposalId: approval.id, closesAt: new Date(Date.now() + 3600_000) });
    const publicApprovals = [[a], [a]];
    const civilApprovals = [[b], [b], [a, b]];
    await cast(
      approval.id,
      people,
      [...publicApprovals, ...civilApprovals].map((approve) => ({ approve })),
    );
    const virtual = [...repeat(publicApprovals, 150), ...repeat(civilApprovals, 100)];
    const approvalsOf = (option: string) => virtual.filter((ballot) => ballot.includes(option)).length;
    expect([approvalsOf(a), approvalsOf(b)]).toEqual([400, 300]);
    // Unweighted it would be 3 against 3, a tie that elects nobody.
    expect((await closeProposal(t.db, { proposalId: approval.id })).outcome).toBe("ADOPTED");
    expect((await t.db.decision.findUniqueOrThrow({ where: { proposalId: approval.id } })).result).toMatchObject({
      winners: [a],
      tie: false,
    });

    // Exactly two thirds after weighting (1 and 1/3 at 50 / 50): adopted at "two thirds", in integers.
    const threshold = await proposal(id, owner.id, { threshold: "twoThirds" });
    await openVoting(t.db, { proposalId: threshold.id, closesAt: new Date(Date.now() + 3600_000) });
    const publicChoices = ["for", "for"];
    const civilChoices = ["for", "against", "against"];
    await cast(
      threshold.id,
      people,
      [...publicChoices, ...civilChoices].map((choice) => ({ choice })),
    );
    const expressed = [...repeat(publicChoices, 150), ...repeat(civilChoices, 100)];
    const pro = expressed.filter((c) => c === "for").length;
    expect(3 * pro >= 2 * expressed.length).toBe(true);
    expect((await closeProposal(t.db, { proposalId: threshold.id })).outcome).toBe("ADOPTED");
    expect((await t.db.decision.findUniqueOrThrow({ where: { proposalId: threshold.id } })).result).toMatchObject({
      counts: { for: 3, against: 2, abstain: 0 },
      adopted: true,
    });
  });

  it("closes threshold, consent and approval votes of an unweighted community as counted by hand", async () => {
    const { id, owner, people } = await unweightedCommunity([
      { count: 3, actorKind: "RESEARCH" },
      { count: 3, actorKind: "PRIVATE" },
    ]);
    const voters = people.slice(0, 7);

    // Two thirds: 4 for, 2 against, 1 abstention → 4/6 is exactly two thirds: adopted.
    const threshold = await proposal(id, owner.id, { threshold: "twoThirds" });
    await openVoting(t.db, { proposalId: threshold.id, closesAt: new Date(Date.now() + 3600_000) });
    const answers = ["for", "for", "for", "for", "against", "against", "abstain"];
    await cast(
      threshold.id,
      voters,
      answers.map((choice) => ({ choice })),
    );
    expect(3 * 4 >= 2 * (4 + 2)).toBe(true);
    expect((await closeProposal(t.db, { proposalId: threshold.id })).outcome).toBe("ADOPTED");
    expect((await t.db.decision.findUniqueOrThrow({ where: { proposalId: threshold.id } })).result).toMatchObject({
      counts: { for: 4, against: 2, abstain: 1 },
      forShare: 4 / 6,
      adopted: true,
    });

    // Consent: objections do not block, one block does.
    const consent = await proposal(id, owner.id, { method: "CONSENT" });
    await openVoting(t.db, { proposalId: consent.id, closesAt: new Date(Date.now() + 3600_000) });
    await cast(consent.id, voters.slice(0, 3), [
      { choice: "agree" },
      { choice: "object", reason: "Préciser la durée." },
      { choice: "block", reason: "Contraire à la charte, règle 2." },
    ]);
    expect((await closeProposal(t.db, { proposalId: consent.id })).outcome).toBe("REJECTED");
    expect((await t.db.decision.findUniqueOrThrow({ where: { proposalId: consent.id } })).result).toMatchObject({
      counts: { agree: 1, object: 1, block: 1 },
      blocked: true,
    });

    // Approval: b approved 3 times, a and c twice: b elected; a tie would elect nobody.
    const approval = await proposal(id, owner.id, { method: "APPROVAL", options: ["A", "B", "C"] });
    const [a, b, c] = approval.options.map((o) => o.id) as [string, string, string];
    await openVoting(t.db, { proposalId: approval.id, closesAt: new Date(Date.now() + 3600_000) });
    const approvals = [[a, b], [b], [b, c], [a, c], []];
    await cast(
      approval.id,
      voters.slice(0, 5),
      approvals.map((approve) => ({ approve })),
    );
    const byHand = Object.fromEntries([a, b, c].map((o) => [o, approvals.filter((x) => x.includes(o)).length]));
    expect(byHand).toEqual({ [a]: 2, [b]: 3, [c]: 2 });
    expect((await closeProposal(t.db, { proposalId: approval.id })).outcome).toBe("ADOPTED");
    expect((await t.db.decision.findUniqueOrThrow({ where: { proposalId: approval.id } })).result).toMatchObject({
      approvals: byHand,
      winners: [b],
      tie: false,
    });
  });
});
