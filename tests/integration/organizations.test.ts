/**
 * Organisations whose membership is verified (issue 12, section 3), against a real PostgreSQL.
 * The attack first: declaring an organisation in one's profile handed out steward rights over its
 * commons; now a declared link counts for nothing until verified — by a ProConnect sign-in with the
 * organisation's SIRET, a confirmed address on one of its domains, or an administrator's approval.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { joinCommunity, leaveCommunity } from "@/lib/communities/membership";
import { isStewardOf, proposeCommons, updateCommons } from "@/lib/commons/commons";
import { recordContribution } from "@/lib/commons/contributions";
import { listContributions, type LedgerEntry, type LedgerItem } from "@/lib/commons/ledger";
import { commonsScope } from "@/lib/policy/scopes";
import { applyOidcClaims } from "@/lib/auth/oidc-profile";
import { profileSchema } from "@/lib/users/schemas";
import { updateProfile } from "@/lib/users/update-profile";
import { addOrganizationDomain } from "@/lib/organizations/add-domain";
import { approveMember } from "@/lib/organizations/approve-member";
import { grantOrganizationAdmin } from "@/lib/organizations/grant-admin";
import { confirmDomainVerification, requestDomainVerification } from "@/lib/organizations/email-domain";
import { getOrganizationPage } from "@/lib/organizations/read";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const APP_URL = "http://localhost:3000";

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => ({ status: 0, messageKey: "", field: undefined as string | undefined }),
    (e: { status: number; messageKey: string; field?: string }) => ({
      status: e.status,
      messageKey: e.messageKey,
      field: e.field,
    }),
  );
}

/** A valid SIRET (Luhn), different each call. */
function siret(): string {
  const digits = Array.from({ length: 13 }, () => Math.floor(Math.random() * 10));
  for (let last = 0; last < 10; last++) {
    const all = [...digits, last];
    const sum = all.reduce((acc, d, i) => {
      const v = i % 2 === 0 ? d * 2 : d;
      return acc + (v > 9 ? v - 9 : v);
    }, 0);
    if (sum % 10 === 0) return all.join("");
  }
  throw new Error("unreachable");
}

async function organization(kind: ActorKind = "PUBLIC") {
  const name = unique("Organisation");
  return t.db.organization.create({ data: { name, kind, siret: siret() } });
}

/** Declares an organisation the way the profile form does. */
async function declare(person: TestPerson, org: { name: string; siret: string | null }, actorKind: ActorKind = "PUBLIC") {
  await updateProfile(t.db, {
    userId: person.id,
    profile: profileSchema.parse({
      displayName: `Personne ${person.id}`,
      actorKind,
      organizationName: org.name,
      siret: org.siret ?? "",
      locale: "fr",
    }),
  });
}

async function link(userId: string) {
  return t.db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { organizationId: true, organizationVerifiedAt: true, organizationVerifiedBy: true, organizationAdmin: true },
  });
}

async function communityWithMembers(count: number) {
  const owner = await createPerson(t.db);
  const slug = unique("org").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: `Communauté ${slug}`,
      slug,
      summary: "Des communs.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  const people: TestPerson[] = [];
  for (let i = 0; i < count; i++) {
    const person = await createPerson(t.db);
    await t.db.membership.create({ data: { communityId: id, userId: person.id, college: "PUBLIC", status: "ACTIVE" } });
    people.push(person);
  }
  return { id, slug, owner, people };
}

/** A commons stewarded by `org` (and its proposer), as a draft. */
async function stewardedCommons(c: { slug: string }, proposer: TestPerson, orgId: string) {
  const created = await proposeCommons(t.db, {
    actor: proposer,
    slug: c.slug,
    input: {
      slug: unique("c").toLowerCase(),
      title: "Base adresse locale",
      summary: "Les adresses de la commune.",
      description: "",
      kind: "DATASET",
      licence: "etalab-2.0",
      status: "DRAFT",
      stewardOrganizationIds: [orgId],
    },
  });
  return created;
}

function verificationToken(text: string): string {
  const match = /\/organisations\/verify\?token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no link in ${text}`);
  return match[1];
}

describe("a declared organisation gives no steward rights (the attack)", () => {
  it("refuses to edit the organisation's commons after declaring it in one's profile, until the link is verified", async () => {
    const c = await communityWithMembers(2);
    const [proposer, claimant] = c.people as [TestPerson, TestPerson];
    const org = await organization();
    const commons = await stewardedCommons(c, proposer, org.id);
    const ref = { slug: c.slug, commonsSlug: commons.slug };

    // The attacker claims the organisation by its SIRET in their profile.
    await declare(claimant, org);
    expect((await link(claimant.id)).organizationId).toBe(org.id);
    expect((await link(claimant.id)).organizationVerifiedAt).toBeNull();
    const stewards = [
      { userId: proposer.id, organizationId: null },
      { userId: null, organizationId: org.id },
    ];
    expect(await isStewardOf(t.db, { proposerId: proposer.id, stewards }, claimant)).toBe(false);
    const refused = await rejection(
      updateCommons(t.db, { actor: claimant, ...ref, input: { stewardUserIds: [claimant.id], summary: "Pris." } }),
    );
    expect(refused.status).toBe(403);
    // Nor may they read the draft through the scope (the same rule in Prisma and SQL).
    const viewer = { id: claimant.id, isPlatformAdmin: false };
    expect(await t.db.commons.count({ where: { AND: [{ id: commons.id }, commonsScope.where(viewer)] } })).toBe(0);
    const sqlRows = await t.db.$queryRaw<{ id: string }[]>`
      SELECT k."id" FROM "Commons" k WHERE k."id" = ${commons.id} AND ${commonsScope.sql(viewer, "k")}`;
    expect(sqlRows).toEqual([]);
    const row = await t.db.commons.findUniqueOrThrow({ where: { id: commons.id }, include: { stewards: true } });
    expect(row.summary).toBe("Les adresses de la commune.");
    expect(row.stewards.map((s) => s.userId).filter(Boolean)).toEqual([proposer.id]);

    // Once an administrator of the organisation approves the link, it counts.
    const admin = await createPerson(t.db);
    await declare(admin, org);
    await applyOidcClaims(t.db, admin.id, { sub: unique("sub"), siret: org.siret! }, { provider: "proconnect" });
    await approveMember(t.db, { actor: admin, organizationId: org.id, userId: claimant.id });
    expect(await isStewardOf(t.db, { proposerId: proposer.id, stewards }, claimant)).toBe(true);
    expect(await t.db.commons.count({ where: { AND: [{ id: commons.id }, commonsScope.where(viewer)] } })).toBe(1);
    await updateCommons(t.db, { actor: claimant, ...ref, input: { summary: "Par l'organisation." } });

    // Changing organisation drops the verification, and the rights with it.
    const other = await organization();
    await declare(claimant, other);
    expect(await link(claimant.id)).toMatchObject({
      organizationId: other.id,
      organizationVerifiedAt: null,
      organizationAdmin: false,
    });
    expect((await rejection(updateCommons(t.db, { actor: claimant, ...ref, input: { summary: "Encore." } }))).status).toBe(403);
    const dropped = await t.db.auditEntry.findFirst({ where: { action: "organization.linkDropped", actorId: claimant.id } });
    expect(dropped?.details).toMatchObject({ userId: claimant.id, organizationId: org.id, verifiedBy: "ADMIN_APPROVAL" });
  });

  it("audits every change of a commons' stewards", async () => {
    const c = await communityWithMembers(2);
    const [proposer, colleague] = c.people as [TestPerson, TestPerson];
    const org = await organization();
    const commons = await stewardedCommons(c, proposer, org.id);
    await updateCommons(t.db, {
      actor: proposer,
      slug: c.slug,
      commonsSlug: commons.slug,
      input: { stewardUserIds: [colleague.id], stewardOrganizationIds: [] },
    });
    const proposed = await t.db.auditEntry.findFirstOrThrow({ where: { communityId: c.id, action: "commons.proposed" } });
    expect(proposed.details).toMatchObject({ stewardUserIds: [proposer.id], stewardOrganizationIds: [org.id] });
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { communityId: c.id, action: "commons.stewardsChanged" } });
    expect(entry.details).toMatchObject({
      commonsId: commons.id,
      addedUserIds: [colleague.id],
      removedUserIds: [],
      addedOrganizationIds: [],
      removedOrganizationIds: [org.id],
    });
  });
});

describe("verification through ProConnect", () => {
  it("verifies a link whose SIRET matches; the first verified administers the organisation", async () => {
    const org = await organization();
    const [first, second] = [await createPerson(t.db), await createPerson(t.db)];
    await declare(first, org);
    await declare(second, org);
    await applyOidcClaims(t.db, first.id, { sub: unique("sub"), siret: org.siret! }, { provider: "proconnect" });
    await applyOidcClaims(t.db, second.id, { sub: unique("sub"), siret: org.siret! }, { provider: "proconnect" });
    expect(await link(first.id)).toMatchObject({ organizationVerifiedBy: "PROCONNECT", organizationAdmin: true });
    expect(await link(second.id)).toMatchObject({ organizationVerifiedBy: "PROCONNECT", organizationAdmin: false });
    expect(await t.db.auditEntry.count({ where: { action: "organization.adminGranted", actorId: first.id } })).toBe(1);
  });

  it("declares then verifies the claim's organisation at a first sign-in", async () => {
    const user = await t.db.user.create({ data: { email: `${unique("pc")}@example.org` } });
    const number = siret();
    await applyOidcClaims(
      t.db,
      user.id,
      { sub: unique("sub"), given_name: "Camille", usual_name: "Martin", siret: number, organization_label: "Mairie" },
      { provider: "proconnect" },
    );
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id }, include: { organization: true } });
    expect(row.organization).toMatchObject({ siret: number, name: "Mairie" });
    expect(row).toMatchObject({ organizationVerifiedBy: "PROCONNECT", organizationAdmin: true, displayName: "Camille Martin" });
  });

  it("trusts no other provider's siret claim, and no claim for another organisation than the declared one", async () => {
    const org = await organization();
    const generic = await createPerson(t.db);
    await declare(generic, org);
    await applyOidcClaims(t.db, generic.id, { sub: unique("sub"), siret: org.siret! }, { provider: "oidc" });
    expect((await link(generic.id)).organizationVerifiedAt).toBeNull();

    const elsewhere = await createPerson(t.db);
    const mine = await organization();
    await declare(elsewhere, mine);
    await applyOidcClaims(t.db, elsewhere.id, { sub: unique("sub"), siret: org.siret! }, { provider: "proconnect" });
    expect(await link(elsewhere.id)).toMatchObject({ organizationId: mine.id, organizationVerifiedAt: null });

    // Someone who chose to act alone stays alone.
    const alone = await createPerson(t.db);
    await applyOidcClaims(t.db, alone.id, { sub: unique("sub"), siret: org.siret! }, { provider: "proconnect" });
    expect(await link(alone.id)).toMatchObject({ organizationId: null, organizationVerifiedAt: null });
  });
});

describe("verification by an address on a verified domain", () => {
  it("sends a link to an address on the domain, spent once by the same person, who becomes administrator if first", async () => {
    const org = await organization();
    const domain = `${unique("d").toLowerCase()}.fr`;
    const platformAdmin = await createPerson(t.db, { platformAdmin: true });
    await addOrganizationDomain(t.db, { actor: platformAdmin, organizationId: org.id, domain: `@${domain.toUpperCase()}` });
    expect(await t.db.organizationDomain.findMany({ where: { organizationId: org.id }, select: { domain: true } })).toEqual([
      { domain },
    ]);

    const agent = await createPerson(t.db);
    await declare(agent, org);
    const wrong = await rejection(requestDomainVerification(t.db, { actor: agent, appUrl: APP_URL, email: "agent@example.org" }));
    expect(wrong).toMatchObject({ status: 400, field: "email", messageKey: "organizations.errors.domainNotListed" });

    const address = `agent@${domain}`;
    await requestDomainVerification(t.db, { actor: agent, appUrl: APP_URL, email: address });
    const email = await t.db.outboxEmail.findFirstOrThrow({ where: { to: address } });
    const token = verificationToken(email.text);
    expect(email.text).toContain(org.name);

    // Someone else holding the link verifies nothing.
    const intruder = await createPerson(t.db);
    await declare(intruder, org);
    expect((await rejection(confirmDomainVerification(t.db, { actor: intruder, token }))).status).toBe(400);
    expect((await link(intruder.id)).organizationVerifiedAt).toBeNull();

    await confirmDomainVerification(t.db, { actor: agent, token });
    expect(await link(agent.id)).toMatchObject({ organizationVerifiedBy: "EMAIL_DOMAIN", organizationAdmin: true });
    expect((await rejection(confirmDomainVerification(t.db, { actor: agent, token }))).status).toBe(400);
  });

  it("verifies nothing when the person changed organisation after asking", async () => {
    const org = await organization();
    const domain = `${unique("d").toLowerCase()}.fr`;
    await t.db.organizationDomain.create({ data: { organizationId: org.id, domain } });
    const agent = await createPerson(t.db);
    await declare(agent, org);
    await requestDomainVerification(t.db, { actor: agent, appUrl: APP_URL, email: `x@${domain}` });
    const token = verificationToken((await t.db.outboxEmail.findFirstOrThrow({ where: { to: `x@${domain}` } })).text);
    const other = await organization();
    await declare(agent, other);
    expect((await rejection(confirmDomainVerification(t.db, { actor: agent, token }))).status).toBe(409);
    expect(await link(agent.id)).toMatchObject({ organizationId: other.id, organizationVerifiedAt: null });
  });

  it("lets an organisation's administrator add only their own address's domain, never a public mailbox provider", async () => {
    const org = await organization();
    const admin = await createPerson(t.db);
    await declare(admin, org);
    await applyOidcClaims(t.db, admin.id, { sub: unique("sub"), siret: org.siret! }, { provider: "proconnect" });
    const notTheirs = await rejection(addOrganizationDomain(t.db, { actor: admin, organizationId: org.id, domain: "ign.fr" }));
    expect(notTheirs).toMatchObject({ status: 400, messageKey: "organizations.errors.domainNotYours" });
    const open = await rejection(addOrganizationDomain(t.db, { actor: admin, organizationId: org.id, domain: "gmail.com" }));
    expect(open).toMatchObject({ status: 400, messageKey: "organizations.errors.domainPublic" });
    // Their own address is on example.org (the factory's).
    await addOrganizationDomain(t.db, { actor: admin, organizationId: org.id, domain: "example.org" });
    const member = await createPerson(t.db);
    await declare(member, org);
    const refused = await rejection(addOrganizationDomain(t.db, { actor: member, organizationId: org.id, domain: "x.fr" }));
    expect(refused.status).toBe(403);
    await t.db.organizationDomain.deleteMany({ where: { domain: "example.org" } });
  });
});

describe("approval by an administrator of the organisation", () => {
  it("verifies a declared member without making them administrator; others may not approve", async () => {
    const org = await organization();
    const admin = await createPerson(t.db);
    await declare(admin, org);
    await applyOidcClaims(t.db, admin.id, { sub: unique("sub"), siret: org.siret! }, { provider: "proconnect" });
    const [member, colleague, stranger] = [await createPerson(t.db), await createPerson(t.db), await createPerson(t.db)];
    await declare(member, org);
    await declare(colleague, org);

    expect((await rejection(approveMember(t.db, { actor: member, organizationId: org.id, userId: colleague.id }))).status).toBe(
      403,
    );
    await approveMember(t.db, { actor: admin, organizationId: org.id, userId: member.id });
    expect(await link(member.id)).toMatchObject({ organizationVerifiedBy: "ADMIN_APPROVAL", organizationAdmin: false });
    // A verified member who is not administrator still may not approve.
    expect((await rejection(approveMember(t.db, { actor: member, organizationId: org.id, userId: colleague.id }))).status).toBe(
      403,
    );
    // Someone who does not declare the organisation cannot be approved into it.
    const notDeclared = await rejection(approveMember(t.db, { actor: admin, organizationId: org.id, userId: stranger.id }));
    expect(notDeclared.status).toBe(409);
    expect((await link(stranger.id)).organizationId).toBeNull();

    const page = await getOrganizationPage(t.db, { actor: null, organizationId: org.id });
    const byId = new Map(page.members.map((m) => [m.id, m]));
    expect(byId.get(admin.id)).toMatchObject({ verifiedBy: "PROCONNECT", admin: true });
    expect(byId.get(member.id)).toMatchObject({ verifiedBy: "ADMIN_APPROVAL", admin: false });
    expect(byId.get(colleague.id)).toMatchObject({ verifiedBy: null, admin: false });
    expect(page.viewer).toEqual({ administers: false, mayApprove: false });
    const asAdmin = await getOrganizationPage(t.db, { actor: admin, organizationId: org.id });
    expect(asAdmin.viewer).toEqual({ administers: true, mayApprove: true });
  });
});

describe("administrators of an organisation", () => {
  it("make a verified member administrator, never a declared one; others may not", async () => {
    const org = await organization();
    const admin = await createPerson(t.db);
    await declare(admin, org);
    await applyOidcClaims(t.db, admin.id, { sub: unique("sub"), siret: org.siret! }, { provider: "proconnect" });
    const [verified, declared] = [await createPerson(t.db), await createPerson(t.db)];
    await declare(verified, org);
    await declare(declared, org);
    await approveMember(t.db, { actor: admin, organizationId: org.id, userId: verified.id });

    const byMember = await rejection(
      grantOrganizationAdmin(t.db, { actor: verified, organizationId: org.id, userId: verified.id }),
    );
    expect(byMember.status).toBe(403);
    const notVerified = await rejection(
      grantOrganizationAdmin(t.db, { actor: admin, organizationId: org.id, userId: declared.id }),
    );
    expect(notVerified).toMatchObject({ status: 409, messageKey: "organizations.errors.notVerified" });
    await grantOrganizationAdmin(t.db, { actor: admin, organizationId: org.id, userId: verified.id });
    expect(await link(verified.id)).toMatchObject({ organizationAdmin: true });
    // The new administrator approves in turn.
    await approveMember(t.db, { actor: verified, organizationId: org.id, userId: declared.id });
    expect(await link(declared.id)).toMatchObject({ organizationVerifiedBy: "ADMIN_APPROVAL", organizationAdmin: false });
  });
});

describe("colleges and contributions count only a verified organisation", () => {
  it("places a member by their own kind while the link is declared, then moves them with the verification", async () => {
    const c = await communityWithMembers(0);
    const org = await organization("RESEARCH");
    const person = await createPerson(t.db, { actorKind: "CIVIL_SOCIETY" });
    await declare(person, org, "CIVIL_SOCIETY");
    await joinCommunity(t.db, { actor: person, slug: c.slug });
    const college = async () =>
      (await t.db.membership.findUniqueOrThrow({ where: { communityId_userId: { communityId: c.id, userId: person.id } } }))
        .college;
    expect(await college()).toBe("CIVIL_SOCIETY");

    await applyOidcClaims(t.db, person.id, { sub: unique("sub"), siret: org.siret! }, { provider: "proconnect" });
    expect(await college()).toBe("RESEARCH");
    const moved = await t.db.auditEntry.findFirstOrThrow({ where: { communityId: c.id, action: "membership.collegeChanged" } });
    expect(moved.details).toMatchObject({ userId: person.id, from: "CIVIL_SOCIETY", to: "RESEARCH", organizationId: org.id });

    // Leaving and rejoining keeps the verified organisation's college…
    await leaveCommunity(t.db, { actor: person, slug: c.slug });
    await joinCommunity(t.db, { actor: person, slug: c.slug });
    expect(await college()).toBe("RESEARCH");
    // …and declaring another organisation neither brings its kind along nor lets the member pick a
    // college again by leaving and rejoining: it stays until an administrator changes it.
    const other = await organization("PUBLIC");
    await declare(person, other, "CIVIL_SOCIETY");
    await leaveCommunity(t.db, { actor: person, slug: c.slug });
    await joinCommunity(t.db, { actor: person, slug: c.slug });
    expect(await college()).toBe("RESEARCH");
  });

  it("keeps a member's college when they edit their kind of actor, leave and rejoin (issue 12 §4)", async () => {
    const c = await communityWithMembers(0);
    const person = await createPerson(t.db, { actorKind: "CIVIL_SOCIETY" });
    await joinCommunity(t.db, { actor: person, slug: c.slug });
    await t.db.user.update({ where: { id: person.id }, data: { actorKind: "PUBLIC" } });
    await leaveCommunity(t.db, { actor: person, slug: c.slug });
    await joinCommunity(t.db, { actor: person, slug: c.slug });
    const { college } = await t.db.membership.findUniqueOrThrow({
      where: { communityId_userId: { communityId: c.id, userId: person.id } },
    });
    expect(college).toBe("CIVIL_SOCIETY");
  });

  it("shows the organisation's name on a contribution only once the link is verified", async () => {
    const c = await communityWithMembers(1);
    const [author] = c.people as [TestPerson];
    const org = await organization();
    await declare(author, org);
    const commons = await proposeCommons(t.db, {
      actor: author,
      slug: c.slug,
      input: {
        slug: unique("c").toLowerCase(),
        title: "Bâtiments",
        summary: "Le référentiel.",
        description: "",
        kind: "DATASET",
        licence: "etalab-2.0",
        status: "PROPOSED",
      },
    });
    await recordContribution(t.db, {
      actor: author,
      slug: c.slug,
      commonsSlug: commons.slug,
      input: { type: "CORRECTION", description: "Relevé", date: "2026-03-10", hours: 2 },
    });
    const organizationShown = async () => {
      const item = (await listContributions(t.db, null, commons.id)).data[0] as LedgerItem;
      if (item.redacted) throw new Error("redacted");
      return (item as LedgerEntry).author.organization;
    };
    expect(await organizationShown()).toBeNull();
    await applyOidcClaims(t.db, author.id, { sub: unique("sub"), siret: org.siret! }, { provider: "proconnect" });
    expect(await organizationShown()).toEqual({ id: org.id, name: org.name });
    const page = await getOrganizationPage(t.db, { actor: null, organizationId: org.id });
    expect(page.contributions.map((x) => x.description)).toEqual(["Relevé"]);
  });
});
