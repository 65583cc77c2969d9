/**
 * Ties at the close, against a real PostgreSQL: the charter's tieRule decides what a tie means. Both
 * rules reject (nothing is adopted on a tie) and the decision states the rule and the tied options;
 * under `secondRound` the closing transaction also drafts the second round among the tied options,
 * exactly once even when two closers race.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VotingMethod } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createCommunity } from "@/lib/communities/create-community";
import { configureColleges } from "@/lib/communities/colleges";
import { foundCharter } from "@/lib/charter/found-charter";
import { defaultCharterParameters, getCharterParameters, type TieRule } from "@/lib/charter/parameters";
import { openVoting } from "@/lib/votes/open-voting";
import { castBallot } from "@/lib/votes/cast-ballot";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { getProposalView } from "@/lib/proposals/queries";
import { createTranslator } from "@/lib/i18n/core";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ProposalResults } from "@/features/proposals/components/proposal-results";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

/** An unweighted community of the owner and three members, whose charter sets the tie rule. */
async function communityTying(tieRule: TieRule) {
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const slug = unique("tie").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Égalité",
      slug,
      summary: "Une communauté à égalité.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  const people: TestPerson[] = [owner];
  for (let i = 0; i < 3; i++) {
    const p = await createPerson(t.db, { actorKind: "CIVIL_SOCIETY" });
    await t.db.membership.create({ data: { communityId: id, userId: p.id, college: "CIVIL_SOCIETY", status: "ACTIVE" } });
    people.push(p);
  }
  await configureColleges(t.db, {
    actor: owner,
    slug,
    weightingEnabled: false,
    weights: { PUBLIC: 25, PRIVATE: 25, RESEARCH: 25, CIVIL_SOCIETY: 25 },
  });
  await foundCharter(t.db, {
    actor: owner,
    slug,
    rules: [{ title: "Égalité", text: "Une égalité se règle comme le dit la charte.", principle: 3 }],
    parameters: { ...defaultCharterParameters, tieRule },
  });
  return { id, owner, people };
}

async function openProposal(
  communityId: string,
  authorId: string,
  method: VotingMethod,
  options: string[],
  amendment?: Prisma.InputJsonArray,
) {
  const p = await t.db.proposal.create({
    data: {
      ...(amendment ? { kind: "CHARTER_AMENDMENT" as const, amendment } : {}),
      communityId,
      authorId,
      title: "Choisir la licence",
      body: "Laquelle des licences ?",
      // Public ballots: the fixtures' colleges are small (secret weighted votes need larger ones).
      secret: false,
      method,
      threshold: method === "THRESHOLD" ? "simple" : null,
      quorumPercent: 0,
      options: { create: options.map((label, position) => ({ label, position })) },
    },
    include: { options: { orderBy: { position: "asc" } } },
  });
  await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 3600_000) });
  return { id: p.id, optionIds: p.options.map((o) => o.id) };
}

async function cast(proposalId: string, voters: TestPerson[], choices: unknown[]) {
  for (const [i, choice] of choices.entries())
    await castBallot(t.db, { actorId: voters[i]!.id, proposalId, choice: choice as never });
}

/** Ballots tying A and B (C behind) under each option method. */
function tiedBallots(method: "MAJORITY_JUDGMENT" | "APPROVAL", [a, b, c]: string[]) {
  return method === "APPROVAL"
    ? [{ approve: [a, b] }, { approve: [a, b, c] }, { approve: [a, b] }]
    : [
        { grades: { [a!]: "good", [b!]: "good", [c!]: "passable" } },
        { grades: { [a!]: "veryGood", [b!]: "veryGood", [c!]: "reject" } },
        { grades: { [a!]: "fair", [b!]: "fair", [c!]: "good" } },
      ];
}

describe("ties at the close", () => {
  for (const method of ["MAJORITY_JUDGMENT", "APPROVAL"] as const) {
    it(`rejects a tied ${method} vote under the reject rule, and says so in the decision`, async () => {
      const { id, owner, people } = await communityTying("reject");
      const p = await openProposal(id, owner.id, method, ["Licence Ouverte", "ODbL", "CC-BY"]);
      const [a, b] = p.optionIds as [string, string];
      await cast(p.id, people, tiedBallots(method, p.optionIds));

      expect((await closeProposal(t.db, { proposalId: p.id })).outcome).toBe("REJECTED");
      const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
      expect(decision.outcome).toBe("REJECTED");
      expect((decision.result as { tie: unknown }).tie).toEqual({ rule: "reject", options: [a, b] });
      // No second round.
      expect(await t.db.proposal.count({ where: { communityId: id } })).toBe(1);
    });

    it(`rejects a tied ${method} vote under the second-round rule and drafts the second round among the tied options, once although two closers race`, async () => {
      const { id, people } = await communityTying("secondRound");
      const author = people[1]!;
      const p = await openProposal(id, author.id, method, ["Licence Ouverte", "ODbL", "CC-BY"]);
      const [a, b] = p.optionIds as [string, string];
      await cast(p.id, people, tiedBallots(method, p.optionIds));
      // The ballot states the rule before voting.
      const viewer = { id: author.id, onboarded: true, isPlatformAdmin: false };
      expect((await getProposalView(t.db, { actor: viewer, proposalId: p.id })).tieRule).toBe("secondRound");

      const closes = await Promise.all([closeProposal(t.db, { proposalId: p.id }), closeProposal(t.db, { proposalId: p.id })]);
      expect(closes.filter((c) => c.closed)).toEqual([{ closed: true, outcome: "REJECTED" }]);
      const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
      expect(decision.outcome).toBe("REJECTED");
      const tie = (decision.result as { tie: { rule: string; options: string[]; secondRound: string } }).tie;
      expect(tie).toMatchObject({ rule: "secondRound", options: [a, b] });

      const others = await t.db.proposal.findMany({
        where: { communityId: id, id: { not: p.id } },
        include: { options: { orderBy: { position: "asc" } } },
      });
      expect(others).toHaveLength(1);
      const second = others[0]!;
      expect(tie.secondRound).toBe(second.id);
      expect(second).toMatchObject({
        status: "DRAFT",
        kind: "GENERAL",
        method,
        authorId: author.id,
        title: "Choisir la licence",
        body: "Laquelle des licences ?",
        secret: false,
      });
      expect(second.options.map((o) => o.label)).toEqual(["Licence Ouverte", "ODbL"]);
      const audit = await t.db.auditEntry.findMany({ where: { communityId: id, action: "proposal.created" } });
      expect(audit.map((e) => e.details)).toEqual([expect.objectContaining({ proposalId: second.id, secondRoundOf: p.id })]);

      // The results page names the tie and the rule applied, and links to the second round.
      const view = await getProposalView(t.db, { actor: viewer, proposalId: p.id });
      const html = renderToStaticMarkup(createElement(ProposalResults, { t: createTranslator("en"), proposal: view }));
      expect(html).toContain("Tie: Licence Ouverte, ODbL. As the charter says, a tie is rejected and put to a second round.");
      expect(html).toContain(`href="/proposals/${second.id}"`);
    });
  }

  it("treats for = against under a simple majority as a tie, and its second round carries the same text", async () => {
    const { id, owner, people } = await communityTying("secondRound");
    const p = await openProposal(id, owner.id, "THRESHOLD", []);
    await cast(p.id, people, [{ choice: "for" }, { choice: "against" }, { choice: "abstain" }]);
    expect((await closeProposal(t.db, { proposalId: p.id })).outcome).toBe("REJECTED");
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
    const tie = (decision.result as { tie: { rule: string; options: string[]; secondRound: string } }).tie;
    expect(tie).toMatchObject({ rule: "secondRound", options: [] });
    const second = await t.db.proposal.findUniqueOrThrow({ where: { id: tie.secondRound } });
    expect(second).toMatchObject({ status: "DRAFT", method: "THRESHOLD", threshold: "simple", body: "Laquelle des licences ?" });
  });

  it("records no tie and drafts nothing when one option wins", async () => {
    const { id, owner, people } = await communityTying("secondRound");
    const p = await openProposal(id, owner.id, "APPROVAL", ["A", "B"]);
    const [a, b] = p.optionIds as [string, string];
    await cast(p.id, people, [{ approve: [a] }, { approve: [a, b] }]);
    expect((await closeProposal(t.db, { proposalId: p.id })).outcome).toBe("ADOPTED");
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: p.id } });
    expect((decision.result as { tie: unknown }).tie).toBe(false); // approval's own flag, untouched
    expect(await t.db.proposal.count({ where: { communityId: id } })).toBe(1);
  });

  it("changes the tie rule by amendment, and gives a tied amendment no automatic second round, saying why", async () => {
    const { id, owner, people } = await communityTying("reject");
    const amendment = [{ op: "setParameter", key: "tieRule", value: "secondRound" }];
    const adopted = await openProposal(id, owner.id, "THRESHOLD", [], amendment);
    await cast(adopted.id, people, [{ choice: "for" }, { choice: "for" }, { choice: "against" }]);
    expect((await closeProposal(t.db, { proposalId: adopted.id })).outcome).toBe("ADOPTED");
    expect((await getCharterParameters(t.db, id)).tieRule).toBe("secondRound");

    const tied = await openProposal(id, owner.id, "THRESHOLD", [], [{ op: "setParameter", key: "tieRule", value: "reject" }]);
    await cast(tied.id, people, [{ choice: "for" }, { choice: "against" }]);
    expect((await closeProposal(t.db, { proposalId: tied.id })).outcome).toBe("REJECTED");
    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: tied.id } });
    expect((decision.result as { tie: unknown }).tie).toEqual({
      rule: "secondRound",
      options: [],
      secondRound: null,
      reason: "kindWithoutSecondRound",
    });
    expect(await t.db.proposal.count({ where: { communityId: id } })).toBe(2);
    expect((await getCharterParameters(t.db, id)).tieRule).toBe("secondRound");
  });
});
