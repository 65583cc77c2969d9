/**
 * Notifications against a real PostgreSQL and a real SMTP receiver: preferences (including "off"
 * and kinds that cannot be switched off), domain events delivered once by two overlapping workers,
 * the daily digest (grouping, once a day, never empty), signed unsubscribe links, List-Unsubscribe
 * headers at the SMTP receiver, and the hooks in proposals, comments and memberships.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { notify } from "@/lib/notifications/notify";
import { deliverPendingEvents } from "@/lib/notifications/deliver-events";
import { sendDailyDigests } from "@/lib/notifications/digest";
import { getPreferences, savePreferences } from "@/lib/notifications/preferences";
import { listNotifications, markRead, unreadCount } from "@/lib/notifications/inbox";
import { setFollow } from "@/lib/follows/follows";
import { findMentions, notifyCommonsUpdated } from "@/lib/notifications/hooks";
import { unsubscribeByLink, unsubscribeSignature, unsubscribeUrl, verifyUnsubscribe } from "@/lib/notifications/unsubscribe";
import { decodeCursor } from "@/lib/core/pagination";
import { openVoting } from "@/lib/votes/open-voting";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { emitClosingSoonEvents } from "@/lib/events/closing-soon";
import { addComment } from "@/lib/proposals/comments";
import { startDiscussion } from "@/lib/proposals/lifecycle";
import { decideMembershipRequest, joinCommunity } from "@/lib/communities/membership";
import { createTransport, deliverBatch } from "@/lib/mail/worker";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp-receiver";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

const HOUR = 3600 * 1000;
let t: TestDatabase;
let smtp: SmtpReceiver;
beforeAll(async () => {
  t = await createTestDatabase();
  smtp = await startSmtpReceiver();
});
afterAll(async () => {
  await smtp.stop();
  await t.drop();
});
beforeEach(() => smtp.clear());

async function community({
  visibility = "PUBLIC",
  joinPolicy = "OPEN",
}: { visibility?: "PUBLIC" | "MEMBERS"; joinPolicy?: "OPEN" | "ON_REQUEST" } = {}) {
  const slug = unique("notif").toLowerCase();
  return t.db.community.create({
    data: { slug, name: `Communauté ${slug}`, summary: "Pour les notifications.", visibility, joinPolicy },
    select: { id: true, slug: true, name: true },
  });
}

async function member(communityId: string, person?: TestPerson, role: "MEMBER" | "ADMIN" = "MEMBER") {
  const p = person ?? (await createPerson(t.db));
  await t.db.membership.create({ data: { communityId, userId: p.id, status: "ACTIVE", college: "PUBLIC", role } });
  return p;
}

async function proposal(communityId: string, authorId: string) {
  return t.db.proposal.create({
    data: { communityId, authorId, title: unique("Proposition"), method: "THRESHOLD", threshold: "simple" },
    select: { id: true, title: true },
  });
}

const rowsOf = (userId: string, kind?: string) =>
  t.db.notification.findMany({ where: { userId, ...(kind ? { kind } : {}) }, orderBy: { createdAt: "asc" } });
const outboxFor = (email: string) => t.db.outboxEmail.findMany({ where: { to: email } });

describe("notify and preferences", () => {
  it("follows each person's choice: default digest, email at once in their language, in-app, off", async () => {
    const [byDefault, byEmail, inApp, off] = await Promise.all([1, 2, 3, 4].map(() => createPerson(t.db)));
    await t.db.user.update({ where: { id: byEmail!.id }, data: { locale: "en" } });
    await savePreferences(t.db, {
      userId: byEmail!.id,
      input: { preferences: [{ kind: "proposal.created", channel: "EMAIL" }] },
    });
    await savePreferences(t.db, { userId: inApp!.id, input: { preferences: [{ kind: "proposal.created", channel: "IN_APP" }] } });
    await savePreferences(t.db, { userId: off!.id, input: { preferences: [{ kind: "proposal.created", channel: "OFF" }] } });

    await notify(t.db, {
      userIds: [byDefault!.id, byEmail!.id, inApp!.id, off!.id, byEmail!.id],
      kind: "proposal.created",
      data: { title: "Cadastre solaire", path: "/proposals/x", communityName: "Bâti" },
    });

    expect((await rowsOf(byDefault!.id)).map((r) => [r.channel, r.emailedAt])).toEqual([["DIGEST", null]]);
    const emailed = await rowsOf(byEmail!.id);
    expect(emailed).toHaveLength(1);
    expect(emailed[0]!.channel).toBe("EMAIL");
    expect(emailed[0]!.emailedAt).not.toBeNull();
    expect((await rowsOf(inApp!.id)).map((r) => r.channel)).toEqual(["IN_APP"]);
    expect(await rowsOf(off!.id)).toHaveLength(0);

    expect(await outboxFor(byDefault!.email)).toHaveLength(0);
    expect(await outboxFor(inApp!.email)).toHaveLength(0);
    const [mail] = await outboxFor(byEmail!.email);
    expect(mail!.locale).toBe("en");
    expect(mail!.subject).toBe("New proposal in Bâti: “Cadastre solaire”");
    expect(mail!.html).toContain("Cadastre solaire");
    expect(mail!.text).toContain("http://localhost:3000/proposals/x");
    const headers = mail!.headers as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(headers["List-Unsubscribe"]).toMatch(/^<http:\/\/localhost:3000\/api\/unsubscribe\?u=.+&k=proposal\.created&s=.+>$/);
  });

  it("refuses a channel a kind does not allow, at its field, and stores nothing", async () => {
    const person = await createPerson(t.db);
    await expect(
      savePreferences(t.db, {
        userId: person.id,
        input: {
          preferences: [
            { kind: "proposal.result", channel: "OFF" },
            { kind: "sanction.received", channel: "OFF" },
          ],
        },
      }),
    ).rejects.toMatchObject({ fieldErrors: { "preferences.1.channel": "notifications.errors.channelNotAllowed" } });
    await expect(
      savePreferences(t.db, { userId: person.id, input: { preferences: [{ kind: "nope", channel: "EMAIL" }] } }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await t.db.notificationPreference.count({ where: { userId: person.id } })).toBe(0);
    // A row that somehow holds a forbidden channel is not obeyed: sanctions still arrive.
    await t.db.notificationPreference.create({ data: { userId: person.id, kind: "sanction.received", channel: "OFF" } });
    await notify(t.db, { userIds: [person.id], kind: "sanction.received", data: { title: "C", path: "/", sanction: "WARNING" } });
    expect((await rowsOf(person.id)).map((r) => r.channel)).toEqual(["EMAIL"]);
    const prefs = await getPreferences(t.db, person.id);
    expect(prefs.find((p) => p.kind === "sanction.received")?.channel).toBe("EMAIL");
    expect(prefs.find((p) => p.kind === "comment.reply")?.channel).toBe("IN_APP");
  });

  it("notifies nobody when the transaction that caused it rolls back", async () => {
    const person = await createPerson(t.db);
    await expect(
      t.db.$transaction(async (tx) => {
        await notify(tx, { userIds: [person.id], kind: "membership.decided", data: { title: "C", path: "/", accepted: true } });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await rowsOf(person.id)).toHaveLength(0);
    expect(await outboxFor(person.email)).toHaveLength(0);
  });
});

describe("emails at the SMTP receiver", () => {
  it("carry List-Unsubscribe and List-Unsubscribe-Post, text and HTML, and a working one-click link", async () => {
    const person = await createPerson(t.db);
    await notify(t.db, {
      userIds: [person.id],
      kind: "appeal.decided",
      data: { title: "Bâti", path: "/communities/bati", accepted: true, reason: "Erreur de modération" },
    });
    // Only this file's mail: deliver until the outbox is empty.
    while ((await deliverBatch(t.db, { transport: createTransport(smtp.url), from: "G <n@g.test>", maxAttempts: 3 })).sent > 0);
    const mail = await smtp.waitForMail((m) => m.to.includes(person.email));
    expect(mail.subject).toBe("Votre recours a été accepté : la sanction dans Bâti est levée");
    expect(mail.text).toContain("Erreur de modération");
    expect(mail.html).toContain("<a href=");
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const header = mail.headers["list-unsubscribe"] ?? "";
    const url = new URL(/<([^>]+)>/.exec(header)?.[1] ?? "http://x/");
    expect(url.pathname).toBe("/api/unsubscribe");
    expect(url.searchParams.get("u")).toBe(person.id);
    expect(url.searchParams.get("k")).toBe("appeal.decided");
    // The body's link leads to the confirmation page with the same signature.
    expect(mail.text).toContain(`/unsubscribe?u=${person.id}&k=appeal.decided&s=${url.searchParams.get("s")}`);
    // One click: appeals cannot be switched off, so they move to in-app only.
    const link = Object.fromEntries(url.searchParams);
    expect(await unsubscribeByLink(t.db, link)).toEqual({ ok: true, topic: "appeal.decided" });
    expect(
      await t.db.notificationPreference.findMany({ where: { userId: person.id }, select: { kind: true, channel: true } }),
    ).toEqual([{ kind: "appeal.decided", channel: "IN_APP" }]);
  });
});

describe("unsubscribe links", () => {
  it("refuse any tampering and change nothing", async () => {
    const [person, other] = [await createPerson(t.db), await createPerson(t.db)];
    const good = Object.fromEntries(new URL(unsubscribeUrl(person.id, "proposal.result")).searchParams);
    expect(verifyUnsubscribe(good)).toEqual({ userId: person.id, topic: "proposal.result" });
    const tampered = [
      { ...good, u: other.id },
      { ...good, k: "proposal.created" },
      { ...good, k: "digest" },
      { ...good, s: good.s!.slice(0, -1) + (good.s!.endsWith("A") ? "B" : "A") },
      { ...good, s: "" },
      { ...good, s: undefined },
      { ...good, k: "not.a.kind", s: unsubscribeSignature(person.id, "not.a.kind") },
      { ...good, s: unsubscribeSignature(person.id, "proposal.result", "another-secret-of-at-least-32-characters!") },
    ];
    for (const link of tampered) {
      expect(verifyUnsubscribe(link)).toBeNull();
      expect(await unsubscribeByLink(t.db, link)).toEqual({ ok: false });
    }
    expect(await t.db.notificationPreference.count({ where: { userId: { in: [person.id, other.id] } } })).toBe(0);
    // The genuine link works, and again harmlessly.
    expect(await unsubscribeByLink(t.db, good)).toEqual({ ok: true, topic: "proposal.result" });
    expect(await unsubscribeByLink(t.db, good)).toEqual({ ok: true, topic: "proposal.result" });
    expect((await getPreferences(t.db, person.id)).find((p) => p.kind === "proposal.result")?.channel).toBe("IN_APP");
  });
});

describe("daily digest", () => {
  // 09:00 in Paris on two consecutive days, and 05:00 (before the digest hour).
  const day1 = new Date("2030-03-04T08:00:00Z");
  const early = new Date("2030-03-05T04:00:00Z");
  const day2 = new Date("2030-03-05T08:00:00Z");

  it("groups a person's waiting notifications in one email a day, leaves out read ones, never sends an empty one", async () => {
    // Other cases of this file left digests waiting: out of the way, so the count below is this case's.
    await t.db.notification.updateMany({ where: { channel: "DIGEST", emailedAt: null }, data: { channel: "IN_APP" } });
    const person = await createPerson(t.db);
    const quiet = await createPerson(t.db);
    const data = (title: string) => ({ title, path: `/proposals/${title}`, communityName: "Bâti" });
    await notify(t.db, { userIds: [person.id, quiet.id], kind: "proposal.created", data: data("Alpha") });
    await notify(t.db, { userIds: [person.id], kind: "proposal.result", data: { ...data("Beta"), outcome: "ADOPTED" } });
    await notify(t.db, { userIds: [person.id], kind: "membership.requested", data: { ...data("Gamma"), requesterName: "Zoé" } });
    // Read in the app already: not worth an email (and `quiet` has nothing else: no digest at all).
    const gamma = (await rowsOf(person.id, "membership.requested"))[0]!;
    await markRead(t.db, { userId: person.id, input: { ids: [gamma.id] } });
    await markRead(t.db, { userId: quiet.id, input: { all: true } });

    // Two workers at once: one digest.
    const second = createDb(t.url, 4);
    try {
      const counts = await Promise.all([sendDailyDigests(t.db, day1), sendDailyDigests(second, day1)]);
      expect(counts[0] + counts[1]).toBe(1);
    } finally {
      await second.$disconnect();
    }
    const mails = await outboxFor(person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Votre résumé quotidien : 2 notifications");
    expect(mails[0]!.text).toContain("Alpha");
    expect(mails[0]!.text).toContain("Résultat du vote sur « Beta » : proposition adoptée");
    expect(mails[0]!.text).not.toContain("Gamma");
    expect((mails[0]!.headers as Record<string, string>)["List-Unsubscribe"]).toContain("k=digest");
    expect(await outboxFor(quiet.email)).toHaveLength(0);

    // Something new the same day waits for tomorrow, and not before the digest hour.
    await notify(t.db, { userIds: [person.id], kind: "proposal.created", data: data("Delta") });
    expect(await sendDailyDigests(t.db, new Date(day1.getTime() + 6 * HOUR))).toBe(0);
    expect(await sendDailyDigests(t.db, early)).toBe(0);
    // Arrived after day 2's digest hour (07:00 in Paris): tomorrow's digest.
    await notify(t.db, { userIds: [person.id], kind: "proposal.created", data: data("Epsilon") });
    await t.db.notification.updateMany({
      where: { userId: person.id, data: { path: ["title"], equals: "Epsilon" } },
      data: { createdAt: new Date("2030-03-05T07:30:00Z") },
    });
    expect(await sendDailyDigests(t.db, day2)).toBeGreaterThanOrEqual(1);
    const after = await outboxFor(person.email);
    expect(after).toHaveLength(2);
    const latest = after.find((m) => m.id !== mails[0]!.id)!;
    expect(latest.text).toContain("Delta");
    expect(latest.text).not.toContain("Alpha");
    expect(latest.text).not.toContain("Epsilon");
  });

  it("stops at once for a person who unsubscribed from the digest", async () => {
    const person = await createPerson(t.db);
    await notify(t.db, { userIds: [person.id], kind: "commons.updated", data: { title: "Plan", path: "/", status: "ADOPTED" } });
    const link = Object.fromEntries(new URL(unsubscribeUrl(person.id, "digest")).searchParams);
    expect(await unsubscribeByLink(t.db, link)).toEqual({ ok: true, topic: "digest" });
    await sendDailyDigests(t.db, new Date("2030-04-01T08:00:00Z"));
    expect(await outboxFor(person.email)).toHaveLength(0);
    expect((await getPreferences(t.db, person.id)).filter((p) => p.channel === "DIGEST")).toEqual([]);
  });
});

describe("domain events", () => {
  it("are delivered exactly once by two workers that really overlap", async () => {
    const c = await community();
    const author = await member(c.id);
    const electors = [author, await member(c.id), await member(c.id)];
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const p = await proposal(c.id, author.id);
      await openVoting(t.db, { proposalId: p.id, closesAt: new Date(Date.now() + 72 * HOUR) });
      ids.push(p.id);
    }
    const workerA = createDb(t.url, 4);
    const workerB = createDb(t.url, 4);
    try {
      // Worker A holds the first event's row lock while worker B runs: B must skip it, not wait, not take it.
      const [first] = await t.db.domainEvent.findMany({ where: { proposalId: { in: ids } }, orderBy: { createdAt: "asc" } });
      await workerA.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT "id" FROM "DomainEvent" WHERE "id" = ${first!.id} FOR UPDATE`;
        const deliveredByB = await deliverPendingEvents(workerB, { batchSize: 3 });
        expect(deliveredByB).toBe(3);
        const stillPending = await t.db.domainEvent.findUniqueOrThrow({ where: { id: first!.id } });
        expect(stillPending.deliveredAt).toBeNull();
      });
      // Then both race over what is left.
      const drain = async (db: Db) => {
        let n = 0;
        for (let k; (k = await deliverPendingEvents(db, { batchSize: 1 })) > 0;) n += k;
        return n;
      };
      const [a, b] = await Promise.all([drain(workerA), drain(workerB)]);
      expect(a + b).toBe(5);
    } finally {
      await workerA.$disconnect();
      await workerB.$disconnect();
    }
    expect(await t.db.domainEvent.count({ where: { proposalId: { in: ids }, deliveredAt: null } })).toBe(0);
    for (const elector of electors) {
      const rows = await rowsOf(elector.id, "proposal.votingOpened");
      expect(rows).toHaveLength(8);
      expect(new Set(rows.map((r) => (r.data as { path: string }).path)).size).toBe(8);
    }
  });

  it("reminds only the electors who have not voted, and tells members and followers the result", async () => {
    const c = await community();
    const author = await member(c.id);
    const voter = await member(c.id);
    const abstainer = await member(c.id);
    const follower = await createPerson(t.db);
    const stranger = await createPerson(t.db);
    const p = await proposal(c.id, author.id);
    await t.db.proposal.update({ where: { id: p.id }, data: { status: "DISCUSSION" } });
    await setFollow(t.db, { actor: follower, input: { targetKind: "PROPOSAL", targetId: p.id, follow: true } });
    const now = new Date();
    await openVoting(t.db, { proposalId: p.id, closesAt: new Date(now.getTime() + 5 * HOUR), now });
    await t.db.ballot.create({
      data: { proposalId: p.id, userId: voter.id, college: "PUBLIC", choice: { choice: "for" }, receipt: unique("R") },
    });
    await t.db.ballot.create({
      data: {
        proposalId: p.id,
        userId: author.id,
        college: "PUBLIC",
        choice: { choice: "for" },
        receipt: unique("R"),
        withdrawnAt: new Date(),
      },
    });
    expect(await emitClosingSoonEvents(t.db, now)).toBeGreaterThanOrEqual(1);
    while ((await deliverPendingEvents(t.db)) > 0);
    const reminded = await t.db.notification.findMany({
      where: { kind: "proposal.closingSoon", data: { path: ["path"], equals: `/proposals/${p.id}` } },
    });
    expect(reminded.map((r) => r.userId).sort()).toEqual([author.id, abstainer.id].sort());
    // Opening told the electorate and the follower, not the stranger.
    const opened = await t.db.notification.findMany({
      where: { kind: "proposal.votingOpened", data: { path: ["path"], equals: `/proposals/${p.id}` } },
    });
    expect(opened.map((r) => r.userId).sort()).toEqual([author.id, voter.id, abstainer.id, follower.id].sort());

    await closeProposal(t.db, { proposalId: p.id, now: new Date(now.getTime() + 6 * HOUR) });
    while ((await deliverPendingEvents(t.db)) > 0);
    const results = await t.db.notification.findMany({
      where: { kind: "proposal.result", data: { path: ["path"], equals: `/proposals/${p.id}` } },
    });
    expect(results.map((r) => r.userId).sort()).toEqual([author.id, voter.id, abstainer.id, follower.id].sort());
    expect(results.every((r) => typeof (r.data as { outcome: unknown }).outcome === "string")).toBe(true);
    expect(await rowsOf(stranger.id)).toHaveLength(0);
  });

  it("lets nobody follow what they may not read", async () => {
    const c = await community({ visibility: "MEMBERS" });
    const author = await member(c.id);
    const p = await proposal(c.id, author.id);
    const outsider = await createPerson(t.db);
    await expect(
      setFollow(t.db, { actor: outsider, input: { targetKind: "PROPOSAL", targetId: p.id, follow: true } }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      setFollow(t.db, { actor: outsider, input: { targetKind: "NOPE", targetId: p.id, follow: true } }),
    ).rejects.toMatchObject({
      status: 400,
    });
    expect(await t.db.follow.count({ where: { userId: outsider.id } })).toBe(0);
  });
});

describe("hooks in the use cases", () => {
  it("tells members of a new proposal, the parent's author of a reply, and @mentioned members", async () => {
    const c = await community();
    const author = await member(c.id);
    const marie = await member(c.id);
    await t.db.user.update({ where: { id: marie.id }, data: { displayName: "Marie Curie" } });
    const jean = await member(c.id);
    await t.db.user.update({ where: { id: jean.id }, data: { displayName: "Jean" } });
    const outsider = await createPerson(t.db);
    await t.db.user.update({ where: { id: outsider.id }, data: { displayName: "Paul" } });
    const p = await proposal(c.id, author.id);

    await startDiscussion(t.db, { actor: author, proposalId: p.id });
    expect((await rowsOf(marie.id, "proposal.created")).length).toBe(1);
    expect((await rowsOf(author.id, "proposal.created")).length).toBe(0);

    const root = await addComment(t.db, { actor: jean, proposalId: p.id, input: { body: "Une question." } });
    await addComment(t.db, {
      actor: author,
      proposalId: p.id,
      input: { body: "Bonne question @Jean, voyons avec @marie-curie et @Paul.", parentId: root.id },
    });
    const reply = await rowsOf(jean.id, "comment.reply");
    expect(reply).toHaveLength(1);
    expect((reply[0]!.data as { path: string }).path).toBe(`/proposals/${p.id}#comments-title`);
    // Jean already hears of the reply: no second notification for the mention.
    expect(await rowsOf(jean.id, "comment.mention")).toHaveLength(0);
    expect(await rowsOf(marie.id, "comment.mention")).toHaveLength(1);
    // Not a member: not mentioned.
    expect(await rowsOf(outsider.id)).toHaveLength(0);
  });

  it("matches @names by display name or its slug, whole words only", () => {
    const members = [
      { id: "m", name: "Marie Curie" },
      { id: "e", name: "Élodie" },
      { id: "j", name: "Jean" },
    ];
    expect(findMentions("Merci @Marie Curie !", members)).toEqual(["m"]);
    expect(findMentions("cc @elodie et @marie-curie", members).sort()).toEqual(["e", "m"]);
    expect(findMentions("@Jeanne et jean@example.org", members)).toEqual([]);
    expect(findMentions("sans arobase", members)).toEqual([]);
  });

  it("tells administrators of a request to join and the requester of the answer", async () => {
    const c = await community({ joinPolicy: "ON_REQUEST" });
    const admin = await member(c.id, undefined, "ADMIN");
    const applicant = await createPerson(t.db);
    await joinCommunity(t.db, { actor: applicant, slug: c.slug, message: "Bonjour" });
    expect(await rowsOf(admin.id, "membership.requested")).toHaveLength(1);
    const pending = await t.db.membership.findFirstOrThrow({ where: { userId: applicant.id } });
    await decideMembershipRequest(t.db, {
      actor: admin,
      slug: c.slug,
      membershipId: pending.id,
      decision: "refuse",
      message: "Pas pour l'instant",
      appUrl: "http://localhost:3000",
    });
    const decided = await rowsOf(applicant.id, "membership.decided");
    expect(decided.map((r) => r.channel)).toEqual(["EMAIL"]);
    const [mail] = await outboxFor(applicant.email);
    expect(mail!.subject).toContain("n'a pas été acceptée");
    expect(mail!.text).toContain("Pas pour l'instant");
  });
});

describe("in-app list", () => {
  it("pages newest first with a cursor, counts unread, and marks only the person's own as read", async () => {
    const person = await createPerson(t.db);
    const other = await createPerson(t.db);
    for (let i = 0; i < 5; i++) {
      await notify(t.db, {
        userIds: [person.id, other.id],
        kind: "comment.reply",
        data: { title: `T${i}`, path: "/", authorName: "A" },
      });
    }
    expect(await unreadCount(t.db, person.id)).toBe(5);
    const first = await listNotifications(t.db, { userId: person.id, locale: "fr", limit: 3 });
    expect(first.data.map((n) => n.text)).toEqual([
      "A a répondu à votre commentaire sur « T4 »",
      "A a répondu à votre commentaire sur « T3 »",
      "A a répondu à votre commentaire sur « T2 »",
    ]);
    const second = await listNotifications(t.db, {
      userId: person.id,
      locale: "fr",
      limit: 3,
      after: decodeCursor(first.nextCursor!)!,
    });
    expect(second.data.map((n) => n.text)).toEqual([
      "A a répondu à votre commentaire sur « T1 »",
      "A a répondu à votre commentaire sur « T0 »",
    ]);
    expect(second.nextCursor).toBeNull();
    const theirs = (await listNotifications(t.db, { userId: other.id, locale: "fr" })).data.map((n) => n.id);
    expect(await markRead(t.db, { userId: person.id, input: { ids: [...theirs, first.data[0]!.id] } })).toBe(1);
    expect(await unreadCount(t.db, other.id)).toBe(5);
    expect(await unreadCount(t.db, person.id)).toBe(4);
    expect(await markRead(t.db, { userId: person.id, input: { all: true } })).toBe(4);
    expect(await unreadCount(t.db, person.id)).toBe(0);
  });
});

describe("followers of a commons", () => {
  it("hear of its changes of status, unless they did it themselves", async () => {
    const c = await community();
    const admin = await member(c.id, undefined, "ADMIN");
    const follower = await createPerson(t.db);
    const commons = await t.db.commons.create({
      data: {
        communityId: c.id,
        slug: unique("plan").toLowerCase(),
        title: "Plan vélo",
        summary: "Un commun suivi.",
        kind: "DATASET",
        licence: "ODbL-1.0",
        status: "PROPOSED",
      },
      select: { id: true, slug: true },
    });
    await setFollow(t.db, { actor: follower, input: { targetKind: "COMMONS", targetId: commons.id, follow: true } });
    await setFollow(t.db, { actor: admin, input: { targetKind: "COMMONS", targetId: commons.id, follow: true } });
    await t.db.commons.update({ where: { id: commons.id }, data: { status: "ADOPTED" } });
    await t.db.$transaction((tx) => notifyCommonsUpdated(tx, { commonsId: commons.id, actorId: admin.id }));
    const [row] = await rowsOf(follower.id, "commons.updated");
    expect(row?.data).toMatchObject({
      title: "Plan vélo",
      status: "ADOPTED",
      path: `/communities/${c.slug}/commons/${commons.slug}`,
    });
    expect(await rowsOf(admin.id, "commons.updated")).toHaveLength(0);
    const [item] = (await listNotifications(t.db, { userId: follower.id, locale: "fr" })).data;
    expect(item?.text).toBe("Le commun « Plan vélo » a changé de statut : adopté");
    // Unfollowing: nothing more.
    await setFollow(t.db, { actor: follower, input: { targetKind: "COMMONS", targetId: commons.id, follow: false } });
    await t.db.$transaction((tx) => notifyCommonsUpdated(tx, { commonsId: commons.id }));
    expect(await rowsOf(follower.id, "commons.updated")).toHaveLength(1);
  });
});
