/**
 * The JSON API's `bbox` and the catalogue's "search this area" read a box the way OGC API – Features
 * does (lib/commons/bbox.ts): west > east crosses the antimeridian, and matching is by the coverages
 * themselves, the stored bounding boxes only prefiltering in SQL. Over a real PostgreSQL, through the
 * v1 route handler, the catalogue's search (searchCommons, which the page calls with its parsed
 * parameters) and the map's "search this area" extent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindRoute } from "@/lib/api/handle";
import { listCommonsRoute } from "@/lib/api/v1/routes/commons";
import { clampBbox } from "@/components/map/map-geometry";
import { parseCatalogueQuery } from "@/features/catalogue/params";
import { createCommunity } from "@/lib/communities/create-community";
import { proposeCommons } from "@/lib/commons/commons";
import { searchCommons } from "@/lib/commons/search";
import type { Position } from "@/lib/commons/geometry";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

let t: TestDatabase;
const tag = unique("antimeridien")
  .toLowerCase()
  .replace(/[^a-z]/g, "");
const ids: Record<string, string> = {};
const polygon = (ring: Position[]) => ({ type: "Polygon", coordinates: [[...ring, ring[0]!]] });
const square = (lon: number, lat: number, size = 3) =>
  polygon([
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
  ]);

beforeAll(async () => {
  t = await createTestDatabase();
  const owner = await createPerson(t.db);
  const slug = unique("pac").toLowerCase();
  await createCommunity(t.db, {
    actor: owner,
    input: { name: `Pacifique ${slug}`, slug, summary: "Des îles.", description: "", visibility: "PUBLIC", joinPolicy: "OPEN" },
  });
  const propose = async (key: string, coverage: unknown) => {
    const created = await proposeCommons(t.db, {
      actor: owner,
      slug,
      input: {
        slug: `${key}-${tag}`.slice(0, 60),
        title: `${key} ${tag}`,
        summary: "Un commun.",
        kind: "DATASET",
        licence: "etalab-2.0",
        status: "PROPOSED",
        coverage,
      },
    });
    ids[key] = created.id;
  };
  await propose("east", square(175, 0)); // Fiji side
  await propose("west", square(-178, -3)); // Samoa side
  await propose("greenwich", square(0, 45));
  // A triangle whose bounding box reaches 179°E at 30°N while the triangle itself stops at 169°E there.
  await propose(
    "triangle",
    polygon([
      [160, 20],
      [179, 20],
      [160, 39],
    ]),
  );
});
afterAll(async () => {
  await t.drop();
});

const api = async (bbox: string) => {
  const handler = bindRoute(listCommonsRoute, () => ({
    db: t.db,
    appUrl: "http://localhost:3000",
    sessionCookieName: "gc.session",
  }));
  const response = await handler(new Request(`http://localhost:3000/api/v1/commons?q=${tag}&bbox=${bbox}`), {
    params: Promise.resolve({}),
  });
  return { status: response.status, json: (await response.json()) as { data?: { id: string }[]; errors?: { field: string }[] } };
};
const catalogue = async (bbox: string) => {
  const { query, errors } = parseCatalogueQuery({ bbox });
  expect(errors.bbox).toBeUndefined();
  const { data } = await searchCommons(t.db, { viewer: null, q: tag, bbox: query.bbox });
  return data.map((hit) => hit.id).sort();
};
const keys = (...names: string[]) => names.map((name) => ids[name]!).sort();

describe("bbox across the antimeridian, matched exactly", () => {
  it("finds the commons on both sides of 180° through the JSON API and the catalogue", async () => {
    const response = await api("170,-10,-170,10");
    expect(response.status).toBe(200);
    expect(response.json.data!.map((c) => c.id).sort()).toEqual(keys("east", "west"));
    expect(await catalogue("170,-10,-170,10")).toEqual(keys("east", "west"));
    // Either half alone.
    expect(await catalogue("170,-10,180,10")).toEqual(keys("east"));
    expect(await catalogue("-180,-10,-170,10")).toEqual(keys("west"));
  });

  it("keeps out a coverage whose bounding box alone meets the box, on either side of the antimeridian", async () => {
    expect((await api("170,30,-170,35")).json.data).toEqual([]);
    expect(await catalogue("170,30,-170,35")).toEqual([]);
    expect(await catalogue("165,30,-170,35")).toEqual(keys("triangle"));
  });

  it("still refuses a box upside down in latitude", async () => {
    const response = await api("170,10,-170,-10");
    expect(response.status).toBe(400);
    expect(response.json.errors?.[0]?.field).toBe("bbox");
    expect(parseCatalogueQuery({ bbox: "170,10,-170,-10" }).errors.bbox).toBe("catalogue.errors.bbox");
  });

  it("turns a map view panned across the antimeridian into such a box, which finds both sides", async () => {
    // MapLibre reports an unwrapped extent: 170°E to 190°E.
    const [minLon, minLat, maxLon, maxLat] = clampBbox([170, -10, 190, 10]);
    expect([minLon, minLat, maxLon, maxLat]).toEqual([170, -10, -170, 10]);
    expect(await catalogue([minLon, minLat, maxLon, maxLat].join(","))).toEqual(keys("east", "west"));
    expect(clampBbox([-190, -10, -170, 10])).toEqual([170, -10, -170, 10]);
    expect(clampBbox([2, 48, 3, 49])).toEqual([2, 48, 3, 49]);
    expect(clampBbox([-300, -95, 100, 95])).toEqual([-180, -90, 180, 90]);
  });
});
