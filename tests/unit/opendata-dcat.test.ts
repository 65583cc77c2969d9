/** DCAT helpers without a database: content negotiation, the centroid of a coverage, the formats of data links. */
import { describe, expect, it } from "vitest";
import { centroidOf, formatOfUrl, negotiateFormat } from "@/lib/opendata/dcat";
import { turtleIri } from "@/lib/opendata/rdf-serialize";

describe("negotiateFormat", () => {
  it("serves the alias's format whatever the Accept header", () => {
    expect(negotiateFormat("/api/catalogue/dcat.ttl", "application/ld+json")).toBe("turtle");
    expect(negotiateFormat("/api/catalogue/dcat.rdf", null)).toBe("rdfxml");
  });

  it("negotiates on dcat.jsonld: JSON-LD by default, the best quality wins, null when nothing fits", () => {
    const on = (accept: string | null) => negotiateFormat("/api/catalogue/dcat.jsonld", accept);
    expect(on(null)).toBe("jsonld");
    expect(on("")).toBe("jsonld");
    expect(on("*/*")).toBe("jsonld");
    expect(on("text/turtle")).toBe("turtle");
    expect(on("application/rdf+xml")).toBe("rdfxml");
    expect(on("application/rdf+xml;q=0.5, text/turtle;q=0.9, */*;q=0.1")).toBe("turtle");
    expect(on("text/turtle;q=0, application/rdf+xml")).toBe("rdfxml");
    expect(on("text/html,application/xhtml+xml,application/xml;q=0.9")).toBe("jsonld");
    expect(on("application/pdf")).toBeNull();
    expect(on("text/turtle;q=0")).toBeNull();
  });
});

describe("centroidOf", () => {
  const square = (x: number, y: number, size: number): [number, number][] => [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];

  it("is the centre of a square whatever its winding, and holes and parts weigh by area", () => {
    expect(centroidOf({ type: "Polygon", coordinates: [square(0, 0, 2)] })).toEqual([1, 1]);
    expect(centroidOf({ type: "Polygon", coordinates: [square(0, 0, 2).reverse()] })).toEqual([1, 1]);
    // Two equal squares: the middle between them.
    expect(centroidOf({ type: "MultiPolygon", coordinates: [[square(0, 0, 1)], [square(2, 0, 1)]] })).toEqual([1.5, 0.5]);
    // A 4×4 square with a 2×2 hole in its left half moves right.
    const [x, y] = centroidOf({ type: "Polygon", coordinates: [square(0, 0, 4), square(0, 1, 2)] })!;
    expect(x).toBeCloseTo((16 * 2 - 4 * 1) / 12);
    expect(y).toBeCloseTo(2);
  });

  it("is null for a degenerate ring", () => {
    expect(
      centroidOf({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toBeNull();
  });
});

describe("formatOfUrl", () => {
  it("reads the extension of the path, not of the query", () => {
    expect(formatOfUrl("https://data.example.org/bal.CSV?x=1")).toEqual({ fileType: "CSV", mediaType: "text/csv" });
    expect(formatOfUrl("https://data.example.org/a.geojson")?.fileType).toBe("GEOJSON");
    expect(formatOfUrl("https://data.example.org/download?f=a.csv")).toBeNull();
    expect(formatOfUrl("not a url")).toBeNull();
  });
});

describe("turtleIri", () => {
  it("escapes what an IRIREF may not contain", () => {
    expect(turtleIri("https://x.example/a b>c")).toBe("<https://x.example/a\\u0020b\\u003Ec>");
  });
});
