/**
 * Commons and their contribution ledger against a real PostgreSQL: coverage validation (nothing
 * stored when refused), the lifecycle (409 on illegal transitions), who may edit, search with accents
 * and a map extent across the communities the viewer may read, validation never by the author, and
 * statistics of validated contributions by college.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorKind, MemberRole, Visibility } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { adoptCommons, archiveCommons, proposeCommons, rejectCommons, updateCommons } from "@/lib/commons/commons";
import { contributionStats, recordContribution, validateContribution } from "@/lib/commons/contributions";
import { searchCommons } from "@/lib/commons/search";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function community({
  visibility = "PUBLIC",
  members = [],
}: { visibility?: Visibility; members?: { role?: MemberRole; college?: ActorKind }[] } = {}) {
  const owner = await createPerson(t.db);
  const slug = unique("com").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: { name: `Communauté ${slug}`, slug, summary: "Des communs.", description: "", visibility, joinPolicy: "OPEN" },
  });
  const people: TestPerson[] = [];
  for (const { role = "MEMBER", college = "PUBLIC" } of members) {
    const person = await createPerson(t.db, { actorKind: college });
    await t.db.membership.create({ data: { communityId: id, userId: person.id, college, status: "ACTIVE", role } });
    people.push(person);
  }
  return { id, slug, owner, people };
}

const square = (lon: number, lat: number, size = 1) => ({
  type: "Polygon",
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

const commonsInput = (overrides: Record<string, unknown> = {}) => ({
  slug: unique("c").toLowerCase(),
  title: "Base adresse locale",
  summary: "Les adresses de la commune.",
  description: "",
  kind: "DATASET",
  licence: "etalab-2.0",
  status: "PROPOSED",
  ...overrides,
});

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

describe("proposing a commons", () => {
  it("stores the coverage with its bounding box, the proposer as steward, and an audit entry", async () => {
    const c = await community({ members: [{}] });
    const proposer = c.people[0]!;
    const input = commonsInput({ coverage: square(2, 48), repositoryUrl: "https://git.example.org/bal" });
    const created = await proposeCommons(t.db, { actor: proposer, slug: c.slug, input });
    expect(created.status).toBe("PROPOSED");
    const row = await t.db.commons.findUniqueOrThrow({ where: { id: created.id }, include: { stewards: true } });
    expect([row.minLon, row.minLat, row.maxLon, row.maxLat]).toEqual([2, 48, 3, 49]);
    expect(row.stewards.map((s) => s.userId)).toEqual([proposer.id]);
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "commons.proposed" } })).toBe(1);
  });

  it("refuses an invalid geometry with its catalogue key and stores nothing", async () => {
    const c = await community({ members: [{}] });
    const bowTie = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const outcome = await rejection(
      proposeCommons(t.db, { actor: c.people[0]!, slug: c.slug, input: commonsInput({ coverage: bowTie }) }),
    );
    expect(outcome).toEqual({ status: 400, messageKey: "commons.errors.geometry.selfIntersection", field: "coverage" });
    const open = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ],
      ],
    };
    expect(
      (await rejection(proposeCommons(t.db, { actor: c.people[0]!, slug: c.slug, input: commonsInput({ coverage: open }) })))
        .messageKey,
    ).toBe("commons.errors.geometry.ringNotClosed");
    expect(await t.db.commons.count({ where: { communityId: c.id } })).toBe(0);
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "commons.proposed" } })).toBe(0);
  });

  it("refuses a licence outside the allow-list and a slug already used in the community", async () => {
    const c = await community({ members: [{}] });
    const actor = c.people[0]!;
    expect(
      (await rejection(proposeCommons(t.db, { actor, slug: c.slug, input: commonsInput({ licence: "WTFPL" }) }))).messageKey,
    ).toBe("commons.errors.licenceInvalid");
    const input = commonsInput();
    await proposeCommons(t.db, { actor, slug: c.slug, input });
    expect(await rejection(proposeCommons(t.db, { actor, slug: c.slug, input }))).toMatchObject({ status: 409 });
  });

  it("is for acting members only", async () => {
    const c = await community();
    const outsider = await createPerson(t.db);
    expect((await rejection(proposeCommons(t.db, { actor: outsider, slug: c.slug, input: commonsInput() }))).status).toBe(403);
  });
});

describe("lifecycle and editing", () => {
  it("adopts or rejects a proposed commons once, archives it, and answers 409 otherwise", async () => {
    const c = await community({ members: [{}] });
    const member = c.people[0]!;
    const draft = await proposeCommons(t.db, { actor: member, slug: c.slug, input: commonsInput({ status: "DRAFT" }) });
    const ref = { slug: c.slug, commonsSlug: draft.slug };
    expect((await rejection(adoptCommons(t.db, { actor: c.owner, ...ref }))).status).toBe(409);
    expect((await rejection(adoptCommons(t.db, { actor: member, ...ref }))).status).toBe(403);
    await updateCommons(t.db, { actor: member, ...ref, input: { status: "PROPOSED" } });
    expect((await adoptCommons(t.db, { actor: c.owner, ...ref })).status).toBe("ADOPTED");
    expect((await rejection(rejectCommons(t.db, { actor: c.owner, ...ref }))).status).toBe(409);
    expect((await archiveCommons(t.db, { actor: c.owner, ...ref })).status).toBe("ARCHIVED");
    expect((await rejection(archiveCommons(t.db, { actor: c.owner, ...ref }))).status).toBe(409);
    expect((await rejection(updateCommons(t.db, { actor: member, ...ref, input: { title: "Autre" } }))).status).toBe(409);
    const actions = await t.db.auditEntry.findMany({ where: { communityId: c.id }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["commons.proposed", "commons.updated", "commons.adopted", "commons.archived"]),
    );
  });

  it("lets the proposer, a steward's organisation and administrators edit, not other members", async () => {
    const c = await community({ members: [{}, {}, {}] });
    const [proposer, other, orgMember] = c.people as [TestPerson, TestPerson, TestPerson];
    const created = await proposeCommons(t.db, { actor: proposer, slug: c.slug, input: commonsInput() });
    const ref = { slug: c.slug, commonsSlug: created.slug };
    expect((await rejection(updateCommons(t.db, { actor: other, ...ref, input: { title: "Pris" } }))).status).toBe(403);
    const org = await t.db.organization.create({ data: { name: "Commune de Lyon", kind: "PUBLIC" } });
    await t.db.user.update({
      where: { id: orgMember.id },
      data: { organizationId: org.id, organizationVerifiedAt: new Date(), organizationVerifiedBy: "ADMIN_APPROVAL" },
    });
    await t.db.commonsSteward.create({ data: { commonsId: created.id, organizationId: org.id } });
    await updateCommons(t.db, { actor: orgMember, ...ref, input: { summary: "Par l'organisation." } });
    await updateCommons(t.db, { actor: c.owner, ...ref, input: { coverage: square(4, 44) } });
    const row = await t.db.commons.findUniqueOrThrow({ where: { id: created.id } });
    expect([row.summary, row.minLon, row.maxLat]).toEqual(["Par l'organisation.", 4, 45]);
    const bad = await rejection(updateCommons(t.db, { actor: c.owner, ...ref, input: { coverage: square(179.5, 0) } }));
    expect(bad.messageKey).toBe("commons.errors.geometry.outOfRange");
    expect((await t.db.commons.findUniqueOrThrow({ where: { id: created.id } })).minLon).toBe(4);
  });
});

describe("searchCommons", () => {
  it("finds words without their accents, in French and English, and filters by map extent", async () => {
    const c = await community({ members: [{}] });
    const actor = c.people[0]!;
    const tag = unique("t")
      .toLowerCase()
      .replace(/[^a-z]/g, "");
    const lyon = await proposeCommons(t.db, {
      actor,
      slug: c.slug,
      input: commonsInput({ title: `Réseau cyclable ${tag}`, coverage: square(4.7, 45.6, 0.3) }),
    });
    const brest = await proposeCommons(t.db, {
      actor,
      slug: c.slug,
      input: commonsInput({
        title: `Bâtiments ${tag}`,
        summary: "Building footprints mapped by volunteers.",
        coverage: square(-4.6, 48.3, 0.2),
      }),
    });
    const ids = async (q: string, bbox?: { minLon: number; minLat: number; maxLon: number; maxLat: number }) =>
      (await searchCommons(t.db, { viewer: null, q, communityId: c.id, bbox })).data.map((h) => h.id).sort();
    expect(await ids(`reseau ${tag}`)).toEqual([lyon.id]);
    expect(await ids(`RÉSEAUX ${tag}`)).toEqual([lyon.id]);
    expect(await ids(`batiment ${tag}`)).toEqual([brest.id]);
    expect(await ids(`buildings ${tag}`)).toEqual([brest.id]);
    expect(await ids(tag)).toEqual([lyon.id, brest.id].sort());
    expect(await ids(tag, { minLon: 4, minLat: 45, maxLon: 5, maxLat: 46 })).toEqual([lyon.id]);
    expect(await ids(tag, { minLon: -5, minLat: 48.4, maxLon: -4.5, maxLat: 49 })).toEqual([brest.id]);
    expect(await ids(tag, { minLon: 0, minLat: 40, maxLon: 1, maxLat: 41 })).toEqual([]);
  });

  it("reads public communities and members-only ones the viewer belongs to, drafts for their proposer only, by cursor", async () => {
    const tag = unique("v")
      .toLowerCase()
      .replace(/[^a-z]/g, "");
    const open = await community({ members: [{}] });
    const closed = await community({ visibility: "MEMBERS", members: [{}] });
    const insider = closed.people[0]!;
    const outsider = open.people[0]!;
    const inOpen = await proposeCommons(t.db, {
      actor: outsider,
      slug: open.slug,
      input: commonsInput({ title: `Cadastre ${tag}` }),
    });
    const draft = await proposeCommons(t.db, {
      actor: outsider,
      slug: open.slug,
      input: commonsInput({ title: `Brouillon ${tag}`, status: "DRAFT" }),
    });
    const inClosed = await proposeCommons(t.db, {
      actor: insider,
      slug: closed.slug,
      input: commonsInput({ title: `Secret ${tag}` }),
    });
    const find = async (viewer: TestPerson | null) =>
      (await searchCommons(t.db, { viewer, q: tag })).data.map((h) => h.id).sort();
    expect(await find(null)).toEqual([inOpen.id]);
    expect(await find(outsider)).toEqual([inOpen.id, draft.id].sort());
    expect(await find(insider)).toEqual([inOpen.id, inClosed.id].sort());
    const admin = await createPerson(t.db, { platformAdmin: true });
    expect(await find(admin)).toEqual([inOpen.id, inClosed.id].sort());

    const first = await searchCommons(t.db, { viewer: insider, q: tag, limit: 1 });
    expect(first.data).toHaveLength(1);
    expect(first.data[0]!.community.slug).toBeTruthy();
    const second = await searchCommons(t.db, { viewer: insider, q: tag, limit: 1, cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    expect([first.data[0]!.id, second.data[0]!.id].sort()).toEqual([inOpen.id, inClosed.id].sort());
  });
});

describe("contributions", () => {
  it("are validated by another member, never by their author, once", async () => {
    const c = await community({ members: [{}, {}] });
    const [author, other] = c.people as [TestPerson, TestPerson];
    const commons = await proposeCommons(t.db, { actor: author, slug: c.slug, input: commonsInput() });
    const recorded = await recordContribution(t.db, {
      actor: author,
      slug: c.slug,
      commonsSlug: commons.slug,
      input: { type: "CORRECTION", description: "Corrigé 40 adresses.", date: "2026-03-02", hours: 3 },
    });
    expect(recorded.state).toBe("PENDING");
    const byAuthor = await rejection(
      validateContribution(t.db, { actor: author, slug: c.slug, contributionId: recorded.id, input: { decision: "VALIDATED" } }),
    );
    expect(byAuthor.status).toBe(403);
    expect((await t.db.contribution.findUniqueOrThrow({ where: { id: recorded.id } })).state).toBe("PENDING");
    const done = await validateContribution(t.db, {
      actor: other,
      slug: c.slug,
      contributionId: recorded.id,
      input: { decision: "VALIDATED", comment: "Vérifié." },
    });
    expect(done.state).toBe("VALIDATED");
    const again = await rejection(
      validateContribution(t.db, { actor: c.owner, slug: c.slug, contributionId: recorded.id, input: { decision: "REJECTED" } }),
    );
    expect(again.status).toBe(409);
    const row = await t.db.contribution.findUniqueOrThrow({ where: { id: recorded.id } });
    expect([row.validatorId, row.validationComment]).toEqual([other.id, "Vérifié."]);
  });

  it("refuses an invalid place and people outside the community", async () => {
    const c = await community({ members: [{}] });
    const commons = await proposeCommons(t.db, { actor: c.people[0]!, slug: c.slug, input: commonsInput() });
    const input = {
      type: "CODE",
      description: "Correctif",
      date: "2026-01-01",
      place: { type: "Polygon", coordinates: [[[0, 0]]] },
    };
    const bad = await rejection(
      recordContribution(t.db, { actor: c.people[0]!, slug: c.slug, commonsSlug: commons.slug, input }),
    );
    expect(bad).toEqual({ status: 400, messageKey: "commons.errors.geometry.ringTooShort", field: "place" });
    const outsider = await createPerson(t.db);
    const refused = await rejection(
      recordContribution(t.db, {
        actor: outsider,
        slug: c.slug,
        commonsSlug: commons.slug,
        input: { ...input, place: undefined },
      }),
    );
    expect(refused.status).toBe(403);
    expect(await t.db.contribution.count({ where: { commonsId: commons.id } })).toBe(0);
  });

  it("statistics count validated contributions only, by type, college, organisation and month", async () => {
    const c = await community({ members: [{ college: "PUBLIC" }, { college: "CIVIL_SOCIETY" }, { college: "RESEARCH" }] });
    const [agent, volunteer, researcher] = c.people as [TestPerson, TestPerson, TestPerson];
    const org = await t.db.organization.create({ data: { name: "IGN", kind: "PUBLIC" } });
    await t.db.user.update({
      where: { id: agent.id },
      data: { organizationId: org.id, organizationVerifiedAt: new Date(), organizationVerifiedBy: "PROCONNECT" },
    });
    const commons = await proposeCommons(t.db, { actor: agent, slug: c.slug, input: commonsInput() });
    const record = (actor: TestPerson, type: string, date: string, hours?: number) =>
      recordContribution(t.db, {
        actor,
        slug: c.slug,
        commonsSlug: commons.slug,
        input: { type, description: "Contribution", date, hours },
      });
    const validate = (id: string, actor: TestPerson, decision = "VALIDATED") =>
      validateContribution(t.db, { actor, slug: c.slug, contributionId: id, input: { decision } });

    await validate((await record(agent, "DATA_PRODUCTION", "2026-01-10T12:00:00Z", 5)).id, volunteer);
    await validate((await record(agent, "CORRECTION", "2026-02-03T12:00:00Z", 1)).id, researcher);
    await validate((await record(volunteer, "CORRECTION", "2026-02-20T12:00:00Z", 2)).id, agent);
    await validate((await record(researcher, "DOCUMENTATION", "2026-02-21T12:00:00Z")).id, agent, "REJECTED");
    await record(researcher, "CODE", "2026-03-01T12:00:00Z"); // still pending

    const stats = await contributionStats(t.db, commons.id);
    expect(stats.total).toBe(3);
    expect(stats.byType).toEqual([
      { type: "CORRECTION", count: 2, hours: 3 },
      { type: "DATA_PRODUCTION", count: 1, hours: 5 },
    ]);
    expect(stats.byCollege).toEqual([
      { college: "PUBLIC", count: 2, hours: 6 },
      { college: "CIVIL_SOCIETY", count: 1, hours: 2 },
    ]);
    expect(stats.byOrganization).toEqual([
      { organizationId: org.id, name: "IGN", count: 2, hours: 6 },
      { organizationId: null, name: null, count: 1, hours: 2 },
    ]);
    expect(stats.byMonth).toEqual([
      { month: "2026-01", count: 1, hours: 5 },
      { month: "2026-02", count: 2, hours: 3 },
    ]);
  });
});
