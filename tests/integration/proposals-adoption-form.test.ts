/**
 * Adoption proposals name their commons (the drafting form's list, lib/commons/adoption-vote.ts),
 * against a real PostgreSQL: only proposed commons of this community with no adoption vote under
 * way, none where the charter does not decide adoption by vote; any other commons is refused at the
 * commonsId field and nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { foundCharter } from "@/lib/charter/found-charter";
import { defaultCharterParameters } from "@/lib/charter/parameters";
import { proposeCommons } from "@/lib/commons/commons";
import { listAdoptableCommons } from "@/lib/commons/adoption-vote";
import { createProposal } from "@/lib/proposals/create-proposal";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function community(byVote: boolean) {
  const owner = await createPerson(t.db);
  const slug = unique("adf").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: `Communauté ${slug}`,
      slug,
      summary: "Des communs.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  await foundCharter(t.db, {
    actor: owner,
    slug,
    rules: [{ title: "Adoption", text: "Les communs sont adoptés par vote.", principle: 3 }],
    parameters: { ...defaultCharterParameters, commonsAdoptionByVote: byVote, quorumPercent: 0 },
  });
  const commons = (title: string, status: "PROPOSED" | "DRAFT" = "PROPOSED") =>
    proposeCommons(t.db, {
      actor: owner,
      slug,
      input: {
        slug: unique("c").toLowerCase(),
        title,
        summary: "Un commun à adopter.",
        description: "",
        kind: "DATASET",
        licence: "etalab-2.0",
        status,
        coverage: {
          type: "Polygon",
          coordinates: [
            [
              [2, 48],
              [3, 48],
              [3, 49],
              [2, 49],
              [2, 48],
            ],
          ],
        },
      },
    });
  return { id, slug, owner, commons };
}

const adoption = (commonsId: string) => ({ kind: "COMMONS_ADOPTION", title: "Adoption", method: "THRESHOLD", commonsId });

describe("adoption proposals name their commons", () => {
  it("lists only proposed commons of this community with no vote under way, and refuses the others at the field", async () => {
    const c = await community(true);
    const other = await community(true);
    const open = await c.commons("Bornes de recharge");
    const voted = await c.commons("Pistes cyclables");
    const draft = await c.commons("Arbres d'alignement", "DRAFT");
    const adopted = await c.commons("Adresses");
    // Adopted by a past vote (administrators do not adopt directly where adoption is by vote).
    await t.db.commons.update({ where: { id: adopted.id }, data: { status: "ADOPTED" } });
    const elsewhere = await other.commons("Voirie");
    await createProposal(t.db, { actor: c.owner, slug: c.slug, input: adoption(voted.id) });

    expect(await listAdoptableCommons(t.db, c.id)).toEqual([{ id: open.id, title: "Bornes de recharge" }]);

    const before = await t.db.proposal.count({ where: { communityId: c.id } });
    for (const commons of [voted, draft, adopted, elsewhere]) {
      await expect(createProposal(t.db, { actor: c.owner, slug: c.slug, input: adoption(commons.id) })).rejects.toMatchObject({
        field: "commonsId",
      });
    }
    await expect(
      createProposal(t.db, {
        actor: c.owner,
        slug: c.slug,
        input: { kind: "COMMONS_ADOPTION", title: "Adoption", method: "THRESHOLD" },
      }),
    ).rejects.toMatchObject({ field: "commonsId", messageKey: "votes.errors.adoptionCommonsRequired" });
    expect(await t.db.proposal.count({ where: { communityId: c.id } })).toBe(before);

    const { id } = await createProposal(t.db, { actor: c.owner, slug: c.slug, input: adoption(open.id) });
    expect(await t.db.proposal.findUniqueOrThrow({ where: { id }, select: { commonsId: true, title: true } })).toEqual({
      commonsId: open.id,
      title: "Bornes de recharge",
    });
    expect(await listAdoptableCommons(t.db, c.id)).toEqual([]);
  });

  it("offers none where the charter does not decide adoption by vote, and refuses it at the field", async () => {
    const c = await community(false);
    const proposed = await c.commons("Bornes de recharge");
    expect(await listAdoptableCommons(t.db, c.id)).toEqual([]);
    await expect(createProposal(t.db, { actor: c.owner, slug: c.slug, input: adoption(proposed.id) })).rejects.toMatchObject({
      field: "commonsId",
      code: "commons_adoption_not_by_vote",
    });
    expect(await t.db.proposal.count({ where: { communityId: c.id } })).toBe(0);
  });
});
