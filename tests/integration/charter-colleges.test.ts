/**
 * College weights and weighting are charter parameters: administrators set them until the charter
 * is founded, version 1 takes them as they stand, and afterwards only an adopted amendment changes
 * them, written to the colleges in the transaction that closes the vote and creates the new version.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPerson } from "../support/factories";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createCommunity } from "@/lib/communities/create-community";
import { collegeWeights, configureColleges } from "@/lib/communities/colleges";
import { foundCharter } from "@/lib/charter/found-charter";
import { defaultCharterParameters, getCharterParameters } from "@/lib/charter/parameters";
import { createProposal } from "@/lib/proposals/create-proposal";
import { openVotingNow } from "@/lib/proposals/lifecycle";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { voteOnProposal } from "@/lib/proposals/ballots";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const rules = [{ title: "Collèges", text: "Chaque collège pèse selon la charte.", principle: 3 }];
const scic = { PUBLIC: 40, PRIVATE: 20, RESEARCH: 20, CIVIL_SOCIETY: 20 };

async function community() {
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const slug = unique("col").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Collèges",
      slug,
      summary: "Une communauté pondérée.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  return { id, slug, owner };
}

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: { status: number; code: string; messageKey: string; field?: string; values?: Record<string, unknown> }) => error,
  );
}

describe("colleges under the charter", () => {
  it("lets administrators set them before founding, writes them into version 1, then refuses any change outside an amendment", async () => {
    const c = await community();
    await configureColleges(t.db, { actor: c.owner, slug: c.slug, weightingEnabled: true, weights: scic });
    // The founder's own values for them do not count: the colleges as they stand do.
    await foundCharter(t.db, {
      actor: c.owner,
      slug: c.slug,
      rules,
      parameters: { ...defaultCharterParameters, weightingEnabled: false, collegeWeights: { ...scic, PUBLIC: 10, PRIVATE: 50 } },
    });
    expect(await getCharterParameters(t.db, c.id)).toMatchObject({ weightingEnabled: true, collegeWeights: scic });

    const off = await rejection(
      configureColleges(t.db, { actor: c.owner, slug: c.slug, weightingEnabled: false, weights: scic }),
    );
    expect(off).toMatchObject({
      status: 409,
      code: "colleges_set_by_charter",
      messageKey: "communities.errors.collegesSetByCharter",
    });
    const reweighted = await rejection(
      configureColleges(t.db, {
        actor: c.owner,
        slug: c.slug,
        weightingEnabled: true,
        weights: { PUBLIC: 10, PRIVATE: 50, RESEARCH: 20, CIVIL_SOCIETY: 20 },
      }),
    );
    expect(reweighted).toMatchObject({ status: 409, code: "colleges_set_by_charter" });
    expect(await collegeWeights(t.db, c.id)).toEqual(scic);
    expect((await t.db.community.findUniqueOrThrow({ where: { id: c.id } })).weightingEnabled).toBe(true);
  });

  it("applies an adopted amendment's weights and weighting in the closing transaction, with the new version", async () => {
    const c = await community();
    await configureColleges(t.db, { actor: c.owner, slug: c.slug, weightingEnabled: true, weights: scic });
    await foundCharter(t.db, { actor: c.owner, slug: c.slug, rules, parameters: defaultCharterParameters });
    const weights = { PUBLIC: 25, PRIVATE: 25, RESEARCH: 25, CIVIL_SOCIETY: 25 };
    const { id } = await createProposal(t.db, {
      actor: c.owner,
      slug: c.slug,
      input: {
        kind: "CHARTER_AMENDMENT",
        title: "Rééquilibrer les collèges",
        secret: false,
        method: "THRESHOLD",
        amendment: [
          { op: "setParameter", key: "collegeWeights", value: weights },
          { op: "setParameter", key: "weightingEnabled", value: false },
        ],
      },
    });
    await openVotingNow(t.db, { actor: c.owner, proposalId: id });
    // Nothing changes while the vote runs.
    expect(await collegeWeights(t.db, c.id)).toEqual(scic);
    await voteOnProposal(t.db, { actor: c.owner, proposalId: id, choice: { choice: "for" } });
    await closeProposal(t.db, { proposalId: id });

    const decision = await t.db.decision.findUniqueOrThrow({ where: { proposalId: id } });
    expect(decision.result).toMatchObject({ amendment: { applied: true, version: 2 } });
    expect(await collegeWeights(t.db, c.id)).toEqual(weights);
    expect((await t.db.community.findUniqueOrThrow({ where: { id: c.id } })).weightingEnabled).toBe(false);
    expect(await getCharterParameters(t.db, c.id)).toMatchObject({ weightingEnabled: false, collegeWeights: weights });
    const audit = await t.db.auditEntry.findFirstOrThrow({
      where: { communityId: c.id, action: "colleges.configured", actorId: null },
    });
    expect(audit.details).toMatchObject({ source: "charterAmendment", proposalId: id, after: weights, weightingEnabled: false });
  });

  it("refuses at the amendment field weights outside the community's bounds or not adding up to 100", async () => {
    const c = await community();
    await foundCharter(t.db, { actor: c.owner, slug: c.slug, rules, parameters: defaultCharterParameters });
    const amend = (value: unknown) =>
      createProposal(t.db, {
        actor: c.owner,
        slug: c.slug,
        input: {
          kind: "CHARTER_AMENDMENT",
          title: "Changer les poids",
          method: "THRESHOLD",
          amendment: [{ op: "setParameter", key: "collegeWeights", value }],
        },
      });
    expect(await rejection(amend({ PUBLIC: 70, PRIVATE: 10, RESEARCH: 10, CIVIL_SOCIETY: 10 }))).toMatchObject({
      status: 400,
      field: "amendment",
      messageKey: "charter.errors.weightBounds",
      values: { min: 10, max: 50 },
    });
    expect(await rejection(amend({ PUBLIC: 40, PRIVATE: 20, RESEARCH: 20, CIVIL_SOCIETY: 10 }))).toMatchObject({
      status: 400,
      field: "amendment",
      messageKey: "charter.errors.weightTotal",
    });
    expect(await t.db.proposal.count({ where: { communityId: c.id } })).toBe(0);
  });
});
