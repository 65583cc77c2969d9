/**
 * RFC 7946 §3.1.6 winding (outer rings counter-clockwise, holes clockwise) on every coverage that
 * validates, and holes refused at the field when they cross, touch or leave their outer ring.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  hasRfc7946Winding,
  normalizeWinding,
  ringSignedArea,
  validateCoverage,
  type Coverage,
  type Position,
} from "@/lib/commons/geometry";
import { proposeCommonsSchema, updateCommonsSchema } from "@/lib/commons/schemas";

/** A star-shaped ring around a centre (never crossing itself), drawn either way round. */
function star(cx: number, cy: number, radii: number[], clockwise: boolean): Position[] {
  const n = radii.length;
  const ring = radii.map((r, i) => {
    const angle = ((clockwise ? -2 : 2) * Math.PI * i) / n;
    return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)] as Position;
  });
  return [...ring, ring[0]!];
}

/** A polygon: an outer star of radii in [1, 2] and optionally a hole of radii in [0.2, 0.5] around the same centre. */
const polygon = fc
  .record({
    cx: fc.double({ min: -170, max: 170, noNaN: true }),
    cy: fc.double({ min: -80, max: 80, noNaN: true }),
    scale: fc.double({ min: 0.01, max: 4, noNaN: true }),
    outer: fc.array(fc.double({ min: 1, max: 2, noNaN: true }), { minLength: 3, maxLength: 40 }),
    outerClockwise: fc.boolean(),
    hole: fc.option(
      fc.record({
        radii: fc.array(fc.double({ min: 0.2, max: 0.5, noNaN: true }), { minLength: 3, maxLength: 20 }),
        clockwise: fc.boolean(),
      }),
    ),
  })
  .map(({ cx, cy, scale, outer, outerClockwise, hole }) => {
    const rings = [
      star(
        cx,
        cy,
        outer.map((r) => r * scale),
        outerClockwise,
      ),
    ];
    if (hole)
      rings.push(
        star(
          cx,
          cy,
          hole.radii.map((r) => r * scale),
          hole.clockwise,
        ),
      );
    return rings;
  });

const coverage: fc.Arbitrary<Coverage> = fc.oneof(
  polygon.map((coordinates) => ({ type: "Polygon" as const, coordinates })),
  // Polygons far apart in longitude so that they never overlap.
  fc.array(polygon, { minLength: 1, maxLength: 4 }).map((polygons) => ({
    type: "MultiPolygon" as const,
    coordinates: polygons.map((rings, k) => rings.map((ring) => ring.map(([x, y]) => [x / 10 + k * 40 - 80, y] as Position))),
  })),
);

const sortedPoints = (ring: Position[]) => ring.slice(0, -1).map(String).sort();
const ringsOf = (c: Coverage) => (c.type === "Polygon" ? [c.coordinates] : c.coordinates);

describe("RFC 7946 winding", () => {
  it("validateCoverage returns outer rings counter-clockwise and holes clockwise, with the same points, idempotently", () => {
    fc.assert(
      fc.property(coverage, (input) => {
        const result = validateCoverage(input);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const out = result.geometry;
        expect(out.type).toBe(input.type);
        expect(hasRfc7946Winding(out)).toBe(true);
        ringsOf(out).forEach((rings, p) => {
          expect(rings).toHaveLength(ringsOf(input)[p]!.length);
          rings.forEach((ring, r) => {
            expect(ringSignedArea(ring) > 0).toBe(r === 0);
            const before = ringsOf(input)[p]![r]!;
            expect(sortedPoints(ring)).toEqual(sortedPoints(before));
            expect(ring[0]).toEqual(ring[ring.length - 1]);
            // Same ring, same way round or reversed: never reordered otherwise.
            const same = JSON.stringify(ring) === JSON.stringify(before);
            const reversed = JSON.stringify(ring) === JSON.stringify([...before].reverse());
            expect(same || reversed).toBe(true);
          });
        });
        expect(normalizeWinding(out)).toEqual(out);
        const again = validateCoverage(out);
        expect(again.ok && again.geometry).toEqual(out);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a third coordinate (height) with its position", () => {
    const clockwise: [number, number, number][] = [
      [0, 0, 5],
      [0, 1, 6],
      [1, 1, 7],
      [1, 0, 8],
      [0, 0, 5],
    ];
    const result = validateCoverage({ type: "Polygon", coordinates: [clockwise] });
    expect(result.ok && result.geometry.coordinates).toEqual([[...clockwise].reverse()]);
  });

  it("the commons schemas hand the use case the normalised coverage", () => {
    const cw = star(2, 48, [1, 1, 1, 1], true);
    const base = { slug: "zone", title: "Zone", summary: "Une zone.", kind: "DATASET", licence: "etalab-2.0" };
    const proposed = proposeCommonsSchema.parse({ ...base, coverage: { type: "Polygon", coordinates: [cw] } });
    expect(hasRfc7946Winding(proposed.coverage as Coverage)).toBe(true);
    const updated = updateCommonsSchema.parse({ coverage: { type: "Polygon", coordinates: [cw] } });
    expect(updated.coverage).toEqual({ type: "Polygon", coordinates: [[...cw].reverse()] });
    expect(updateCommonsSchema.parse({ coverage: null }).coverage).toBeNull();
  });
});

describe("holes", () => {
  const shell = star(0, 0, [2, 2, 2, 2, 2, 2, 2, 2], false);
  const square = (cx: number, cy: number, r: number): Position[] => [
    [cx - r, cy - r],
    [cx - r, cy + r],
    [cx + r, cy + r],
    [cx + r, cy - r],
    [cx - r, cy - r],
  ];
  const check = (...holes: Position[][]) => validateCoverage({ type: "Polygon", coordinates: [shell, ...holes] });

  it("accepts holes inside the outer ring, apart from each other", () => {
    expect(check(square(0, 0, 0.5), square(1, 0, 0.2)).ok).toBe(true);
  });

  it.each([
    ["crossing the outer ring", [square(1.8, 0, 0.5)], "commons.errors.geometry.holeCrossesShell"],
    [
      "touching the outer ring at a vertex",
      [
        [
          [2, 0],
          [1, 0.2],
          [1, -0.2],
          [2, 0],
        ] as Position[],
      ],
      "commons.errors.geometry.holeCrossesShell",
    ],
    ["wholly outside", [square(10, 10, 1)], "commons.errors.geometry.holeOutside"],
    ["around the outer ring", [square(0, 0, 5)], "commons.errors.geometry.holeOutside"],
    ["overlapping another hole", [square(0, 0, 0.5), square(0.5, 0, 0.3)], "commons.errors.geometry.holesOverlap"],
    ["inside another hole", [square(0, 0, 0.8), square(0, 0, 0.2)], "commons.errors.geometry.holesOverlap"],
  ])("refuses a hole %s at the coverage field", (_, holes, error) => {
    expect(check(...holes)).toEqual({ ok: false, error });
    const parsed = updateCommonsSchema.safeParse({ coverage: { type: "Polygon", coordinates: [shell, ...holes] } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["coverage"], message: error });
  });
});
