/**
 * The catalogue's search against a real PostgreSQL: filters (kind, licence, status, community, kind of
 * actor among the stewards, in person or through an organisation), the three sorts with a cursor that
 * walks every page without repeating or skipping, commons hidden by moderation left out, coverages
 * returned with the page for the map, and the community filter's list limited to what the viewer sees.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorKind, Visibility } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { proposeCommons } from "@/lib/commons/commons";
import { catalogueCommunities, searchCommons, type CommonsSearch } from "@/lib/commons/search";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const word = (prefix: string) =>
  unique(prefix)
    .toLowerCase()
    .replace(/[^a-z]/g, "");

async function community(visibility: Visibility = "PUBLIC", colleges: ActorKind[] = ["PUBLIC"]) {
  const owner = await createPerson(t.db);
  const slug = unique("cat").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: { name: `Communauté ${slug}`, slug, summary: "Des communs.", description: "", visibility, joinPolicy: "OPEN" },
  });
  const people: TestPerson[] = [];
  for (const college of colleges) {
    const person = await createPerson(t.db, { actorKind: college });
    await t.db.membership.create({ data: { communityId: id, userId: person.id, college, status: "ACTIVE", role: "MEMBER" } });
    people.push(person);
  }
  return { id, slug, people };
}

const square = (lon: number, lat: number, size = 0.5) => ({
  type: "Polygon" as const,
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

async function commons(actor: TestPerson, slug: string, overrides: Record<string, unknown>) {
  return proposeCommons(t.db, {
    actor,
    slug,
    input: {
      slug: unique("c").toLowerCase(),
      title: "Commun",
      summary: "Un commun.",
      description: "",
      kind: "DATASET",
      licence: "etalab-2.0",
      status: "PROPOSED",
      ...overrides,
    },
  });
}

const ids = async (search: Omit<CommonsSearch, "viewer"> & { viewer?: CommonsSearch["viewer"] }) =>
  (await searchCommons(t.db, { viewer: null, ...search })).data.map((hit) => hit.id);

/** Every page of a search, following the cursor. */
async function allPages(search: CommonsSearch): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await searchCommons(t.db, { ...search, cursor, limit: 2 });
    seen.push(...page.data.map((hit) => hit.id));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("the cursor never ended");
}

describe("catalogue search", () => {
  it("filters by kind, licence, status, community and kind of actor among the stewards", async () => {
    const tag = word("f");
    const a = await community("PUBLIC", ["PUBLIC", "RESEARCH"]);
    const b = await community("PUBLIC", ["CIVIL_SOCIETY"]);
    const [publicPerson, researcher] = a.people as [TestPerson, TestPerson];
    const dataset = await commons(publicPerson, a.slug, { title: `Adresses ${tag}` });
    const software = await commons(researcher, a.slug, { title: `Outil ${tag}`, kind: "SOFTWARE", licence: "EUPL-1.2" });
    const civic = await commons(b.people[0]!, b.slug, { title: `Arbres ${tag}`, licence: "ODbL-1.0" });
    await t.db.commons.update({ where: { id: civic.id }, data: { status: "ADOPTED" } });

    expect((await ids({ q: tag, kind: "SOFTWARE" })).sort()).toEqual([software.id]);
    expect((await ids({ q: tag, licence: "ODbL-1.0" })).sort()).toEqual([civic.id]);
    expect((await ids({ q: tag, status: "ADOPTED" })).sort()).toEqual([civic.id]);
    expect((await ids({ q: tag, communitySlug: a.slug })).sort()).toEqual([dataset.id, software.id].sort());
    expect((await ids({ q: tag, communitySlug: "nowhere" })).sort()).toEqual([]);
    expect(await ids({ q: tag, actorKind: "RESEARCH" })).toEqual([software.id]);
    expect(await ids({ q: tag, actorKind: "CIVIL_SOCIETY" })).toEqual([civic.id]);
    expect(await ids({ q: tag, actorKind: "PRIVATE" })).toEqual([]);

    // An organisation steward counts with its own kind.
    const company = await t.db.organization.create({ data: { name: `Entreprise ${tag}`, kind: "PRIVATE" } });
    await t.db.commonsSteward.create({ data: { commonsId: dataset.id, organizationId: company.id } });
    expect(await ids({ q: tag, actorKind: "PRIVATE" })).toEqual([dataset.id]);
    expect(await ids({ q: tag, actorKind: "PRIVATE", kind: "SOFTWARE" })).toEqual([]);
  });

  it("sorts by relevance, recency or title, and the cursor walks every page once", async () => {
    const tag = word("s");
    const c = await community();
    const actor = c.people[0]!;
    const titles = ["Zèbre", "abeille", "Éolienne", "Moulin", "castor"];
    const created: { id: string; title: string }[] = [];
    for (const title of titles) {
      const summary = title === "Moulin" ? `${tag} ${tag} réseau réseau réseau` : `${tag}`;
      const made = await commons(actor, c.slug, { title: `${title} ${tag}`, summary });
      created.push({ id: made.id, title });
    }
    const byTitle = await allPages({ viewer: null, q: tag, sort: "title" });
    expect(byTitle.map((id) => created.find((x) => x.id === id)!.title)).toEqual([
      "abeille",
      "castor",
      "Éolienne",
      "Moulin",
      "Zèbre",
    ]);

    const recent = await allPages({ viewer: null, q: tag, sort: "recent" });
    expect(recent).toEqual([...created].reverse().map((x) => x.id));

    const relevance = await allPages({ viewer: null, q: `${tag} reseau`, sort: "relevance" });
    expect(relevance).toEqual([created.find((x) => x.title === "Moulin")!.id]);
    const loose = await allPages({ viewer: null, q: `${tag} or reseau`, sort: "relevance" });
    expect(new Set(loose).size).toBe(titles.length);
    expect(loose).toHaveLength(titles.length);
    expect(loose[0]).toBe(created.find((x) => x.title === "Moulin")!.id);

    // Relevance without words means most recent first.
    const none = await searchCommons(t.db, { viewer: null, communityId: c.id, sort: "relevance" });
    expect(none.data.map((h) => h.id)).toEqual([...created].reverse().map((x) => x.id));
  });

  it("leaves hidden commons out and returns coverages with the page when asked", async () => {
    const tag = word("h");
    const c = await community();
    const actor = c.people[0]!;
    const shown = await commons(actor, c.slug, { title: `Visible ${tag}`, coverage: square(2.2, 48.8) });
    const hidden = await commons(actor, c.slug, { title: `Masqué ${tag}`, coverage: square(5.3, 43.2) });
    await t.db.commons.update({ where: { id: hidden.id }, data: { hiddenAt: new Date() } });

    const page = await searchCommons(t.db, { viewer: null, q: tag, includeCoverage: true });
    expect(page.data.map((h) => h.id)).toEqual([shown.id]);
    expect(page.data[0]!.coverage).toEqual(square(2.2, 48.8));
    const without = await searchCommons(t.db, { viewer: null, q: tag });
    expect(without.data[0]).not.toHaveProperty("coverage");
  });

  it("offers in the community filter only the communities the viewer may see", async () => {
    const open = await community("PUBLIC");
    const closed = await community("MEMBERS");
    const insider = closed.people[0]!;
    const slugs = async (viewer: TestPerson | null) => (await catalogueCommunities(t.db, viewer)).map((c) => c.slug);
    expect(await slugs(null)).toContain(open.slug);
    expect(await slugs(null)).not.toContain(closed.slug);
    expect(await slugs(insider)).toEqual(expect.arrayContaining([open.slug, closed.slug]));
    expect(await slugs(open.people[0]!)).not.toContain(closed.slug);
  });

  it("never pages hidden, draft or members-only commons to an outsider, nor places a page after one (regression)", async () => {
    const tag = word("r");
    const open = await community("PUBLIC");
    const closed = await community("MEMBERS");
    const outsider = await createPerson(t.db);
    const author = open.people[0]!;
    // Titles around the alphabet, and words in every text, so every sort interleaves the rows.
    const make = async (slug: string, actor: TestPerson, title: string, overrides: Record<string, unknown> = {}) =>
      (await commons(actor, slug, { title: `${title} ${tag}`, summary: `${tag} réseau ${title}`, ...overrides })).id;
    const visible = [
      await make(open.slug, author, "Aulne"),
      await make(open.slug, author, "Charme"),
      await make(open.slug, author, "Frêne"),
      await make(open.slug, author, "Saule"),
    ];
    const hidden = [await make(open.slug, author, "Bouleau"), await make(open.slug, author, "Tilleul")];
    await t.db.commons.updateMany({ where: { id: { in: hidden } }, data: { hiddenAt: new Date(), hiddenReason: "Spam" } });
    const forbidden = [
      ...hidden,
      await make(open.slug, author, "Érable", { status: "DRAFT" }),
      await make(closed.slug, closed.people[0]!, "Noyer"),
      await make(closed.slug, closed.people[0]!, "Orme"),
    ];

    for (const viewer of [null, outsider]) {
      for (const sort of ["relevance", "recent", "title"] as const) {
        for (const q of [tag, `${tag} reseau`]) {
          for (const limit of [1, 2, 3]) {
            const seen: string[] = [];
            let cursor: string | undefined;
            for (let i = 0; i < 20; i++) {
              const page = await searchCommons(t.db, { viewer, q, sort, cursor, limit });
              seen.push(...page.data.map((hit) => hit.id));
              if (!page.nextCursor) break;
              cursor = page.nextCursor;
            }
            expect(
              seen.filter((id) => forbidden.includes(id)),
              `${sort} ${q} by ${limit}`,
            ).toEqual([]);
            expect([...seen].sort(), `${sort} ${q} by ${limit}`).toEqual([...visible].sort());
          }
        }
        // A cursor naming a row the outsider may not see must not place a page relative to it
        // (its title's rank or its words' relevance would leak): the page is empty.
        for (const id of forbidden) {
          const page = await searchCommons(t.db, { viewer, q: tag, sort, cursor: id, limit: 10 });
          expect(page.data, `${sort} after a forbidden row`).toEqual([]);
        }
      }
    }
    // Whoever may see those rows still pages through them.
    const insider = closed.people[0]!;
    const insiders = await allPages({ viewer: insider, q: tag, sort: "title" });
    expect(insiders.filter((id) => forbidden.includes(id)).sort()).toEqual(forbidden.slice(3).sort());
  });

  it("searches an area by the coverages themselves, not their bounding boxes, on every page (the Rennes case)", async () => {
    const tag = word("z");
    const c = await community();
    const owner = c.people[0]!;
    // Triangles west of Rennes whose bounding box covers the area's corner but whose hypotenuse passes by.
    const triangle = (dx: number) => ({
      type: "Polygon" as const,
      coordinates: [
        [
          [-2 + dx, 47],
          [-1 + dx, 47],
          [-2 + dx, 48],
          [-2 + dx, 47],
        ],
      ],
    });
    const hits: string[] = [];
    const misses: string[] = [];
    for (let i = 0; i < 4; i++) {
      misses.push((await commons(owner, c.slug, { title: `Bocage ${i} ${tag}`, coverage: triangle(i * 0.01) })).id);
      hits.push((await commons(owner, c.slug, { title: `Ville ${i} ${tag}`, coverage: square(-1.2 + i * 0.01, 47.8, 0.05) })).id);
    }
    const area = { minLon: -1.2, minLat: 47.8, maxLon: -1.1, maxLat: 47.9 };
    // Each triangle's bounding box overlaps the area.
    expect(await ids({ q: tag, bbox: { minLon: -2, minLat: 47, maxLon: -1, maxLat: 48 } })).toHaveLength(8);
    expect((await ids({ q: tag, bbox: area })).sort()).toEqual([...hits].sort());
    for (const sort of ["recent", "title", "relevance"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await searchCommons(t.db, { viewer: null, q: tag, bbox: area, sort, cursor, limit: 1 });
        seen.push(...page.data.map((hit) => hit.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen.sort(), sort).toEqual([...hits].sort());
    }
    expect(await ids({ q: tag, bbox: { minLon: -1.125, minLat: 47.81, maxLon: -1.121, maxLat: 47.82 } })).toEqual([hits[3]]);
    expect(misses).toHaveLength(4);
  });
});
