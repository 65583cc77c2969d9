/**
 * What waits for moderators, against a real PostgreSQL: an appeal reaches the queue and the
 * notifications of the other moderators (never the sanctioner's, nor the member's), in the
 * appeal's transaction; a report reaches the moderators (never the reported author), one unread
 * notice per community at a time; both kinds are in the preferences with their defaults.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { createProposal } from "@/lib/proposals/create-proposal";
import { addComment } from "@/lib/proposals/comments";
import { reportContent } from "@/lib/moderation/reports";
import { sanction } from "@/lib/moderation/sanctions";
import { appeal, decideAppeal, listPendingAppeals } from "@/lib/moderation/appeals";
import { kindSettings, notificationKinds } from "@/lib/notifications/kinds";
import { notificationSentence } from "@/lib/notifications/describe";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function community(roles: MemberRole[]) {
  const owner = await createPerson(t.db);
  const slug = unique("modq").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "File commune",
      slug,
      summary: "Une communauté modérée.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  const people: TestPerson[] = [];
  for (const role of roles) {
    const person = await createPerson(t.db);
    await t.db.membership.create({ data: { communityId: id, userId: person.id, college: "PUBLIC", status: "ACTIVE", role } });
    people.push(person);
  }
  return { id, slug, owner, people };
}

const notices = (userId: string, kind: string) => t.db.notification.findMany({ where: { userId, kind } });

describe("appeals reach the moderators who may decide them", () => {
  it("puts an appeal in another moderator's queue and notifications, not the sanctioner's", async () => {
    const c = await community(["MODERATOR", "MODERATOR", "MEMBER"]);
    const [sanctioner, other, member] = c.people as [TestPerson, TestPerson, TestPerson];
    const given = await sanction(t.db, {
      actor: sanctioner,
      slug: c.slug,
      userId: member.id,
      kind: "WARNING",
      reason: "Propos insultants",
    });
    expect(await listPendingAppeals(t.db, { actor: other, slug: c.slug })).toEqual([]);

    await appeal(t.db, {
      actor: member,
      slug: c.slug,
      input: { sanctionId: given.id, text: "Je conteste : ce n'était pas une insulte." },
    });

    const queued = await listPendingAppeals(t.db, { actor: other, slug: c.slug });
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({
      sanction: { id: given.id, kind: "WARNING" },
      text: "Je conteste : ce n'était pas une insulte.",
    });
    // The community's administrator may decide it too; the sanctioner may not, so it is not in their queue.
    expect(await listPendingAppeals(t.db, { actor: c.owner, slug: c.slug })).toHaveLength(1);
    expect(await listPendingAppeals(t.db, { actor: sanctioner, slug: c.slug })).toEqual([]);
    // A member has no queue.
    await expect(listPendingAppeals(t.db, { actor: member, slug: c.slug })).rejects.toMatchObject({ status: 403 });

    const toOther = await notices(other.id, "appeal.received");
    expect(toOther).toHaveLength(1);
    expect(toOther[0]).toMatchObject({ communityId: c.id, channel: "EMAIL" });
    expect(toOther[0]!.data).toMatchObject({ path: `/communities/${c.slug}/sanctions/${given.id}`, title: "File commune" });
    expect(await notices(c.owner.id, "appeal.received")).toHaveLength(1);
    expect(await notices(sanctioner.id, "appeal.received")).toHaveLength(0);
    expect(await notices(member.id, "appeal.received")).toHaveLength(0);
    // Emailed at once (the kind's default): the outbox holds it for the other moderator.
    const otherEmail = (await t.db.user.findUniqueOrThrow({ where: { id: other.id }, select: { email: true } })).email!;
    expect(await t.db.outboxEmail.count({ where: { to: otherEmail } })).toBeGreaterThan(0);
    expect(notificationSentence("fr", "appeal.received", { title: "File commune" })).toBe(
      "Un recours attend une décision dans File commune",
    );

    // Once decided it leaves the queue.
    await decideAppeal(t.db, {
      actor: other,
      slug: c.slug,
      input: { appealId: queued[0]!.id, outcome: "UPHELD", decision: "Le propos était insultant." },
    });
    expect(await listPendingAppeals(t.db, { actor: other, slug: c.slug })).toEqual([]);
  });

  it("tells nobody when the sanctioner is the only moderator (a platform administrator decides)", async () => {
    const c = await community(["MEMBER"]);
    const [member] = c.people as [TestPerson];
    const given = await sanction(t.db, {
      actor: c.owner,
      slug: c.slug,
      userId: member.id,
      kind: "WARNING",
      reason: "Spam répété",
    });
    await appeal(t.db, { actor: member, slug: c.slug, input: { sanctionId: given.id, text: "Ce n'était pas du spam." } });
    expect(await t.db.notification.count({ where: { kind: "appeal.received", communityId: c.id } })).toBe(0);
    expect(await listPendingAppeals(t.db, { actor: c.owner, slug: c.slug })).toEqual([]);
  });
});

describe("reports reach the moderators", () => {
  it("notifies moderators but not the reported author, once per unread notice", async () => {
    const c = await community(["MODERATOR", "MODERATOR", "MEMBER", "MEMBER", "MEMBER"]);
    const [moderator, reportedModerator, author, reporter, second] = c.people as TestPerson[] as [
      TestPerson,
      TestPerson,
      TestPerson,
      TestPerson,
      TestPerson,
    ];
    const { id: proposalId } = await createProposal(t.db, {
      actor: c.owner,
      slug: c.slug,
      input: { kind: "GENERAL", title: "À discuter", body: "Texte.", method: "THRESHOLD" },
    });
    const comment = await addComment(t.db, { actor: author, proposalId, input: { body: "Achetez mes montres !" } });
    await reportContent(t.db, {
      actor: reporter,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "SPAM" },
    });

    for (const id of [moderator.id, reportedModerator.id, c.owner.id]) {
      const told = await notices(id, "report.received");
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ channel: "DIGEST" });
      expect(told[0]!.data).toMatchObject({ path: `/communities/${c.slug}/moderation`, targetKind: "COMMENT" });
      // The reporter is never named.
      expect(JSON.stringify(told[0]!.data)).not.toContain(reporter.id);
    }
    expect(await notices(author.id, "report.received")).toHaveLength(0);
    expect(await notices(reporter.id, "report.received")).toHaveLength(0);

    // A second report while the notice is unread adds none; once read, the next one tells again.
    await reportContent(t.db, {
      actor: second,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "ABUSE" },
    });
    expect(await notices(moderator.id, "report.received")).toHaveLength(1);
    await t.db.notification.updateMany({ where: { userId: moderator.id }, data: { readAt: new Date() } });
    // A report about a moderator does not go to that moderator.
    await reportContent(t.db, {
      actor: reporter,
      slug: c.slug,
      input: { targetKind: "PROFILE", targetId: reportedModerator.id, reason: "ABUSE" },
    });
    expect(await notices(moderator.id, "report.received")).toHaveLength(2);
    expect(await notices(reportedModerator.id, "report.received")).toHaveLength(1);
  });

  it("offers both kinds in the preferences, switchable", () => {
    expect(notificationKinds).toEqual(expect.arrayContaining(["appeal.received", "report.received"]));
    expect(kindSettings["appeal.received"].channels).toContain("OFF");
    expect(kindSettings["report.received"].defaultChannel).toBe("DIGEST");
  });
});
