import { describe, expect, it } from "vitest";
import { boundsOfCoverages, clampBbox, closeRing, fallbackStyle, verticesOf, withCoverages } from "@/components/map/map-geometry";
import { validateCoverage } from "@/lib/commons/geometry";

describe("map helpers", () => {
  it("computes the bounds of several polygons and multipolygons, null for none", () => {
    expect(boundsOfCoverages([])).toBeNull();
    expect(
      boundsOfCoverages([
        {
          type: "Polygon",
          coordinates: [
            [
              [2, 48],
              [3, 48],
              [3, 49],
              [2, 48],
            ],
          ],
        },
        {
          type: "MultiPolygon",
          coordinates: [
            [
              [
                [-4.5, 47],
                [-4, 47],
                [-4, 47.5],
                [-4.5, 47],
              ],
            ],
          ],
        },
      ]),
    ).toEqual([-4.5, 47, 3, 49]);
  });

  it("clamps a visible extent to valid longitudes and latitudes, min before max", () => {
    expect(clampBbox([-200.123456, -95, 190, 91])).toEqual([-180, -90, 180, 90]);
    expect(clampBbox([3.1234567, 49, 2.1, 48])).toEqual([2.1, 48, 3.12346, 49]);
  });

  it("closes a drawn ring only with three vertices or more, and reopens it", () => {
    expect(
      closeRing([
        [1, 1],
        [2, 2],
      ]),
    ).toBeNull();
    const ring = closeRing([
      [2, 48],
      [3, 48],
      [3, 49],
    ])!;
    expect(ring).toEqual([
      [2, 48],
      [3, 48],
      [3, 49],
      [2, 48],
    ]);
    const polygon = { type: "Polygon" as const, coordinates: [ring] };
    expect(validateCoverage(polygon).ok).toBe(true);
    expect(verticesOf(polygon)).toEqual([
      [2, 48],
      [3, 48],
      [3, 49],
    ]);
    expect(verticesOf(null)).toEqual([]);
  });

  it("draws the coverages on top of any base style, the plain one needing no network", () => {
    const plain = fallbackStyle();
    expect(Object.keys(plain.sources)).toEqual([]);
    expect(JSON.stringify(plain)).not.toMatch(/https?:/);
    const data = { type: "FeatureCollection" as const, features: [] };
    const style = withCoverages(
      {
        version: 8,
        sources: { tiles: { type: "vector", url: "https://example.org/t.json" } },
        layers: [{ id: "bg", type: "background" }],
      },
      data,
    );
    expect(style.layers.map((l) => l.id)).toEqual(["bg", "gc-coverages-fill", "gc-coverages-line"]);
    expect(Object.keys(style.sources)).toEqual(["tiles", "gc-coverages"]);
    // Applying twice does not duplicate the overlay.
    expect(withCoverages(style, data).layers).toHaveLength(3);
  });
});
