/**
 * Pure validation of a commons' coverage: a GeoJSON Polygon or MultiPolygon (RFC 7946, WGS 84).
 * Rings must be closed, have at least 4 positions, stay within lon −180..180 / lat −90..90 and not
 * cross themselves; the size is capped in vertices and bytes. Errors are catalogue keys.
 */
export const MAX_VERTICES = 5000;
export const MAX_BYTES = 200_000;

export type Position = [number, number];
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
  | "commons.errors.geometry.selfIntersection";

export type GeometryResult = { ok: true; geometry: Coverage; bbox: BBox } | { ok: false; error: GeometryErrorKey };

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    (value.length === 2 || value.length === 3) &&
    value.every((n) => typeof n === "number" && Number.isFinite(n))
  );
}

function orientation(a: Position, b: Position, c: Position): number {
  const v = (b[1] - a[1]) * (c[0] - b[0]) - (b[0] - a[0]) * (c[1] - b[1]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(a: Position, b: Position, p: Position): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])
  );
}

/** Whether segments [p1, p2] and [q1, q2] share at least one point (touching counts). */
export function segmentsIntersect(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const o1 = orientation(p1, p2, q1);
  const o2 = orientation(p1, p2, q2);
  const o3 = orientation(q1, q2, p1);
  const o4 = orientation(q1, q2, p2);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(p1, p2, q1)) return true;
  if (o2 === 0 && onSegment(p1, p2, q2)) return true;
  if (o3 === 0 && onSegment(q1, q2, p1)) return true;
  if (o4 === 0 && onSegment(q1, q2, p2)) return true;
  return false;
}

/** A closed ring crosses or touches itself anywhere but at the shared ends of consecutive edges. */
export function ringSelfIntersects(ring: Position[]): boolean {
  const n = ring.length - 1; // edges
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      const [a, b, c, d] = [ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!];
      if (adjacent) {
        // Consecutive edges share one end; they must not overlap beyond it (collinear backtrack).
        const shared = j === i + 1 ? b : a;
        const other1 = j === i + 1 ? a : b;
        const other2 = j === i + 1 ? d : c;
        if (orientation(other1, shared, other2) === 0 && (onSegment(other1, shared, other2) || onSegment(shared, other2, other1)))
          return true;
        continue;
      }
      if (segmentsIntersect(a, b, c, d)) return true;
    }
  }
  return false;
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
  const geometry = { type, coordinates } as Coverage;
  return { ok: true, geometry, bbox: bboxOf(geometry) };
}
