/**
 * JSON Schemas (draft 2020-12) of the GeoJSON geometries the API takes and gives (RFC 7946, WGS 84
 * longitude/latitude), for the OpenAPI document: zod cannot describe what validateCoverage checks,
 * so the schemas carrying coverages and places attach these with `.meta()`. Validation itself stays
 * in lib/commons/geometry.ts (closed rings, ranges, crossings, holes, size).
 */
import { MAX_VERTICES } from "./geometry";

const position = {
  type: "array",
  minItems: 2,
  maxItems: 3,
  items: { type: "number" },
  description: "[longitude, latitude] in WGS 84 degrees (a third number, a height, is kept and ignored)",
};
const ring = {
  type: "array",
  minItems: 4,
  items: position,
  description: "A closed ring: the last position repeats the first",
};
const polygonCoordinates = {
  type: "array",
  minItems: 1,
  items: ring,
  description: "The outer ring, then holes (RFC 7946: outer rings counter-clockwise, holes clockwise; written that way)",
};

export const polygonJsonSchema = {
  type: "object",
  required: ["type", "coordinates"],
  properties: { type: { const: "Polygon" }, coordinates: polygonCoordinates },
};
export const multiPolygonJsonSchema = {
  type: "object",
  required: ["type", "coordinates"],
  properties: { type: { const: "MultiPolygon" }, coordinates: { type: "array", minItems: 1, items: polygonCoordinates } },
};
export const pointJsonSchema = {
  type: "object",
  required: ["type", "coordinates"],
  properties: { type: { const: "Point" }, coordinates: position },
};

/** A commons' coverage: a Polygon or a MultiPolygon (at most MAX_VERTICES positions, 200 kB). */
export const coverageJsonSchema = {
  oneOf: [polygonJsonSchema, multiPolygonJsonSchema],
  description: `GeoJSON Polygon or MultiPolygon (RFC 7946, WGS 84), at most ${MAX_VERTICES} positions and 200 kB; rings closed, not crossing or touching themselves, holes inside their outer ring`,
};

/** A contribution's place: a Point or an area. */
export const placeJsonSchema = {
  oneOf: [pointJsonSchema, polygonJsonSchema, multiPolygonJsonSchema],
  description: "GeoJSON Point, Polygon or MultiPolygon (RFC 7946, WGS 84)",
};
