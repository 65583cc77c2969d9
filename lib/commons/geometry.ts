/**
 * Pure validation of a commons' coverage: a GeoJSON Polygon or MultiPolygon (RFC 7946, WGS 84).
 * Rings must be closed, have at least 4 positions, stay within lon −180..180 / lat −90..90 and not
 * cross or touch themselves; holes lie inside their outer ring, touching neither it nor each other.
 * The size is capped in vertices and bytes, and every check is O(n log n) in the vertices (a
 * sweep, segment-sweep.ts), so the cap is no lever for slowing the server. A valid coverage comes
 * back with RFC 7946 winding (normalizeWinding). Errors are catalogue keys.
 */
export const MAX_VERTICES = 5000;
export const MAX_BYTES = 200_000;

import { findForbiddenContact, orient, segmentsMeet, type Position, type Segment } from "./segment-sweep";

export type { Position };
export type Polygon = { type: "Polygon"; coordinates: Position[][] };
export type MultiPolygon = { type: "MultiPolygon"; coordinates: Position[][][] };
export type Coverage = Polygon | MultiPolygon;
export type BBox = { minLon: number; minLat: number; maxLon: number; maxLat: number };

export type GeometryErrorKey =
  | "commons.errors.geometry.invalid"
  | "commons.errors.geometry.type"
  | "commons.errors.geometry.tooLarge"
  | "commons.errors.geometry.tooManyVertices"
  | "commons.errors.geometry.position"
  | "commons.errors.geometry.outOfRange"
  | "commons.errors.geometry.ringTooShort"
  | "commons.errors.geometry.ringNotClosed"
  | "commons.errors.geometry.selfIntersection"
  | "commons.errors.geometry.holeCrossesShell"
  | "commons.errors.geometry.holeOutside"
  | "commons.errors.geometry.holesOverlap";

export type GeometryResult = { ok: true; geometry: Coverage; bbox: BBox } | { ok: false; error: GeometryErrorKey };

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    (value.length === 2 || value.length === 3) &&
    value.every((n) => typeof n === "number" && Number.isFinite(n))
  );
}

/** Whether segments [p1, p2] and [q1, q2] share at least one point (touching counts). */
export const segmentsIntersect: (p1: Position, p2: Position, q1: Position, q2: Position) => boolean = segmentsMeet;

const key = (p: Position) => `${p[0]},${p[1]}`;

/**
 * What makes a sweep over these rings' edges well defined: no vertex repeated (within a ring or across
 * rings, closing positions aside) and no ring turning back on its previous edge. Returns the index of
 * the ring at fault, paired with the ring it meets (the same one for a ring alone), or null.
 */
function repeatedVertex(rings: Position[][]): [number, number] | null {
  const seen = new Map<string, number>();
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r]!;
    const n = ring.length - 1;
    for (let i = 0; i < n; i++) {
      const k = key(ring[i]!);
      const other = seen.get(k);
      if (other !== undefined) return [other, r];
      seen.set(k, r);
      // A backtrack: the edges before and after vertex i lie on one line, going back over each other.
      const prev = ring[(i + n - 1) % n]!;
      const here = ring[i]!;
      const next = ring[i + 1]!;
      if (
        orient(prev, here, next) === 0 &&
        (next[0] - here[0]) * (prev[0] - here[0]) + (next[1] - here[1]) * (prev[1] - here[1]) > 0
      )
        return [r, r];
    }
  }
  return null;
}

/** The edges of some rings, and whether two of them are consecutive edges of one ring (they share a vertex). */
function edgesOf(rings: Position[][]) {
  const segments: Segment[] = [];
  const ringOf: number[] = [];
  const indexInRing: number[] = [];
  const sizes = rings.map((ring) => ring.length - 1);
  rings.forEach((ring, r) => {
    for (let i = 0; i + 1 < ring.length; i++) {
      segments.push({ a: ring[i]!, b: ring[i + 1]! });
      ringOf.push(r);
      indexInRing.push(i);
    }
  });
  const consecutive = (i: number, j: number) => {
    if (ringOf[i] !== ringOf[j]) return false;
    const n = sizes[ringOf[i]!]!;
    const d = Math.abs(indexInRing[i]! - indexInRing[j]!);
    return d === 1 || d === n - 1;
  };
  return { segments, ringOf, consecutive };
}

/**
 * A closed ring crosses or touches itself anywhere but at the shared ends of consecutive edges
 * (a repeated vertex, a backtrack, or two edges meeting). O(n log n): see segment-sweep.ts.
 */
export function ringSelfIntersects(ring: Position[]): boolean {
  if (ring.length < 4) return false;
  if (repeatedVertex([ring])) return true;
  const { segments, consecutive } = edgesOf([ring]);
  return findForbiddenContact(segments, consecutive) !== null;
}

/** Twice the signed area of a closed ring (shoelace formula): positive when counter-clockwise. */
export function ringSignedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += (x1 - x2) * (y1 + y2);
  }
  return sum;
}

/** Even-odd rule; only meaningful for a point on no edge of the ring. */
export function pointInRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const ringBox = (ring: Position[]): BBox => bboxOf({ type: "Polygon", coordinates: [ring] });
const boxInside = (inner: BBox, outer: BBox) =>
  inner.minLon >= outer.minLon && inner.maxLon <= outer.maxLon && inner.minLat >= outer.minLat && inner.maxLat <= outer.maxLat;

/**
 * The holes of a polygon whose rings are each valid: none may touch or cross the outer ring or
 * another hole (one sweep over all the edges), each lies inside the outer ring and outside the others.
 */
function checkHoles(rings: Position[][]): GeometryErrorKey | null {
  if (rings.length < 2) return null;
  const clash = repeatedVertex(rings);
  const meeting =
    clash ??
    (() => {
      const { segments, ringOf, consecutive } = edgesOf(rings);
      const found = findForbiddenContact(segments, consecutive);
      return found && ([ringOf[found[0]]!, ringOf[found[1]]!] as [number, number]);
    })();
  if (meeting)
    return meeting[0] === 0 || meeting[1] === 0
      ? "commons.errors.geometry.holeCrossesShell"
      : "commons.errors.geometry.holesOverlap";
  // No boundaries meet: each hole is wholly inside or wholly outside each other ring; one vertex tells.
  const [shell, ...holes] = rings as [Position[], ...Position[][]];
  const boxes = holes.map(ringBox);
  const shellBox = ringBox(shell);
  for (let h = 0; h < holes.length; h++) {
    if (!boxInside(boxes[h]!, shellBox) || !pointInRing(holes[h]![0]!, shell)) return "commons.errors.geometry.holeOutside";
  }
  for (let h = 0; h < holes.length; h++)
    for (let o = 0; o < holes.length; o++)
      if (h !== o && boxInside(boxes[h]!, boxes[o]!) && pointInRing(holes[h]![0]!, holes[o]!))
        return "commons.errors.geometry.holesOverlap";
  return null;
}

/**
 * RFC 7946 §3.1.6 winding: outer rings counter-clockwise, holes clockwise (reversing a ring keeps its
 * positions). Idempotent; the one place every written coverage goes through (validateCoverage).
 */
export function normalizeWinding<T extends Coverage>(coverage: T): T {
  const fix = (rings: Position[][]) =>
    rings.map((ring, r) => {
      const area = ringSignedArea(ring);
      const wrong = r === 0 ? area < 0 : area > 0;
      return wrong ? [...ring].reverse() : ring;
    });
  if (coverage.type === "Polygon") return { ...coverage, coordinates: fix(coverage.coordinates) };
  return { ...coverage, coordinates: (coverage as MultiPolygon).coordinates.map(fix) } as T;
}

/** Whether a coverage already follows RFC 7946 winding. */
export function hasRfc7946Winding(coverage: Coverage): boolean {
  const polygons = coverage.type === "Polygon" ? [coverage.coordinates] : coverage.coordinates;
  return polygons.every((rings) => rings.every((ring, r) => (r === 0 ? ringSignedArea(ring) > 0 : ringSignedArea(ring) < 0)));
}

function checkRing(ring: unknown): GeometryErrorKey | null {
  if (!Array.isArray(ring)) return "commons.errors.geometry.invalid";
  for (const position of ring) {
    if (!isPosition(position)) return "commons.errors.geometry.position";
    const [lon, lat] = position;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return "commons.errors.geometry.outOfRange";
  }
  if (ring.length < 4) return "commons.errors.geometry.ringTooShort";
  const first = ring[0] as Position;
  const last = ring[ring.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) return "commons.errors.geometry.ringNotClosed";
  if (ringSelfIntersects(ring as Position[])) return "commons.errors.geometry.selfIntersection";
  return null;
}

export function bboxOf(geometry: Coverage): BBox {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const box = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  for (const polygon of polygons)
    for (const ring of polygon)
      for (const [lon, lat] of ring) {
        box.minLon = Math.min(box.minLon, lon);
        box.minLat = Math.min(box.minLat, lat);
        box.maxLon = Math.max(box.maxLon, lon);
        box.maxLat = Math.max(box.maxLat, lat);
      }
  return box;
}

export function validateCoverage(input: unknown): GeometryResult {
  let bytes: number;
  try {
    bytes = new TextEncoder().encode(JSON.stringify(input) ?? "").length;
  } catch {
    return { ok: false, error: "commons.errors.geometry.invalid" };
  }
  if (bytes > MAX_BYTES) return { ok: false, error: "commons.errors.geometry.tooLarge" };
  if (!input || typeof input !== "object") return { ok: false, error: "commons.errors.geometry.invalid" };
  const { type, coordinates } = input as { type?: unknown; coordinates?: unknown };
  if (type !== "Polygon" && type !== "MultiPolygon") return { ok: false, error: "commons.errors.geometry.type" };
  if (!Array.isArray(coordinates) || coordinates.length === 0) return { ok: false, error: "commons.errors.geometry.invalid" };
  const polygons: unknown[] = type === "Polygon" ? [coordinates] : coordinates;
  let vertices = 0;
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return { ok: false, error: "commons.errors.geometry.invalid" };
    for (const ring of polygon) vertices += Array.isArray(ring) ? ring.length : 0;
  }
  if (vertices > MAX_VERTICES) return { ok: false, error: "commons.errors.geometry.tooManyVertices" };
  for (const polygon of polygons)
    for (const ring of polygon as unknown[]) {
      const error = checkRing(ring);
      if (error) return { ok: false, error };
    }
  for (const polygon of polygons) {
    const error = checkHoles(polygon as Position[][]);
    if (error) return { ok: false, error };
  }
  const geometry = normalizeWinding({ type, coordinates } as Coverage);
  return { ok: true, geometry, bbox: bboxOf(geometry) };
}
