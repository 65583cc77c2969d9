/**
 * Commons through their whole life against a real PostgreSQL: stewards, bad input refused with a
 * field error and nothing stored, reading with visibility (drafts, hidden), and adoption by vote
 * where the charter says so — submitted as a COMMONS_ADOPTION proposal whose close (closeProposal)
 * adopts or rejects the commons in the same transaction, with its audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorKind, MemberRole } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { foundCharter } from "@/lib/charter/found-charter";
import { defaultCharterParameters } from "@/lib/charter/parameters";
import { adoptCommons, proposeCommons, updateCommons } from "@/lib/commons/commons";
import { listCommonsDecisions } from "@/lib/commons/adoption";
import { submitCommonsToVote } from "@/lib/proposals/submit-commons-to-vote";
import { getCommonsById, getCommonsBySlug, listCommunityCommons } from "@/lib/commons/read";
import { territories } from "@/lib/commons/regions";
import { validateCoverage } from "@/lib/commons/geometry";
import { openVotingNow } from "@/lib/proposals/lifecycle";
import { createProposal } from "@/lib/proposals/create-proposal";
import { castBallot } from "@/lib/votes/cast-ballot";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { searchCommons } from "@/lib/commons/search";
import { seedDemo } from "@/lib/demo/seed";
import { coverageFromGeoJson, slugify, vertexCount } from "@/features/commons/components/geojson-file";
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
  byVote = false,
  members = [],
}: { byVote?: boolean; members?: { role?: MemberRole; college?: ActorKind }[] } = {}) {
  const owner = await createPerson(t.db);
  const slug = unique("cad").toLowerCase();
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
  await foundCharter(t.db, {
    actor: owner,
    slug,
    rules: [{ title: "Adoption", text: "Les communs sont adoptés par vote.", principle: 3 }],
    parameters: { ...defaultCharterParameters, commonsAdoptionByVote: byVote, quorumPercent: 0 },
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

const input = (overrides: Record<string, unknown> = {}) => ({
  slug: unique("c").toLowerCase(),
  title: "Réseau des bornes de recharge",
  summary: "Les bornes de la région.",
  description: "## Contenu\n\nUne **liste** des bornes.",
  kind: "DATASET",
  licence: "etalab-2.0",
  status: "PROPOSED",
  coverage: square(2, 48),
  ...overrides,
});

async function rejection(promise: Promise<unknown>) {
  return promise.then(
    () => ({ status: 0, messageKey: "", field: undefined as string | undefined, fieldErrors: undefined as unknown }),
    (e: { status: number; messageKey: string; field?: string; fieldErrors?: unknown }) => ({
      status: e.status,
      messageKey: e.messageKey,
      field: e.field,
      fieldErrors: e.fieldErrors,
    }),
  );
}

describe("bad input when proposing a commons", () => {
  it("refuses an invalid geometry, an unknown licence and Markdown carrying a script, each at its field, and stores nothing", async () => {
    const c = await community({ members: [{}] });
    const author = c.people[0]!;
    const bowTie = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [2, 2],
          [2, 0],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ coverage: bowTie }, "coverage", "commons.errors.geometry.selfIntersection"],
      [{ coverage: square(200, 10) }, "coverage", "commons.errors.geometry.outOfRange"],
      [{ licence: "WTFPL" }, "licence", "commons.errors.licenceInvalid"],
      [{ description: "Bonjour <script>alert(1)</script>" }, "description", "commons.errors.descriptionUnsafe"],
      [{ description: "[clic](javascript:alert(1))" }, "description", "commons.errors.descriptionUnsafe"],
      [{ description: '<img src=x onerror="alert(1)">' }, "description", "commons.errors.descriptionUnsafe"],
      [{ slug: "Pas Un Slug" }, "slug", "commons.errors.slugInvalid"],
      [{ repositoryUrl: "ftp://example.org" }, "repositoryUrl", "commons.errors.urlInvalid"],
    ];
    for (const [overrides, field, key] of cases) {
      const outcome = await rejection(proposeCommons(t.db, { actor: author, slug: c.slug, input: input(overrides) }));
      expect(outcome, JSON.stringify(overrides)).toMatchObject({ status: 400, field, messageKey: key });
      expect(outcome.fieldErrors).toMatchObject({ [field]: key });
    }
    // Several bad fields at once: each gets its own message.
    const several = await rejection(
      proposeCommons(t.db, { actor: author, slug: c.slug, input: input({ licence: "nope", coverage: bowTie, title: "" }) }),
    );
    expect(several.fieldErrors).toMatchObject({
      licence: "commons.errors.licenceInvalid",
      coverage: "commons.errors.geometry.selfIntersection",
      title: "commons.errors.titleRequired",
    });
    expect(await t.db.commons.count({ where: { communityId: c.id } })).toBe(0);
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "commons.proposed" } })).toBe(0);
  });

  it("names stewards among the community's members and existing organisations only", async () => {
    const c = await community({ members: [{}, { college: "RESEARCH" }] });
    const outsider = await createPerson(t.db);
    const bad = await rejection(
      proposeCommons(t.db, { actor: c.people[0]!, slug: c.slug, input: input({ stewardUserIds: [outsider.id] }) }),
    );
    expect(bad).toMatchObject({ status: 400, field: "stewardUserIds", messageKey: "commons.errors.stewardNotMember" });
    const badOrg = await rejection(
      proposeCommons(t.db, { actor: c.people[0]!, slug: c.slug, input: input({ stewardOrganizationIds: ["nope"] }) }),
    );
    expect(badOrg).toMatchObject({ status: 400, field: "stewardOrganizationIds" });
    expect(await t.db.commons.count({ where: { communityId: c.id } })).toBe(0);

    const lab = await t.db.organization.create({ data: { name: unique("Laboratoire"), kind: "RESEARCH" } });
    const ref = await proposeCommons(t.db, {
      actor: c.people[0]!,
      slug: c.slug,
      input: input({ stewardUserIds: [c.people[1]!.id], stewardOrganizationIds: [lab.id] }),
    });
    const view = await getCommonsById(t.db, null, ref.id);
    expect(view.stewards.map((s) => (s.kind === "person" ? s.userId : s.organizationId)).sort()).toEqual(
      [c.people[0]!.id, c.people[1]!.id, lab.id].sort(),
    );
    expect(view.stewards.find((s) => s.kind === "organization")).toMatchObject({ name: lab.name, actorKind: "RESEARCH" });

    // Replacing the stewards keeps the proposer.
    await updateCommons(t.db, {
      actor: c.people[1]!,
      slug: c.slug,
      commonsSlug: ref.slug,
      input: { stewardUserIds: [], stewardOrganizationIds: [] },
    });
    const after = await getCommonsById(t.db, null, ref.id);
    expect(after.stewards.map((s) => (s.kind === "person" ? s.userId : s.organizationId))).toEqual([c.people[0]!.id]);
  });
});

describe("reading a commons", () => {
  it("shows a draft to its stewards and administrators only, and withholds a hidden commons from others", async () => {
    const c = await community({ members: [{}, {}, { role: "MODERATOR" }] });
    const [author, other, moderator] = c.people as [TestPerson, TestPerson, TestPerson];
    const draft = await proposeCommons(t.db, { actor: author, slug: c.slug, input: input({ status: "DRAFT" }) });
    expect((await getCommonsBySlug(t.db, author, c.slug, draft.slug)).viewer).toMatchObject({ isProposer: true, canEdit: true });
    expect((await getCommonsBySlug(t.db, c.owner, c.slug, draft.slug)).viewer).toMatchObject({ isAdmin: true, canDecide: true });
    expect((await rejection(getCommonsBySlug(t.db, other, c.slug, draft.slug))).status).toBe(404);
    expect((await rejection(getCommonsBySlug(t.db, null, c.slug, draft.slug))).status).toBe(404);
    expect((await rejection(getCommonsBySlug(t.db, author, c.slug, "nothing-here"))).status).toBe(404);
    expect((await listCommunityCommons(t.db, { communityId: c.id, viewer: other })).map((i) => i.id)).not.toContain(draft.id);

    const shown = await proposeCommons(t.db, { actor: author, slug: c.slug, input: input() });
    await t.db.commons.update({ where: { id: shown.id }, data: { hiddenAt: new Date(), hiddenReason: "Spam" } });
    const forOther = await getCommonsBySlug(t.db, other, c.slug, shown.slug);
    expect(forOther).toMatchObject({
      hidden: true,
      withheld: true,
      title: "",
      description: "",
      coverage: null,
      hiddenReason: null,
    });
    const forModerator = await getCommonsBySlug(t.db, moderator, c.slug, shown.slug);
    expect(forModerator).toMatchObject({
      hidden: true,
      withheld: false,
      title: "Réseau des bornes de recharge",
      hiddenReason: "Spam",
    });
    expect(await getCommonsBySlug(t.db, author, c.slug, shown.slug)).toMatchObject({ withheld: false });
  });

  it("bundles French regions and departments that are all valid coverages", () => {
    // All 18 regions and 101 departments (winding and vertex counts: tests/unit/geometry-territories.test.ts).
    expect(territories.length).toBe(119);
    for (const territory of territories) {
      const result = validateCoverage(territory.coverage);
      expect(result.ok, territory.name).toBe(true);
    }
    const paris = territories.find((x) => x.code === "D75")!;
    const bbox = validateCoverage(paris.coverage);
    expect(bbox.ok && bbox.bbox.minLon > 2.2 && bbox.bbox.maxLon < 2.5 && bbox.bbox.minLat > 48.8).toBe(true);
  });
});

describe("coverage from an uploaded GeoJSON file", () => {
  it("takes the polygons of a Feature, a FeatureCollection or a bare geometry, and says why otherwise", () => {
    const polygon = square(2, 48);
    expect(coverageFromGeoJson(JSON.stringify(polygon))).toEqual({ ok: true, coverage: polygon });
    expect(coverageFromGeoJson(JSON.stringify({ type: "Feature", properties: {}, geometry: polygon }))).toEqual({
      ok: true,
      coverage: polygon,
    });
    const two = coverageFromGeoJson(
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          { type: "Feature", properties: {}, geometry: polygon },
          { type: "Feature", properties: {}, geometry: { type: "Point", coordinates: [1, 1] } },
          { type: "Feature", properties: {}, geometry: square(5, 45) },
        ],
      }),
    );
    expect(two.ok && two.coverage.type).toBe("MultiPolygon");
    expect(two.ok && vertexCount(two.coverage)).toBe(8);
    expect(two.ok && validateCoverage(two.coverage).ok).toBe(true);
    expect(coverageFromGeoJson("{ pas du json")).toEqual({ ok: false, error: "commons.errors.geojsonUnreadable" });
    expect(coverageFromGeoJson(JSON.stringify({ type: "Point", coordinates: [1, 1] }))).toEqual({
      ok: false,
      error: "commons.errors.geojsonNoPolygon",
    });
    expect(slugify("Réseau des fontaines — Île-de-France !")).toBe("reseau-des-fontaines-ile-de-france");
  });
});

describe("adoption by vote", () => {
  async function vote(c: Awaited<ReturnType<typeof community>>, proposalId: string, choice: "for" | "against") {
    await openVotingNow(t.db, { actor: c.owner, proposalId });
    for (const person of c.people) await castBallot(t.db, { actorId: person.id, proposalId, choice: { choice } });
    return closeProposal(t.db, { proposalId });
  }

  it("adopts the commons when the COMMONS_ADOPTION proposal is adopted, in closeProposal's transaction, with its audit entry", async () => {
    const c = await community({ byVote: true, members: [{}, {}, {}] });
    const ref = await proposeCommons(t.db, { actor: c.people[0]!, slug: c.slug, input: input() });

    // Administrators may not bypass the vote.
    expect(await rejection(adoptCommons(t.db, { actor: c.owner, slug: c.slug, commonsSlug: ref.slug }))).toMatchObject({
      status: 409,
      messageKey: "commons.errors.adoptionByVote",
    });
    // Someone who is neither steward nor administrator may not submit it.
    expect(
      (await rejection(submitCommonsToVote(t.db, { actor: c.people[1]!, slug: c.slug, commonsSlug: ref.slug }))).status,
    ).toBe(403);

    const proposal = await submitCommonsToVote(t.db, { actor: c.people[0]!, slug: c.slug, commonsSlug: ref.slug });
    const stored = await t.db.proposal.findUniqueOrThrow({ where: { id: proposal.id } });
    expect(stored).toMatchObject({ kind: "COMMONS_ADOPTION", commonsId: ref.id, status: "DRAFT" });
    // The title is the commons' title, data rather than a sentence: pages render "Adoption du commun …"
    // from the kind through the catalogue, in the reader's language (lib/proposals/title.ts).
    const commonsTitle = (await t.db.commons.findUniqueOrThrow({ where: { id: ref.id } })).title;
    expect(stored.title).toBe(commonsTitle);
    // One adoption vote at a time.
    expect(await rejection(submitCommonsToVote(t.db, { actor: c.owner, slug: c.slug, commonsSlug: ref.slug }))).toMatchObject({
      status: 409,
      messageKey: "commons.errors.voteRunning",
    });

    const { outcome } = await vote(c, proposal.id, "for");
    expect(outcome).toBe("ADOPTED");
    expect((await t.db.commons.findUniqueOrThrow({ where: { id: ref.id } })).status).toBe("ADOPTED");
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { communityId: c.id, action: "commons.adopted" } });
    expect(audit).toMatchObject({ actorId: null, details: { commonsId: ref.id, proposalId: proposal.id, byVote: true } });
    expect(await listCommonsDecisions(t.db, ref.id)).toMatchObject([
      { proposalId: proposal.id, status: "CLOSED", outcome: "ADOPTED" },
    ]);
    // Adopted: no further adoption vote.
    expect(await rejection(submitCommonsToVote(t.db, { actor: c.owner, slug: c.slug, commonsSlug: ref.slug }))).toMatchObject({
      status: 409,
      messageKey: "commons.errors.notUpForAdoption",
    });
  });

  it("rejects the commons when the vote rejects it, and leaves it proposed when the vote is void", async () => {
    const c = await community({ byVote: true, members: [{}, {}] });
    const rejected = await proposeCommons(t.db, { actor: c.people[0]!, slug: c.slug, input: input() });
    const p1 = await submitCommonsToVote(t.db, { actor: c.owner, slug: c.slug, commonsSlug: rejected.slug });
    expect((await vote(c, p1.id, "against")).outcome).toBe("REJECTED");
    expect((await t.db.commons.findUniqueOrThrow({ where: { id: rejected.id } })).status).toBe("REJECTED");
    expect(await t.db.auditEntry.count({ where: { communityId: c.id, action: "commons.rejected" } })).toBe(1);

    const kept = await proposeCommons(t.db, { actor: c.people[0]!, slug: c.slug, input: input() });
    const p2 = await submitCommonsToVote(t.db, { actor: c.people[0]!, slug: c.slug, commonsSlug: kept.slug });
    await t.db.proposal.update({ where: { id: p2.id }, data: { quorumPercent: 100 } });
    await openVotingNow(t.db, { actor: c.people[0]!, proposalId: p2.id });
    await castBallot(t.db, { actorId: c.people[0]!.id, proposalId: p2.id, choice: { choice: "for" } });
    expect((await closeProposal(t.db, { proposalId: p2.id })).outcome).toBe("VOID");
    expect((await t.db.commons.findUniqueOrThrow({ where: { id: kept.id } })).status).toBe("PROPOSED");
    // A void vote may be followed by another.
    await expect(
      submitCommonsToVote(t.db, { actor: c.people[0]!, slug: c.slug, commonsSlug: kept.slug }),
    ).resolves.toHaveProperty("id");
  });

  it("refuses a vote where administrators adopt directly, and a general proposal pointing at a commons", async () => {
    const c = await community({ byVote: false, members: [{}] });
    const ref = await proposeCommons(t.db, { actor: c.people[0]!, slug: c.slug, input: input() });
    expect(
      await rejection(submitCommonsToVote(t.db, { actor: c.people[0]!, slug: c.slug, commonsSlug: ref.slug })),
    ).toMatchObject({
      status: 409,
      messageKey: "commons.errors.adoptionNotByVote",
    });
    const general = await rejection(
      createProposal(t.db, {
        actor: c.people[0]!,
        slug: c.slug,
        input: { kind: "GENERAL", title: "Une proposition ordinaire", method: "THRESHOLD", commonsId: ref.id },
      }),
    );
    expect(general).toMatchObject({ status: 400, field: "commonsId", messageKey: "commons.errors.onlyForAdoption" });
    // An adoption proposal without its commons would adopt nothing when adopted: refused at the kind.
    const orphan = await rejection(
      createProposal(t.db, {
        actor: c.people[0]!,
        slug: c.slug,
        input: { kind: "COMMONS_ADOPTION", title: "Adopter quelque chose", method: "THRESHOLD" },
      }),
    );
    expect(orphan).toMatchObject({ status: 400, field: "commonsId", messageKey: "votes.errors.adoptionCommonsRequired" });
    expect(await t.db.proposal.count({ where: { communityId: c.id } })).toBe(0);
    await adoptCommons(t.db, { actor: c.owner, slug: c.slug, commonsSlug: ref.slug });
    expect((await t.db.commons.findUniqueOrThrow({ where: { id: ref.id } })).status).toBe("ADOPTED");
  });
});

describe("demo commons", () => {
  it("seeds a dozen commons over the three communities, with valid coverages and ledgers carried by all four kinds of actors", async () => {
    const fresh = await createTestDatabase();
    try {
      await seedDemo(fresh.db);
      const commons = await fresh.db.commons.findMany({
        select: { slug: true, title: true, coverage: true, status: true, licence: true, community: { select: { slug: true } } },
      });
      expect(commons.length).toBeGreaterThanOrEqual(12);
      expect(new Set(commons.map((c) => c.community.slug)).size).toBe(3);
      expect(new Set(commons.map((c) => c.licence)).size).toBeGreaterThanOrEqual(6);
      for (const c of commons) if (c.coverage) expect(validateCoverage(c.coverage).ok, c.slug).toBe(true);

      const stewardKinds = await fresh.db.commonsSteward.findMany({
        select: { user: { select: { actorKind: true } }, organization: { select: { kind: true } } },
      });
      expect(new Set(stewardKinds.map((s) => s.user?.actorKind ?? s.organization?.kind))).toEqual(
        new Set(["PUBLIC", "PRIVATE", "RESEARCH", "CIVIL_SOCIETY"]),
      );
      const contributions = await fresh.db.contribution.findMany({
        select: { state: true, date: true, authorId: true, validatorId: true, author: { select: { actorKind: true } } },
      });
      const validated = contributions.filter((c) => c.state === "VALIDATED");
      expect(new Set(validated.map((c) => c.author.actorKind))).toEqual(
        new Set(["PUBLIC", "PRIVATE", "RESEARCH", "CIVIL_SOCIETY"]),
      );
      expect(contributions.some((c) => c.state === "PENDING")).toBe(true);
      for (const c of validated) expect(c.validatorId).not.toBe(c.authorId);
      const months = new Set(contributions.map((c) => c.date.toISOString().slice(0, 7)));
      expect(months.size).toBeGreaterThanOrEqual(4);
      expect(contributions.every((c) => c.date.getTime() <= Date.now())).toBe(true);

      // Unaccented search finds the accented titles.
      const found = await searchCommons(fresh.db, { viewer: null, q: "reseau" });
      expect(found.data.map((c) => c.title)).toEqual(expect.arrayContaining(["Réseau cyclable de Rennes en images"]));
    } finally {
      await fresh.drop();
    }
  });
});
