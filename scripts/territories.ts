/**
 * Generates the territory picker's outlines (lib/commons/regions/*.json) from IGN ADMIN EXPRESS-derived
 * GeoJSON (see ../shared/data/territories/README.md: Licence Ouverte, credit "IGN – ADMIN EXPRESS COG;
 * INSEE"): all 101 departments (overseas included) and all 18 regions (the 13 metropolitan ones, and
 * the 5 overseas regions, whose outline is their single department's).
 *
 *   npx tsx scripts/territories.ts [source folder, default ../shared/data/territories]
 *
 * Each ring is simplified with Douglas–Peucker (distances in kilometres, longitude scaled by the
 * cosine of the latitude), coordinates rounded to 4 decimals (about 10 m); islands smaller than
 * MIN_ISLAND_KM2 are dropped (the largest part of a territory is always kept). Where simplifying
 * makes a ring cross or touch itself, the edges at fault get back original vertices until it is
 * valid; should a hole then meet its shell, that polygon is done again with half the tolerance.
 * Every territory then passes validateCoverage, which also gives it RFC 7946 winding. Neighbours are
 * simplified independently, so their shared borders may leave slivers: outlines for picking an area,
 * not for measuring one. The output is deterministic.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ringSelfIntersects, validateCoverage, type Coverage, type Position } from "../lib/commons/geometry";
import { findForbiddenContact } from "../lib/commons/segment-sweep";

/** Douglas–Peucker tolerance: coarser for regions, which are drawn at a smaller scale. */
const TOLERANCE_KM = { department: 1, region: 2 };
const MIN_ISLAND_KM2 = 8;
const DECIMALS = 4;
const KM_PER_DEGREE = 111.32;

/** INSEE codes of the overseas regions and their one department. */
const OVERSEAS_REGIONS: [region: string, department: string][] = [
  ["01", "971"],
  ["02", "972"],
  ["03", "973"],
  ["04", "974"],
  ["06", "976"],
];

type Feature = { properties: { code: string; nom: string }; geometry: { type: string; coordinates: unknown } };
type Territory = { code: string; name: string; level: "region" | "department"; coverage: Coverage };

const round = (n: number) => Number(n.toFixed(DECIMALS));

/** Distance from p to segment [a, b] in km, on a local plane (longitudes scaled at latitude `lat`). */
function distanceKm(p: Position, a: Position, b: Position, cos: number): number {
  const [px, py] = [p[0] * cos, p[1]];
  const [ax, ay] = [a[0] * cos, a[1]];
  const [bx, by] = [b[0] * cos, b[1]];
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy)) * KM_PER_DEGREE;
}

/** Douglas–Peucker between two kept vertices of a polyline: the indices it keeps in between (iterative). */
function douglasPeucker(points: Position[], from: number, to: number, toleranceKm: number, cos: number): number[] {
  const kept: number[] = [];
  const stack: [number, number][] = [[from, to]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let max = 0;
    for (let i = first + 1; i < last; i++) {
      const d = distanceKm(points[i]!, points[first]!, points[last]!, cos);
      if (d > max) {
        max = d;
        farthest = i;
      }
    }
    if (farthest !== -1 && max > toleranceKm) {
      kept.push(farthest);
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return kept;
}

/** Rounded positions of a closed ring, without consecutive repeats and without the closing position. */
function roundedOpenRing(ring: Position[]): Position[] {
  const rounded: Position[] = [];
  for (const [lon, lat] of ring) {
    const p: Position = [round(lon), round(lat)];
    const previous = rounded[rounded.length - 1];
    if (!previous || previous[0] !== p[0] || previous[1] !== p[1]) rounded.push(p);
  }
  const first = rounded[0]!;
  const last = rounded[rounded.length - 1]!;
  if (rounded.length > 1 && first[0] === last[0] && first[1] === last[1]) rounded.pop();
  return rounded;
}

/**
 * Edges (by index in the closed ring `ring`) that make it invalid: around a repeated vertex, at a
 * backtrack, or a pair that meets (segment-sweep.ts); empty when the ring is valid.
 */
function faultyEdges(ring: Position[]): number[] {
  const n = ring.length - 1;
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = String(ring[i]);
    const j = seen.get(key);
    if (j !== undefined) return [(j + n - 1) % n, j, (i + n - 1) % n, i];
    seen.set(key, i);
  }
  if (!ringSelfIntersects(ring)) return [];
  const segments = ring.slice(0, -1).map((a, i) => ({ a, b: ring[i + 1]! }));
  const found = findForbiddenContact(segments, (i, j) => Math.abs(i - j) === 1 || Math.abs(i - j) === n - 1);
  if (found) return found;
  // A backtrack (consecutive edges going back over each other): both edges.
  for (let i = 0; i < n; i++) {
    const prev = ring[(i + n - 1) % n]!;
    const here = ring[i]!;
    const next = ring[i + 1]!;
    const cross = (here[0] - prev[0]) * (next[1] - here[1]) - (here[1] - prev[1]) * (next[0] - here[0]);
    if (cross === 0) return [(i + n - 1) % n, i];
  }
  return [];
}

/**
 * A closed ring, rounded and simplified with Douglas–Peucker (cut at its first vertex and the vertex
 * farthest from it); where the result crosses or touches itself, the edges at fault get back the
 * original vertex farthest from them, until the ring is valid. Null when the ring cannot be made
 * valid (its source is not).
 */
function simplifyRing(ring: Position[], toleranceKm: number): Position[] | null {
  const open = roundedOpenRing(ring);
  if (open.length < 3) return null;
  const cos = Math.cos((open[0]![1] * Math.PI) / 180);
  const keep = new Uint8Array(open.length);
  keep[0] = 1;
  let far = 0;
  let max = -1;
  open.forEach((p, i) => {
    const d = Math.hypot((p[0] - open[0]![0]) * cos, p[1] - open[0]![1]);
    if (d > max) {
      max = d;
      far = i;
    }
  });
  keep[far] = 1;
  const closedOpen = [...open, open[0]!];
  const mark = (first: number, last: number) => {
    for (const i of douglasPeucker(closedOpen, first, last, toleranceKm, cos)) keep[i] = 1;
  };
  mark(0, far);
  mark(far, open.length);
  for (;;) {
    const kept = open.map((_, i) => i).filter((i) => keep[i] === 1);
    const simplified = [...kept.map((i) => open[i]!), open[0]!];
    if (simplified.length >= 4) {
      const faults = faultyEdges(simplified);
      if (faults.length === 0) return simplified;
      let refined = false;
      for (const edge of faults) {
        const first = kept[edge]!;
        const last = edge + 1 < kept.length ? kept[edge + 1]! : open.length;
        let best = -1;
        let bestDistance = -1;
        for (let i = first + 1; i < last; i++) {
          const d = distanceKm(closedOpen[i]!, closedOpen[first]!, closedOpen[last]!, cos);
          if (d > bestDistance) {
            bestDistance = d;
            best = i;
          }
        }
        if (best !== -1 && keep[best] === 0) {
          keep[best] = 1;
          refined = true;
        }
      }
      if (!refined) return null;
    } else {
      // Too few vertices left: take back the farthest vertex of the longest span.
      const before = keep.reduce((n, k) => n + k, 0);
      mark(0, far);
      const spans = kept.map((k, j) => [k, j + 1 < kept.length ? kept[j + 1]! : open.length] as const);
      const [first, last] = spans.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a));
      if (last - first > 1) keep[Math.floor((first + last) / 2)] = 1;
      if (keep.reduce((n, k) => n + k, 0) === before) return null;
    }
  }
}

/** Area of a ring in km² (absolute, on the local plane). */
function areaKm2(ring: Position[]): number {
  const cos = Math.cos((ring[0]![1] * Math.PI) / 180);
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  }
  return (Math.abs(sum) / 2) * cos * KM_PER_DEGREE * KM_PER_DEGREE;
}

/**
 * One polygon simplified: its outer ring (null when it cannot be kept), and the holes that can; should
 * a hole then meet the outer ring, the polygon is done again with half the tolerance.
 */
function simplifyPolygon(rings: Position[][], start: number, label: string): Position[][] | null {
  for (let tolerance = start; ; tolerance = tolerance < 0.01 ? 0 : tolerance / 2) {
    const [shell, ...holes] = rings.map((ring) => simplifyRing(ring, tolerance));
    if (!shell) return null;
    const kept = [shell, ...holes.filter((hole): hole is Position[] => hole !== null && areaKm2(hole) >= 0.05)];
    const result = validateCoverage({ type: "Polygon", coordinates: kept });
    if (result.ok) return kept;
    if (tolerance === 0) throw new Error(`${label}: ${result.error} even unsimplified`);
  }
}

function simplifyCoverage(geometry: Feature["geometry"], level: Territory["level"], label: string): Coverage {
  const polygons =
    geometry.type === "Polygon"
      ? [geometry.coordinates as Position[][]]
      : geometry.type === "MultiPolygon"
        ? (geometry.coordinates as Position[][][])
        : [];
  if (polygons.length === 0) throw new Error(`${label}: not a polygon`);
  const largest = Math.max(...polygons.map((rings) => areaKm2(rings[0]!)));
  const parts = polygons
    .filter((rings) => {
      const area = areaKm2(rings[0]!);
      return area === largest || area >= MIN_ISLAND_KM2;
    })
    .map((rings) => simplifyPolygon(rings, TOLERANCE_KM[level], label))
    .filter((rings): rings is Position[][] => rings !== null);
  const coverage: Coverage =
    parts.length === 1 ? { type: "Polygon", coordinates: parts[0]! } : { type: "MultiPolygon", coordinates: parts };
  const result = validateCoverage(coverage);
  if (!result.ok) throw new Error(`${label}: ${result.error}`);
  return result.geometry;
}

async function features(file: string): Promise<Feature[]> {
  const collection = JSON.parse(await readFile(file, "utf8")) as { features: Feature[] };
  return collection.features;
}

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, "en", { numeric: true });

async function main() {
  const source = path.resolve(process.argv[2] ?? "../shared/data/territories");
  const out = path.resolve("lib/commons/regions");
  const departmentFeatures = (await features(path.join(source, "departements-avec-outre-mer.geojson"))).sort((a, b) =>
    byCode(a.properties, b.properties),
  );
  const regionFeatures = (await features(path.join(source, "regions-version-simplifiee.geojson"))).sort((a, b) =>
    byCode(a.properties, b.properties),
  );

  const departments: Territory[] = departmentFeatures.map(({ properties, geometry }) => ({
    code: `D${properties.code}`,
    name: properties.nom,
    level: "department",
    coverage: simplifyCoverage(geometry, "department", `department ${properties.code}`),
  }));
  const overseas: Territory[] = OVERSEAS_REGIONS.map(([region, department]) => {
    const found = departments.find((d) => d.code === `D${department}`);
    if (!found) throw new Error(`department ${department} missing from the source`);
    return { code: `R${region}`, name: found.name, level: "region", coverage: found.coverage };
  });
  const regions: Territory[] = [
    ...overseas,
    ...regionFeatures.map(({ properties, geometry }): Territory => ({
      code: `R${properties.code}`,
      name: properties.nom,
      level: "region",
      coverage: simplifyCoverage(geometry, "region", `region ${properties.code}`),
    })),
  ].sort(byCode);

  const all = [...regions, ...departments];
  const index = all.map(({ code, name, level }) => ({ code, name, level }));
  const outlines = Object.fromEntries(all.map(({ code, coverage }) => [code, coverage]));
  // One territory per line, so that a regeneration's diff reads territory by territory.
  const lines = (entries: string[]) => `${entries.join(",\n")}\n`;
  await writeFile(path.join(out, "territory-index.json"), `[\n${lines(index.map((t) => JSON.stringify(t)))}]\n`);
  await writeFile(
    path.join(out, "territory-outlines.json"),
    `{\n${lines(Object.entries(outlines).map(([code, coverage]) => `${JSON.stringify(code)}: ${JSON.stringify(coverage)}`))}}\n`,
  );
  const vertices = (c: Coverage) =>
    (c.type === "Polygon" ? [c.coordinates] : c.coordinates).flat().reduce((n, ring) => n + ring.length - 1, 0);
  const counts = all.map((t) => vertices(t.coverage));
  console.log(
    `${regions.length} regions, ${departments.length} departments; vertices per territory: ` +
      `${Math.min(...counts)}–${Math.max(...counts)} (total ${counts.reduce((a, b) => a + b, 0)})`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
