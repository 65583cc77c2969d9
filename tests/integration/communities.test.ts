import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { createPerson } from "../support/factories";
import { createCommunity } from "@/lib/communities/create-community";
import { updateCommunity } from "@/lib/communities/update-community";
import {
  changeMemberCollege,
  changeMemberRole,
  decideMembershipRequest,
  joinCommunity,
  leaveCommunity,
} from "@/lib/communities/membership";
import { acceptInvitation, findInvitation, inviteByEmail } from "@/lib/communities/invitations";
import { collegeWeights, configureColleges } from "@/lib/communities/colleges";
import { ValidationError } from "@/lib/core/validation";
import { createCommunitySchema } from "@/lib/communities/schemas";
import { listAudit } from "@/lib/audit/record";
import { seedDemo } from "@/lib/demo/seed";
import { fieldErrorsOf } from "@/lib/core/forms";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const appUrl = "http://localhost:3000";

const person = (db: Db, actorKind: ActorKind = "PUBLIC") => createPerson(db, { actorKind });

async function community(
  owner: { id: string; onboarded: boolean; isPlatformAdmin: boolean },
  patch: Record<string, string> = {},
) {
  const slug = unique("c").toLowerCase();
  const input = createCommunitySchema.parse({
    name: "Adresses de test",
    slug,
    summary: "Une communauté de test.",
    visibility: "PUBLIC",
    joinPolicy: "OPEN",
    ...patch,
  });
  await createCommunity(t.db, { actor: owner, input });
  return slug;
}

describe("creating a community", () => {
  it("makes the creator its administrator in their college, with four default colleges and an audit entry", async () => {
    const owner = await person(t.db, "CIVIL_SOCIETY");
    const slug = await community(owner);
    const created = await t.db.community.findUniqueOrThrow({ where: { slug }, include: { memberships: true, colleges: true } });
    expect(created.memberships).toMatchObject([{ userId: owner.id, role: "ADMIN", status: "ACTIVE", college: "CIVIL_SOCIETY" }]);
    expect(await collegeWeights(t.db, created.id)).toEqual({ PUBLIC: 25, PRIVATE: 25, RESEARCH: 25, CIVIL_SOCIETY: 25 });
    const audit = await listAudit(t.db, { communityId: created.id });
    expect(audit.entries.map((e) => e.action)).toEqual(["community.created"]);
  });

  it("refuses a taken slug at the slug field, and only one of two racing creations wins", async () => {
    const owner = await person(t.db);
    const slug = await community(owner);
    await expect(community(owner, { slug })).rejects.toMatchObject({
      status: 409,
      field: "slug",
      messageKey: "communities.errors.slugTaken",
    });
    const racing = unique("race").toLowerCase();
    const results = await Promise.allSettled([
      community(owner, { slug: racing }),
      community(owner, { slug: racing }),
      community(owner, { slug: racing }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it.each([
    ["api", "communities.errors.slugReserved"],
    ["Adresses Finistère", "communities.errors.slugFormat"],
    ["ab", "communities.errors.slugTooShort"],
  ])("rejects the slug %s with a field error", (slug, key) => {
    const result = createCommunitySchema.safeParse({
      name: "Nom",
      slug,
      summary: "Présentation courte",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error).slug).toBe(key);
  });
});

describe("ways in and out", () => {
  it("joins an open community in the person's college; refuses invitation-only and double joins", async () => {
    const owner = await person(t.db);
    const open = await community(owner);
    const closed = await community(owner, { joinPolicy: "INVITATION" });
    const newcomer = await person(t.db, "PRIVATE");
    expect(await joinCommunity(t.db, { actor: newcomer, slug: open })).toEqual({ status: "ACTIVE" });
    const membership = await t.db.membership.findFirstOrThrow({ where: { userId: newcomer.id } });
    expect(membership.college).toBe("PRIVATE");
    await expect(joinCommunity(t.db, { actor: newcomer, slug: open })).rejects.toMatchObject({ status: 409 });
    await expect(joinCommunity(t.db, { actor: newcomer, slug: closed })).rejects.toMatchObject({
      status: 403,
      code: "invitation_only",
    });
    expect(await t.db.membership.count({ where: { userId: newcomer.id } })).toBe(1);
  });

  it("requests, then an administrator approves with a message and the applicant is emailed", async () => {
    const owner = await person(t.db);
    const slug = await community(owner, { joinPolicy: "ON_REQUEST" });
    const applicant = await person(t.db, "RESEARCH");
    expect(await joinCommunity(t.db, { actor: applicant, slug, message: "Je travaille sur le bâti." })).toEqual({
      status: "PENDING",
    });
    const pending = await t.db.membership.findFirstOrThrow({ where: { userId: applicant.id } });
    expect(pending.requestMessage).toBe("Je travaille sur le bâti.");
    await decideMembershipRequest(t.db, {
      actor: owner,
      slug,
      membershipId: pending.id,
      decision: "approve",
      message: "Bienvenue !",
      appUrl,
    });
    expect((await t.db.membership.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("ACTIVE");
    const mail = await t.db.outboxEmail.findFirstOrThrow({ where: { to: applicant.email } });
    expect(mail.text).toContain("Bienvenue !");
    // Deciding twice is refused; nothing changes.
    await expect(
      decideMembershipRequest(t.db, { actor: owner, slug, membershipId: pending.id, decision: "refuse", appUrl }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("keeps the last administrator: they can neither leave nor lose the role", async () => {
    const owner = await person(t.db);
    const slug = await community(owner);
    const ownMembership = await t.db.membership.findFirstOrThrow({ where: { userId: owner.id } });
    await expect(leaveCommunity(t.db, { actor: owner, slug })).rejects.toMatchObject({ status: 409, code: "last_admin" });
    await expect(
      changeMemberRole(t.db, { actor: owner, slug, membershipId: ownMembership.id, role: "MEMBER" }),
    ).rejects.toMatchObject({ code: "last_admin" });
  });

  it("lets only one of two administrators leave when both try at once", async () => {
    const owner = await person(t.db);
    const slug = await community(owner);
    const second = await person(t.db);
    await joinCommunity(t.db, { actor: second, slug });
    const secondMembership = await t.db.membership.findFirstOrThrow({ where: { userId: second.id } });
    await changeMemberRole(t.db, { actor: owner, slug, membershipId: secondMembership.id, role: "ADMIN" });
    const results = await Promise.allSettled([
      leaveCommunity(t.db, { actor: owner, slug }),
      leaveCommunity(t.db, { actor: second, slug }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const communityId = secondMembership.communityId;
    expect(await t.db.membership.count({ where: { communityId, role: "ADMIN", status: "ACTIVE" } })).toBe(1);
  });

  it("changes a college only with a reason, recorded with before and after", async () => {
    const owner = await person(t.db);
    const slug = await community(owner);
    const member = await person(t.db, "PRIVATE");
    await joinCommunity(t.db, { actor: member, slug });
    const membership = await t.db.membership.findFirstOrThrow({ where: { userId: member.id } });
    await changeMemberCollege(t.db, {
      actor: owner,
      slug,
      membershipId: membership.id,
      college: "PUBLIC",
      reason: "Agent d'une commune",
    });
    const audit = await listAudit(t.db, { communityId: membership.communityId, action: "membership.collegeChanged" });
    expect(audit.entries[0]?.details).toMatchObject({ from: "PRIVATE", to: "PUBLIC", reason: "Agent d'une commune" });
  });
});

describe("invitations", () => {
  async function invite(owner: Awaited<ReturnType<typeof person>>, slug: string, email: string) {
    await inviteByEmail(t.db, { actor: owner, slug, email, role: "MODERATOR", appUrl, fallbackLocale: "fr" });
    const mail = await t.db.outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
    return mail.text.match(/\/invitations\/([\w-]+)/)![1]!;
  }

  it("works once, for the invited address, with the invited role", async () => {
    const owner = await person(t.db);
    const slug = await community(owner, { joinPolicy: "INVITATION", visibility: "MEMBERS" });
    const invitee = await person(t.db, "PRIVATE");
    const token = await invite(owner, slug, invitee.email);
    expect((await findInvitation(t.db, token))?.community.slug).toBe(slug);
    const stranger = await person(t.db);
    await expect(acceptInvitation(t.db, { actor: stranger, token })).rejects.toMatchObject({ code: "invitation_other_address" });
    expect(await acceptInvitation(t.db, { actor: invitee, token })).toEqual({ slug });
    const membership = await t.db.membership.findFirstOrThrow({ where: { userId: invitee.id } });
    expect(membership).toMatchObject({ role: "MODERATOR", status: "ACTIVE", college: "PRIVATE" });
    await expect(acceptInvitation(t.db, { actor: invitee, token })).rejects.toMatchObject({ code: "invitation_invalid" });
    expect(await findInvitation(t.db, token)).toBeNull();
  });

  it("refuses an expired invitation and a second pending invitation to the same address", async () => {
    const owner = await person(t.db);
    const slug = await community(owner, { joinPolicy: "INVITATION" });
    const invitee = await person(t.db);
    const token = await invite(owner, slug, invitee.email);
    await expect(invite(owner, slug, invitee.email)).rejects.toMatchObject({ code: "already_invited", field: "email" });
    await t.db.invitation.updateMany({ where: { email: invitee.email }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(acceptInvitation(t.db, { actor: invitee, token })).rejects.toMatchObject({ code: "invitation_invalid" });
    expect(await t.db.membership.count({ where: { userId: invitee.id } })).toBe(0);
  });
});

describe("colleges", () => {
  it("accepts SCIC weights and refuses totals other than 100 or weights outside 10–50", async () => {
    const owner = await person(t.db);
    const slug = await community(owner);
    await configureColleges(t.db, {
      actor: owner,
      slug,
      weightingEnabled: true,
      weights: { PUBLIC: 50, PRIVATE: 0, RESEARCH: 20, CIVIL_SOCIETY: 30 },
    });
    const { id } = await t.db.community.findUniqueOrThrow({ where: { slug } });
    expect(await collegeWeights(t.db, id)).toEqual({ PUBLIC: 50, PRIVATE: 0, RESEARCH: 20, CIVIL_SOCIETY: 30 });

    const bad = configureColleges(t.db, {
      actor: owner,
      slug,
      weightingEnabled: true,
      weights: { PUBLIC: 60, PRIVATE: 5, RESEARCH: 20, CIVIL_SOCIETY: 10 },
    });
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await bad.catch((error: ValidationError) => {
      expect(error.fieldErrors).toEqual({
        "weights.PUBLIC": "communities.errors.weightBounds",
        "weights.PRIVATE": "communities.errors.weightBounds",
        weights: "communities.errors.weightTotal",
      });
      expect(error.values).toMatchObject({ min: 10, max: 50, total: 95 });
    });
    expect(await collegeWeights(t.db, id)).toEqual({ PUBLIC: 50, PRIVATE: 0, RESEARCH: 20, CIVIL_SOCIETY: 30 });
  });
});

describe("editing a community", () => {
  it("lets administrators change its presentation and entry rules, audited with what changed", async () => {
    const owner = await person(t.db);
    const slug = await community(owner);
    const member = await person(t.db);
    await joinCommunity(t.db, { actor: member, slug });
    const input = {
      name: "Adresses du Léon",
      summary: "Les communes du Léon publient leurs adresses.",
      description: "",
      visibility: "MEMBERS" as const,
      joinPolicy: "ON_REQUEST" as const,
    };
    await expect(updateCommunity(t.db, { actor: member, slug, input })).rejects.toMatchObject({ status: 403 });
    await updateCommunity(t.db, { actor: owner, slug, input });
    const updated = await t.db.community.findUniqueOrThrow({ where: { slug } });
    expect(updated).toMatchObject({ name: "Adresses du Léon", visibility: "MEMBERS", joinPolicy: "ON_REQUEST" });
    const audit = await listAudit(t.db, { communityId: updated.id, action: "community.updated" });
    expect(audit.entries[0]?.details).toMatchObject({ changed: ["name", "summary", "visibility", "joinPolicy"] });
  });
});

describe("audit log", () => {
  it("is append-only in the database itself", async () => {
    const owner = await person(t.db);
    const slug = await community(owner);
    const { id } = await t.db.community.findUniqueOrThrow({ where: { slug } });
    await expect(t.db.auditEntry.updateMany({ where: { communityId: id }, data: { action: "tampered" } })).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.auditEntry.deleteMany({ where: { communityId: id } })).rejects.toThrow(/append-only/);
  });

  it("pages newest first by cursor", async () => {
    const owner = await person(t.db);
    const slug = await community(owner);
    const { id } = await t.db.community.findUniqueOrThrow({ where: { slug } });
    for (let i = 0; i < 4; i++) await joinCommunity(t.db, { actor: await person(t.db), slug });
    const first = await listAudit(t.db, { communityId: id, limit: 3 });
    const second = await listAudit(t.db, { communityId: id, limit: 3, cursor: first.nextCursor! });
    expect(first.entries).toHaveLength(3);
    expect(second.entries.map((e) => e.action)).toEqual(["membership.joined", "community.created"]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("demo colleges", () => {
  it("seeds believable weights that follow the SCIC rule, and a pending request", async () => {
    const fresh = await createTestDatabase();
    try {
      await seedDemo(fresh.db);
      const colleges = await fresh.db.college.findMany({ include: { community: { select: { slug: true } } } });
      const slugs = [...new Set(colleges.map((c) => c.community.slug))];
      expect(slugs).toHaveLength(3);
      for (const slug of slugs) {
        const rows = colleges.filter((c) => c.community.slug === slug);
        expect(rows.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
        for (const c of rows) expect(c.weight === 0 || (c.weight >= 10 && c.weight <= 50)).toBe(true);
      }
      expect(await fresh.db.membership.count({ where: { status: "PENDING" } })).toBe(1);
    } finally {
      await fresh.drop();
    }
  });
});
