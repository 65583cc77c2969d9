/**
 * Voting rights earned by contributing (issue 16), against a real PostgreSQL: with the charter's rule
 * "at least N days with a validated contribution in the last D days", opening a vote freezes an
 * electorate of exactly the members who meet it (several contributions on one day count once;
 * pending, rejected, hidden and too old ones do not), the rule is stored on the proposal and stated
 * by the decision record, later contributions change nothing, a rule limited to some colleges
 * leaves the others to membership alone, and a member's own eligibility says why and until when.
 */
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorKind, ContributionState } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { configureColleges } from "@/lib/communities/colleges";
import { foundCharter } from "@/lib/charter/found-charter";
import { defaultCharterParameters, type CharterParameters } from "@/lib/charter/parameters";
import { openVoting } from "@/lib/votes/open-voting";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { buildDecisionRecord } from "@/lib/decisions/build-record";
import { keyPairOf } from "@/lib/decisions/signature";
import { memberEligibility } from "@/lib/votes/eligibility";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createTranslator } from "@/lib/i18n/core";
import { EligibilityNote } from "@/features/connectors/components/eligibility-note";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const DAY = 86_400_000;
const daysAgo = (n: number, hour = 10) => {
  const d = new Date(Date.now() - n * DAY);
  d.setUTCHours(hour, 0, 0, 0);
  return d;
};

async function communityWith(parameters: Partial<CharterParameters>, members: Record<string, ActorKind>) {
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const slug = unique("elig").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: { name: "Électeurs", slug, summary: "Qui vote ?", description: "", visibility: "PUBLIC", joinPolicy: "OPEN" },
  });
  const people: Record<string, TestPerson> = {};
  for (const [name, college] of Object.entries(members)) {
    const person = await createPerson(t.db, { actorKind: college });
    await t.db.membership.create({ data: { communityId: id, userId: person.id, college, status: "ACTIVE" } });
    people[name] = person;
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
    rules: [{ title: "Voter", text: "Vote qui contribue.", principle: 3 }],
    parameters: { ...defaultCharterParameters, ...parameters },
  });
  const commons = await t.db.commons.create({
    data: {
      communityId: id,
      slug: unique("k").toLowerCase(),
      title: "Adresses",
      summary: "Les adresses.",
      kind: "DATASET",
      licence: "etalab-2.0",
      status: "ADOPTED",
    },
  });
  return { id, slug, owner, people, commonsId: commons.id };
}

async function contribute(
  commonsId: string,
  person: TestPerson,
  dates: Date[],
  { state = "VALIDATED", hidden = false }: { state?: ContributionState; hidden?: boolean } = {},
) {
  for (const date of dates) {
    await t.db.contribution.create({
      data: {
        commonsId,
        authorId: person.id,
        type: "DATA_PRODUCTION",
        description: "Relevé de terrain",
        date,
        state,
        validatedAt: state === "VALIDATED" ? new Date() : null,
        hiddenAt: hidden ? new Date() : null,
        hiddenReason: hidden ? "Hors sujet" : null,
      },
    });
  }
}

async function openProposal(communityId: string, authorId: string) {
  const p = await t.db.proposal.create({
    data: {
      communityId,
      authorId,
      title: "Adopter le schéma BAL 1.4",
      secret: false,
      method: "THRESHOLD",
      threshold: "simple",
      quorumPercent: 0,
      options: {
        create: [
          { label: "Pour", position: 0 },
          { label: "Contre", position: 1 },
        ],
      },
    },
  });
  const { electorate } = await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 3600_000) });
  const electors = await t.db.electorMember.findMany({ where: { proposalId: p.id }, select: { userId: true } });
  return { id: p.id, electorate, electors: new Set(electors.map((e) => e.userId)) };
}

describe("an electorate built with a contribution rule", () => {
  it("includes exactly the members with enough days of validated contributions in the window, and freezes it", async () => {
    const { id, owner, people, commonsId } = await communityWith(
      { eligibilityMinContributionDays: 3, eligibilityWindowDays: 30 },
      { ana: "PUBLIC", bruno: "PUBLIC", chloe: "PRIVATE", david: "RESEARCH", emma: "CIVIL_SOCIETY" },
    );
    const { ana, bruno, chloe, david, emma } = people as Record<string, TestPerson>;
    // Ana: three distinct days (three contributions on one of them count once).
    await contribute(commonsId, ana!, [daysAgo(1, 8), daysAgo(1, 14), daysAgo(1, 16), daysAgo(5), daysAgo(29)]);
    // Bruno: two validated days, a third only pending, a fourth rejected.
    await contribute(commonsId, bruno!, [daysAgo(2), daysAgo(3)]);
    await contribute(commonsId, bruno!, [daysAgo(4)], { state: "PENDING" });
    await contribute(commonsId, bruno!, [daysAgo(6)], { state: "REJECTED" });
    // Chloé: three days, one of them hidden by moderation.
    await contribute(commonsId, chloe!, [daysAgo(2), daysAgo(3)]);
    await contribute(commonsId, chloe!, [daysAgo(4)], { hidden: true });
    // David: three days, one of them older than the window.
    await contribute(commonsId, david!, [daysAgo(2), daysAgo(3), daysAgo(40)]);
    // Emma: five days, all of them validated.
    await contribute(commonsId, emma!, [daysAgo(1), daysAgo(2), daysAgo(3), daysAgo(10), daysAgo(20)]);

    const opened = await openProposal(id, owner.id);
    expect(opened.electors).toEqual(new Set([ana!.id, emma!.id]));
    expect(opened.electorate).toBe(2);
    const proposal = await t.db.proposal.findUniqueOrThrow({ where: { id: opened.id } });
    expect(proposal.eligibilityRule).toEqual({ kind: "contributionDays", minDays: 3, windowDays: 30, colleges: [] });

    // Frozen: Bruno's third day, validated after the opening, does not add him.
    await contribute(commonsId, bruno!, [daysAgo(1)]);
    expect(await t.db.electorMember.count({ where: { proposalId: opened.id } })).toBe(2);

    // The decision record states the rule that built its electorate.
    await closeProposal(t.db, { proposalId: opened.id, now: new Date(Date.now() + 2 * 3600_000) });
    const record = await buildDecisionRecord(t.db, opened.id, { key: keyPairOf(generateKeyPairSync("ed25519").privateKey) });
    expect(record?.proposal.eligibilityRule).toEqual({ kind: "contributionDays", minDays: 3, windowDays: 30, colleges: [] });
    expect(record?.decision.electorateSize).toBe(2);

    // The member's own view: why, and until when.
    const forAna = await memberEligibility(t.db, { communityId: id, userId: ana!.id, college: "PUBLIC" });
    expect(forAna).toMatchObject({ eligible: true, concerned: true });
    expect(forAna!.days).toHaveLength(3);
    // Her third most recent day (29 days ago) leaves the 30-day window tomorrow.
    expect(forAna!.until!.getTime()).toBeGreaterThan(Date.now());
    expect(forAna!.until!.getTime()).toBeLessThan(Date.now() + 2 * DAY);
    const forChloe = await memberEligibility(t.db, { communityId: id, userId: chloe!.id, college: "PRIVATE" });
    expect(forChloe).toMatchObject({ eligible: false, concerned: true, until: null });
    expect(forChloe!.days).toHaveLength(2);
    // What their profile says, in words.
    const note = (eligibility: typeof forAna) =>
      renderToStaticMarkup(
        createElement(EligibilityNote, { t: createTranslator("fr"), locale: "fr", eligibility: eligibility! }),
      );
    expect(note(forAna)).toContain(
      "Vous pouvez voter : 3 jours avec une contribution validée sur les 30 derniers jours (il en faut 3).",
    );
    expect(note(forAna)).toContain("ce droit court jusqu");
    expect(note(forChloe)).toContain("2 jours avec une contribution validée sur les 30 derniers jours, il en faut 3.");
  });

  it("a rule for some colleges leaves the others to membership alone", async () => {
    const { id, owner, people, commonsId } = await communityWith(
      { eligibilityMinContributionDays: 2, eligibilityWindowDays: 365, eligibilityColleges: ["PRIVATE"] },
      { firm: "PRIVATE", lazyFirm: "PRIVATE", lab: "RESEARCH" },
    );
    await contribute(commonsId, people.firm!, [daysAgo(100), daysAgo(200)]);
    await contribute(commonsId, people.lazyFirm!, [daysAgo(100)]);
    const opened = await openProposal(id, owner.id);
    // The owner (PUBLIC) and the lab (RESEARCH) are not concerned; of the companies only the one with two days.
    expect(opened.electors).toEqual(new Set([owner.id, people.firm!.id, people.lab!.id]));
    expect(await memberEligibility(t.db, { communityId: id, userId: people.lab!.id, college: "RESEARCH" })).toMatchObject({
      concerned: false,
      eligible: true,
    });
  });

  it("without a rule (the default), membership alone makes an elector and the record says nothing more", async () => {
    const { id, owner, people } = await communityWith({}, { a: "PUBLIC", b: "PRIVATE" });
    const opened = await openProposal(id, owner.id);
    expect(opened.electors).toEqual(new Set([owner.id, people.a!.id, people.b!.id]));
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id: opened.id } })).eligibilityRule).toBeNull();
    expect(await memberEligibility(t.db, { communityId: id, userId: people.a!.id, college: "PUBLIC" })).toBeNull();
  });
});
