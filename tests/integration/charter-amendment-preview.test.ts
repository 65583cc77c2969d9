/**
 * What voters read of a charter amendment before it is adopted (previewAmendment): the same diff the
 * charter's history shows after adoption, against the charter as it stands; nothing when the changes
 * no longer apply.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { foundCharter } from "@/lib/charter/found-charter";
import { defaultCharterParameters } from "@/lib/charter/parameters";
import { previewAmendment } from "@/lib/charter/apply-amendment";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("previewing an amendment", () => {
  it("shows articles changed, added and repealed and parameters old → new; nothing when it no longer applies", async () => {
    const owner = await createPerson(t.db);
    const slug = unique("preview").toLowerCase();
    const { id } = await createCommunity(t.db, {
      actor: owner,
      input: { name: `Charte ${slug}`, slug, summary: "Une charte.", description: "", visibility: "PUBLIC", joinPolicy: "OPEN" },
    });
    await foundCharter(t.db, {
      actor: owner,
      slug,
      rules: [
        { title: "Adhésion", text: "Chacun peut adhérer.", principle: 1 },
        { title: "Sanctions", text: "Graduées.", principle: 5 },
      ],
      parameters: { ...defaultCharterParameters, minVotingDays: 3 },
    });
    const diff = await previewAmendment(t.db, id, [
      { op: "change", number: 1, rule: { title: "Adhésion", text: "Sur demande.", principle: 1 } },
      { op: "repeal", number: 2 },
      { op: "add", rule: { title: "Communs", text: "Adoptés par vote.", principle: 3 } },
      { op: "setParameter", key: "minVotingDays", value: 5 },
    ]);
    expect(diff?.rules.map((r) => [r.kind, r.number])).toEqual(
      expect.arrayContaining([
        ["changed", 1],
        ["repealed", 2],
        ["added", 3],
      ]),
    );
    expect(diff?.parameters).toEqual([{ key: "minVotingDays", before: 3, after: 5 }]);
    expect(await previewAmendment(t.db, id, [{ op: "repeal", number: 9 }])).toBeNull();
  });
});
