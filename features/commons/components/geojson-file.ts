/**
 * Reads an uploaded GeoJSON file in the browser: a Feature, a FeatureCollection or a bare geometry.
 * Its polygons become the coverage (one Polygon, or a MultiPolygon when there are several); the
 * server validates the result with the same validateCoverage as everything else.
 */
import type { Coverage, Position } from "@/lib/commons/geometry";

export const MAX_FILE_BYTES = 1_000_000;

type Result = { ok: true; coverage: Coverage } | { ok: false; error: string };

function polygonsOf(value: unknown, out: Position[][][]): void {
  if (!value || typeof value !== "object") return;
  const node = value as { type?: unknown; coordinates?: unknown; geometry?: unknown; features?: unknown; geometries?: unknown };
  switch (node.type) {
    case "FeatureCollection":
      if (Array.isArray(node.features)) for (const feature of node.features) polygonsOf(feature, out);
      return;
    case "Feature":
      polygonsOf(node.geometry, out);
      return;
    case "GeometryCollection":
      if (Array.isArray(node.geometries)) for (const geometry of node.geometries) polygonsOf(geometry, out);
      return;
    case "Polygon":
      out.push(node.coordinates as Position[][]);
      return;
    case "MultiPolygon":
      if (Array.isArray(node.coordinates)) out.push(...(node.coordinates as Position[][][]));
      return;
  }
}

export function coverageFromGeoJson(text: string): Result {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: "commons.errors.geojsonUnreadable" };
  }
  if (!parsed || typeof parsed !== "object" || !("type" in parsed))
    return { ok: false, error: "commons.errors.geojsonUnreadable" };
  const polygons: Position[][][] = [];
  polygonsOf(parsed, polygons);
  if (polygons.length === 0) return { ok: false, error: "commons.errors.geojsonNoPolygon" };
  return {
    ok: true,
    coverage:
      polygons.length === 1 ? { type: "Polygon", coordinates: polygons[0]! } : { type: "MultiPolygon", coordinates: polygons },
  };
}

/** Vertices of a coverage (closing positions not counted), for the form's summary line. */
export function vertexCount(coverage: Coverage): number {
  const polygons = coverage.type === "Polygon" ? [coverage.coordinates] : coverage.coordinates;
  return polygons.reduce((sum, rings) => sum + rings.reduce((n, ring) => n + Math.max(ring.length - 1, 0), 0), 0);
}

/** A title as an identifier: no accents, lowercase, hyphens, at most 60 characters. */
export function slugify(title: string): string {
  return title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}
