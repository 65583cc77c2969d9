/**
 * The OGC API's and the catalogue's filters, pure parts: the exact coverage/box intersection (checked
 * against an independent separating-axis reference on convex shapes, with holes and the antimeridian),
 * the `datetime` parameter (RFC 3339 instants and intervals) and the CRS transformations (Part 2).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coverageIntersectsBbox, parseBbox, splitAntimeridian } from "@/lib/commons/bbox";
import type { BBox, Coverage, Position } from "@/lib/commons/geometry";
import { parseDatetime } from "@/lib/opendata/datetime";
import { crsByUri, projectedBoxEnvelope, transformCoverage } from "@/lib/opendata/crs";

const box = (minLon: number, minLat: number, maxLon: number, maxLat: number): BBox => ({ minLon, minLat, maxLon, maxLat });
const polygon = (...rings: Position[][]): Coverage => ({ type: "Polygon", coordinates: rings.map((r) => [...r, r[0]!]) });
const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

/** Separating axis theorem for a triangle and a box, closed sets (touching intersects): an independent reference. */
function triangleMeetsBox(tri: Position[], b: BBox): boolean {
  const corners: Position[] = square(b.minLon, b.minLat, b.maxLon, b.maxLat);
  const axes: Position[] = [
    [1, 0],
    [0, 1],
  ];
  for (let i = 0; i < 3; i++) {
    const [a, c] = [tri[i]!, tri[(i + 1) % 3]!];
    axes.push([c[1] - a[1], a[0] - c[0]]);
  }
  return axes.every(([ax, ay]) => {
    const project = (points: Position[]) => points.map(([x, y]) => x * ax + y * ay);
    const p = project(tri);
    const q = project(corners);
    return Math.max(...p) >= Math.min(...q) && Math.max(...q) >= Math.min(...p);
  });
}

const coordinate = fc.integer({ min: 0, max: 20 });
const point = fc.tuple(coordinate, coordinate) as fc.Arbitrary<Position>;
const anyBox = fc
  .tuple(coordinate, coordinate, coordinate, coordinate)
  .map(([a, b, c, d]) => box(Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)));
const area2 = ([a, b, c]: Position[]) => (b![0] - a![0]) * (c![1] - a![1]) - (b![1] - a![1]) * (c![0] - a![0]);
const triangle = fc.tuple(point, point, point).filter((t) => area2(t) !== 0);

describe("coverageIntersectsBbox", () => {
  it("does not match a polygon whose bounding box overlaps the box but whose area does not (the Rennes case)", () => {
    // A triangle west of Rennes: its bounding box covers the query box's corner, its hypotenuse passes by.
    const triangle = polygon([
      [-2, 47],
      [-1, 47],
      [-2, 48],
    ]);
    expect(coverageIntersectsBbox(triangle, box(-1.2, 47.8, -1.1, 47.9))).toBe(false);
    expect(coverageIntersectsBbox(triangle, box(-1.6, 47.4, -1.4, 47.45))).toBe(true);
  });

  it("agrees with the separating axis theorem on triangles and boxes, touching included", () => {
    fc.assert(
      fc.property(triangle, anyBox, fc.boolean(), (tri, b, reverse) => {
        const ring = reverse ? [...tri].reverse() : tri;
        expect(coverageIntersectsBbox(polygon(ring), b)).toBe(triangleMeetsBox(tri, b));
      }),
      { numRuns: 3000 },
    );
  });

  it("leaves out a box inside a hole, keeps one touching the hole's edge", () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 18 }), fc.integer({ min: 1, max: 18 }))
          .chain(([x, y]) =>
            fc.tuple(fc.constant(x), fc.constant(y), fc.integer({ min: x + 1, max: 19 }), fc.integer({ min: y + 1, max: 19 })),
          ),
        anyBox,
        ([hx0, hy0, hx1, hy1], b) => {
          const donut = polygon(square(0, 0, 20, 20), square(hx0, hy0, hx1, hy1).reverse());
          const insideHole = b.minLon > hx0 && b.maxLon < hx1 && b.minLat > hy0 && b.maxLat < hy1;
          expect(coverageIntersectsBbox(donut, b)).toBe(!insideHole);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("tests every polygon of a MultiPolygon", () => {
    const multi: Coverage = {
      type: "MultiPolygon",
      coordinates: [[[...square(0, 0, 1, 1), [0, 0]]], [[...square(5, 5, 6, 6), [5, 5]]]],
    };
    expect(coverageIntersectsBbox(multi, box(5.5, 5.5, 7, 7))).toBe(true);
    expect(coverageIntersectsBbox(multi, box(2, 2, 4, 4))).toBe(false);
  });

  it("reads a box crossing the antimeridian as its two parts", () => {
    const across = parseBbox("170,-10,-170,10", { allowAntimeridian: true });
    expect(across).toEqual({ ok: true, bbox: box(170, -10, -170, 10) });
    expect(parseBbox("170,-10,-170,10")).toEqual({ ok: false, error: "opendata.errors.bboxOrder" });
    expect(parseBbox("170,10,-170,-10", { allowAntimeridian: true })).toEqual({ ok: false, error: "opendata.errors.bboxOrder" });
    const b = box(170, -10, -170, 10);
    expect(splitAntimeridian(b)).toEqual([box(170, -10, 180, 10), box(-180, -10, -170, 10)]);
    expect(coverageIntersectsBbox(polygon(square(175, -5, 179, 5)), b)).toBe(true); // east of the line
    expect(coverageIntersectsBbox(polygon(square(-179, -5, -175, 5)), b)).toBe(true); // west of it
    expect(coverageIntersectsBbox(polygon(square(-5, -5, 5, 5)), b)).toBe(false); // around Greenwich
  });
});

describe("parseDatetime", () => {
  const at = (iso: string) => new Date(iso);

  it("reads instants at their own precision", () => {
    expect(parseDatetime("2025-03-01T12:30:00Z")).toEqual({
      start: at("2025-03-01T12:30:00.000Z"),
      end: at("2025-03-01T12:30:00.999Z"),
    });
    expect(parseDatetime("2025-03-01T12:30:00.250Z")).toEqual({
      start: at("2025-03-01T12:30:00.250Z"),
      end: at("2025-03-01T12:30:00.250Z"),
    });
    expect(parseDatetime("2025-03-01T14:30:00+02:00")).toEqual(parseDatetime("2025-03-01T12:30:00Z"));
    expect(parseDatetime("2025-03-01t12:30:00z")).toEqual(parseDatetime("2025-03-01T12:30:00Z"));
    expect(parseDatetime("2025-03-01")).toEqual({ start: at("2025-03-01T00:00:00.000Z"), end: at("2025-03-01T23:59:59.999Z") });
    expect(parseDatetime("2024-02-29")).not.toBeNull();
  });

  it("reads closed and open intervals", () => {
    expect(parseDatetime("2025-01-01T00:00:00Z/2025-02-01T00:00:00Z")).toEqual({
      start: at("2025-01-01T00:00:00.000Z"),
      end: at("2025-02-01T00:00:00.999Z"),
    });
    expect(parseDatetime("../2025-02-01")).toEqual({ start: null, end: at("2025-02-01T23:59:59.999Z") });
    expect(parseDatetime("2025-02-01T00:00:00Z/..")).toEqual({ start: at("2025-02-01T00:00:00.000Z"), end: null });
    expect(parseDatetime("/2025-02-01")).toEqual({ start: null, end: at("2025-02-01T23:59:59.999Z") });
    expect(parseDatetime("2025-02-01/")).toEqual({ start: at("2025-02-01T00:00:00.000Z"), end: null });
  });

  it("refuses what is not RFC 3339 or not an interval", () => {
    for (const raw of [
      "garbage",
      "",
      "../..",
      "/",
      "2025-02-30",
      "2023-02-29",
      "2025-13-01",
      "2025-03-01T24:00:00Z",
      "2025-03-01T12:60:00Z",
      "2025-03-01T12:00:00",
      "2025-03-01T12:00Z",
      "2025-03-01T12:00:00+25:00",
      "2025-03-01 12:00:00Z",
      "1741000000",
      "2025-03-02/2025-03-01",
      "2025-01-01/2025-02-01/2025-03-01",
      "now",
    ]) {
      expect(parseDatetime(raw), raw).toBeNull();
    }
  });

  it("round-trips any instant and any ordered pair", () => {
    const date = fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true });
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(parseDatetime(a.toISOString())).toEqual({ start: a, end: a });
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(parseDatetime(`${from.toISOString()}/${to.toISOString()}`)).toEqual({ start: from, end: to });
        if (from.getTime() !== to.getTime()) expect(parseDatetime(`${to.toISOString()}/${from.toISOString()}`)).toBeNull();
      }),
    );
  });
});

describe("CRS of the OGC API (Part 2)", () => {
  const l93 = crsByUri("http://www.opengis.net/def/crs/EPSG/0/2154")!;
  const mercator = crsByUri("http://www.opengis.net/def/crs/EPSG/0/3857")!;

  it("projects to Lambert-93 as PROJ does, and back", () => {
    // gdaltransform -s_srs EPSG:4326 -t_srs EPSG:2154 <<< "-1.68 48.11"
    const [x, y] = l93.forward([-1.68, 48.11]);
    expect(x).toBeCloseTo(351895.9016, 3);
    expect(y).toBeCloseTo(6789166.41, 2);
    fc.assert(
      fc.property(fc.double({ min: -10, max: 15, noNaN: true }), fc.double({ min: 38, max: 55, noNaN: true }), (lon, lat) => {
        const [back0, back1] = l93.inverse(l93.forward([lon, lat]));
        expect(Math.abs(back0 - lon)).toBeLessThan(1e-9);
        expect(Math.abs(back1 - lat)).toBeLessThan(1e-9);
      }),
    );
  });

  it("keeps Web Mercator finite at the poles and swaps the axes of latitude-first systems", () => {
    expect(mercator.forward([0, 90]).every(Number.isFinite)).toBe(true);
    expect(crsByUri("http://www.opengis.net/def/crs/EPSG/0/4171")!.forward([2, 48])).toEqual([48, 2]);
    expect(crsByUri("EPSG:2154")).toBeNull();
  });

  it("finds a projected box's CRS84 envelope, holding every point of the box", () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 100_000, max: 1_200_000 }), fc.integer({ min: 6_100_000, max: 7_100_000 })),
        fc.tuple(fc.integer({ min: 1, max: 300_000 }), fc.integer({ min: 1, max: 300_000 })),
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
        ([x, y], [w, h], [u, v]) => {
          const b = box(x, y, x + w, y + h);
          const env = projectedBoxEnvelope(b, l93)!;
          const [lon, lat] = l93.inverse([x + u * w, y + v * h]);
          expect(lon >= env.minLon && lon <= env.maxLon && lat >= env.minLat && lat <= env.maxLat).toBe(true);
        },
      ),
    );
  });

  it("transforms every ring of a MultiPolygon", () => {
    const multi: Coverage = { type: "MultiPolygon", coordinates: [[[...square(2, 48, 3, 49), [2, 48]]]] };
    const out = transformCoverage(multi, l93);
    expect(out.type).toBe("MultiPolygon");
    expect(out.coordinates[0]![0]).toHaveLength(5);
    expect(out.coordinates[0]![0]![0]![0]).toBeGreaterThan(500_000);
  });
});
