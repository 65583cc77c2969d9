import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/demo/seed";
import { demoCommunities, demoPeople } from "@/lib/demo/data";
import { listCommunities } from "@/lib/communities/list-communities";
import { signInAsDemoPerson } from "@/lib/auth/demo";
import { updateProfile } from "@/lib/users/update-profile";
import { applyOidcClaims } from "@/lib/auth/oidc-profile";
import { profileSchema } from "@/lib/users/schemas";
import { checkHealth } from "@/lib/db/health";
import { getCharter } from "@/lib/charter/get-charter";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import path from "node:path";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("demo", () => {
  it("seeds three communities and twelve people over the four kinds of actors, once", async () => {
    const results = await Promise.all([seedDemo(t.db), seedDemo(t.db)]);
    expect(results.filter((r) => r.seeded)).toHaveLength(1);
    expect(await t.db.community.count()).toBe(demoCommunities.length);
    expect(await t.db.user.count({ where: { isDemo: true } })).toBe(demoPeople.length);
    const kinds = await t.db.user.groupBy({ by: ["actorKind"], _count: true, where: { isDemo: true } });
    expect(kinds).toHaveLength(4);
    expect((await seedDemo(t.db)).seeded).toBe(false);
    const cards = await listCommunities(t.db);
    expect(cards.map((c) => c.slug)).toEqual(demoCommunities.map((c) => c.slug));
    expect(cards.every((c) => c.activeMembers !== null && c.activeMembers >= 6)).toBe(true);
    // Proposals in several states, made through the real voting use cases.
    const statuses = (await t.db.proposal.findMany({ select: { status: true } })).map((p) => p.status).sort();
    expect(statuses).toEqual(["CLOSED", "CLOSED", "DISCUSSION", "DRAFT", "VOTING"]);
    const decision = await t.db.decision.findFirstOrThrow({ where: { proposal: { kind: "GENERAL" } } });
    expect(decision.turnout).toBe(7);
    expect(decision.outcome).toBe("ADOPTED");
    // An adopted charter amendment: its close applied the changes as version 2 of the charter.
    const amendment = await t.db.proposal.findFirstOrThrow({
      where: { kind: "CHARTER_AMENDMENT" },
      include: { decision: true, community: { select: { slug: true } } },
    });
    expect(amendment.community.slug).toBe("adresses-finistere");
    expect(amendment).toMatchObject({ status: "CLOSED", outcome: "ADOPTED", threshold: "twoThirds", quorumPercent: 30 });
    expect(amendment.decision).toMatchObject({ turnout: 7, outcome: "ADOPTED" });
    const charter = await getCharter(t.db, { communityId: amendment.communityId });
    expect(charter).toMatchObject({ number: 2, currentVersion: 2, proposal: { id: amendment.id, title: amendment.title } });
    expect(charter!.parameters.minVotingDays).toBe(5);
    expect(charter!.rules.at(-1)).toMatchObject({ principle: 4, title: "Délai de traitement des corrections" });
    expect(charter!.rules.at(-1)!.text).toContain("traitées sous 30 jours");
    // The other demo communities keep their founding charter.
    expect(await t.db.charter.count({ where: { currentVersion: 1 } })).toBe(demoCommunities.length - 1);
    expect(await t.db.ballot.count({ where: { proposal: { status: "VOTING" } } })).toBe(5);
    // Each community's creation is in its audit log.
    expect(await t.db.auditEntry.count({ where: { action: "community.created" } })).toBe(3);
  });

  it("signs in as a demo person only", async () => {
    const demo = await t.db.user.findFirstOrThrow({ where: { isDemo: true } });
    const session = await signInAsDemoPerson(t.db, demo.id);
    expect(session.sessionToken).toHaveLength(43);
    const real = await t.db.user.create({ data: { email: `${unique("real")}@example.org` } });
    await expect(signInAsDemoPerson(t.db, real.id)).rejects.toMatchObject({ status: 403 });
  });
});

describe("profile", () => {
  it("completes onboarding and reuses an organisation by SIRET", async () => {
    const a = await t.db.user.create({ data: { email: `${unique("a")}@example.org` } });
    const b = await t.db.user.create({ data: { email: `${unique("b")}@example.org` } });
    const profile = profileSchema.parse({
      displayName: "Agent A",
      actorKind: "PUBLIC",
      organizationName: "Ville de Paris",
      siret: "21750001600019",
      locale: "en",
    });
    await updateProfile(t.db, { userId: a.id, profile });
    await updateProfile(t.db, { userId: b.id, profile: { ...profile, displayName: "Agent B" } });
    const [ua, ub] = await Promise.all([
      t.db.user.findUniqueOrThrow({ where: { id: a.id } }),
      t.db.user.findUniqueOrThrow({ where: { id: b.id } }),
    ]);
    expect(ua.onboardedAt).not.toBeNull();
    expect(ua.locale).toBe("en");
    expect(ua.organizationId).toBe(ub.organizationId);
  });

  it("prefills from ProConnect claims without overwriting confirmed answers", async () => {
    const user = await t.db.user.create({ data: { email: `${unique("pc")}@example.org` } });
    await applyOidcClaims(t.db, user.id, {
      sub: "x",
      given_name: "Camille",
      usual_name: "Martin",
      siret: "21750001600019",
      organization_label: "Mairie de Paris",
    });
    const prefilled = await t.db.user.findUniqueOrThrow({ where: { id: user.id }, include: { organization: true } });
    expect(prefilled.displayName).toBe("Camille Martin");
    expect(prefilled.organization?.siret).toBe("21750001600019");

    await t.db.user.update({ where: { id: user.id }, data: { onboardedAt: new Date(), displayName: "C. Martin" } });
    await applyOidcClaims(t.db, user.id, { sub: "x", given_name: "Other", usual_name: "Name" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).displayName).toBe("C. Martin");
  });

  it("ignores a malformed SIRET claim", async () => {
    const user = await t.db.user.create({ data: { email: `${unique("bad")}@example.org` } });
    await applyOidcClaims(t.db, user.id, { sub: "y", given_name: "A", usual_name: "B", siret: "12345678901234" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).organizationId).toBeNull();
  });
});

describe("health", () => {
  it("reports applied migrations and none pending", async () => {
    const health = await checkHealth(t.db, { migrationsDir: path.resolve("prisma/migrations") });
    expect(health).toMatchObject({ ok: true, database: "up", migrations: { pending: [] } });
  });
});
