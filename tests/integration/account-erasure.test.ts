/**
 * Erased is erased everywhere. The attacks found by the outside probe: the demo's one-click sign-in
 * signed into an erased account again, and the erased person's name stayed in other people's stored
 * notifications, so the notifications page, the API and the daily digest kept showing it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eraseAccount } from "@/lib/admin/accounts";
import { createSession, findSessionUser } from "@/lib/auth/sessions";
import { listDemoPeople, signInAsDemoPerson } from "@/lib/auth/demo";
import { consumeEmailLink, requestEmailLink } from "@/lib/auth/email-link";
import { addComment } from "@/lib/proposals/comments";
import { startDiscussion } from "@/lib/proposals/lifecycle";
import { listNotifications } from "@/lib/notifications/inbox";
import { savePreferences } from "@/lib/notifications/preferences";
import { sendDailyDigests } from "@/lib/notifications/digest";
import { notify } from "@/lib/notifications/notify";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
let admin: TestPerson;
beforeAll(async () => {
  t = await createTestDatabase();
  admin = await createPerson(t.db, { platformAdmin: true });
});
afterAll(async () => {
  await t.drop();
});

const erase = (userId: string) => eraseAccount(t.db, { actor: admin, userId, confirmation: "effacer", reason: "Demande RGPD" });

async function community() {
  const slug = unique("erase").toLowerCase();
  return t.db.community.create({
    data: { slug, name: `Communauté ${slug}`, summary: "Pour l'effacement.", visibility: "PUBLIC", joinPolicy: "OPEN" },
    select: { id: true, slug: true },
  });
}

async function member(communityId: string, displayName: string) {
  const person = await createPerson(t.db);
  await t.db.user.update({ where: { id: person.id }, data: { displayName } });
  await t.db.membership.create({ data: { communityId, userId: person.id, status: "ACTIVE", college: "PUBLIC" } });
  return person;
}

describe("an erased account", () => {
  it("cannot be signed into again: not by the demo's one-click sign-in, nor by any session", async () => {
    const demo = await createPerson(t.db);
    await t.db.user.update({ where: { id: demo.id }, data: { isDemo: true, displayName: "Démo effacée" } });
    const { sessionToken: before } = await signInAsDemoPerson(t.db, demo.id);
    expect(await findSessionUser(t.db, before)).not.toBeNull();

    await erase(demo.id);
    expect(await findSessionUser(t.db, before)).toBeNull();
    await expect(signInAsDemoPerson(t.db, demo.id)).rejects.toMatchObject({ status: 403 });
    expect((await listDemoPeople(t.db)).map((p) => p.id)).not.toContain(demo.id);
    await expect(createSession(t.db, demo.id)).rejects.toMatchObject({ status: 403 });
    // A session row written by another path (the OpenID adapter writes its own) signs no one in.
    await t.db.session.create({
      data: { sessionToken: "adapter-row", userId: demo.id, expires: new Date(Date.now() + 3_600_000) },
    });
    expect(await findSessionUser(t.db, "adapter-row")).toBeNull();
    expect(await t.db.session.count({ where: { userId: demo.id, sessionToken: { not: "adapter-row" } } })).toBe(0);
  });

  it("cannot be reached by an email link: one asked before is void, one asked after opens a new account", async () => {
    const person = await createPerson(t.db);
    const link = async () => {
      await requestEmailLink(t.db, {
        email: person.email,
        clientIp: unique("ip"),
        locale: "fr",
        appUrl: "http://localhost:3000",
        limits: { perAddress: 10, perIp: 10, windowSeconds: 3600 },
      });
      const mail = await t.db.outboxEmail.findFirstOrThrow({ where: { to: person.email }, orderBy: { createdAt: "desc" } });
      return new URL(mail.text.match(/https?:\/\/\S+/)![0]).searchParams.get("token")!;
    };
    const before = await link();
    await erase(person.id);
    await expect(consumeEmailLink(t.db, { email: person.email, token: before, locale: "fr" })).rejects.toMatchObject({
      status: 400,
    });
    const after = await consumeEmailLink(t.db, { email: person.email, token: await link(), locale: "fr" });
    expect(after.userId).not.toBe(person.id);
    expect((await findSessionUser(t.db, after.sessionToken))?.id).toBe(after.userId);
    expect(await t.db.session.count({ where: { userId: person.id } })).toBe(0);
  });

  it("leaves no name in other people's notifications, on the page or in the digest", async () => {
    const c = await community();
    const reader = await member(c.id, "Lectrice");
    const erased = await member(c.id, "Zéphyrin Effacé");
    await savePreferences(t.db, { userId: reader.id, input: { preferences: [{ kind: "comment.reply", channel: "DIGEST" }] } });
    const proposal = await t.db.proposal.create({
      data: { communityId: c.id, authorId: reader.id, title: unique("Proposition"), method: "THRESHOLD", threshold: "simple" },
      select: { id: true },
    });
    await startDiscussion(t.db, { actor: reader, proposalId: proposal.id });
    const root = await addComment(t.db, { actor: reader, proposalId: proposal.id, input: { body: "Une question." } });
    await addComment(t.db, { actor: erased, proposalId: proposal.id, input: { body: "Une réponse.", parentId: root.id } });
    // A row stored before notifications named people by id: matched by the name, in the person's communities.
    await t.db.$transaction((tx) =>
      notify(tx, {
        userIds: [reader.id],
        kind: "comment.mention",
        communityId: c.id,
        data: { title: "Ancienne", path: `/proposals/${proposal.id}`, authorName: "Zéphyrin Effacé" },
      }),
    );
    const texts = async () => (await listNotifications(t.db, { userId: reader.id, locale: "fr" })).data.map((n) => n.text);
    expect((await texts()).filter((text) => text.includes("Zéphyrin"))).toHaveLength(2);

    await erase(erased.id);
    const after = await texts();
    expect(after.join("\n")).not.toContain("Zéphyrin");
    expect(after.filter((text) => text.startsWith("Une personne dont le compte a été effacé"))).toHaveLength(2);
    expect(
      JSON.stringify(await t.db.notification.findMany({ where: { userId: reader.id }, select: { data: true } })),
    ).not.toContain("Zéphyrin");

    await t.db.notification.updateMany({ where: { userId: reader.id }, data: { createdAt: new Date("2030-05-01T00:00:00Z") } });
    await sendDailyDigests(t.db, new Date("2030-05-02T08:00:00Z"));
    const digest = await t.db.outboxEmail.findFirstOrThrow({ where: { to: reader.email } });
    expect(`${digest.text}${digest.html}`).not.toContain("Zéphyrin");
    expect(digest.text).toContain("Une personne dont le compte a été effacé");
  });
});
