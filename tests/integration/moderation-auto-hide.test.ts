/**
 * The charter's automatic hiding counts only reports from active members of the community. The
 * attack: outsiders (signed-in non-members of a public community, former members, accounts made for
 * the purpose) each file one report and hide a comment nobody in the community objected to. Their
 * reports go to the moderators' queue instead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { defaultCharterParameters } from "@/lib/charter/parameters";
import { createProposal } from "@/lib/proposals/create-proposal";
import { listQueue, reportContent } from "@/lib/moderation/reports";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function communityWithComment() {
  const owner = await createPerson(t.db);
  const slug = unique("autohide").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Masquage",
      slug,
      summary: "Une communauté modérée.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  await t.db.charter.create({
    data: {
      communityId: id,
      currentVersion: 1,
      versions: { create: { number: 1, rules: [], parameters: { ...defaultCharterParameters, autoHideAfterReports: 2 } } },
    },
  });
  const join = async (status: "ACTIVE" | "LEFT" | "SUSPENDED" = "ACTIVE", role: "MEMBER" | "MODERATOR" = "MEMBER") => {
    const person = await createPerson(t.db);
    await t.db.membership.create({
      data: {
        communityId: id,
        userId: person.id,
        college: "PUBLIC",
        status,
        role,
        suspendedUntil: status === "SUSPENDED" ? new Date(Date.now() + 86_400_000) : null,
      },
    });
    return person;
  };
  const author = await join();
  const { id: proposalId } = await createProposal(t.db, {
    actor: author,
    slug,
    input: { kind: "GENERAL", title: "Une proposition discutée", body: "Texte.", method: "THRESHOLD" },
  });
  const comment = await t.db.proposalComment.create({ data: { proposalId, authorId: author.id, body: "Un avis tranché" } });
  return { id, slug, owner, join, comment };
}

const report = (actor: TestPerson, slug: string, commentId: string) =>
  reportContent(t.db, { actor, slug, input: { targetKind: "COMMENT", targetId: commentId, reason: "ABUSE" } });

const hiddenAt = async (commentId: string) =>
  (await t.db.proposalComment.findUniqueOrThrow({ where: { id: commentId } })).hiddenAt;

describe("automatic hiding", () => {
  it("is not triggered by outsiders, former or suspended members: their reports wait in the queue", async () => {
    const c = await communityWithComment();
    const outsiders = [await createPerson(t.db), await createPerson(t.db)];
    const former = await c.join("LEFT");
    const suspended = await c.join("SUSPENDED");
    const moderator = await c.join("ACTIVE", "MODERATOR");
    for (const person of [...outsiders, former, suspended]) await report(person, c.slug, c.comment.id);
    expect(await hiddenAt(c.comment.id)).toBeNull();
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "moderation.hidden" } })).toBe(0);
    const queue = await listQueue(t.db, { actor: moderator, slug: c.slug });
    expect(queue.data.filter((item) => item.targetId === c.comment.id)).toHaveLength(4);
  });

  it("is triggered once the charter's number of active members have reported", async () => {
    const c = await communityWithComment();
    await report(await createPerson(t.db), c.slug, c.comment.id);
    await report(await c.join(), c.slug, c.comment.id);
    // One outsider and one member: two open reports, one that counts.
    expect(await hiddenAt(c.comment.id)).toBeNull();
    await report(await c.join(), c.slug, c.comment.id);
    expect(await hiddenAt(c.comment.id)).not.toBeNull();
    expect(await t.db.proposalComment.findUniqueOrThrow({ where: { id: c.comment.id } })).toMatchObject({
      hiddenBy: "AUTOMATIC",
    });
  });
});
