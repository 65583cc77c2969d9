/**
 * The `bbox` query parameter of the JSON API and of the OGC API: `minLon,minLat,maxLon,maxLat` in
 * WGS 84 (CRS84 axis order), four finite decimal numbers within range, each minimum not above its
 * maximum. The OGC API also accepts the six-number 3D form (heights ignored), as its standard says.
 * Errors are catalogue keys, so the caller shows a localized message at the field.
 */
import { z } from "zod";
import type { BBox } from "@/lib/commons/geometry";

export type BBoxErrorKey = "opendata.errors.bboxFormat" | "opendata.errors.bboxRange" | "opendata.errors.bboxOrder";
export type BBoxResult = { ok: true; bbox: BBox } | { ok: false; error: BBoxErrorKey };

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseBbox(raw: string, { allowHeights = false }: { allowHeights?: boolean } = {}): BBoxResult {
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
  if (minLon > maxLon || minLat > maxLat) return { ok: false, error: "opendata.errors.bboxOrder" };
  return { ok: true, bbox: { minLon, minLat, maxLon, maxLat } };
}

/** The JSON API's `bbox` query parameter: exactly four numbers. */
export const bboxQuerySchema = z
  .string()
  .transform((raw, ctx) => {
    const result = parseBbox(raw);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.error });
      return z.NEVER;
    }
    return result.bbox;
  })
  .describe("minLon,minLat,maxLon,maxLat in WGS 84 degrees: commons whose coverage's bounding box intersects it");

export const bboxArray = (bbox: BBox): [number, number, number, number] => [bbox.minLon, bbox.minLat, bbox.maxLon, bbox.maxLat];
