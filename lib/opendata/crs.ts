/**
 * Coordinate reference systems of the OGC API (Part 2, CRS by reference): coverages are stored in
 * CRS84 (WGS 84 longitude/latitude, GeoJSON's) and served, or queried by bbox, in the systems French
 * GIS users need: Lambert-93 (EPSG:2154), RGF93 geographic (EPSG:4171), WGS 84 (EPSG:4326) and Web
 * Mercator (EPSG:3857), transformed with proj4. RGF93 and WGS 84 are taken as the same datum (the
 * null transformation PROJ also uses, within a metre). Coordinates follow each CRS's axis order: the
 * EPSG geographic systems are latitude first.
 */
import proj4 from "proj4";
import type { BBox, Coverage, Position } from "@/lib/commons/geometry";

export const CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
const epsg = (code: number) => `http://www.opengis.net/def/crs/EPSG/0/${code}`;

proj4.defs(
  "EPSG:2154",
  "+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs",
);

/** Web Mercator's latitude limit (the square world). */
const MERCATOR_MAX_LAT = 85.0511287798066;

export type Crs = {
  uri: string;
  /** Geographic, latitude first (EPSG:4326, EPSG:4171), or projected in metres. */
  kind: "crs84" | "latlon" | "projected";
  /** CRS84 [lon, lat] → this CRS's coordinates, in its axis order. */
  forward: (position: Position) => Position;
  /** This CRS's coordinates → CRS84 [lon, lat]. */
  inverse: (position: Position) => Position;
};

function projected(uri: string, code: string, clampLat = 90): Crs {
  const converter = proj4("EPSG:4326", code);
  return {
    uri,
    kind: "projected",
    forward: ([lon, lat]) => converter.forward([lon, Math.max(-clampLat, Math.min(clampLat, lat))]) as Position,
    inverse: (xy) => converter.inverse([xy[0], xy[1]]) as Position,
  };
}

const latLon = (uri: string): Crs => ({
  uri,
  kind: "latlon",
  forward: ([lon, lat]) => [lat, lon],
  inverse: ([lat, lon]) => [lon, lat],
});

/** The systems served, CRS84 (the storage CRS and default) first. */
export const supportedCrs: readonly Crs[] = [
  { uri: CRS84, kind: "crs84", forward: (p) => p, inverse: (p) => p },
  latLon(epsg(4326)),
  latLon(epsg(4171)),
  projected(epsg(2154), "EPSG:2154"),
  projected(epsg(3857), "EPSG:3857", MERCATOR_MAX_LAT),
];

export const crsByUri = (uri: string): Crs | null => supportedCrs.find((crs) => crs.uri === uri) ?? null;

const roundTo = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** A coverage in `crs` (millimetres for projected systems, unchanged for geographic ones). */
export function transformCoverage<T extends Coverage>(coverage: T, crs: Crs): T {
  if (crs.kind === "crs84") return coverage;
  const point = (p: Position): Position => {
    const [x, y] = crs.forward(p);
    return crs.kind === "projected" ? [roundTo(x, 3), roundTo(y, 3)] : [x, y];
  };
  if (coverage.type === "Polygon") return { ...coverage, coordinates: coverage.coordinates.map((ring) => ring.map(point)) };
  return {
    ...coverage,
    coordinates: (coverage.coordinates as Position[][][]).map((polygon) => polygon.map((ring) => ring.map(point))),
  } as T;
}

/** The envelope of a coverage's coordinates, in whatever CRS they are: [min axis 1, min axis 2, max axis 1, max axis 2]. */
export function envelope(coverage: Coverage): [number, number, number, number] {
  const polygons = coverage.type === "Polygon" ? [coverage.coordinates] : coverage.coordinates;
  let [a0, b0, a1, b1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    for (const [a, b] of polygon[0] ?? []) {
      a0 = Math.min(a0, a);
      b0 = Math.min(b0, b);
      a1 = Math.max(a1, a);
      b1 = Math.max(b1, b);
    }
  }
  return [a0, b0, a1, b1];
}

/**
 * A box in a projected CRS → the CRS84 box that holds it (for the SQL prefilter): its boundary,
 * densified, taken back to longitude/latitude, with a margin for the curvature between samples.
 * Null when the box falls outside the projection's domain.
 */
export function projectedBoxEnvelope(box: BBox, crs: Crs): BBox | null {
  const steps = 64;
  const points: Position[] = [];
  for (let i = 0; i <= steps; i++) {
    const x = box.minLon + ((box.maxLon - box.minLon) * i) / steps;
    const y = box.minLat + ((box.maxLat - box.minLat) * i) / steps;
    points.push([x, box.minLat], [x, box.maxLat], [box.minLon, y], [box.maxLon, y]);
  }
  const lonLat = points.map((p) => crs.inverse(p));
  if (!lonLat.every(([lon, lat]) => Number.isFinite(lon) && Number.isFinite(lat))) return null;
  const margin = 0.01;
  const lons = lonLat.map(([lon]) => lon);
  const lats = lonLat.map(([, lat]) => lat);
  return {
    minLon: Math.max(-180, Math.min(...lons) - margin),
    minLat: Math.max(-90, Math.min(...lats) - margin),
    maxLon: Math.min(180, Math.max(...lons) + margin),
    maxLat: Math.min(90, Math.max(...lats) + margin),
  };
}
