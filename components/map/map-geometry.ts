/**
 * Pure helpers shared by the map components (no MapLibre import, so unit tests and server code can use
 * them): bounding boxes of coverages, clamping a visible extent to valid WGS 84 ranges, the plain
 * fallback style used when the base map cannot load, and the ring a drawn polygon closes into.
 */
import type { LayerSpecification, StyleSpecification } from "maplibre-gl";
import type { Coverage, Position } from "@/lib/commons/geometry";

/** [minLon, minLat, maxLon, maxLat], the order GeoJSON, OGC API and the catalogue's `bbox` parameter use. */
export type BBoxTuple = [number, number, number, number];

/** Mainland France, where the map opens when there is nothing to show. */
export const FRANCE_BOUNDS: BBoxTuple = [-5.3, 41.3, 9.7, 51.2];

/** The bounding box of several coverages, or null when there are none. */
export function boundsOfCoverages(geometries: readonly Coverage[]): BBoxTuple | null {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const geometry of geometries) {
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons)
      for (const ring of polygon)
        for (const position of ring) {
          const [lon, lat] = position;
          if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
          minLon = Math.min(minLon, lon);
          minLat = Math.min(minLat, lat);
          maxLon = Math.max(maxLon, lon);
          maxLat = Math.max(maxLat, lat);
        }
  }
  return Number.isFinite(minLon) ? [minLon, minLat, maxLon, maxLat] : null;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const round = (value: number) => Math.round(value * 1e5) / 1e5;

/**
 * A visible extent made valid for a search: latitudes within −90..90, rounded to about a metre, min
 * before max. A map panned past the antimeridian reports longitudes beyond ±180: they are wrapped, so
 * a view across it becomes a box with west > east (as OGC API – Features and the catalogue read it);
 * a view wider than the world is the whole world.
 */
export function clampBbox([west, south, east, north]: BBoxTuple): BBoxTuple {
  const [w0, e0] = west <= east ? [west, east] : [east, west];
  let minLon = -180;
  let maxLon = 180;
  if (e0 - w0 < 360) {
    minLon = ((((w0 + 180) % 360) + 360) % 360) - 180;
    maxLon = minLon + (e0 - w0);
    if (maxLon > 180) maxLon -= 360;
  }
  const minLat = round(clamp(Math.min(south, north), -90, 90));
  const maxLat = round(clamp(Math.max(south, north), -90, 90));
  return [round(minLon), minLat, round(maxLon), maxLat];
}

/** A minimal MapLibre style: a plain background and no external resource, for offline use. */
export function fallbackStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: "background", type: "background", paint: { "background-color": "#eef1f4" } }],
  };
}

/** The closed ring of a polygon drawn vertex by vertex, or null with fewer than three vertices. */
export function closeRing(vertices: readonly Position[]): Position[] | null {
  if (vertices.length < 3) return null;
  const first = vertices[0]!;
  return [...vertices.map((v) => [v[0], v[1]] as Position), [first[0], first[1]]];
}

/** The vertices of a single-ring polygon (without the closing position), for editing; null otherwise. */
export function verticesOf(value: Coverage | null): Position[] {
  if (!value || value.type !== "Polygon") return [];
  const ring = value.coordinates[0];
  if (!ring || ring.length < 4) return [];
  return ring.slice(0, -1).map((p) => [p[0], p[1]] as Position);
}

/** A commons' coverage as the map components take it. */
export type CoverageFeature = { id: string; title: string; href?: string; geometry: Coverage };

export const COVERAGE_SOURCE = "gc-coverages";
export const COVERAGE_FILL_LAYER = "gc-coverages-fill";

export type CoverageCollection = {
  type: "FeatureCollection";
  features: { type: "Feature"; id: number; properties: { id: string; title: string; href: string }; geometry: Coverage }[];
};

export function toCollection(features: readonly CoverageFeature[]): CoverageCollection {
  return {
    type: "FeatureCollection",
    features: features.map((feature, index) => ({
      type: "Feature",
      id: index,
      properties: { id: feature.id, title: feature.title, href: feature.href ?? "" },
      geometry: feature.geometry,
    })),
  };
}

const coverageLayers: LayerSpecification[] = [
  { id: COVERAGE_FILL_LAYER, type: "fill", source: COVERAGE_SOURCE, paint: { "fill-color": "#000091", "fill-opacity": 0.2 } },
  { id: "gc-coverages-line", type: "line", source: COVERAGE_SOURCE, paint: { "line-color": "#000091", "line-width": 2 } },
];

/** The base style with the coverages on top (applied again, it replaces them: no duplicate layers). */
export function withCoverages(base: StyleSpecification, data: CoverageCollection): StyleSpecification {
  return {
    ...base,
    sources: { ...base.sources, [COVERAGE_SOURCE]: { type: "geojson", data: data as never } },
    layers: [...base.layers.filter((layer) => !layer.id.startsWith("gc-")), ...coverageLayers],
  };
}

/**
 * SVG paths of coverages for a static preview (drawn on the server, before or instead of the map):
 * longitudes scaled by the cosine of the middle latitude (a plate carrée that keeps France's
 * proportions), `width` units wide, points closer than half a unit merged so a detailed coverage
 * stays a small document. Null when there is nothing to draw.
 */
export function coveragePreview(
  features: readonly CoverageFeature[],
  width = 1000,
): { viewBox: string; paths: { id: string; d: string }[] } | null {
  const bounds = boundsOfCoverages(features.map((f) => f.geometry));
  if (!bounds) return null;
  const [minLon, minLat, maxLon, maxLat] = bounds;
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-6);
  const spanY = Math.max(maxLat - minLat, 1e-6);
  const scale = width / Math.max(spanX, spanY);
  const pad = width * 0.04;
  const w = spanX * scale + 2 * pad;
  const h = spanY * scale + 2 * pad;
  const paths = features.map((feature) => {
    const polygons = feature.geometry.type === "Polygon" ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    const parts: string[] = [];
    for (const polygon of polygons)
      for (const ring of polygon) {
        let last: [number, number] | null = null;
        const points: string[] = [];
        for (const [lon, lat] of ring) {
          if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
          const x = (lon - minLon) * k * scale + pad;
          const y = (maxLat - lat) * scale + pad;
          if (last && Math.abs(x - last[0]) < 0.5 && Math.abs(y - last[1]) < 0.5) continue;
          last = [x, y];
          points.push(`${x.toFixed(1)},${y.toFixed(1)}`);
        }
        if (points.length >= 3) parts.push(`M${points.join("L")}Z`);
      }
    return { id: feature.id, d: parts.join("") };
  });
  return { viewBox: `0 0 ${w.toFixed(1)} ${h.toFixed(1)}`, paths: paths.filter((p) => p.d) };
}
