/**
 * A person's own page and account, against a real PostgreSQL: their page lists the proposals and
 * contributions the viewer may read (the policy's scopes: no draft, no hidden item, nothing of a
 * members-only community for outsiders); "download my data" holds their data and nobody else's;
 * deleting one's own account goes through a one-time link sent through the outbox, then erases the
 * account as an administrator's erasure does (sessions gone, name and address gone, audit entry).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { createProposal } from "@/lib/proposals/create-proposal";
import { startDiscussion } from "@/lib/proposals/lifecycle";
import { hideContent } from "@/lib/moderation/hide";
import { createSession, findSessionUser } from "@/lib/auth/sessions";
import { getPersonWork } from "@/lib/communities/queries/person-work";
import { exportOwnData } from "@/lib/users/own-data";
import { confirmOwnAccountDeletion, requestOwnAccountDeletion } from "@/lib/admin/own-account";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

const APP_URL = "http://localhost:3000";
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function community(owner: TestPerson, visibility: "PUBLIC" | "MEMBERS") {
  const slug = unique("prof").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: { name: `Communauté ${slug}`, slug, summary: "Pour les tests.", description: "", visibility, joinPolicy: "OPEN" },
  });
  return { id, slug };
}

const join = (communityId: string, userId: string, role: "MEMBER" | "MODERATOR" = "MEMBER") =>
  t.db.membership.create({ data: { communityId, userId, college: "PUBLIC", status: "ACTIVE", role } });

const draft = (actor: TestPerson, slug: string, title: string) =>
  createProposal(t.db, { actor, slug, input: { kind: "GENERAL", title, body: "Texte.", method: "THRESHOLD" } });

describe("a person's page", () => {
  it("lists their proposals only where the viewer may read them", async () => {
    const admin = await createPerson(t.db);
    const open = await community(admin, "PUBLIC");
    const closed = await community(admin, "MEMBERS");
    const author = await createPerson(t.db);
    const moderator = await createPerson(t.db);
    await join(open.id, author.id);
    await join(closed.id, author.id);
    await join(open.id, moderator.id, "MODERATOR");
    const discussed = await draft(author, open.slug, "Ouverte et discutée");
    await startDiscussion(t.db, { actor: author, proposalId: discussed.id });
    await draft(author, open.slug, "Brouillon");
    const hidden = await draft(author, open.slug, "Masquée");
    await startDiscussion(t.db, { actor: author, proposalId: hidden.id });
    await hideContent(t.db, {
      actor: moderator,
      slug: open.slug,
      input: { targetKind: "PROPOSAL", targetId: hidden.id, reason: "Hors sujet" },
    });
    const inside = await draft(author, closed.slug, "Réservée aux membres");
    await startDiscussion(t.db, { actor: author, proposalId: inside.id });

    const titles = async (viewer: TestPerson | null) =>
      (await getPersonWork(t.db, { personId: author.id, viewer })).proposals.map((p) => p.title).sort();
    expect(await titles(null)).toEqual(["Ouverte et discutée"]);
    expect(await titles(moderator)).toEqual(["Masquée", "Ouverte et discutée"]);
    expect(await titles(author)).toEqual(["Brouillon", "Masquée", "Ouverte et discutée", "Réservée aux membres"]);
  });
});

describe("download my data", () => {
  it("holds the person's own data and nobody else's", async () => {
    const person = await createPerson(t.db);
    const other = await createPerson(t.db);
    const c = await community(person, "PUBLIC");
    await join(c.id, other.id);
    await draft(person, c.slug, "Ma proposition");
    await draft(other, c.slug, "Celle d'une autre");
    await createSession(t.db, person.id);
    const data = await exportOwnData(t.db, { userId: person.id });
    expect(data).toMatchObject({ format: "geocommuns-personal-data/1", person: { id: person.id, email: person.email } });
    expect(data!.proposals.map((p) => p.title)).toEqual(["Ma proposition"]);
    expect(data!.memberships).toHaveLength(1);
    expect(data!.signIn.sessions).toBe(1);
    const text = JSON.stringify(data);
    expect(text).not.toContain(other.email);
    expect(text).not.toContain("Celle d'une autre");
    expect(text).not.toMatch(/sessionToken|tokenHash/);
  });
});

describe("deleting one's own account", () => {
  const tokenFrom = async (email: string) => {
    const mail = await t.db.outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
    const match = /\/profile\/delete\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
    return { token: match![1]!, mail };
  };

  it("sends a one-time link, then erases the account like an administrator's erasure", async () => {
    const admin = await createPerson(t.db);
    const c = await community(admin, "PUBLIC");
    const person = await createPerson(t.db);
    const other = await createPerson(t.db);
    await join(c.id, person.id);
    await createSession(t.db, person.id);
    const { sessionToken } = await createSession(t.db, person.id);

    const { email } = await requestOwnAccountDeletion(t.db, { actor: person, appUrl: APP_URL });
    expect(email).toBe(person.email);
    const { token, mail } = await tokenFrom(person.email);
    expect(mail.subject).toContain("suppression");
    // Nothing is erased by asking.
    expect(await findSessionUser(t.db, sessionToken)).not.toBeNull();

    // A wrong link, or the right one used by someone else, erases nothing.
    await expect(confirmOwnAccountDeletion(t.db, { actor: person, token: "x".repeat(43) })).rejects.toMatchObject({
      status: 400,
    });
    await expect(confirmOwnAccountDeletion(t.db, { actor: other, token })).rejects.toMatchObject({ status: 400 });
    // Expired.
    await expect(
      confirmOwnAccountDeletion(t.db, { actor: person, token, now: new Date(Date.now() + 2 * 60 * 60_000) }),
    ).rejects.toMatchObject({ status: 400 });

    await confirmOwnAccountDeletion(t.db, { actor: person, token });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(row).toMatchObject({ email: null, displayName: null, name: null });
    expect(row.erasedAt).not.toBeNull();
    expect(await t.db.session.count({ where: { userId: person.id } })).toBe(0);
    expect(await findSessionUser(t.db, sessionToken)).toBeNull();
    expect(await t.db.membership.findFirst({ where: { userId: person.id } })).toMatchObject({ status: "LEFT" });
    expect(await t.db.auditEntry.count({ where: { action: "account.erased", actorId: person.id } })).toBe(1);
    // The link does not work twice.
    await expect(confirmOwnAccountDeletion(t.db, { actor: person, token })).rejects.toBeTruthy();
  });

  it("is refused while the person alone administers a community", async () => {
    const admin = await createPerson(t.db);
    await community(admin, "PUBLIC");
    await expect(requestOwnAccountDeletion(t.db, { actor: admin, appUrl: APP_URL })).rejects.toMatchObject({
      status: 409,
      messageKey: "admin.errors.soleAdministrator",
    });
    expect(await t.db.outboxEmail.count({ where: { to: admin.email } })).toBe(0);
  });
});
