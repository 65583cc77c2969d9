import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  bboxOf,
  MAX_VERTICES,
  ringSelfIntersects,
  segmentsIntersect,
  validateCoverage,
  type Position,
} from "@/lib/commons/geometry";
import { licences, proposeCommonsSchema } from "@/lib/commons/schemas";

const square: Position[] = [
  [2, 48],
  [3, 48],
  [3, 49],
  [2, 49],
  [2, 48],
];

describe("validateCoverage", () => {
  it("accepts a polygon and a multipolygon, with their bounding box", () => {
    expect(validateCoverage({ type: "Polygon", coordinates: [square] })).toEqual({
      ok: true,
      geometry: { type: "Polygon", coordinates: [square] },
      bbox: { minLon: 2, minLat: 48, maxLon: 3, maxLat: 49 },
    });
    const other = square.map(([x, y]) => [x + 10, y - 50] as Position);
    const result = validateCoverage({ type: "MultiPolygon", coordinates: [[square], [other]] });
    expect(result.ok && result.bbox).toEqual({ minLon: 2, minLat: -2, maxLon: 13, maxLat: 49 });
  });

  it.each([
    [null, "commons.errors.geometry.invalid"],
    ["POLYGON((0 0))", "commons.errors.geometry.invalid"],
    [{ type: "Point", coordinates: [2, 48] }, "commons.errors.geometry.type"],
    [{ type: "Polygon", coordinates: [] }, "commons.errors.geometry.invalid"],
    [
      {
        type: "Polygon",
        coordinates: [
          [
            [2, 48],
            [3, 48],
            [2, 48],
          ],
        ],
      },
      "commons.errors.geometry.ringTooShort",
    ],
    [{ type: "Polygon", coordinates: [square.slice(0, 4).concat([[2, 48.5]])] }, "commons.errors.geometry.ringNotClosed"],
    [
      {
        type: "Polygon",
        coordinates: [
          [
            [2, 48],
            [181, 48],
            [3, 49],
            [2, 48],
          ],
        ],
      },
      "commons.errors.geometry.outOfRange",
    ],
    [
      {
        type: "Polygon",
        coordinates: [
          [
            [2, 48],
            [3, -91],
            [3, 49],
            [2, 48],
          ],
        ],
      },
      "commons.errors.geometry.outOfRange",
    ],
    [
      {
        type: "Polygon",
        coordinates: [
          [
            [2, 48],
            ["3", 48],
            [3, 49],
            [2, 48],
          ],
        ],
      },
      "commons.errors.geometry.position",
    ],
    // A bow tie: its edges cross.
    [
      {
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
      },
      "commons.errors.geometry.selfIntersection",
    ],
  ])("refuses %j with %s", (input, key) => {
    expect(validateCoverage(input)).toEqual({ ok: false, error: key });
  });

  it("caps vertices and bytes", () => {
    const many = Array.from({ length: MAX_VERTICES + 1 }, (_, i) => [0, i / 1e4] as Position);
    expect(validateCoverage({ type: "Polygon", coordinates: [many] })).toEqual({
      ok: false,
      error: "commons.errors.geometry.tooManyVertices",
    });
    expect(validateCoverage({ type: "Polygon", coordinates: [square], padding: "x".repeat(210_000) })).toEqual({
      ok: false,
      error: "commons.errors.geometry.tooLarge",
    });
  });

  it("accepts any convex polygon (a regular n-gon) and its box contains every vertex", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 60 }),
        fc.double({ min: -170, max: 170, noNaN: true }),
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: 0.001, max: 5, noNaN: true }),
        (n, cx, cy, r) => {
          const ring: Position[] = Array.from({ length: n }, (_, i) => [
            cx + r * Math.cos((2 * Math.PI * i) / n),
            cy + r * Math.sin((2 * Math.PI * i) / n),
          ]);
          ring.push(ring[0]!);
          const result = validateCoverage({ type: "Polygon", coordinates: [ring] });
          expect(result.ok).toBe(true);
          const box = bboxOf({ type: "Polygon", coordinates: [ring] });
          for (const [x, y] of ring) {
            expect(x >= box.minLon && x <= box.maxLon && y >= box.minLat && y <= box.maxLat).toBe(true);
          }
        },
      ),
    );
  });

  it("finds the crossing of a ring with two vertices swapped in a convex polygon (n ≥ 4)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 4, max: 40 }), fc.nat(), (n, k) => {
        const ring: Position[] = Array.from({ length: n }, (_, i) => [
          Math.cos((2 * Math.PI * i) / n),
          Math.sin((2 * Math.PI * i) / n),
        ]);
        const i = k % (n - 1);
        [ring[i], ring[i + 1]] = [ring[i + 1]!, ring[i]!];
        ring.push(ring[0]!);
        expect(ringSelfIntersects(ring)).toBe(true);
      }),
    );
  });

  it("segment intersection is symmetric", () => {
    const pos = fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 })) as fc.Arbitrary<Position>;
    fc.assert(
      fc.property(pos, pos, pos, pos, (a, b, c, d) => {
        expect(segmentsIntersect(a, b, c, d)).toBe(segmentsIntersect(c, d, a, b));
        expect(segmentsIntersect(a, b, c, d)).toBe(segmentsIntersect(b, a, d, c));
      }),
    );
  });
});

describe("commons schema", () => {
  it("takes SPDX identifiers from the allow-list only", () => {
    const base = { slug: "bal", title: "Base adresse", summary: "Les adresses.", kind: "DATASET" };
    for (const licence of licences) expect(proposeCommonsSchema.safeParse({ ...base, licence }).success).toBe(true);
    const refused = proposeCommonsSchema.safeParse({ ...base, licence: "Proprietary" });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe("commons.errors.licenceInvalid");
  });
});
