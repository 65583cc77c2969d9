/**
 * The `bbox` query parameter of the JSON API, of the catalogue's "search this area" and of the OGC
 * API: `minLon,minLat,maxLon,maxLat` in WGS 84 (CRS84 axis order), four finite decimal numbers within
 * range, the minimum latitude not above the maximum. A box whose west edge is east of its east edge
 * (minLon > maxLon) crosses the antimeridian: two boxes (splitAntimeridian), as OGC API – Features
 * says, everywhere. The OGC API also accepts the six-number 3D form (heights ignored). Matching is
 * exact (coverageIntersectsBbox), SQL only prefiltering on stored bounding boxes (bboxOverlapsSql).
 * Errors are catalogue keys, so the caller shows a localized message at the field.
 */
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { segmentsIntersect, type BBox, type Coverage, type Position } from "@/lib/commons/geometry";

export type BBoxErrorKey = "opendata.errors.bboxFormat" | "opendata.errors.bboxRange" | "opendata.errors.bboxOrder";
export type BBoxResult = { ok: true; bbox: BBox } | { ok: false; error: BBoxErrorKey };

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The four horizontal numbers of a bbox (of the six-number 3D form, heights dropped), before any range check. */
export function bboxNumbers(
  raw: string,
  { allowHeights = false }: { allowHeights?: boolean } = {},
): { ok: true; numbers: [number, number, number, number] } | { ok: false; error: BBoxErrorKey } {
  const parts = raw.split(",").map((part) => part.trim());
  if (parts.length !== 4 && !(allowHeights && parts.length === 6)) return { ok: false, error: "opendata.errors.bboxFormat" };
  if (!parts.every((part) => DECIMAL.test(part))) return { ok: false, error: "opendata.errors.bboxFormat" };
  const numbers = parts.map(Number);
  if (!numbers.every(Number.isFinite)) return { ok: false, error: "opendata.errors.bboxFormat" };
  const picked = (parts.length === 6 ? [0, 1, 3, 4] : [0, 1, 2, 3]).map((i) => numbers[i] as number);
  return { ok: true, numbers: picked as [number, number, number, number] };
}

export function parseBbox(
  raw: string,
  { allowHeights = false, allowAntimeridian = false }: { allowHeights?: boolean; allowAntimeridian?: boolean } = {},
): BBoxResult {
  const parts = raw.split(",").map((part) => part.trim());
  if (parts.length !== 4 && !(allowHeights && parts.length === 6)) return { ok: false, error: "opendata.errors.bboxFormat" };
  if (!parts.every((part) => DECIMAL.test(part))) return { ok: false, error: "opendata.errors.bboxFormat" };
  const numbers = parts.map(Number);
  if (!numbers.every(Number.isFinite)) return { ok: false, error: "opendata.errors.bboxFormat" };
  const [minLon, minLat, maxLon, maxLat] = (parts.length === 6 ? [0, 1, 3, 4] : [0, 1, 2, 3]).map(
    (i) => numbers[i] as number,
  ) as [number, number, number, number];
  const lonOk = (lon: number) => lon >= -180 && lon <= 180;
  const latOk = (lat: number) => lat >= -90 && lat <= 90;
  if (!lonOk(minLon) || !lonOk(maxLon) || !latOk(minLat) || !latOk(maxLat))
    return { ok: false, error: "opendata.errors.bboxRange" };
  if ((minLon > maxLon && !allowAntimeridian) || minLat > maxLat) return { ok: false, error: "opendata.errors.bboxOrder" };
  return { ok: true, bbox: { minLon, minLat, maxLon, maxLat } };
}

/** The JSON API's `bbox` query parameter: exactly four numbers (west > east: across the antimeridian). */
export const bboxQuerySchema = z
  .string()
  .transform((raw, ctx) => {
    const result = parseBbox(raw, { allowAntimeridian: true });
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.error });
      return z.NEVER;
    }
    return result.bbox;
  })
  .describe(
    "minLon,minLat,maxLon,maxLat in WGS 84 degrees: commons whose coverage intersects it; minLon > maxLon crosses the antimeridian",
  );

export const bboxArray = (bbox: BBox): [number, number, number, number] => [bbox.minLon, bbox.minLat, bbox.maxLon, bbox.maxLat];

/**
 * The boxes a query box stands for: itself, or, when it crosses the antimeridian (minLon > maxLon,
 * as OGC API – Features allows), its eastern part up to 180° and its western part from −180°.
 */
export function splitAntimeridian(bbox: BBox): BBox[] {
  if (bbox.minLon <= bbox.maxLon) return [bbox];
  return [
    { ...bbox, maxLon: 180 },
    { ...bbox, minLon: -180 },
  ];
}

/**
 * SQL prefilter on the stored bounding-box columns of `alias` ("minLon"…): rows whose bounding box
 * overlaps the query box (either part of one crossing the antimeridian). The exact test follows in
 * TypeScript (coverageIntersectsBbox).
 */
export function bboxOverlapsSql(bbox: BBox, alias: string): Prisma.Sql {
  const a = Prisma.raw(`"${alias.replace(/"/g, "")}"`);
  const parts = splitAntimeridian(bbox).map(
    (b) => Prisma.sql`(${a}."minLon" <= ${b.maxLon} AND ${a}."maxLon" >= ${b.minLon}
      AND ${a}."minLat" <= ${b.maxLat} AND ${a}."maxLat" >= ${b.minLat})`,
  );
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}

/** SQL: the stored bounding box lies inside the query box (or one of its parts), so the coverage surely meets it. */
export function bboxContainsSql(bbox: BBox, alias: string): Prisma.Sql {
  const a = Prisma.raw(`"${alias.replace(/"/g, "")}"`);
  const parts = splitAntimeridian(bbox).map(
    (b) => Prisma.sql`(${a}."minLon" >= ${b.minLon} AND ${a}."maxLon" <= ${b.maxLon}
      AND ${a}."minLat" >= ${b.minLat} AND ${a}."maxLat" <= ${b.maxLat})`,
  );
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}

const inBox = (p: Position, b: BBox) => p[0] >= b.minLon && p[0] <= b.maxLon && p[1] >= b.minLat && p[1] <= b.maxLat;

/** Whether segment [p, q] shares at least one point with the closed box. */
function segmentTouchesBox(p: Position, q: Position, b: BBox): boolean {
  if (inBox(p, b) || inBox(q, b)) return true;
  if (
    Math.max(p[0], q[0]) < b.minLon ||
    Math.min(p[0], q[0]) > b.maxLon ||
    Math.max(p[1], q[1]) < b.minLat ||
    Math.min(p[1], q[1]) > b.maxLat
  )
    return false;
  const sw: Position = [b.minLon, b.minLat];
  const se: Position = [b.maxLon, b.minLat];
  const ne: Position = [b.maxLon, b.maxLat];
  const nw: Position = [b.minLon, b.maxLat];
  return (
    segmentsIntersect(p, q, sw, se) ||
    segmentsIntersect(p, q, se, ne) ||
    segmentsIntersect(p, q, ne, nw) ||
    segmentsIntersect(p, q, nw, sw)
  );
}

/** Even-odd rule; only called for points that lie on no edge. */
function insideRing(p: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Whether a polygon (outer ring, then holes) and a closed box share at least one point: some edge
 * of a ring touches the box, or else (no boundary meets the box, so the box lies wholly inside or
 * wholly outside the polygon's area) one corner of the box is inside the outer ring and in no hole.
 */
function polygonIntersectsBox(rings: Position[][], b: BBox): boolean {
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) if (segmentTouchesBox(ring[i]!, ring[i + 1]!, b)) return true;
  }
  const corner: Position = [b.minLon, b.minLat];
  const [outer, ...holes] = rings;
  if (!outer || !insideRing(corner, outer)) return false;
  return !holes.some((hole) => insideRing(corner, hole));
}

/**
 * Exact intersection of a coverage (Polygon or MultiPolygon, planar lon/lat as GeoJSON's CRS84) and a
 * query box, edges and corners included; a box crossing the antimeridian counts as its two parts.
 * SQL prefilters on the stored bounding boxes; this gives the answer.
 */
export function coverageIntersectsBbox(coverage: Coverage, bbox: BBox): boolean {
  const polygons = coverage.type === "Polygon" ? [coverage.coordinates] : coverage.coordinates;
  return splitAntimeridian(bbox).some((box) => polygons.some((rings) => polygonIntersectsBox(rings, box)));
}
