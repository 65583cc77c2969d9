/** The static SVG preview of coverages (components/map): proportions, holes, decimation, nothing to draw. */
import { describe, expect, it } from "vitest";
import { coveragePreview } from "@/components/map/map-geometry";

type P = [number, number];
const square = (lon: number, lat: number, size: number): P[] => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

describe("coveragePreview", () => {
  it("draws each coverage as one path, north up, with holes as inner rings", () => {
    const preview = coveragePreview([
      { id: "a", title: "A", geometry: { type: "Polygon", coordinates: [square(2, 48, 1), square(2.25, 48.25, 0.5)] } },
      { id: "b", title: "B", geometry: { type: "MultiPolygon", coordinates: [[square(4, 47, 0.5)], [square(5, 46, 0.5)]] } },
    ])!;
    expect(preview.paths.map((p) => p.id)).toEqual(["a", "b"]);
    expect(preview.paths[0]!.d.match(/M/g)).toHaveLength(2);
    expect(preview.paths[1]!.d.match(/M/g)).toHaveLength(2);
    const [, , w, h] = preview.viewBox.split(" ").map(Number);
    // 3.5° of longitude at ~47.5°N is narrower than 3.5° of latitude... here 3.5 × cos(47.5°) ≈ 2.36 vs 3.
    expect(w! / h!).toBeGreaterThan(0.7);
    expect(w! / h!).toBeLessThan(0.85);
    // The northernmost point (lat 49) is at the top.
    const ys = [...preview.paths[0]!.d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => Number(m[2]));
    expect(Math.min(...ys)).toBeLessThan(Math.max(...ys));
  });

  it("merges points closer than half a unit, and draws nothing without coverages", () => {
    const dense = Array.from({ length: 20_000 }, (_, i): P => {
      const a = (i / 20_000) * 2 * Math.PI;
      return [2 + Math.cos(a), 48 + Math.sin(a)];
    });
    dense.push(dense[0]!);
    const preview = coveragePreview([{ id: "c", title: "C", geometry: { type: "Polygon", coordinates: [dense] } }])!;
    expect(preview.paths[0]!.d.split("L").length).toBeLessThan(10_000);
    expect(coveragePreview([])).toBeNull();
  });
});
