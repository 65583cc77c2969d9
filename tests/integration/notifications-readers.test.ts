/**
 * Notifications go only to people who may read what they announce, checked when they are delivered.
 * The probe's finding: a former member of a members-only community kept hearing of it (replies to
 * an old comment, then votes and digests). Standing notices (the answer to one's request, a
 * sanction…) still reach the person they concern.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addComment } from "@/lib/proposals/comments";
import { startDiscussion } from "@/lib/proposals/lifecycle";
import { notify } from "@/lib/notifications/notify";
import { deliverPendingEvents } from "@/lib/notifications/deliver-events";
import { sendDailyDigests } from "@/lib/notifications/digest";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function membersOnly() {
  const slug = unique("readers").toLowerCase();
  const community = await t.db.community.create({
    data: {
      slug,
      name: `Communauté ${slug}`,
      summary: "Réservée à ses membres.",
      visibility: "MEMBERS",
      joinPolicy: "ON_REQUEST",
    },
    select: { id: true },
  });
  const join = async () => {
    const person = await createPerson(t.db);
    await t.db.membership.create({ data: { communityId: community.id, userId: person.id, status: "ACTIVE", college: "PUBLIC" } });
    return person;
  };
  const leave = (person: TestPerson) =>
    t.db.membership.update({
      where: { communityId_userId: { communityId: community.id, userId: person.id } },
      data: { status: "LEFT", leftAt: new Date() },
    });
  return { id: community.id, join, leave };
}

const notificationsOf = (userId: string, kind: string) => t.db.notification.count({ where: { userId, kind } });

describe("notifications about a members-only community", () => {
  it("no longer reach a former member: a reply to their old comment", async () => {
    const c = await membersOnly();
    const author = await c.join();
    const former = await c.join();
    const proposal = await t.db.proposal.create({
      data: { communityId: c.id, authorId: author.id, title: unique("Proposition"), method: "THRESHOLD", threshold: "simple" },
      select: { id: true },
    });
    await startDiscussion(t.db, { actor: author, proposalId: proposal.id });
    const old = await addComment(t.db, { actor: former, proposalId: proposal.id, input: { body: "Mon avis." } });
    await c.leave(former);
    await addComment(t.db, { actor: author, proposalId: proposal.id, input: { body: "Une réponse.", parentId: old.id } });
    expect(await notificationsOf(former.id, "comment.reply")).toBe(0);
    // A member still hears of a reply.
    const stays = await c.join();
    const theirs = await addComment(t.db, { actor: stays, proposalId: proposal.id, input: { body: "Un autre avis." } });
    await addComment(t.db, { actor: author, proposalId: proposal.id, input: { body: "Merci.", parentId: theirs.id } });
    expect(await notificationsOf(stays.id, "comment.reply")).toBe(1);
  });

  it("are checked when the worker delivers an event: an elector who left hears nothing of the close", async () => {
    const c = await membersOnly();
    const author = await c.join();
    const former = await c.join();
    const proposal = await t.db.proposal.create({
      data: {
        communityId: c.id,
        authorId: author.id,
        title: unique("Proposition"),
        method: "THRESHOLD",
        threshold: "simple",
        status: "VOTING",
        votingClosesAt: new Date(Date.now() + 3_600_000),
      },
      select: { id: true },
    });
    await t.db.electorMember.createMany({
      data: [author, former].map((p) => ({ proposalId: proposal.id, userId: p.id, college: "PUBLIC" as const })),
    });
    await t.db.domainEvent.create({ data: { type: "proposal.closingSoon", communityId: c.id, proposalId: proposal.id } });
    await c.leave(former);
    while ((await deliverPendingEvents(t.db, { batchSize: 50 })) > 0);
    expect(await notificationsOf(author.id, "proposal.closingSoon")).toBe(1);
    expect(await notificationsOf(former.id, "proposal.closingSoon")).toBe(0);
  });

  it("are checked again when the digest is sent", async () => {
    const c = await membersOnly();
    const former = await c.join();
    await t.db.$transaction((tx) =>
      notify(tx, {
        userIds: [former.id],
        kind: "proposal.created",
        communityId: c.id,
        data: { title: "Un secret de la communauté", path: "/proposals/x", communityName: "Réservée" },
      }),
    );
    expect(await notificationsOf(former.id, "proposal.created")).toBe(1);
    await c.leave(former);
    await t.db.notification.updateMany({ where: { userId: former.id }, data: { createdAt: new Date("2031-03-01T00:00:00Z") } });
    await sendDailyDigests(t.db, new Date("2031-03-02T08:00:00Z"));
    expect(await t.db.outboxEmail.count({ where: { to: former.email } })).toBe(0);
  });

  it("about one's own standing still reach the person: the answer to a request to join", async () => {
    const c = await membersOnly();
    const applicant = await createPerson(t.db);
    await t.db.$transaction((tx) =>
      notify(tx, {
        userIds: [applicant.id],
        kind: "membership.decided",
        communityId: c.id,
        data: { title: "Réservée", path: "/communities/x", accepted: false },
      }),
    );
    expect(await notificationsOf(applicant.id, "membership.decided")).toBe(1);
  });
});
