/**
 * Every kind of moderated content through its adapter (lib/moderation/targets/), against a real
 * PostgreSQL: each hideable kind (proposal, comment, commons, contribution) is reported, hidden
 * automatically after the charter's number of reports (stored as AUTOMATIC, no moderator), shown
 * again when the reports are dismissed, hidden by a moderator (stored as MODERATOR with their id),
 * kept hidden when later reports are dismissed, and restored. A profile is reported but never
 * hidden. Bulk actions work across kinds, and the queue describes each kind within its community.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberRole, ReportTargetKind } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { defaultCharterParameters } from "@/lib/charter/parameters";
import { createProposal } from "@/lib/proposals/create-proposal";
import { dismissReport, reportContent } from "@/lib/moderation/reports";
import { hideContent, restoreContent } from "@/lib/moderation/hide";
import { moderateInBulk } from "@/lib/moderation/bulk";
import { describeTargets } from "@/lib/moderation/queue-view";
import type { HideableKind } from "@/lib/moderation/schemas";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const hideableKinds: HideableKind[] = ["PROPOSAL", "COMMENT", "COMMONS", "CONTRIBUTION"];

async function community({ roles, autoHideAfterReports }: { roles: MemberRole[]; autoHideAfterReports: number }) {
  const owner = await createPerson(t.db);
  const slug = unique("modtg").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Cibles",
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
      versions: { create: { number: 1, rules: [], parameters: { ...defaultCharterParameters, autoHideAfterReports } } },
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

/** One item of the kind, written by `author` in the community. */
async function itemOf(kind: ReportTargetKind, c: { id: string; slug: string }, author: TestPerson): Promise<string> {
  switch (kind) {
    case "PROFILE":
      return author.id;
    case "PROPOSAL":
      return (
        await createProposal(t.db, {
          actor: author,
          slug: c.slug,
          input: { kind: "GENERAL", title: "Achetez mes montres", body: "Texte de la proposition.", method: "THRESHOLD" },
        })
      ).id;
    case "COMMENT": {
      const proposalId = await itemOf("PROPOSAL", c, author);
      return (await t.db.proposalComment.create({ data: { proposalId, authorId: author.id, body: "Un commentaire" } })).id;
    }
    case "COMMONS":
      return (
        await t.db.commons.create({
          data: {
            communityId: c.id,
            slug: unique("cm").toLowerCase(),
            title: "Cadastre",
            summary: "Un commun",
            kind: "DATASET",
            licence: "ODbL-1.0",
            proposerId: author.id,
          },
        })
      ).id;
    case "CONTRIBUTION": {
      const commonsId = await itemOf("COMMONS", c, author);
      return (
        await t.db.contribution.create({
          data: { commonsId, authorId: author.id, type: "CODE", description: "Du code", date: new Date() },
        })
      ).id;
    }
  }
}

const hidingColumns = { hiddenAt: true, hiddenBy: true, hiddenById: true, hiddenReason: true } as const;

/** The stored hiding columns of an item (tests read the tables directly, on purpose). */
async function hidingOf(kind: HideableKind, id: string) {
  switch (kind) {
    case "PROPOSAL":
      return t.db.proposal.findUniqueOrThrow({ where: { id }, select: hidingColumns });
    case "COMMENT":
      return t.db.proposalComment.findUniqueOrThrow({ where: { id }, select: hidingColumns });
    case "COMMONS":
      return t.db.commons.findUniqueOrThrow({ where: { id }, select: hidingColumns });
    case "CONTRIBUTION":
      return t.db.contribution.findUniqueOrThrow({ where: { id }, select: hidingColumns });
  }
}

const visible = { hiddenAt: null, hiddenBy: null, hiddenById: null, hiddenReason: null };

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: { status: number; code: string; field?: string }) => error,
  );
}

describe.each(hideableKinds)("%s through its adapter", (kind) => {
  it("is hidden automatically after the charter's number of reports and shown again when they are dismissed", async () => {
    const c = await community({ roles: ["MEMBER", "MEMBER", "MEMBER", "MODERATOR"], autoHideAfterReports: 2 });
    const [author, first, second, moderator] = c.people as [TestPerson, TestPerson, TestPerson, TestPerson];
    const id = await itemOf(kind, c, author);
    const input = { targetKind: kind, targetId: id, reason: "SPAM" };
    const r1 = await reportContent(t.db, { actor: first, slug: c.slug, input });
    expect(await hidingOf(kind, id)).toEqual(visible);
    expect(await t.db.report.findUniqueOrThrow({ where: { id: r1.id } })).toMatchObject({ targetAuthorId: author.id });

    const r2 = await reportContent(t.db, { actor: second, slug: c.slug, input });
    const hidden = await hidingOf(kind, id);
    expect(hidden).toMatchObject({ hiddenBy: "AUTOMATIC", hiddenById: null, hiddenReason: null });
    expect(hidden.hiddenAt).not.toBeNull();
    const audit = await t.db.auditEntry.findMany({
      where: { communityId: c.id, action: "moderation.hidden", details: { path: ["targetId"], equals: id } },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, details: { targetKind: kind, hiddenBy: "AUTOMATIC", openReports: 2 } });

    // One report still open: the item stays hidden; the last one dismissed brings it back, marker and all.
    await dismissReport(t.db, { actor: moderator, slug: c.slug, reportId: r1.id });
    expect((await hidingOf(kind, id)).hiddenBy).toBe("AUTOMATIC");
    await dismissReport(t.db, { actor: moderator, slug: c.slug, reportId: r2.id });
    expect(await hidingOf(kind, id)).toEqual(visible);
    const restored = await t.db.auditEntry.findFirstOrThrow({
      where: { communityId: c.id, action: "moderation.restored", details: { path: ["reportId"], equals: r2.id } },
    });
    expect(restored.details).toMatchObject({ reason: "reportDismissed", unhidden: true });
  });

  it("is hidden by a named moderator, stays hidden when later reports are dismissed, and is restored by a moderator", async () => {
    const c = await community({ roles: ["MEMBER", "MEMBER", "MODERATOR", "MODERATOR"], autoHideAfterReports: 1 });
    const [author, reporter, moderator, colleague] = c.people as [TestPerson, TestPerson, TestPerson, TestPerson];
    const id = await itemOf(kind, c, author);
    const { authorId } = await hideContent(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { targetKind: kind, targetId: id, reason: "Hors charte" },
    });
    expect(authorId).toBe(author.id);
    expect(await hidingOf(kind, id)).toMatchObject({
      hiddenBy: "MODERATOR",
      hiddenById: moderator.id,
      hiddenReason: "Hors charte",
    });
    expect(
      await t.db.auditEntry.count({
        where: {
          communityId: c.id,
          action: "moderation.hidden",
          actorId: moderator.id,
          details: { path: ["hiddenBy"], equals: "MODERATOR" },
        },
      }),
    ).toBe(1);

    // A report on an item a moderator hid, then dismissed: the moderator's decision stands.
    const report = await reportContent(t.db, {
      actor: reporter,
      slug: c.slug,
      input: { targetKind: kind, targetId: id, reason: "ABUSE" },
    });
    await dismissReport(t.db, { actor: colleague, slug: c.slug, reportId: report.id });
    expect(await hidingOf(kind, id)).toMatchObject({ hiddenBy: "MODERATOR", hiddenById: moderator.id });
    expect(
      (
        await t.db.auditEntry.findFirstOrThrow({
          where: { communityId: c.id, action: "moderation.restored", details: { path: ["reportId"], equals: report.id } },
        })
      ).details,
    ).toMatchObject({ unhidden: false });

    // Hiding again is refused; restoring clears who hid it.
    expect(
      await rejection(
        hideContent(t.db, { actor: colleague, slug: c.slug, input: { targetKind: kind, targetId: id, reason: "Encore" } }),
      ),
    ).toMatchObject({ status: 409, code: "already_hidden" });
    await restoreContent(t.db, {
      actor: colleague,
      slug: c.slug,
      input: { targetKind: kind, targetId: id, reason: "Acceptable" },
    });
    expect(await hidingOf(kind, id)).toEqual(visible);
  });

  it("lets a moderator take over an automatic hiding, which then survives the dismissal of later reports", async () => {
    const c = await community({ roles: ["MEMBER", "MEMBER", "MEMBER", "MODERATOR"], autoHideAfterReports: 1 });
    const [author, first, second, moderator] = c.people as [TestPerson, TestPerson, TestPerson, TestPerson];
    const id = await itemOf(kind, c, author);
    await reportContent(t.db, { actor: first, slug: c.slug, input: { targetKind: kind, targetId: id, reason: "SPAM" } });
    expect((await hidingOf(kind, id)).hiddenBy).toBe("AUTOMATIC");
    await hideContent(t.db, { actor: moderator, slug: c.slug, input: { targetKind: kind, targetId: id, reason: "Confirmé" } });
    expect(await hidingOf(kind, id)).toMatchObject({ hiddenBy: "MODERATOR", hiddenById: moderator.id, hiddenReason: "Confirmé" });
    const later = await reportContent(t.db, {
      actor: second,
      slug: c.slug,
      input: { targetKind: kind, targetId: id, reason: "OTHER" },
    });
    await dismissReport(t.db, { actor: moderator, slug: c.slug, reportId: later.id });
    expect((await hidingOf(kind, id)).hiddenAt).not.toBeNull();
  });
});

describe("profiles", () => {
  it("are reported, never hidden, and their reports are answered by bulk actions", async () => {
    const c = await community({ roles: ["MEMBER", "MEMBER", "MODERATOR"], autoHideAfterReports: 1 });
    const [person, reporter, moderator] = c.people as [TestPerson, TestPerson, TestPerson];
    const report = await reportContent(t.db, {
      actor: reporter,
      slug: c.slug,
      input: { targetKind: "PROFILE", targetId: person.id, reason: "ABUSE" },
    });
    expect(await t.db.report.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ targetAuthorId: person.id });
    // The charter's threshold is reached, but a profile has nothing to hide.
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "moderation.hidden" } })).toBe(0);
    expect(
      await rejection(
        hideContent(t.db, {
          actor: moderator,
          slug: c.slug,
          input: { targetKind: "PROFILE", targetId: person.id, reason: "Non" },
        }),
      ),
    ).toMatchObject({ status: 400, field: "targetKind" });
    // Someone who is not a member is no profile of this community.
    const outsider = await createPerson(t.db);
    expect(
      await rejection(
        reportContent(t.db, {
          actor: reporter,
          slug: c.slug,
          input: { targetKind: "PROFILE", targetId: outsider.id, reason: "SPAM" },
        }),
      ),
    ).toMatchObject({ status: 404, code: "target_not_found" });
    const result = await moderateInBulk(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { op: "hide", reportIds: [report.id], reason: "Profil abusif" },
    });
    expect(result).toEqual({ reports: 1, hidden: 0, sanctioned: 0, skipped: 0 });
    expect(await t.db.report.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ state: "ACTIONED" });
  });
});

describe("bulk actions across kinds", () => {
  it("hides one reported item of every kind in one call, each stored as the moderator's", async () => {
    const c = await community({ roles: ["MEMBER", "MEMBER", "MODERATOR"], autoHideAfterReports: 0 });
    const [author, reporter, moderator] = c.people as [TestPerson, TestPerson, TestPerson];
    const items = new Map<ReportTargetKind, string>();
    const reportIds: string[] = [];
    for (const kind of [...hideableKinds, "PROFILE"] as const) {
      const id = await itemOf(kind, c, author);
      items.set(kind, id);
      const report = await reportContent(t.db, {
        actor: reporter,
        slug: c.slug,
        input: { targetKind: kind, targetId: id, reason: "SPAM" },
      });
      reportIds.push(report.id);
    }
    const result = await moderateInBulk(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { op: "hide", reportIds, reason: "Vague de spam" },
    });
    expect(result).toEqual({ reports: 5, hidden: 4, sanctioned: 0, skipped: 0 });
    for (const kind of hideableKinds) {
      expect(await hidingOf(kind, items.get(kind)!), kind).toMatchObject({
        hiddenBy: "MODERATOR",
        hiddenById: moderator.id,
        hiddenReason: "Vague de spam",
      });
    }
    expect(await t.db.report.count({ where: { id: { in: reportIds }, state: "ACTIONED" } })).toBe(5);
    expect(
      await t.db.auditEntry.count({ where: { communityId: c.id, action: "moderation.hidden", actorId: moderator.id } }),
    ).toBe(4);
    // The reporter hears once for the whole call.
    expect(await t.db.notification.count({ where: { userId: reporter.id, kind: "report.decided" } })).toBe(1);
  });

  it("dismissing in bulk undoes the automatic hidings of every kind and leaves a moderator's", async () => {
    const c = await community({ roles: ["MEMBER", "MEMBER", "MODERATOR"], autoHideAfterReports: 1 });
    const [author, reporter, moderator] = c.people as [TestPerson, TestPerson, TestPerson];
    const automatic = new Map<HideableKind, string>();
    const reportIds: string[] = [];
    for (const kind of hideableKinds) {
      const id = await itemOf(kind, c, author);
      automatic.set(kind, id);
      reportIds.push(
        (await reportContent(t.db, { actor: reporter, slug: c.slug, input: { targetKind: kind, targetId: id, reason: "SPAM" } }))
          .id,
      );
      expect((await hidingOf(kind, id)).hiddenBy, kind).toBe("AUTOMATIC");
    }
    const byModerator = await itemOf("COMMONS", c, author);
    await hideContent(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { targetKind: "COMMONS", targetId: byModerator, reason: "Doublon" },
    });
    reportIds.push(
      (
        await reportContent(t.db, {
          actor: reporter,
          slug: c.slug,
          input: { targetKind: "COMMONS", targetId: byModerator, reason: "OFF_TOPIC" },
        })
      ).id,
    );

    const result = await moderateInBulk(t.db, { actor: moderator, slug: c.slug, input: { op: "dismiss", reportIds } });
    expect(result).toEqual({ reports: 5, hidden: 0, sanctioned: 0, skipped: 0 });
    for (const [kind, id] of automatic) expect(await hidingOf(kind, id), kind).toEqual(visible);
    expect(await hidingOf("COMMONS", byModerator)).toMatchObject({ hiddenBy: "MODERATOR", hiddenById: moderator.id });
  });
});

describe("the queue's description of each kind", () => {
  it("names the kind by key, quotes the item, links to it, says whether and how it is hidden, within the community", async () => {
    const c = await community({ roles: ["MEMBER", "MEMBER", "MODERATOR"], autoHideAfterReports: 1 });
    const [author, reporter, moderator] = c.people as [TestPerson, TestPerson, TestPerson];
    const other = await community({ roles: ["MEMBER"], autoHideAfterReports: 0 });
    const ids = new Map<ReportTargetKind, string>();
    for (const kind of [...hideableKinds, "PROFILE"] as const) ids.set(kind, await itemOf(kind, c, author));
    await reportContent(t.db, {
      actor: reporter,
      slug: c.slug,
      input: { targetKind: "PROPOSAL", targetId: ids.get("PROPOSAL")!, reason: "SPAM" },
    });
    await hideContent(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: ids.get("COMMENT")!, reason: "Insulte" },
    });
    const foreign = await itemOf("PROPOSAL", other, other.people[0]!);
    const items = [...ids].map(([targetKind, targetId]) => ({ targetKind, targetId, targetAuthorId: author.id }));
    items.push({ targetKind: "PROPOSAL", targetId: foreign, targetAuthorId: other.people[0]!.id });

    const { targets, authors, key } = await describeTargets(t.db, { communityId: c.id, communitySlug: c.slug, items });
    const of = (kind: ReportTargetKind) => targets.get(key(kind, ids.get(kind)!));
    expect(of("PROPOSAL")).toMatchObject({
      exists: true,
      labelKey: "modui.kinds.PROPOSAL",
      title: "Achetez mes montres",
      excerpt: "Texte de la proposition.",
      href: `/proposals/${ids.get("PROPOSAL")}`,
      hideable: true,
      hidden: true,
      hiddenBy: "AUTOMATIC",
    });
    expect(of("COMMENT")).toMatchObject({
      labelKey: "modui.kinds.COMMENT",
      excerpt: "Un commentaire",
      hidden: true,
      hiddenBy: "MODERATOR",
    });
    expect(of("COMMENT")!.href).toMatch(/^\/proposals\/.+#comments-title$/);
    expect(of("COMMONS")).toMatchObject({ labelKey: "modui.kinds.COMMONS", title: "Cadastre", hidden: false, hiddenBy: null });
    expect(of("COMMONS")!.href).toMatch(new RegExp(`^/communities/${c.slug}/commons/`));
    expect(of("CONTRIBUTION")).toMatchObject({ labelKey: "modui.kinds.CONTRIBUTION", excerpt: "Du code" });
    expect(of("CONTRIBUTION")!.href).toMatch(/\/ledger$/);
    expect(of("PROFILE")).toMatchObject({ labelKey: "modui.kinds.PROFILE", hideable: false, href: `/people/${author.id}` });
    expect(of("PROFILE")!.title).toContain("Personne");
    // Another community's item is not described here.
    expect(targets.has(key("PROPOSAL", foreign))).toBe(false);
    expect(authors.get(author.id)).toContain("Personne");
  });
});
