/**
 * Platform administration against a real PostgreSQL: suspending an account everywhere (reads and
 * appeals only, until a date in the future, never oneself nor another platform administrator),
 * lifting it, erasing an account under the GDPR while the communities' records stay coherent, and the
 * reports of every community without their reporters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { loadCommunityAccess } from "@/lib/communities/access";
import { can } from "@/lib/policy/can";
import { createSession, findSessionUser } from "@/lib/auth/sessions";
import { eraseAccount, liftAccountSuspension, searchAccounts, suspendAccount } from "@/lib/admin/accounts";
import { listPlatformReports } from "@/lib/admin/reports";
import { createProposal } from "@/lib/proposals/create-proposal";
import { openVoting } from "@/lib/votes/open-voting";
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

const DAY = 24 * 60 * 60 * 1000;

async function communityWithMember() {
  const owner = await createPerson(t.db);
  const slug = unique("adm").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: `Plateforme ${slug}`,
      slug,
      summary: "Une communauté.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  const member = await createPerson(t.db, { actorKind: "RESEARCH" });
  await t.db.membership.create({ data: { communityId: id, userId: member.id, college: "RESEARCH", status: "ACTIVE" } });
  return { id, slug, owner, member };
}

/** What the person may do in the community, as the pages and use cases see them (through their session). */
async function powers(slug: string, userId: string) {
  const { sessionToken } = await createSession(t.db, userId);
  const user = await findSessionUser(t.db, sessionToken);
  const access = await loadCommunityAccess(t.db, { slug, actor: user });
  if (!access) throw new Error("no community");
  return {
    read: can(access.subject, "community.read", access.community),
    vote: can(access.subject, "proposal.vote", access.community),
    comment: can(access.subject, "proposal.comment", access.community),
    appeal: can(access.subject, "moderation.appeal", access.community),
  };
}

const platformEntries = (action: string, userId: string) =>
  t.db.auditEntry.count({ where: { communityId: null, action, details: { path: ["userId"], equals: userId } } });

describe("suspending an account everywhere", () => {
  it("leaves the account out of the electorates frozen while it lasts, so it does not weigh on quorums", async () => {
    const { id, owner, member } = await communityWithMember();
    await suspendAccount(t.db, { actor: admin, userId: member.id, until: new Date(Date.now() + 7 * DAY), reason: "Spam" });
    const draft = await createProposal(t.db, {
      actor: owner,
      slug: (await t.db.community.findUniqueOrThrow({ where: { id }, select: { slug: true } })).slug,
      // Public: the owner is alone in a weighted college, where a secret vote may not open.
      input: {
        kind: "GENERAL",
        title: "Une proposition pendant la suspension",
        method: "THRESHOLD",
        votingDays: 7,
        secret: false,
      },
    });
    const { electorate } = await openVoting(t.db, { proposalId: draft.id, closesAt: new Date(Date.now() + 7 * DAY) });
    expect(electorate).toBe(1);
    const electors = await t.db.electorMember.findMany({ where: { proposalId: draft.id }, select: { userId: true } });
    expect(electors.map((e) => e.userId)).toEqual([owner.id]);
  });

  it("leaves the person reading and appealing but acting nowhere, until lifted", async () => {
    const { slug, member } = await communityWithMember();
    expect(await powers(slug, member.id)).toEqual({ read: true, vote: true, comment: true, appeal: true });

    const until = new Date(Date.now() + 7 * DAY);
    await suspendAccount(t.db, { actor: admin, userId: member.id, until, reason: "Campagne de spam sur trois communautés" });
    expect(await powers(slug, member.id)).toEqual({ read: true, vote: false, comment: false, appeal: true });
    expect(await platformEntries("account.suspended", member.id)).toBe(1);
    const [found] = await searchAccounts(t.db, { actor: admin, q: member.email });
    expect(found?.suspendedUntil?.getTime()).toBe(until.getTime());

    await liftAccountSuspension(t.db, { actor: admin, userId: member.id, reason: "Erreur de ciblage reconnue" });
    expect(await powers(slug, member.id)).toEqual({ read: true, vote: true, comment: true, appeal: true });
    expect(await platformEntries("account.suspensionLifted", member.id)).toBe(1);
    await expect(liftAccountSuspension(t.db, { actor: admin, userId: member.id, reason: "Encore" })).rejects.toMatchObject({
      status: 409,
    });
  });

  it("refuses bad input and the wrong people, storing nothing", async () => {
    const { member, owner } = await communityWithMember();
    const reason = "Une raison suffisante";
    await expect(
      suspendAccount(t.db, { actor: admin, userId: member.id, until: new Date(Date.now() - DAY), reason }),
    ).rejects.toMatchObject({ status: 400, field: "until", messageKey: "admin.errors.untilPast" });
    await expect(suspendAccount(t.db, { actor: admin, userId: member.id, until: "pas une date", reason })).rejects.toMatchObject({
      status: 400,
      field: "until",
    });
    await expect(
      suspendAccount(t.db, { actor: admin, userId: member.id, until: new Date(Date.now() + DAY), reason: "" }),
    ).rejects.toMatchObject({ status: 400, field: "reason" });
    // Community administrators are not platform administrators.
    await expect(
      suspendAccount(t.db, { actor: owner, userId: member.id, until: new Date(Date.now() + DAY), reason }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      suspendAccount(t.db, { actor: admin, userId: admin.id, until: new Date(Date.now() + DAY), reason }),
    ).rejects.toMatchObject({ status: 403, messageKey: "admin.errors.notSelf" });
    const other = await createPerson(t.db, { platformAdmin: true });
    await expect(
      suspendAccount(t.db, { actor: admin, userId: other.id, until: new Date(Date.now() + DAY), reason }),
    ).rejects.toMatchObject({ status: 403, messageKey: "admin.errors.notPlatformAdmin" });
    await expect(
      suspendAccount(t.db, { actor: admin, userId: "nobody", until: new Date(Date.now() + DAY), reason }),
    ).rejects.toMatchObject({ status: 404 });

    const stored = await t.db.user.findUniqueOrThrow({ where: { id: member.id } });
    expect(stored.platformSuspendedUntil).toBeNull();
    expect(await platformEntries("account.suspended", member.id)).toBe(0);
  });
});

describe("erasing an account", () => {
  it("pseudonymises the person and removes what reaches them, keeping their contributions counted", async () => {
    const { id: communityId, slug, member } = await communityWithMember();
    const commons = await t.db.commons.create({
      data: { communityId, slug: "adresses", title: "Adresses", summary: "Base adresse", kind: "DATASET", licence: "etalab-2.0" },
    });
    await t.db.contribution.create({
      data: {
        commonsId: commons.id,
        authorId: member.id,
        type: "CORRECTION",
        description: "Corrections",
        date: new Date(),
        state: "VALIDATED",
      },
    });
    await t.db.commonsSteward.create({ data: { commonsId: commons.id, userId: member.id } });
    await createSession(t.db, member.id);
    await t.db.apiToken.create({
      data: { userId: member.id, name: "script", prefix: "gc_x", tokenHash: unique("h"), scopes: ["read"] },
    });
    await t.db.outboxEmail.create({
      data: { to: member.email, locale: "fr", subject: "s", text: "t", html: "h", messageId: `<${unique("m")}@test>` },
    });

    await expect(
      eraseAccount(t.db, { actor: admin, userId: member.id, confirmation: "oui", reason: "Demande RGPD" }),
    ).rejects.toMatchObject({ status: 400, field: "confirmation" });
    await eraseAccount(t.db, { actor: admin, userId: member.id, confirmation: "effacer", reason: "Demande RGPD du 28/11" });

    const user = await t.db.user.findUniqueOrThrow({ where: { id: member.id } });
    expect(user).toMatchObject({ email: null, displayName: null, name: null, listedByName: false });
    expect(user.erasedAt).not.toBeNull();
    expect(await t.db.session.count({ where: { userId: member.id } })).toBe(0);
    expect(await t.db.apiToken.count({ where: { userId: member.id } })).toBe(0);
    expect(await t.db.commonsSteward.count({ where: { userId: member.id } })).toBe(0);
    expect(await t.db.outboxEmail.count({ where: { to: member.email } })).toBe(0);
    // The ledger still counts the work, under a pseudonym; the membership is over.
    expect(await t.db.contribution.count({ where: { authorId: member.id, state: "VALIDATED" } })).toBe(1);
    expect((await t.db.membership.findFirstOrThrow({ where: { userId: member.id, communityId } })).status).toBe("LEFT");
    expect(await platformEntries("account.erased", member.id)).toBe(1);
    expect(await searchAccounts(t.db, { actor: admin, q: member.email })).toEqual([]);
    // Nobody can act as them again; erasing twice finds nobody.
    await expect(
      eraseAccount(t.db, { actor: admin, userId: member.id, confirmation: "EFFACER", reason: "Encore" }),
    ).rejects.toMatchObject({ status: 404 });
    expect(slug).toBeTruthy();
  });

  it("refuses to leave a community without an administrator, and changes nothing", async () => {
    const { owner } = await communityWithMember();
    await expect(
      eraseAccount(t.db, { actor: admin, userId: owner.id, confirmation: "EFFACER", reason: "Demande RGPD" }),
    ).rejects.toMatchObject({ status: 409, messageKey: "admin.errors.soleAdministrator" });
    const user = await t.db.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(user.email).toBe(owner.email);
    expect(user.erasedAt).toBeNull();
    expect(await platformEntries("account.erased", owner.id)).toBe(0);
  });
});

describe("reports across communities", () => {
  it("lists every community's reports and where they pile up, never naming reporters", async () => {
    const a = await communityWithMember();
    const b = await communityWithMember();
    for (const [community, count] of [
      [a, 3],
      [b, 1],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const reporter = await createPerson(t.db);
        await t.db.report.create({
          data: {
            communityId: community.id,
            reporterId: reporter.id,
            targetKind: "PROFILE",
            targetId: community.member.id,
            targetAuthorId: community.member.id,
            reason: "SPAM",
          },
        });
      }
    }
    const { reports, load } = await listPlatformReports(t.db, { actor: admin, filter: {} });
    expect(reports.filter((r) => r.community.slug === a.slug)).toHaveLength(3);
    expect(load.find((row) => row.slug === a.slug)?.open).toBe(3);
    expect(load.find((row) => row.slug === b.slug)?.open).toBe(1);
    expect(JSON.stringify(reports)).not.toContain("reporter");
    await expect(listPlatformReports(t.db, { actor: a.owner, filter: {} })).rejects.toMatchObject({ status: 403 });
    await expect(listPlatformReports(t.db, { actor: admin, filter: { state: "NOPE" } })).rejects.toMatchObject({ status: 400 });
  });
});
