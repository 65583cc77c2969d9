/**
 * The queries rewritten for the national scale (issue 15), against a real PostgreSQL:
 * - the colleges' headcounts read from MembershipHeadcount (kept by statement triggers on Membership)
 *   equal a count of the memberships the policy's member scope lets the viewer see, through joins,
 *   bulk inserts, suspensions, college changes, departures and deletions, and stay hidden from
 *   whoever may not read a members-only community;
 * - the map search's first read of one page only still fills every page when the first candidates
 *   fail the exact coverage test, and walks the results without repeating or skipping one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActorKind, Visibility } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { collegeOverview } from "@/lib/communities/queries/community-overview";
import { proposeCommons } from "@/lib/commons/commons";
import { searchCommons } from "@/lib/commons/search";
import { memberScope, type Viewer } from "@/lib/policy/scopes";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function community(visibility: Visibility) {
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const slug = unique("nat").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: { name: `Communauté ${slug}`, slug, summary: "Des communs.", description: "", visibility, joinPolicy: "OPEN" },
  });
  return { id, slug, owner };
}

/** What the page showed before the counter table: a count of the memberships in the viewer's member scope. */
async function countedHeadcounts(communityId: string, viewer: Viewer) {
  const rows = await t.db.membership.groupBy({
    by: ["college"],
    where: { AND: [memberScope.where(viewer), { communityId }] },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((row) => [row.college, row._count._all]));
}

async function expectSameAsCount(communityId: string, viewer: Viewer) {
  const overview = await collegeOverview(t.db, communityId, viewer);
  const counted = await countedHeadcounts(communityId, viewer);
  for (const college of overview) expect(college.members, college.kind).toBe(counted[college.kind] ?? 0);
  return overview;
}

describe("colleges' headcounts kept by triggers", () => {
  it("equal the count of visible memberships through every kind of change", async () => {
    const c = await community("PUBLIC");
    const other = await community("PUBLIC");
    const kinds: ActorKind[] = ["PUBLIC", "PRIVATE", "RESEARCH", "CIVIL_SOCIETY"];
    const people: TestPerson[] = [];
    for (let i = 0; i < 12; i++) people.push(await createPerson(t.db, { actorKind: kinds[i % 4] }));
    // One by one, then in bulk (one statement), in two communities.
    await t.db.membership.create({ data: { communityId: c.id, userId: people[0]!.id, college: "PUBLIC", status: "ACTIVE" } });
    await t.db.membership.createMany({
      data: people
        .slice(1)
        .map((p, i) => ({ communityId: c.id, userId: p.id, college: kinds[(i + 1) % 4]!, status: "ACTIVE" as const })),
    });
    await t.db.membership.createMany({
      data: people
        .slice(0, 5)
        .map((p) => ({ communityId: other.id, userId: p.id, college: "RESEARCH" as const, status: "ACTIVE" as const })),
    });
    const before = await expectSameAsCount(c.id, null);
    // The owner (PUBLIC college) and 12 members, three per college.
    expect(before.map((x) => x.members)).toEqual([4, 3, 3, 3]);
    expect((await expectSameAsCount(other.id, null)).find((x) => x.kind === "RESEARCH")!.members).toBe(5);

    // Suspended, banned, pending and departed members are not counted; a college change moves one.
    await t.db.membership.updateMany({ where: { communityId: c.id, userId: people[1]!.id }, data: { status: "SUSPENDED" } });
    await t.db.membership.updateMany({ where: { communityId: c.id, userId: people[2]!.id }, data: { status: "BANNED" } });
    await t.db.membership.updateMany({ where: { communityId: c.id, userId: people[3]!.id }, data: { status: "LEFT" } });
    await t.db.membership.updateMany({ where: { communityId: c.id, userId: people[4]!.id }, data: { college: "CIVIL_SOCIETY" } });
    // An update that changes neither the college nor the status changes nothing.
    await t.db.membership.updateMany({ where: { communityId: c.id }, data: { updatedAt: new Date() } });
    const after = await expectSameAsCount(c.id, null);
    expect(after.map((x) => x.members)).toEqual([3, 2, 2, 3]);

    // Back to active, then removed: one person, then several in one statement, then a user erased (cascade).
    await t.db.membership.updateMany({ where: { communityId: c.id, userId: people[1]!.id }, data: { status: "ACTIVE" } });
    await t.db.membership.delete({ where: { communityId_userId: { communityId: c.id, userId: people[5]!.id } } });
    await t.db.membership.deleteMany({ where: { communityId: c.id, userId: { in: [people[6]!.id, people[7]!.id] } } });
    await t.db.user.delete({ where: { id: people[8]!.id } });
    await expectSameAsCount(c.id, null);
    await expectSameAsCount(other.id, null);
    expect((await expectSameAsCount(c.id, null)).reduce((sum, x) => sum + x.members, 0)).toBe(
      await t.db.membership.count({ where: { communityId: c.id, status: "ACTIVE" } }),
    );
  });

  it("are shown only to those who may read the community, as the member scope says", async () => {
    const c = await community("MEMBERS");
    const member = await createPerson(t.db, { actorKind: "RESEARCH" });
    await t.db.membership.create({ data: { communityId: c.id, userId: member.id, college: "RESEARCH", status: "ACTIVE" } });
    const outsider = await createPerson(t.db);
    const anonymous = await expectSameAsCount(c.id, null);
    expect(anonymous.every((x) => x.members === 0)).toBe(true);
    expect((await expectSameAsCount(c.id, outsider)).every((x) => x.members === 0)).toBe(true);
    const seen = await expectSameAsCount(c.id, member);
    expect(seen.find((x) => x.kind === "RESEARCH")!.members).toBe(1);
    expect(seen.find((x) => x.kind === "PUBLIC")!.members).toBe(1);
  });
});

describe("map search reading one page first", () => {
  const square = (lon: number, lat: number, size: number) => ({
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
  // A right triangle whose bounding box covers the area but whose hypotenuse passes by its corner.
  const triangle = (lon: number, lat: number) => ({
    type: "Polygon" as const,
    coordinates: [
      [
        [lon, lat],
        [lon + 1, lat],
        [lon, lat + 1],
        [lon, lat],
      ],
    ],
  });

  it("fills every page when the newest candidates miss the area, without repeating or skipping one", async () => {
    const c = await community("PUBLIC");
    const tag = unique("m")
      .toLowerCase()
      .replace(/[^a-z]/g, "");
    const propose = (title: string, coverage: unknown) =>
      proposeCommons(t.db, {
        actor: c.owner,
        slug: c.slug,
        input: {
          slug: unique("c").toLowerCase(),
          title: `${title} ${tag}`,
          summary: "Un commun.",
          description: "",
          kind: "DATASET",
          licence: "etalab-2.0",
          status: "PROPOSED",
          coverage: coverage as never,
        },
      });
    const hits: string[] = [];
    for (let i = 0; i < 3; i++) hits.push((await propose(`Ville ${i}`, square(10.8 + i * 0.01, 45.8, 0.05))).id);
    // Created last, so first in the default order (most recent): 5 misses before any hit.
    for (let i = 0; i < 5; i++) await propose(`Triangle ${i}`, triangle(10 + i * 0.001, 45));
    const area = { minLon: 10.8, minLat: 45.8, maxLon: 10.9, maxLat: 45.9 };
    const first = await searchCommons(t.db, { viewer: null, q: tag, bbox: area, limit: 2 });
    expect(first.data).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await searchCommons(t.db, { viewer: null, q: tag, bbox: area, limit: 2, cursor: first.nextCursor! });
    expect(second.data).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...first.data, ...second.data].map((hit) => hit.id).sort()).toEqual([...hits].sort());
    // Recent first, as without an area.
    expect([...first.data, ...second.data].map((hit) => hit.id)).toEqual([...hits].reverse());
    // A full page of exactly the hits: no further page announced.
    const all = await searchCommons(t.db, { viewer: null, q: tag, bbox: area, limit: 3 });
    expect(all.data.map((hit) => hit.id)).toEqual([...hits].reverse());
    expect(all.nextCursor).toBeNull();
    // The same instants as stored (read as epoch milliseconds, whatever the server's time zone).
    const stored = await t.db.commons.findMany({ where: { id: { in: hits } }, select: { id: true, createdAt: true } });
    for (const hit of all.data)
      expect(hit.createdAt.toISOString()).toBe(stored.find((s) => s.id === hit.id)!.createdAt.toISOString());
  });
});
