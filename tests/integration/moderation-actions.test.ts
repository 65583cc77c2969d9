/**
 * Moderation actions against a real PostgreSQL: hiding and restoring each kind of content (policy,
 * audit, reports answered, reporters notified, author still reads it), a spam wave of fifty comments
 * hidden and their authors sanctioned in one bulk call, sanctions by date with field errors, the
 * appeal deadline, the per-person rate limits (429, nothing stored beyond the limit), the public
 * moderation log, and the four API endpoints.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MemberRole } from "@/lib/generated/prisma/enums";
import { bindRoute } from "@/lib/api/handle";
import type { ApiRoute } from "@/lib/api/route";
import {
  appealSanctionRoute,
  createReportRoute,
  moderationActionRoute,
  moderationQueueRoute,
} from "@/lib/api/v1/routes/moderation";
import { createApiToken } from "@/lib/tokens/create-token";
import { createCommunity } from "@/lib/communities/create-community";
import { createProposal } from "@/lib/proposals/create-proposal";
import { addComment, listComments } from "@/lib/proposals/comments";
import { listProposals } from "@/lib/proposals/queries";
import { startDiscussion } from "@/lib/proposals/lifecycle";
import { reportContent } from "@/lib/moderation/reports";
import { hideContent, restoreContent } from "@/lib/moderation/hide";
import { moderateInBulk } from "@/lib/moderation/bulk";
import { sanction } from "@/lib/moderation/sanctions";
import { appeal } from "@/lib/moderation/appeals";
import { listModerationLog } from "@/lib/moderation/log";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

const APP_URL = "http://localhost:3000";
const DAY = 24 * 60 * 60 * 1000;
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});
afterEach(() => {
  delete process.env.RATE_LIMIT_COMMENTS_PER_HOUR;
  delete process.env.RATE_LIMIT_REPORTS_PER_HOUR;
  delete process.env.RATE_LIMIT_PROPOSALS_PER_HOUR;
});

async function community(roles: MemberRole[] = []) {
  const owner = await createPerson(t.db);
  const slug = unique("modact").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Modération active",
      slug,
      summary: "Une communauté modérée.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  const people: TestPerson[] = [];
  for (const role of roles) people.push(await joinAs(id, role));
  return { id, slug, owner, people };
}

async function joinAs(communityId: string, role: MemberRole = "MEMBER") {
  const person = await createPerson(t.db);
  await t.db.membership.create({ data: { communityId, userId: person.id, college: "PUBLIC", status: "ACTIVE", role } });
  return person;
}

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: { status: number; code: string; messageKey: string; field?: string }) => error,
  );
}

const proposalBy = async (slug: string, author: TestPerson) =>
  (
    await createProposal(t.db, {
      actor: author,
      slug,
      input: { kind: "GENERAL", title: "Une proposition à discuter", body: "Texte.", method: "THRESHOLD" },
    })
  ).id;

describe("hiding and restoring", () => {
  it("hides a comment with a reason, answers its reports, tells the reporter, and restores it", async () => {
    const c = await community(["MODERATOR", "MEMBER", "MEMBER"]);
    const [moderator, author, reporter] = c.people as [TestPerson, TestPerson, TestPerson];
    const proposalId = await proposalBy(c.slug, c.owner);
    const comment = await addComment(t.db, { actor: author, proposalId, input: { body: "Achetez mes montres !" } });
    await reportContent(t.db, {
      actor: reporter,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "SPAM" },
    });

    // Members may not hide; nothing changes.
    expect(
      (
        await rejection(
          hideContent(t.db, {
            actor: reporter,
            slug: c.slug,
            input: { targetKind: "COMMENT", targetId: comment.id, reason: "Spam" },
          }),
        )
      ).status,
    ).toBe(403);
    // A reason is required, at the field.
    const noReason = await rejection(
      hideContent(t.db, { actor: moderator, slug: c.slug, input: { targetKind: "COMMENT", targetId: comment.id, reason: " " } }),
    );
    expect(noReason).toMatchObject({ status: 400, field: "reason", messageKey: "moderation.errors.hideReasonRequired" });

    await hideContent(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "Publicité" },
    });
    const row = await t.db.proposalComment.findUniqueOrThrow({ where: { id: comment.id } });
    expect(row.hiddenAt).not.toBeNull();
    expect(row.hiddenReason).toBe("Publicité");
    expect(row.hiddenById).toBe(moderator.id);
    expect(row.hiddenBy).toBe("MODERATOR");
    expect(await t.db.report.findMany({ where: { targetId: comment.id }, select: { state: true } })).toEqual([
      { state: "ACTIONED" },
    ]);
    const told = await t.db.notification.findMany({ where: { userId: reporter.id, kind: "report.decided" } });
    expect(told).toHaveLength(1);
    expect(JSON.stringify(told[0]!.data)).not.toContain(author.id);
    expect(
      await t.db.auditEntry.count({ where: { communityId: c.id, action: "moderation.hidden", actorId: moderator.id } }),
    ).toBe(1);

    // The author still reads it with the reason; other members do not read the text.
    const asAuthor = (await listComments(t.db, { actor: author, proposalId })).find((x) => x.id === comment.id)!;
    expect(asAuthor).toMatchObject({ hidden: true, body: "Achetez mes montres !", hiddenReason: "Publicité" });
    const asMember = (await listComments(t.db, { actor: reporter, proposalId })).find((x) => x.id === comment.id)!;
    expect(asMember).toMatchObject({ hidden: true, body: null, hiddenReason: null });

    // Hiding twice: 409; restoring brings it back, once.
    expect(
      (
        await rejection(
          hideContent(t.db, {
            actor: moderator,
            slug: c.slug,
            input: { targetKind: "COMMENT", targetId: comment.id, reason: "Encore" },
          }),
        )
      ).status,
    ).toBe(409);
    await restoreContent(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "Erreur de ma part" },
    });
    expect(await t.db.proposalComment.findUniqueOrThrow({ where: { id: comment.id } })).toMatchObject({
      hiddenAt: null,
      hiddenBy: null,
      hiddenById: null,
      hiddenReason: null,
    });
    expect(
      (
        await rejection(
          restoreContent(t.db, {
            actor: moderator,
            slug: c.slug,
            input: { targetKind: "COMMENT", targetId: comment.id, reason: "Encore" },
          }),
        )
      ).status,
    ).toBe(409);
    expect(
      await t.db.auditEntry.count({ where: { communityId: c.id, action: "moderation.restored", actorId: moderator.id } }),
    ).toBe(1);
  });

  it("hides proposals, commons and contributions of the community only", async () => {
    const c = await community(["MODERATOR", "MEMBER"]);
    const [moderator, member] = c.people as [TestPerson, TestPerson];
    const other = await community();
    const proposalId = await proposalBy(c.slug, member);
    // Put to discussion: a draft is its author's alone (lib/policy/scopes.ts), hidden or not.
    await startDiscussion(t.db, { actor: member, proposalId });
    const foreign = await proposalBy(other.slug, other.owner);
    const commons = await t.db.commons.create({
      data: {
        communityId: c.id,
        slug: unique("cm").toLowerCase(),
        title: "Cadastre",
        summary: "Un commun",
        kind: "DATASET",
        licence: "ODbL-1.0",
        proposerId: member.id,
      },
    });
    const contribution = await t.db.contribution.create({
      data: { commonsId: commons.id, authorId: member.id, type: "CODE", description: "Du code", date: new Date() },
    });
    for (const [targetKind, targetId] of [
      ["PROPOSAL", proposalId],
      ["COMMONS", commons.id],
      ["CONTRIBUTION", contribution.id],
    ] as const) {
      const { authorId } = await hideContent(t.db, {
        actor: moderator,
        slug: c.slug,
        input: { targetKind, targetId, reason: "Hors charte" },
      });
      expect(authorId).toBe(member.id);
    }
    expect(await t.db.proposal.findUniqueOrThrow({ where: { id: proposalId } })).toMatchObject({
      hiddenReason: "Hors charte",
      hiddenBy: "MODERATOR",
      hiddenById: moderator.id,
    });
    // Hidden proposals leave the list, except for moderators and their author.
    const reader = await joinAs(c.id);
    const listed = async (actor: TestPerson) => (await listProposals(t.db, { actor, slug: c.slug })).data.map((p) => p.id);
    expect(await listed(reader)).not.toContain(proposalId);
    expect(await listed(member)).toContain(proposalId);
    expect(await listed(moderator)).toContain(proposalId);
    expect((await t.db.commons.findUniqueOrThrow({ where: { id: commons.id } })).hiddenAt).not.toBeNull();
    expect((await t.db.contribution.findUniqueOrThrow({ where: { id: contribution.id } })).hiddenAt).not.toBeNull();
    expect(await t.db.commons.findUniqueOrThrow({ where: { id: commons.id } })).toMatchObject({
      hiddenBy: "MODERATOR",
      hiddenById: moderator.id,
    });
    expect(await t.db.contribution.findUniqueOrThrow({ where: { id: contribution.id } })).toMatchObject({
      hiddenBy: "MODERATOR",
      hiddenById: moderator.id,
    });
    // Another community's proposal is unknown here.
    const outside = await rejection(
      hideContent(t.db, {
        actor: moderator,
        slug: c.slug,
        input: { targetKind: "PROPOSAL", targetId: foreign, reason: "Hors charte" },
      }),
    );
    expect(outside.status).toBe(404);
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id: foreign } })).hiddenAt).toBeNull();
  });
});

describe("bulk actions", () => {
  it("clears a spam wave of fifty comments and sanctions their authors in one call", async () => {
    const c = await community(["MODERATOR", "MEMBER"]);
    const [moderator, reporter] = c.people as [TestPerson, TestPerson];
    const proposalId = await proposalBy(c.slug, c.owner);
    const spammers = await Promise.all(Array.from({ length: 5 }, () => joinAs(c.id)));
    const reportIds: string[] = [];
    for (let i = 0; i < 50; i++) {
      const author = spammers[i % spammers.length]!;
      const comment = await t.db.proposalComment.create({ data: { proposalId, authorId: author.id, body: `Spam ${i}` } });
      const report = await t.db.report.create({
        data: {
          communityId: c.id,
          reporterId: reporter.id,
          targetKind: "COMMENT",
          targetId: comment.id,
          targetAuthorId: author.id,
          reason: "SPAM",
        },
      });
      reportIds.push(report.id);
    }
    // A bad call stores nothing.
    const missingReason = await rejection(
      moderateInBulk(t.db, { actor: moderator, slug: c.slug, input: { op: "hide", reportIds, reason: "" } }),
    );
    expect(missingReason).toMatchObject({ status: 400, field: "reason" });
    const unknown = await rejection(
      moderateInBulk(t.db, {
        actor: moderator,
        slug: c.slug,
        input: { op: "hide", reportIds: [...reportIds.slice(0, 3), "nope"], reason: "Spam" },
      }),
    );
    expect(unknown.status).toBe(404);
    expect(await t.db.proposalComment.count({ where: { proposalId, hiddenAt: { not: null } } })).toBe(0);
    expect(
      (await rejection(moderateInBulk(t.db, { actor: reporter, slug: c.slug, input: { op: "hide", reportIds, reason: "Spam" } })))
        .status,
    ).toBe(403);

    const result = await moderateInBulk(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { op: "hideAndSanction", reportIds, reason: "Vague de spam" },
    });
    expect(result).toEqual({ reports: 50, hidden: 50, sanctioned: 5, skipped: 0 });
    expect(
      await t.db.proposalComment.count({ where: { proposalId, hiddenAt: { not: null }, hiddenReason: "Vague de spam" } }),
    ).toBe(50);
    expect(await t.db.proposalComment.count({ where: { proposalId, hiddenBy: "MODERATOR", hiddenById: moderator.id } })).toBe(50);
    expect(await t.db.report.count({ where: { id: { in: reportIds }, state: "ACTIONED" } })).toBe(50);
    // The ladder's first step for each author, their reports linked to it.
    const sanctions = await t.db.sanction.findMany({ where: { communityId: c.id } });
    expect(sanctions).toHaveLength(5);
    expect(sanctions.every((s) => s.kind === "WARNING" && !s.departedFromLadder && s.byId === moderator.id)).toBe(true);
    expect(await t.db.report.count({ where: { id: { in: reportIds }, sanctionId: { not: null } } })).toBe(50);
    // One audit entry per item and per sanction; every author told.
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "moderation.hidden" } })).toBe(50);
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "moderation.warned" } })).toBe(5);
    expect(
      await t.db.notification.count({ where: { kind: "sanction.received", userId: { in: spammers.map((s) => s.id) } } }),
    ).toBe(5);

    // The reporter of the whole wave is told once, not fifty times.
    expect(await t.db.notification.count({ where: { userId: reporter.id, kind: "report.decided" } })).toBe(1);

    // Acting again on decided reports changes nothing.
    const again = await moderateInBulk(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { op: "hideAndSanction", reportIds, reason: "Encore" },
    });
    expect(again).toEqual({ reports: 0, hidden: 0, sanctioned: 0, skipped: 0 });
    expect(await t.db.sanction.count({ where: { communityId: c.id } })).toBe(5);
  });

  it("skips authors who cannot be sanctioned but still hides their content", async () => {
    const c = await community(["MODERATOR", "MODERATOR", "MEMBER"]);
    const [moderator, colleague, reporter] = c.people as [TestPerson, TestPerson, TestPerson];
    const proposalId = await proposalBy(c.slug, c.owner);
    const comment = await t.db.proposalComment.create({ data: { proposalId, authorId: colleague.id, body: "Message" } });
    const report = await reportContent(t.db, {
      actor: reporter,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "OFF_TOPIC" },
    });
    const result = await moderateInBulk(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { op: "hideAndSanction", reportIds: [report.id], reason: "Hors sujet" },
    });
    expect(result).toEqual({ reports: 1, hidden: 1, sanctioned: 0, skipped: 1 });
    expect(await t.db.sanction.count({ where: { communityId: c.id } })).toBe(0);
  });
});

describe("sanction form rules", () => {
  it("suspends until a date following the ladder, and refuses a past date, oneself, an administrator, a non-member", async () => {
    const c = await community(["MODERATOR", "MEMBER", "ADMIN"]);
    const [moderator, member, admin] = c.people as [TestPerson, TestPerson, TestPerson];
    const outsider = await createPerson(t.db);
    const now = new Date("2030-03-10T09:00:00Z");
    const base = { kind: "SUSPENSION" as const, reason: "Propos injurieux" };
    const cases = [
      [{ ...base, userId: member.id, until: "2030-03-01", departureReason: "Récidive" }, "until", "moderation.errors.untilPast"],
      [
        { ...base, userId: moderator.id, until: "2030-03-17", departureReason: "x" },
        "userId",
        "moderation.errors.cannotSanctionSelf",
      ],
      [{ ...base, userId: admin.id, until: "2030-03-17", departureReason: "x" }, "userId", "moderation.errors.notSanctionable"],
      [{ ...base, userId: outsider.id, until: "2030-03-17", departureReason: "x" }, "userId", "moderation.errors.notMember"],
      [{ ...base, userId: member.id, until: "pas une date", departureReason: "x" }, "until", "moderation.errors.invalidDate"],
    ] as const;
    for (const [input, field, messageKey] of cases) {
      const error = await rejection(sanction(t.db, { actor: moderator, slug: c.slug, now, ...input }));
      expect(error, messageKey).toMatchObject({ field, messageKey });
    }
    expect(await t.db.sanction.count({ where: { communityId: c.id } })).toBe(0);

    // First step is a warning: a suspension departs from it, with a reason.
    const warned = await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      now,
      userId: member.id,
      kind: "WARNING",
      reason: "Premier écart",
    });
    expect(warned.departedFromLadder).toBe(false);
    // Second step: 7 days; the date one week later is exactly the ladder's step.
    const suspended = await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      now,
      ...base,
      userId: member.id,
      until: "2030-03-17",
    });
    expect(suspended).toMatchObject({ kind: "SUSPENSION", departedFromLadder: false });
    expect(suspended.until?.toISOString()).toBe("2030-03-17T00:00:00.000Z");
    const membership = await t.db.membership.findUniqueOrThrow({
      where: { communityId_userId: { communityId: c.id, userId: member.id } },
    });
    expect(membership).toMatchObject({ status: "SUSPENDED" });
  });

  it("refuses an appeal after 30 days, nothing stored", async () => {
    const c = await community(["MODERATOR", "MEMBER"]);
    const [moderator, member] = c.people as [TestPerson, TestPerson];
    const then = new Date(Date.now() - 31 * DAY);
    const s = await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      now: then,
      userId: member.id,
      kind: "WARNING",
      reason: "Écart",
    });
    const late = await rejection(
      appeal(t.db, { actor: member, slug: c.slug, input: { sanctionId: s.id, text: "Je conteste cette sanction." } }),
    );
    expect(late).toMatchObject({ status: 409, code: "appeal_deadline" });
    expect(await t.db.appeal.count({ where: { sanctionId: s.id } })).toBe(0);
  });
});

describe("rate limits", () => {
  it("answers 429 beyond the hourly limit on comments, reports and proposals, and stores nothing more", async () => {
    process.env.RATE_LIMIT_COMMENTS_PER_HOUR = "3";
    process.env.RATE_LIMIT_REPORTS_PER_HOUR = "2";
    process.env.RATE_LIMIT_PROPOSALS_PER_HOUR = "2";
    const c = await community(["MEMBER", "MEMBER"]);
    const [member, reporter] = c.people as [TestPerson, TestPerson];
    const proposalId = await proposalBy(c.slug, c.owner);
    for (let i = 0; i < 3; i++) await addComment(t.db, { actor: member, proposalId, input: { body: `Commentaire ${i}` } });
    const tooMany = await rejection(addComment(t.db, { actor: member, proposalId, input: { body: "Un de trop" } }));
    expect(tooMany).toMatchObject({ status: 429, code: "rate_limited", messageKey: "errors.rateLimited" });
    expect(await t.db.proposalComment.count({ where: { proposalId, authorId: member.id } })).toBe(3);
    // Someone else still comments: the limit is per person.
    await addComment(t.db, { actor: reporter, proposalId, input: { body: "Moi aussi" } });

    const comments = await t.db.proposalComment.findMany({ where: { authorId: member.id }, select: { id: true } });
    for (const comment of comments.slice(0, 2)) {
      await reportContent(t.db, {
        actor: reporter,
        slug: c.slug,
        input: { targetKind: "COMMENT", targetId: comment.id, reason: "SPAM" },
      });
    }
    const third = await rejection(
      reportContent(t.db, {
        actor: reporter,
        slug: c.slug,
        input: { targetKind: "COMMENT", targetId: comments[2]!.id, reason: "SPAM" },
      }),
    );
    expect(third.status).toBe(429);
    expect(await t.db.report.count({ where: { reporterId: reporter.id } })).toBe(2);

    await proposalBy(c.slug, member);
    await proposalBy(c.slug, member);
    expect((await rejection(proposalBy(c.slug, member))).status).toBe(429);
    expect(await t.db.proposal.count({ where: { authorId: member.id } })).toBe(2);
  });
});

describe("moderation log", () => {
  it("tells what was done and under which rule, never who reported nor what was hidden", async () => {
    const c = await community(["MODERATOR", "MEMBER", "MEMBER"]);
    const [moderator, author, reporter] = c.people as [TestPerson, TestPerson, TestPerson];
    const proposalId = await proposalBy(c.slug, c.owner);
    const comment = await addComment(t.db, { actor: author, proposalId, input: { body: "Texte secret insultant" } });
    await reportContent(t.db, {
      actor: reporter,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "ABUSE", comment: "Signalé par moi" },
    });
    await hideContent(t.db, {
      actor: moderator,
      slug: c.slug,
      input: { targetKind: "COMMENT", targetId: comment.id, reason: "Insulte" },
    });
    await sanction(t.db, {
      actor: moderator,
      slug: c.slug,
      userId: author.id,
      kind: "WARNING",
      reason: "Insulte",
      ruleReference: "Règle 3",
    });
    const { entries } = await listModerationLog(t.db, { actor: reporter, slug: c.slug });
    expect(entries.map((e) => e.action)).toEqual(["warned", "hidden", "reported"]);
    expect(entries[0]).toMatchObject({ rule: "Règle 3" });
    const text = JSON.stringify(entries);
    for (const secret of [reporter.id, author.id, moderator.id, "Texte secret", "Signalé par moi"])
      expect(text).not.toContain(secret);
  });
});

describe("moderation API", () => {
  function call(
    route: ApiRoute,
    { path, params = {}, secret, body }: { path: string; params?: Record<string, string>; secret?: string; body?: unknown },
  ) {
    const handler = bindRoute(route, () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session" }));
    const headers: Record<string, string> = { "accept-language": "fr" };
    if (secret) headers.authorization = `Bearer ${secret}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const request = new Request(`${APP_URL}${path}`, {
      method: route.method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return handler(request, { params: Promise.resolve(params) });
  }
  const tokenOf = async (person: TestPerson) =>
    (await createApiToken(t.db, { userId: person.id, input: { name: "script", scopes: ["read", "write"] } })).secret;

  it("reports, lists the queue, hides and sanctions, restores, and appeals", async () => {
    const c = await community(["MODERATOR", "MEMBER", "MEMBER"]);
    const [moderator, author, reporter] = c.people as [TestPerson, TestPerson, TestPerson];
    const [modKey, authorKey, reporterKey] = await Promise.all([tokenOf(moderator), tokenOf(author), tokenOf(reporter)]);
    const proposalId = await proposalBy(c.slug, c.owner);
    const comment = await addComment(t.db, { actor: author, proposalId, input: { body: "Spam spam" } });

    const body = { community: c.slug, targetKind: "COMMENT", targetId: comment.id, reason: "SPAM", comment: "Pub" };
    const created = await call(createReportRoute, { path: "/api/v1/reports", secret: reporterKey, body });
    expect(created.status).toBe(201);
    const receipt = (await created.json()) as { id: string; state: string };
    expect(receipt.state).toBe("OPEN");
    expect(JSON.stringify(receipt)).not.toContain(author.id);
    const twice = await call(createReportRoute, { path: "/api/v1/reports", secret: reporterKey, body });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { code: string }).code).toBe("already_reported");
    const bad = await call(createReportRoute, {
      path: "/api/v1/reports",
      secret: reporterKey,
      body: { ...body, reason: "NOPE" },
    });
    expect(bad.status).toBe(400);

    const queuePath = `/api/v1/communities/${c.slug}/moderation/queue`;
    const forbidden = await call(moderationQueueRoute, { path: queuePath, params: { slug: c.slug }, secret: reporterKey });
    expect(forbidden.status).toBe(403);
    const queue = await call(moderationQueueRoute, { path: `${queuePath}?state=OPEN`, params: { slug: c.slug }, secret: modKey });
    expect(queue.status).toBe(200);
    const page = (await queue.json()) as { data: { id: string; targetAuthorId: string }[]; nextCursor: string | null };
    expect(page.data.map((i) => i.id)).toEqual([receipt.id]);
    expect(JSON.stringify(page)).not.toContain(reporter.id);

    const acted = await call(moderationActionRoute, {
      path: "/api/v1/moderation/actions",
      secret: modKey,
      body: { action: "hideAndSanction", community: c.slug, reportIds: [receipt.id], reason: "Spam" },
    });
    expect(acted.status).toBe(200);
    expect(await acted.json()).toMatchObject({ action: "hideAndSanction", reports: 1, hidden: 1, sanctioned: 1 });

    const restored = await call(moderationActionRoute, {
      path: "/api/v1/moderation/actions",
      secret: modKey,
      body: {
        action: "restore",
        community: c.slug,
        targetKind: "COMMENT",
        targetId: comment.id,
        reason: "Finalement acceptable",
      },
    });
    expect(restored.status).toBe(200);

    const selfSanction = await call(moderationActionRoute, {
      path: "/api/v1/moderation/actions",
      secret: modKey,
      body: { action: "sanction", community: c.slug, userId: moderator.id, kind: "WARNING", reason: "Moi-même" },
    });
    expect(selfSanction.status).toBe(403);
    expect(((await selfSanction.json()) as { code: string }).code).toBe("cannot_sanction_self");

    const sanctionId = (await t.db.sanction.findFirstOrThrow({ where: { communityId: c.id, userId: author.id } })).id;
    const appealPath = `/api/v1/sanctions/${sanctionId}/appeal`;
    const notMine = await call(appealSanctionRoute, {
      path: appealPath,
      params: { id: sanctionId },
      secret: reporterKey,
      body: { text: "Ce n'est pas moi, vraiment." },
    });
    expect(notMine.status).toBe(404);
    const filed = await call(appealSanctionRoute, {
      path: appealPath,
      params: { id: sanctionId },
      secret: authorKey,
      body: { text: "Ce n'était pas du spam." },
    });
    expect(filed.status).toBe(201);
    expect(await filed.json()).toMatchObject({ state: "PENDING" });
    const again = await call(appealSanctionRoute, {
      path: appealPath,
      params: { id: sanctionId },
      secret: authorKey,
      body: { text: "Ce n'était pas du spam." },
    });
    expect(again.status).toBe(409);
  });

  it("answers 429 with Retry-After beyond the reporting limit", async () => {
    process.env.RATE_LIMIT_REPORTS_PER_HOUR = "1";
    const c = await community(["MEMBER", "MEMBER"]);
    const [author, reporter] = c.people as [TestPerson, TestPerson];
    const key = await tokenOf(reporter);
    const proposalId = await proposalBy(c.slug, c.owner);
    const first = await addComment(t.db, { actor: author, proposalId, input: { body: "Un" } });
    const second = await addComment(t.db, { actor: author, proposalId, input: { body: "Deux" } });
    const report = (targetId: string) =>
      call(createReportRoute, {
        path: "/api/v1/reports",
        secret: key,
        body: { community: c.slug, targetKind: "COMMENT", targetId, reason: "SPAM" },
      });
    expect((await report(first.id)).status).toBe(201);
    const limited = await report(second.id);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await limited.json()) as { code: string }).code).toBe("rate_limited");
    expect(await t.db.report.count({ where: { reporterId: reporter.id } })).toBe(1);
  });
});
