/**
 * Moderation against a real PostgreSQL: one report per person per item, a queue that never names
 * reporters, the charter's sanctions ladder (a warning, then a 7-day suspension), departures that need
 * a reason, one appeal per sanction decided by someone other than the sanctioner (a platform
 * administrator when the sanctioner moderates alone), suspensions that end by themselves, and what
 * suspended and banned members may no longer do.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberRole, Visibility } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { requireCommunityAccess } from "@/lib/communities/access";
import { defaultCharterParameters, type CharterParameters } from "@/lib/charter/parameters";
import { createProposal } from "@/lib/proposals/create-proposal";
import { listAudit } from "@/lib/audit/record";
import { can } from "@/lib/policy/can";
import { dismissReport, listQueue, reportContent } from "@/lib/moderation/reports";
import { endExpiredSuspensions, sanction, suggestSanction } from "@/lib/moderation/sanctions";
import { appeal, decideAppeal } from "@/lib/moderation/appeals";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const DAY = 24 * 60 * 60 * 1000;

async function community({
  roles = [],
  visibility = "PUBLIC",
  charter,
}: { roles?: MemberRole[]; visibility?: Visibility; charter?: Partial<CharterParameters> } = {}) {
  const owner = await createPerson(t.db);
  const slug = unique("mod").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: { name: "Modération", slug, summary: "Une communauté modérée.", description: "", visibility, joinPolicy: "OPEN" },
  });
  if (charter) {
    await t.db.charter.create({
      data: {
        communityId: id,
        currentVersion: 1,
        versions: { create: { number: 1, rules: [], parameters: { ...defaultCharterParameters, ...charter } } },
      },
    });
  }
  const people: TestPerson[] = [];
  for (const role of roles) {
    const person = await createPerson(t.db);
    await t.db.membership.create({ data: { communityId: id, userId: person.id, college: "PUBLIC", status: "ACTIVE", role } });
    people.push(person);
  }
  return { id, slug, owner, people };
}

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: { status: number; code: string; messageKey: string; field?: string }) => error,
  );
}

const membershipOf = (communityId: string, userId: string) =>
  t.db.membership.findUniqueOrThrow({ where: { communityId_userId: { communityId, userId } } });

const proposalBy = async (slug: string, author: TestPerson) =>
  (
    await createProposal(t.db, {
      actor: author,
      slug,
      input: { kind: "GENERAL", title: "Une proposition discutable", body: "Texte.", method: "THRESHOLD" },
    })
  ).id;

describe("reports", () => {
  it("takes one report per person per item (409 on a duplicate) and never returns the reporter", async () => {
    const c = await community({ roles: ["MEMBER", "MEMBER"] });
    const [author, reporter] = c.people as [TestPerson, TestPerson];
    const proposalId = await proposalBy(c.slug, author);
    const receipt = await reportContent(t.db, {
      actor: reporter,
      slug: c.slug,
      input: { targetKind: "PROPOSAL", targetId: proposalId, reason: "SPAM", comment: "Publicité." },
    });
    expect(receipt).toEqual({ id: receipt.id, targetKind: "PROPOSAL", targetId: proposalId, reason: "SPAM", state: "OPEN" });
    const duplicate = await rejection(
      reportContent(t.db, {
        actor: reporter,
        slug: c.slug,
        input: { targetKind: "PROPOSAL", targetId: proposalId, reason: "ABUSE" },
      }),
    );
    expect(duplicate).toMatchObject({ status: 409, code: "already_reported" });
    const stored = await t.db.report.findUniqueOrThrow({ where: { id: receipt.id } });
    expect(stored).toMatchObject({ reporterId: reporter.id, targetAuthorId: author.id });
    // The audit entry names neither the reporter as actor nor in its details.
    const audit = await listAudit(t.db, { communityId: c.id, action: "moderation.reported" });
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]!.actor).toBeNull();
    expect(JSON.stringify(audit)).not.toContain(reporter.id);
  });

  it("lets a signed-in non-member report in a public community, refuses one's own content and banned people", async () => {
    const c = await community({ roles: ["MEMBER", "MEMBER"] });
    const [author, banned] = c.people as [TestPerson, TestPerson];
    const outsider = await createPerson(t.db);
    await reportContent(t.db, {
      actor: outsider,
      slug: c.slug,
      input: { targetKind: "PROFILE", targetId: author.id, reason: "OTHER" },
    });
    const own = await rejection(
      reportContent(t.db, {
        actor: author,
        slug: c.slug,
        input: { targetKind: "PROFILE", targetId: author.id, reason: "OTHER" },
      }),
    );
    expect(own).toMatchObject({ status: 400, code: "cannot_report_self" });
    await t.db.membership.update({
      where: { communityId_userId: { communityId: c.id, userId: banned.id } },
      data: { status: "BANNED" },
    });
    const refused = await rejection(
      reportContent(t.db, {
        actor: banned,
        slug: c.slug,
        input: { targetKind: "PROFILE", targetId: author.id, reason: "OTHER" },
      }),
    );
    expect(refused).toMatchObject({ status: 403 });
    const missing = await rejection(
      reportContent(t.db, { actor: outsider, slug: c.slug, input: { targetKind: "PROPOSAL", targetId: "nope", reason: "SPAM" } }),
    );
    expect(missing).toMatchObject({ status: 404, code: "target_not_found" });
  });

  it("hides a comment after the charter's number of reports and restores it when they are dismissed", async () => {
    const c = await community({ roles: ["MEMBER", "MEMBER", "MEMBER", "MODERATOR"], charter: { autoHideAfterReports: 2 } });
    const [author, first, second, moderator] = c.people as [TestPerson, TestPerson, TestPerson, TestPerson];
    const proposalId = await proposalBy(c.slug, author);
    const comment = await t.db.proposalComment.create({ data: { proposalId, authorId: author.id, body: "Insulte" } });
    const input = { targetKind: "COMMENT", targetId: comment.id, reason: "ABUSE" };
    const r1 = await reportContent(t.db, { actor: first, slug: c.slug, input });
    expect((await t.db.proposalComment.findUniqueOrThrow({ where: { id: comment.id } })).hiddenAt).toBeNull();
    const r2 = await reportContent(t.db, { actor: second, slug: c.slug, input });
    expect((await t.db.proposalComment.findUniqueOrThrow({ where: { id: comment.id } })).hiddenAt).not.toBeNull();
    expect(await t.db.proposalComment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({
      hiddenBy: "AUTOMATIC",
      hiddenById: null,
    });
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "moderation.hidden" } })).toBe(1);

    await dismissReport(t.db, { actor: moderator, slug: c.slug, reportId: r1.id });
    expect((await t.db.proposalComment.findUniqueOrThrow({ where: { id: comment.id } })).hiddenAt).not.toBeNull();
    await dismissReport(t.db, { actor: moderator, slug: c.slug, reportId: r2.id });
    expect((await t.db.proposalComment.findUniqueOrThrow({ where: { id: comment.id } })).hiddenAt).toBeNull();
    expect(await rejection(dismissReport(t.db, { actor: moderator, slug: c.slug, reportId: r2.id }))).toMatchObject({
      status: 409,
    });
    expect(await rejection(dismissReport(t.db, { actor: first, slug: c.slug, reportId: r2.id }))).toMatchObject({ status: 403 });
  });
});

describe("automatic hiding of other content", () => {
  it("hides a proposal after the charter's number of reports, and only that automatic hiding is undone on dismissal", async () => {
    const c = await community({ roles: ["MEMBER", "MEMBER", "MEMBER", "MODERATOR"], charter: { autoHideAfterReports: 2 } });
    const [author, first, second, moderator] = c.people as [TestPerson, TestPerson, TestPerson, TestPerson];
    const proposalId = await proposalBy(c.slug, author);
    const input = { targetKind: "PROPOSAL", targetId: proposalId, reason: "SPAM" };
    const r1 = await reportContent(t.db, { actor: first, slug: c.slug, input });
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id: proposalId } })).hiddenAt).toBeNull();
    const r2 = await reportContent(t.db, { actor: second, slug: c.slug, input });
    const hidden = await t.db.proposal.findUniqueOrThrow({ where: { id: proposalId } });
    expect(hidden.hiddenAt).not.toBeNull();
    expect(hidden.hiddenReason).toBeNull();
    // Stored as automatic, not inferred from the missing reason.
    expect(hidden).toMatchObject({ hiddenBy: "AUTOMATIC", hiddenById: null });
    expect(
      await t.db.auditEntry.count({
        where: { communityId: c.id, action: "moderation.hidden", details: { path: ["targetId"], equals: proposalId } },
      }),
    ).toBe(1);
    await dismissReport(t.db, { actor: moderator, slug: c.slug, reportId: r1.id });
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id: proposalId } })).hiddenAt).not.toBeNull();
    await dismissReport(t.db, { actor: moderator, slug: c.slug, reportId: r2.id });
    expect(await t.db.proposal.findUniqueOrThrow({ where: { id: proposalId } })).toMatchObject({
      hiddenAt: null,
      hiddenBy: null,
      hiddenById: null,
    });

    // A moderator's hiding (stored as theirs, with a reason) is not undone by dismissing reports.
    const other = await proposalBy(c.slug, author);
    await t.db.proposal.update({
      where: { id: other },
      data: { hiddenAt: new Date(), hiddenBy: "MODERATOR", hiddenById: moderator.id, hiddenReason: "Publicité" },
    });
    const r3 = await reportContent(t.db, { actor: first, slug: c.slug, input: { ...input, targetId: other } });
    await dismissReport(t.db, { actor: moderator, slug: c.slug, reportId: r3.id });
    expect(await t.db.proposal.findUniqueOrThrow({ where: { id: other } })).toMatchObject({
      hiddenBy: "MODERATOR",
      hiddenById: moderator.id,
      hiddenReason: "Publicité",
    });
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id: other } })).hiddenAt).not.toBeNull();

    // Whatever the reason column says: a moderator's hiding without one stands too (the thread's
    // quick hide of a comment asks for none), since who hid it is stored, not inferred.
    const third = await proposalBy(c.slug, author);
    await t.db.proposal.update({
      where: { id: third },
      data: { hiddenAt: new Date(), hiddenBy: "MODERATOR", hiddenById: moderator.id, hiddenReason: null },
    });
    const r4 = await reportContent(t.db, { actor: first, slug: c.slug, input: { ...input, targetId: third } });
    await dismissReport(t.db, { actor: moderator, slug: c.slug, reportId: r4.id });
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id: third } })).hiddenAt).not.toBeNull();
  });
});

describe("the queue", () => {
  it("filters, paginates, shows the author's history and never the reporter, nor reports about oneself", async () => {
    const c = await community({ roles: ["MEMBER", "MEMBER", "MEMBER", "MODERATOR", "MODERATOR"] });
    const [author, r1, r2, moderator, reportedModerator] = c.people as TestPerson[] as [
      TestPerson,
      TestPerson,
      TestPerson,
      TestPerson,
      TestPerson,
    ];
    const p1 = await proposalBy(c.slug, author);
    const p2 = await proposalBy(c.slug, author);
    await reportContent(t.db, { actor: r1, slug: c.slug, input: { targetKind: "PROPOSAL", targetId: p1, reason: "SPAM" } });
    await reportContent(t.db, { actor: r2, slug: c.slug, input: { targetKind: "PROPOSAL", targetId: p2, reason: "ABUSE" } });
    await reportContent(t.db, { actor: r1, slug: c.slug, input: { targetKind: "PROFILE", targetId: author.id, reason: "SPAM" } });
    await reportContent(t.db, {
      actor: r2,
      slug: c.slug,
      input: { targetKind: "PROFILE", targetId: reportedModerator.id, reason: "ABUSE" },
    });
    await sanction(t.db, { actor: moderator, slug: c.slug, userId: author.id, kind: "WARNING", reason: "Publicité répétée." });

    const all = await listQueue(t.db, { actor: moderator, slug: c.slug });
    expect(all.data).toHaveLength(4);
    const page1 = await listQueue(t.db, { actor: moderator, slug: c.slug, filter: { limit: 3 } });
    expect(page1.data).toHaveLength(3);
    const page2 = await listQueue(t.db, { actor: moderator, slug: c.slug, filter: { limit: 3, cursor: page1.nextCursor } });
    expect(page2.data).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect((await listQueue(t.db, { actor: moderator, slug: c.slug, filter: { reason: "SPAM" } })).data).toHaveLength(2);
    expect((await listQueue(t.db, { actor: moderator, slug: c.slug, filter: { targetKind: "PROFILE" } })).data).toHaveLength(2);
    expect((await listQueue(t.db, { actor: moderator, slug: c.slug, filter: { state: "DISMISSED" } })).data).toHaveLength(0);

    const item = all.data.find((i) => i.targetId === p1)!;
    expect(item.authorHistory.otherReports).toBe(2);
    expect(item.authorHistory.sanctions).toMatchObject([{ kind: "WARNING", overturned: false }]);
    const shown = JSON.stringify(all);
    expect(shown).not.toContain(r1.id);
    expect(shown).not.toContain(r2.id);
    expect(shown).not.toContain("reporter");

    // The reported moderator does not see the report about them.
    const theirs = await listQueue(t.db, { actor: reportedModerator, slug: c.slug });
    expect(theirs.data.map((i) => i.targetAuthorId)).not.toContain(reportedModerator.id);
    expect(JSON.stringify(theirs)).not.toContain(r2.id);
    expect(await rejection(listQueue(t.db, { actor: author, slug: c.slug }))).toMatchObject({ status: 403 });
  });
});

describe("sanctions and the charter's ladder", () => {
  it("suggests a warning, then a 7-day suspension after a warning", async () => {
    const c = await community({ roles: ["MEMBER", "MODERATOR"] });
    const [member, moderator] = c.people as [TestPerson, TestPerson];
    const now = new Date();
    expect(await suggestSanction(t.db, { communityId: c.id, userId: member.id, now })).toMatchObject({
      kind: "WARNING",
      activeCount: 0,
    });
    const warning = await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      userId: member.id,
      kind: "WARNING",
      reason: "Hors sujet.",
      now,
    });
    expect(warning.departedFromLadder).toBe(false);
    expect((await membershipOf(c.id, member.id)).status).toBe("ACTIVE");
    expect(await suggestSanction(t.db, { communityId: c.id, userId: member.id, now })).toMatchObject({
      kind: "SUSPENSION",
      days: 7,
      activeCount: 1,
    });
    const suspension = await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      userId: member.id,
      kind: "SUSPENSION",
      reason: "Récidive.",
      ruleReference: "Article 3",
      now,
    });
    expect(suspension.until!.getTime()).toBe(now.getTime() + 7 * DAY);
    const membership = await membershipOf(c.id, member.id);
    expect(membership).toMatchObject({ status: "SUSPENDED", suspendedUntil: suspension.until });
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "moderation.warned" } })).toBe(1);
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "moderation.suspended" } })).toBe(1);
    // An expired warning no longer counts.
    const later = new Date(now.getTime() + 400 * DAY);
    expect(await suggestSanction(t.db, { communityId: c.id, userId: member.id, now: later })).toMatchObject({ kind: "WARNING" });
  });

  it("requires a reason to depart from the suggestion (400 on departureReason) and records it", async () => {
    const c = await community({ roles: ["MEMBER", "MODERATOR"] });
    const [member, moderator] = c.people as [TestPerson, TestPerson];
    await t.db.session.create({ data: { sessionToken: unique("s"), userId: member.id, expires: new Date(Date.now() + DAY) } });
    const refused = await rejection(
      sanction(t.db, { actor: moderator, slug: c.slug, userId: member.id, kind: "BAN", reason: "Contenu illégal." }),
    );
    expect(refused).toMatchObject({
      status: 400,
      field: "departureReason",
      messageKey: "moderation.errors.departureReasonRequired",
    });
    expect(await t.db.sanction.count({ where: { communityId: c.id } })).toBe(0);
    const ban = await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      userId: member.id,
      kind: "BAN",
      reason: "Contenu illégal.",
      departureReason: "Faits graves : publication de données personnelles.",
    });
    expect(ban).toMatchObject({ departedFromLadder: true, suggested: { kind: "WARNING" } });
    expect(await t.db.sanction.findUniqueOrThrow({ where: { id: ban.id } })).toMatchObject({
      suggestedKind: "WARNING",
      departedFromLadder: true,
      departureReason: "Faits graves : publication de données personnelles.",
    });
    expect((await membershipOf(c.id, member.id)).status).toBe("BANNED");
    // A ban takes the community role away but signs no one out.
    expect(await t.db.session.count({ where: { userId: member.id } })).toBe(1);
  });

  it("counts a different suspension length as a departure, and keeps sanctions append-only", async () => {
    const c = await community({
      roles: ["MEMBER", "MODERATOR"],
      charter: { sanctionsLadder: [{ sanction: "SUSPENSION", days: 7, expiresAfterDays: 30 }] },
    });
    const [member, moderator] = c.people as [TestPerson, TestPerson];
    const refused = await rejection(
      sanction(t.db, { actor: moderator, slug: c.slug, userId: member.id, kind: "SUSPENSION", days: 30, reason: "Récidive." }),
    );
    expect(refused).toMatchObject({ status: 400, field: "departureReason" });
    const ok = await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      userId: member.id,
      kind: "SUSPENSION",
      reason: "Récidive.",
    });
    await expect(t.db.sanction.update({ where: { id: ok.id }, data: { reason: "réécrit" } })).rejects.toThrow();
    await expect(t.db.sanction.delete({ where: { id: ok.id } })).rejects.toThrow();
  });

  it("lets moderators sanction members only, never themselves", async () => {
    const c = await community({ roles: ["MODERATOR", "MODERATOR", "MEMBER"] });
    const [moderator, other, member] = c.people as [TestPerson, TestPerson, TestPerson];
    expect(
      await rejection(sanction(t.db, { actor: moderator, slug: c.slug, userId: other.id, kind: "WARNING", reason: "Non." })),
    ).toMatchObject({ status: 403, code: "not_sanctionable" });
    expect(
      await rejection(sanction(t.db, { actor: moderator, slug: c.slug, userId: moderator.id, kind: "WARNING", reason: "Non." })),
    ).toMatchObject({ status: 403 });
    expect(
      await rejection(sanction(t.db, { actor: member, slug: c.slug, userId: other.id, kind: "WARNING", reason: "Non." })),
    ).toMatchObject({ status: 403 });
    // An administrator may sanction a moderator.
    await sanction(t.db, { actor: c.owner, slug: c.slug, userId: other.id, kind: "WARNING", reason: "Abus de pouvoir." });
  });
});

describe("suspended and banned members", () => {
  it("a suspended member cannot propose or vote, but still reads; the suspension ends by itself", async () => {
    const c = await community({ roles: ["MEMBER", "MODERATOR"] });
    const [member, moderator] = c.people as [TestPerson, TestPerson];
    await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      userId: member.id,
      kind: "SUSPENSION",
      days: 1,
      reason: "Propos injurieux.",
      departureReason: "Premier écart mais grave.",
    });
    const refused = await rejection(
      createProposal(t.db, {
        actor: member,
        slug: c.slug,
        input: { kind: "GENERAL", title: "Je propose quand même", body: "", method: "THRESHOLD" },
      }),
    );
    expect(refused).toMatchObject({ status: 403 });
    const access = await requireCommunityAccess(t.db, { slug: c.slug, actor: member, action: "community.read" });
    expect(can(access.subject, "proposal.vote", access.community)).toBe(false);
    expect(can(access.subject, "moderation.appeal", access.community)).toBe(true);
    expect(await rejection(requireCommunityAccess(t.db, { slug: c.slug, actor: member, action: "proposal.vote" }))).toMatchObject(
      {
        status: 403,
      },
    );

    expect(await endExpiredSuspensions(t.db, new Date())).toBe(0);
    const ended = await endExpiredSuspensions(t.db, new Date(Date.now() + 2 * DAY));
    expect(ended).toBeGreaterThanOrEqual(1);
    expect(await membershipOf(c.id, member.id)).toMatchObject({ status: "ACTIVE", suspendedUntil: null });
    const entries = await t.db.auditEntry.findMany({ where: { communityId: c.id, action: "moderation.restored" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: null, details: { reason: "suspensionEnded", userId: member.id } });
    await createProposal(t.db, {
      actor: member,
      slug: c.slug,
      input: { kind: "GENERAL", title: "De retour parmi vous", body: "", method: "THRESHOLD" },
    });
  });

  it("a banned member no longer reads a members-only community", async () => {
    const c = await community({ roles: ["MEMBER", "MODERATOR"], visibility: "MEMBERS" });
    const [member, moderator] = c.people as [TestPerson, TestPerson];
    await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      userId: member.id,
      kind: "BAN",
      reason: "Harcèlement.",
      departureReason: "Harcèlement caractérisé.",
    });
    expect(
      await rejection(requireCommunityAccess(t.db, { slug: c.slug, actor: member, action: "community.read" })),
    ).toMatchObject({
      status: 404,
    });
    // …but may still appeal the ban.
    const ban = await t.db.sanction.findFirstOrThrow({ where: { userId: member.id, kind: "BAN" } });
    const lodged = await appeal(t.db, {
      actor: member,
      slug: c.slug,
      input: { sanctionId: ban.id, text: "Je conteste ce bannissement : les propos ont été mal compris." },
    });
    expect(lodged.state).toBe("PENDING");
  });
});

describe("appeals", () => {
  async function suspended() {
    const c = await community({ roles: ["MEMBER", "MODERATOR", "MODERATOR", "MEMBER"] });
    const [member, sanctioner, other, bystander] = c.people as [TestPerson, TestPerson, TestPerson, TestPerson];
    const s = await sanction(t.db, {
      actor: sanctioner,
      slug: c.slug,
      userId: member.id,
      kind: "SUSPENSION",
      days: 7,
      reason: "Propos injurieux.",
      departureReason: "Propos graves.",
    });
    return { c, member, sanctioner, other, bystander, sanctionId: s.id };
  }

  it("are lodged once per sanction, only by the sanctioned member", async () => {
    const { c, member, bystander, sanctionId } = await suspended();
    expect(
      await rejection(
        appeal(t.db, { actor: bystander, slug: c.slug, input: { sanctionId, text: "Ce n'est pas juste pour lui." } }),
      ),
    ).toMatchObject({ status: 404 });
    const lodged = await appeal(t.db, {
      actor: member,
      slug: c.slug,
      input: { sanctionId, text: "Mes propos ont été mal compris." },
    });
    expect(lodged.state).toBe("PENDING");
    expect(
      await rejection(
        appeal(t.db, { actor: member, slug: c.slug, input: { sanctionId, text: "Je fais appel une seconde fois." } }),
      ),
    ).toMatchObject({ status: 409, code: "already_appealed" });
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "moderation.appealed" } })).toBe(1);
  });

  it("are decided by someone other than the sanctioner; overturning lifts the suspension and the ladder step", async () => {
    const { c, member, sanctioner, other, sanctionId } = await suspended();
    const { id: appealId } = await appeal(t.db, {
      actor: member,
      slug: c.slug,
      input: { sanctionId, text: "Mes propos ont été mal compris." },
    });
    const input = { appealId, outcome: "OVERTURNED", decision: "Le contexte montre une citation." };
    expect(await rejection(decideAppeal(t.db, { actor: sanctioner, slug: c.slug, input }))).toMatchObject({
      status: 403,
      code: "sanctioner_cannot_decide",
    });
    expect(await rejection(decideAppeal(t.db, { actor: member, slug: c.slug, input }))).toMatchObject({ status: 403 });
    expect(await decideAppeal(t.db, { actor: other, slug: c.slug, input })).toEqual({ id: appealId, state: "OVERTURNED" });
    expect(await membershipOf(c.id, member.id)).toMatchObject({ status: "ACTIVE", suspendedUntil: null });
    expect(await t.db.appeal.findUniqueOrThrow({ where: { id: appealId } })).toMatchObject({
      state: "OVERTURNED",
      decidedById: other.id,
    });
    expect(await suggestSanction(t.db, { communityId: c.id, userId: member.id })).toMatchObject({
      kind: "WARNING",
      activeCount: 0,
    });
    expect(await rejection(decideAppeal(t.db, { actor: other, slug: c.slug, input }))).toMatchObject({ status: 409 });
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { communityId: c.id, action: "moderation.appealDecided" } });
    expect(entry).toMatchObject({ actorId: other.id, details: { outcome: "OVERTURNED", userId: member.id } });
  });

  it("upholding keeps the suspension", async () => {
    const { c, member, other, sanctionId } = await suspended();
    const { id: appealId } = await appeal(t.db, {
      actor: member,
      slug: c.slug,
      input: { sanctionId, text: "Mes propos ont été mal compris." },
    });
    await decideAppeal(t.db, { actor: other, slug: c.slug, input: { appealId, outcome: "UPHELD", decision: "Propos avérés." } });
    expect((await membershipOf(c.id, member.id)).status).toBe("SUSPENDED");
  });

  it("need a platform administrator when the sanctioner is the community's only moderator", async () => {
    const c = await community({ roles: ["MEMBER"] });
    const [member] = c.people as [TestPerson];
    const s = await sanction(t.db, {
      actor: c.owner,
      slug: c.slug,
      userId: member.id,
      kind: "SUSPENSION",
      days: 30,
      reason: "Spam massif.",
      departureReason: "Robot de spam.",
    });
    const { id: appealId } = await appeal(t.db, {
      actor: member,
      slug: c.slug,
      input: { sanctionId: s.id, text: "Je ne suis pas un robot." },
    });
    const input = { appealId, outcome: "OVERTURNED", decision: "Une vraie personne." };
    expect(await rejection(decideAppeal(t.db, { actor: c.owner, slug: c.slug, input }))).toMatchObject({ status: 403 });
    const platformAdmin = await createPerson(t.db, { platformAdmin: true });
    expect(await decideAppeal(t.db, { actor: platformAdmin, slug: c.slug, input })).toMatchObject({ state: "OVERTURNED" });
    expect((await membershipOf(c.id, member.id)).status).toBe("ACTIVE");
  });

  it("count only active moderators besides the sanctioner: a suspended one cannot decide", async () => {
    const c = await community({ roles: ["MEMBER", "MODERATOR"] });
    const [member, moderator] = c.people as [TestPerson, TestPerson];
    const s = await sanction(t.db, { actor: moderator, slug: c.slug, userId: member.id, kind: "WARNING", reason: "Hors sujet." });
    const { id: appealId } = await appeal(t.db, {
      actor: member,
      slug: c.slug,
      input: { sanctionId: s.id, text: "Ce n'était pas hors sujet." },
    });
    // The owner leaves and the only other moderator is suspended: the sanctioner moderates alone.
    await t.db.membership.update({
      where: { communityId_userId: { communityId: c.id, userId: c.owner.id } },
      data: { status: "LEFT" },
    });
    const otherMember = await createPerson(t.db);
    await t.db.membership.create({
      data: { communityId: c.id, userId: otherMember.id, college: "PUBLIC", status: "ACTIVE", role: "MODERATOR" },
    });
    await t.db.membership.update({
      where: { communityId_userId: { communityId: c.id, userId: otherMember.id } },
      data: { status: "SUSPENDED", suspendedUntil: new Date(Date.now() + DAY) },
    });
    const input = { appealId, outcome: "UPHELD", decision: "Hors sujet avéré." };
    expect(await rejection(decideAppeal(t.db, { actor: otherMember, slug: c.slug, input }))).toMatchObject({ status: 403 });
    const platformAdmin = await createPerson(t.db, { platformAdmin: true });
    expect(await decideAppeal(t.db, { actor: platformAdmin, slug: c.slug, input })).toMatchObject({ state: "UPHELD" });
  });
});
