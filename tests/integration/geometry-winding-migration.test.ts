/**
 * The coverage_rfc7946_winding migration rewinds coverages and contribution places stored before
 * writes were normalised: rows written clockwise (as the old code kept them) come out with outer rings
 * counter-clockwise and holes clockwise, the same positions, and the same as normalizeWinding gives;
 * a Point place and a missing coverage are left alone, and a second run changes nothing.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasRfc7946Winding, normalizeWinding, type Coverage, type Position } from "@/lib/commons/geometry";
import { createCommunity } from "@/lib/communities/create-community";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

const MIGRATION = path.resolve("prisma/migrations/20261203123900_coverage_rfc7946_winding/migration.sql");

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const clockwiseSquare = (x: number, y: number, r: number): Position[] => [
  [x - r, y - r],
  [x - r, y + r],
  [x + r, y + r],
  [x + r, y - r],
  [x - r, y - r],
];
const counterClockwise = (ring: Position[]) => [...ring].reverse();

describe("the coverage_rfc7946_winding migration", () => {
  it("rewinds stored Polygon and MultiPolygon coverages and places, and is idempotent", async () => {
    const owner = await createPerson(t.db);
    const slug = unique("com").toLowerCase();
    const { id: communityId } = await createCommunity(t.db, {
      actor: owner,
      input: { name: `C ${slug}`, slug, summary: "S.", description: "", visibility: "PUBLIC", joinPolicy: "OPEN" },
    });
    // As the old code stored them: outer rings clockwise, holes counter-clockwise.
    const polygon: Coverage = {
      type: "Polygon",
      coordinates: [clockwiseSquare(2, 48, 1), counterClockwise(clockwiseSquare(2, 48, 0.2))],
    };
    const multi: Coverage = {
      type: "MultiPolygon",
      coordinates: [[clockwiseSquare(-1, 47, 0.5)], [counterClockwise(clockwiseSquare(5, 45, 0.5))]],
    };
    const base = { communityId, summary: "S.", kind: "DATASET" as const, licence: "etalab-2.0" };
    const a = await t.db.commons.create({ data: { ...base, slug: `${slug}-a`, title: "A", coverage: polygon } });
    const b = await t.db.commons.create({ data: { ...base, slug: `${slug}-b`, title: "B", coverage: multi } });
    const c = await t.db.commons.create({ data: { ...base, slug: `${slug}-c`, title: "C" } });
    const contribution = (place: unknown) =>
      t.db.contribution.create({
        data: {
          commonsId: a.id,
          authorId: owner.id,
          type: "CODE",
          description: "Du code.",
          date: new Date(),
          place: place as never,
        },
      });
    const area = await contribution(polygon);
    const point = await contribution({ type: "Point", coordinates: [2, 48] });
    expect(hasRfc7946Winding(polygon) || hasRfc7946Winding(multi)).toBe(false);

    const sql = await readFile(MIGRATION, "utf8");
    await t.db.$executeRawUnsafe(sql);

    const coverage = async (id: string) => (await t.db.commons.findUniqueOrThrow({ where: { id } })).coverage;
    const place = async (id: string) => (await t.db.contribution.findUniqueOrThrow({ where: { id } })).place;
    expect(await coverage(a.id)).toEqual(normalizeWinding(polygon));
    expect(await coverage(b.id)).toEqual(normalizeWinding(multi));
    expect(hasRfc7946Winding((await coverage(a.id)) as Coverage)).toBe(true);
    expect(hasRfc7946Winding((await coverage(b.id)) as Coverage)).toBe(true);
    expect(await coverage(c.id)).toBeNull();
    expect(await place(area.id)).toEqual(normalizeWinding(polygon));
    expect(await place(point.id)).toEqual({ type: "Point", coordinates: [2, 48] });

    await t.db.$executeRawUnsafe(sql);
    expect(await coverage(a.id)).toEqual(normalizeWinding(polygon));
    expect(await coverage(b.id)).toEqual(normalizeWinding(multi));
  });
});
