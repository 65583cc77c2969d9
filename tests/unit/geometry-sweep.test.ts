/**
 * The sub-quadratic ring check (lib/commons/segment-sweep.ts) against the plain pairwise definition,
 * on rings drawn on a tiny integer grid so that collinear edges, touching vertices and backtracks
 * are frequent, and on large rings (5 000 vertices) whose answer is known by construction.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MAX_VERTICES, ringSelfIntersects, segmentsIntersect, validateCoverage, type Position } from "@/lib/commons/geometry";
import { bruteForce, findForbiddenContact, type Segment } from "@/lib/commons/segment-sweep";

/** The definition: consecutive edges may share only their common vertex; other edges nothing. */
function pairwiseSelfIntersects(ring: Position[]): boolean {
  const n = ring.length - 1;
  const between = (a: Position, b: Position, p: Position) =>
    Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
  const cross = (a: Position, b: Position, c: Position) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const [a, b, c, d] = [ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!];
      if (j === i + 1 || (i === 0 && j === n - 1)) {
        const shared = j === i + 1 ? b : a;
        const p = j === i + 1 ? a : b;
        const q = j === i + 1 ? d : c;
        if (cross(p, shared, q) === 0 && (between(p, shared, q) || between(shared, q, p))) return true;
        continue;
      }
      if (segmentsIntersect(a, b, c, d)) return true;
    }
  return false;
}

const gridPoint = (size: number) =>
  fc.tuple(fc.integer({ min: 0, max: size }), fc.integer({ min: 0, max: size })) as fc.Arbitrary<Position>;
const closed = (points: Position[]): Position[] => [...points, points[0]!];

/** A star-shaped ring: vertices at increasing angles around a centre, so it never crosses itself. */
function starRing(n: number, radius: (i: number) => number, [cx, cy]: Position = [0, 0]): Position[] {
  return closed(
    Array.from({ length: n }, (_, i) => {
      const angle = (2 * Math.PI * i) / n;
      const r = radius(i);
      return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)] as Position;
    }),
  );
}

describe("ring self-intersection, O(n log n)", () => {
  it("agrees with the pairwise definition on small rings full of degenerate cases", () => {
    fc.assert(
      fc.property(fc.array(gridPoint(4), { minLength: 3, maxLength: 12 }), (points) => {
        const ring = closed(points);
        expect(ringSelfIntersects(ring)).toBe(pairwiseSelfIntersects(ring));
      }),
      { numRuns: 5000 },
    );
  });

  it("agrees with the pairwise definition on larger random rings", () => {
    fc.assert(
      fc.property(fc.array(gridPoint(40), { minLength: 3, maxLength: 60 }), (points) => {
        const ring = closed(points);
        expect(ringSelfIntersects(ring)).toBe(pairwiseSelfIntersects(ring));
      }),
      { numRuns: 1000 },
    );
  });

  it("finds any forbidden contact among loose segments as testing every pair does", () => {
    const segment = fc.record({ a: gridPoint(6), b: gridPoint(6) }) as fc.Arbitrary<Segment>;
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 10 }), (segments) => {
        // Loose segments whose ends are all distinct points, as the sweep's callers guarantee.
        const ends = new Set(segments.flatMap((s) => [String(s.a), String(s.b)]));
        fc.pre(ends.size === 2 * segments.length);
        const none = () => false;
        expect(findForbiddenContact(segments, none) === null).toBe(bruteForce(segments, none) === null);
      }),
      { numRuns: 3000 },
    );
  });

  it("accepts a valid ring of 5 000 vertices and finds one crossing or touching in it", () => {
    const n = MAX_VERTICES - 1;
    const wobbly = starRing(n, (i) => 1 + 0.3 * Math.sin(i / 7) + (i % 2) * 0.01, [2, 47]);
    expect(ringSelfIntersects(wobbly)).toBe(false);
    expect(validateCoverage({ type: "Polygon", coordinates: [wobbly] }).ok).toBe(true);

    // Two neighbouring vertices of a circle swapped deep inside: their edges cross.
    const swapped = starRing(n, () => 1, [2, 47]);
    expect(ringSelfIntersects(swapped)).toBe(false);
    [swapped[2500], swapped[2501]] = [swapped[2501]!, swapped[2500]!];
    expect(pairwiseSelfIntersects(swapped)).toBe(true);
    expect(ringSelfIntersects(swapped)).toBe(true);

    // One vertex pulled onto the far side: a spike crossing many edges.
    const spike = wobbly.slice();
    spike[1234] = [2 - 1.5 * Math.cos((2 * Math.PI * 1234) / n), 47 - 1.5 * Math.sin((2 * Math.PI * 1234) / n)];
    expect(pairwiseSelfIntersects(spike)).toBe(true);
    expect(ringSelfIntersects(spike)).toBe(true);

    // A vertex moved exactly onto a distant edge's midpoint: touching counts.
    const touch = wobbly.slice();
    const [p, q] = [wobbly[4000]!, wobbly[4001]!];
    touch[1000] = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
    expect(pairwiseSelfIntersects(touch)).toBe(ringSelfIntersects(touch));
  });

  it("accepts a comb of 5 000 vertices (the worst case for a grid of cells) and finds a broken tooth", () => {
    // Teeth going right and back, each edge spanning the whole width.
    const teeth = (MAX_VERTICES - 4) / 2;
    const points: Position[] = [];
    for (let i = 0; i < teeth; i++) points.push([0, i * 0.001], [1, i * 0.001 + 0.0004]);
    points.push([1, teeth * 0.001], [-0.5, teeth * 0.001], [-0.5, -0.001]);
    const comb = closed(points);
    expect(ringSelfIntersects(comb)).toBe(false);
    const broken = comb.slice();
    broken[1001] = [1, 0.3]; // a tooth's tip moved up across the next teeth
    expect(ringSelfIntersects(broken)).toBe(true);
  });
});
