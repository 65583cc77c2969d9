/**
 * What waits for moderators, against a real PostgreSQL: an appeal reaches the queue and the
 * notifications of the other moderators (never the sanctioner's, nor the member's), in the
 * appeal's transaction; a report reaches the moderators (never the reported author), one unread
 * notice per community at a time; both kinds are in the preferences with their defaults. One
 * decision per item: several reports of one comment are one queue entry with their count and
 * reasons, and one comment leads to one sanction of its author (by report, in place after hiding,
 * or in bulk), so the charter's ladder is not climbed twice for it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { createProposal } from "@/lib/proposals/create-proposal";
import { addComment } from "@/lib/proposals/comments";
import { listQueueGroups, reportContent } from "@/lib/moderation/reports";
import { sanction, sanctionOffer } from "@/lib/moderation/sanctions";
import { contestHiding, hideContent } from "@/lib/moderation/hide";
import { moderateInBulk } from "@/lib/moderation/bulk";
import { ownStanding } from "@/lib/moderation/standing";
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

async function reportedComment(c: Awaited<ReturnType<typeof community>>, author: TestPerson, body = "Achetez mes montres !") {
  const { id: proposalId } = await createProposal(t.db, {
    actor: c.owner,
    slug: c.slug,
    input: { kind: "GENERAL", title: "À discuter", body: "Texte.", method: "THRESHOLD" },
  });
  return addComment(t.db, { actor: author, proposalId, input: { body } });
}

describe("one decision per item", () => {
  it("shows several reports of one comment as one entry with their count and reasons", async () => {
    const c = await community(["MODERATOR", "MEMBER", "MEMBER", "MEMBER", "MEMBER"]);
    const [moderator, author, a, b, d] = c.people as [TestPerson, TestPerson, TestPerson, TestPerson, TestPerson];
    const comment = await reportedComment(c, author);
    const other = await reportedComment(c, author, "Un autre message");
    const report = (actor: TestPerson, targetId: string, reason: "SPAM" | "ABUSE", comment = "") =>
      reportContent(t.db, { actor, slug: c.slug, input: { targetKind: "COMMENT", targetId, reason, comment } });
    await report(a, comment.id, "SPAM", "Publicité");
    await report(b, comment.id, "SPAM");
    await report(d, comment.id, "ABUSE");
    await report(a, other.id, "ABUSE");

    const queue = await listQueueGroups(t.db, { actor: moderator, slug: c.slug, filter: { state: "OPEN" } });
    expect(queue.data).toHaveLength(2);
    const [first, second] = queue.data as [(typeof queue.data)[number], (typeof queue.data)[number]];
    expect(first).toMatchObject({ targetId: comment.id, state: "OPEN", sanctioned: false });
    expect(first.reports).toHaveLength(3);
    expect(first.reasons).toEqual([
      { reason: "SPAM", count: 2 },
      { reason: "ABUSE", count: 1 },
    ]);
    expect(first.reports.map((r) => r.comment)).toContain("Publicité");
    expect(JSON.stringify(first)).not.toContain(a.id);
    // The author's other reports are those on their other content.
    expect(first.authorHistory.otherReports).toBe(1);
    expect(second).toMatchObject({ targetId: other.id, reasons: [{ reason: "ABUSE", count: 1 }] });
    // Paged by item, and filtered by reason.
    const page = await listQueueGroups(t.db, { actor: moderator, slug: c.slug, filter: { limit: 1 } });
    expect(page).toMatchObject({ nextOffset: 1, data: [{ targetId: comment.id }] });
    expect((await listQueueGroups(t.db, { actor: moderator, slug: c.slug, filter: { offset: 1 } })).data).toHaveLength(1);
    const abuse = await listQueueGroups(t.db, { actor: moderator, slug: c.slug, filter: { reason: "ABUSE" } });
    expect(abuse.data.map((g) => g.reports.length)).toEqual([1, 1]);
    // Bad filter values are refused at the field, never a crash.
    await expect(listQueueGroups(t.db, { actor: moderator, slug: c.slug, filter: { offset: -1 } })).rejects.toMatchObject({
      status: 400,
    });

    // One sanction answers all three reports; a second one for the same comment is refused.
    const ids = first.reports.map((r) => r.id);
    await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      userId: author.id,
      kind: "WARNING",
      reason: "Publicité",
      reportIds: ids,
    });
    expect(await t.db.report.count({ where: { id: { in: ids }, state: "ACTIONED", sanctionId: { not: null } } })).toBe(3);
    const again = sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      userId: author.id,
      kind: "SUSPENSION",
      days: 7,
      reason: "Encore",
      departureReason: "Récidive",
      reportIds: ids.slice(0, 1),
    });
    await expect(again).rejects.toMatchObject({ status: 409, messageKey: "moderation.errors.alreadySanctionedForItem" });
    // Named in place rather than by report, the same comment is refused too.
    await expect(
      sanction(t.db, {
        actor: moderator,
        slug: c.slug,
        userId: author.id,
        kind: "WARNING",
        reason: "Encore",
        itemKind: "COMMENT",
        itemId: comment.id,
      }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await t.db.sanction.count({ where: { userId: author.id } })).toBe(1);
    const all = await listQueueGroups(t.db, { actor: moderator, slug: c.slug, filter: { state: "ACTIONED" } });
    expect(all.data[0]).toMatchObject({ targetId: comment.id, sanctioned: true });
  });

  it("sanctions in place after hiding, linking the hiding's reports, once", async () => {
    const c = await community(["MODERATOR", "MEMBER", "MEMBER"]);
    const [moderator, author, reporter] = c.people as [TestPerson, TestPerson, TestPerson];
    const comment = await reportedComment(c, author);
    const { id: reportId } = await reportContent(t.db, {
      actor: reporter,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "SPAM" },
    });
    const hidden = await hideContent(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "Publicité" },
    });
    expect(hidden.authorId).toBe(author.id);
    const item = { targetKind: "COMMENT" as const, targetId: comment.id };
    // Offered in place with the ladder's suggestion; never to the author's peers or to oneself.
    expect(await sanctionOffer(t.db, { actor: moderator, slug: c.slug, userId: author.id, item })).toMatchObject({
      userId: author.id,
      suggestedKind: "WARNING",
      activeCount: 0,
    });
    expect(await sanctionOffer(t.db, { actor: moderator, slug: c.slug, userId: moderator.id, item })).toBeNull();
    expect(await sanctionOffer(t.db, { actor: reporter, slug: c.slug, userId: author.id, item })).toBeNull();
    // Named in place, the sanction answers the reports its hiding answered.
    const given = await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      userId: author.id,
      kind: "WARNING",
      reason: "Publicité",
      itemKind: "COMMENT",
      itemId: comment.id,
    });
    expect(await sanctionOffer(t.db, { actor: moderator, slug: c.slug, userId: author.id, item })).toBeNull();
    expect(await t.db.report.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({
      state: "ACTIONED",
      sanctionId: given.id,
    });
    expect(await t.db.sanctionItem.findMany({ where: { sanctionId: given.id } })).toEqual([
      { sanctionId: given.id, userId: author.id, targetKind: "COMMENT", targetId: comment.id },
    ]);
    // Someone else's item cannot be named for this author.
    const notTheirs = await reportedComment(c, reporter, "Le mien");
    await expect(
      sanction(t.db, {
        actor: moderator,
        slug: c.slug,
        userId: author.id,
        kind: "WARNING",
        reason: "x".repeat(5),
        itemKind: "COMMENT",
        itemId: notTheirs.id,
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("does not climb the ladder a second time in bulk for an item already sanctioned", async () => {
    const c = await community(["MODERATOR", "MEMBER", "MEMBER", "MEMBER"]);
    const [moderator, author, a, b] = c.people as [TestPerson, TestPerson, TestPerson, TestPerson];
    const comment = await reportedComment(c, author);
    const first = await reportContent(t.db, {
      actor: a,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "SPAM" },
    });
    await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      userId: author.id,
      kind: "WARNING",
      reason: "Publicité",
      reportIds: [first.id],
    });
    // A later report of the same comment, answered in bulk with "hide and sanction".
    const later = await reportContent(t.db, {
      actor: b,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "SPAM" },
    });
    const result = await moderateInBulk(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { op: "hideAndSanction", reportIds: [later.id], reason: "Publicité" },
    });
    expect(result).toMatchObject({ hidden: 1, sanctioned: 0, skipped: 1 });
    expect(await t.db.sanction.count({ where: { userId: author.id } })).toBe(1);
    expect(await t.db.report.findUniqueOrThrow({ where: { id: later.id } })).toMatchObject({ state: "ACTIONED" });
    // The author reads the bulk reason on their hidden comment.
    expect(await t.db.proposalComment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({
      hiddenReason: "Publicité",
    });
  });
});

describe("a suspended member is told why they cannot act", () => {
  it("reads their suspension, until when and why; nothing once it is overturned", async () => {
    const c = await community(["MODERATOR", "MODERATOR", "MEMBER"]);
    const [moderator, other, member] = c.people as [TestPerson, TestPerson, TestPerson];
    expect(await ownStanding(t.db, { communityId: c.id, userId: member.id })).toBeNull();
    const given = await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      userId: member.id,
      kind: "SUSPENSION",
      days: 7,
      reason: "Insultes répétées",
      departureReason: "Gravité des propos",
    });
    const standing = await ownStanding(t.db, { communityId: c.id, userId: member.id });
    expect(standing).toMatchObject({ state: "suspended", reason: "Insultes répétées", sanctionId: given.id });
    expect(standing?.state === "suspended" && standing.until.getTime()).toBe(given.until!.getTime());
    // Nobody else's standing is read through it: another person has none here.
    expect(await ownStanding(t.db, { communityId: c.id, userId: other.id })).toBeNull();
    // Once the suspension date has passed, it no longer stands.
    expect(
      await ownStanding(t.db, { communityId: c.id, userId: member.id, now: new Date(Date.now() + 8 * 86_400_000) }),
    ).toBeNull();
    const { id: appealId } = await appeal(t.db, {
      actor: member,
      slug: c.slug,
      input: { sanctionId: given.id, text: "Je conteste cette suspension." },
    });
    await decideAppeal(t.db, {
      actor: other,
      slug: c.slug,
      input: { appealId, outcome: "OVERTURNED", decision: "Disproportionné." },
    });
    expect(await ownStanding(t.db, { communityId: c.id, userId: member.id })).toBeNull();
  });
});

describe("the author of hidden content reads why and may contest it", () => {
  it("contests once; the moderators other than the one who hid it are told", async () => {
    const c = await community(["MODERATOR", "MODERATOR", "MEMBER", "MEMBER"]);
    const [hider, other, author, stranger] = c.people as [TestPerson, TestPerson, TestPerson, TestPerson];
    const comment = await reportedComment(c, author);
    const input = { targetKind: "COMMENT" as const, targetId: comment.id, text: "Ce n'était pas de la publicité." };
    // Not hidden yet: nothing to contest.
    await expect(contestHiding(t.db, { actor: author, slug: c.slug, input })).rejects.toMatchObject({ status: 404 });
    await hideContent(t.db, {
      actor: hider,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "Publicité" },
    });
    await expect(contestHiding(t.db, { actor: stranger, slug: c.slug, input })).rejects.toMatchObject({ status: 404 });
    await expect(contestHiding(t.db, { actor: author, slug: c.slug, input: { ...input, text: "court" } })).rejects.toMatchObject({
      status: 400,
      field: "text",
    });

    await contestHiding(t.db, { actor: author, slug: c.slug, input });
    const told = await notices(other.id, "hiding.contested");
    expect(told).toHaveLength(1);
    expect(told[0]!.data).toMatchObject({ reason: "Ce n'était pas de la publicité.", targetKind: "COMMENT" });
    expect(await notices(hider.id, "hiding.contested")).toHaveLength(0);
    expect(await notices(author.id, "hiding.contested")).toHaveLength(0);
    expect(await t.db.auditEntry.findFirst({ where: { communityId: c.id, action: "moderation.hidingContested" } })).toMatchObject(
      {
        actorId: null,
      },
    );
    await expect(contestHiding(t.db, { actor: author, slug: c.slug, input })).rejects.toMatchObject({
      status: 409,
      messageKey: "moderation.errors.alreadyContested",
    });
  });
});
