/**
 * fast-check arbitraries for fuzzing: values shaped by a zod schema (through zod 4's JSON Schema,
 * so any schema in the registry works without listing its fields here), hostile values (huge or
 * control-character strings, deep JSON, wrong types, NaN, far dates, invalid geometry), and
 * schema-shaped values with one field replaced by a hostile one (they pass everything else).
 */
import fc from "fast-check";
import { z } from "zod";

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
};

const json = fc.jsonValue({ maxDepth: 2 });

function fromJsonSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return json;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => fromJsonSchema(s, depth + 1)));
  if (schema.allOf?.length) return fromJsonSchema(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string": {
      const minLength = schema.minLength ?? 0;
      const maxLength = Math.min(schema.maxLength ?? 60, Math.max(minLength, 60));
      if (schema.format === "date-time") return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.format === "email") return fc.emailAddress();
      if (schema.format === "uri" || schema.format === "url") return fc.webUrl();
      if (schema.pattern) {
        try {
          return fc
            .stringMatching(new RegExp(schema.pattern))
            .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
        } catch {
          // a pattern JavaScript cannot compile: plain strings
        }
      }
      return fc.string({ minLength, maxLength });
    }
    case "integer":
      return fc.integer({
        min: Math.max(schema.minimum ?? (schema.exclusiveMinimum ?? -1_000_001) + 1, -1_000_000),
        max: Math.min(schema.maximum ?? (schema.exclusiveMaximum ?? 1_000_001) - 1, 1_000_000),
      });
    case "number":
      return fc.double({
        min: Math.max(schema.minimum ?? schema.exclusiveMinimum ?? -1e6, -1e6),
        max: Math.min(schema.maximum ?? schema.exclusiveMaximum ?? 1e6, 1e6),
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => fromJsonSchema(s, depth + 1)));
      const minLength = schema.minItems ?? 0;
      return fc.array(fromJsonSchema(schema.items, depth + 1), {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 4)),
      });
    }
    case "object": {
      const properties = schema.properties ?? {};
      if (Object.keys(properties).length === 0) {
        const values =
          typeof schema.additionalProperties === "object" ? fromJsonSchema(schema.additionalProperties, depth + 1) : json;
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), values, { maxKeys: 3 });
      }
      return fc.record(Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, fromJsonSchema(s, depth + 1)])), {
        requiredKeys: (schema.required ?? []).filter((key) => key in properties),
      });
    }
    default:
      return json;
  }
}

/** Values of the schema's input shape (mostly valid; refinements and cross-field rules aside). */
export function arbitraryFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  let jsonSchema: JsonSchema;
  try {
    jsonSchema = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    return json;
  }
  return fromJsonSchema(jsonSchema);
}

const controlCharacters = fc
  .array(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 20 })
  .map((codes) => String.fromCharCode(...codes));

const deep = (depth: number, leaf: unknown = 1): unknown => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

export const hostileStrings: fc.Arbitrary<string> = fc.oneof(
  fc.constant("x".repeat(200_000)),
  fc.constant("é🗺️".repeat(30_000)),
  controlCharacters,
  fc.constant("nul\u0000byte"),
  fc.constant("\ud800 lone surrogate \udfff"),
  fc.constant("\udfff\ud800 reversed pair"),
  fc.constant("DEL \u007f and C1 \u0085\u009b31m controls"),
  fc.constant("tabs\tand\r\nnewlines stay"),
  fc.constant("\u202eRTL override"),
  fc.constant('\'; DROP TABLE "User"; --'),
  fc.constant("<script>alert(1)</script>"),
  fc.constant("../../../../etc/passwd"),
  fc.constant("%00%ff%fe"),
  fc.constant(""),
  fc.constant("   "),
  fc.constant("NaN"),
  fc.constant("Infinity"),
  fc.constant("-0"),
  fc.constant("1e309"),
  fc.constant("+275760-09-13T00:00:00.000Z"),
  fc.constant("-271821-04-20T00:00:00.000Z"),
  fc.constant("9999-12-31T23:59:59.999Z"),
  fc.constant("0000-00-00"),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
);

/** Invalid or abusive GeoJSON: self-intersecting, unclosed, out of range, NaN, huge, wrong type. */
export const hostileGeometries: fc.Arbitrary<unknown> = fc.constantFrom(
  {
    type: "Polygon",
    coordinates: [
      [
        [0, 0],
        [1, 1],
        [1, 0],
        [0, 1],
        [0, 0],
      ],
    ],
  },
  {
    type: "Polygon",
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
      ],
    ],
  },
  {
    type: "Polygon",
    coordinates: [
      [
        [500, 0],
        [501, 0],
        [501, 100],
        [500, 0],
      ],
    ],
  },
  { type: "Polygon", coordinates: [] },
  { type: "Point", coordinates: [null, null] },
  { type: "Point", coordinates: ["NaN", "Infinity"] },
  { type: "MultiPolygon", coordinates: [[[[0, 0]]]] },
  { type: "Polygon", coordinates: [Array.from({ length: 50_001 }, (_, i) => [Math.cos(i) * 10, Math.sin(i) * 10])] },
  { type: "GeometryCollection", geometries: [deep(200)] },
  { type: "Feature", geometry: null },
  { type: "Nope", coordinates: [1, 2] },
);

export const hostileValues: fc.Arbitrary<unknown> = fc.oneof(
  hostileStrings,
  hostileGeometries,
  fc.constant(deep(3_000)),
  fc.constant(deep(20)),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant(-1),
  fc.constant(1e308),
  fc.constant(0.1),
  fc.constant(null),
  fc.constant(true),
  fc.constant([]),
  fc.constant({}),
  fc.constant(JSON.parse('{"__proto__":{"isPlatformAdmin":true},"constructor":{"prototype":{"admin":true}}}') as unknown),
  fc.constant(Array.from({ length: 10_000 }, (_, i) => i)),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A schema-shaped object with one of its fields (or itself) replaced by a hostile value. */
export function mutated(schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc.tuple(arbitraryFor(schema), hostileValues, fc.nat()).map(([value, hostile, pick]) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return hostile;
    const keys = Object.keys(value);
    if (keys.length === 0) return hostile;
    return { ...value, [keys[pick % keys.length]!]: hostile };
  });
}

/** What a fuzzer sends for a schema: well-formed, one hostile field, or hostile through and through. */
export function fuzzInput(schema: z.ZodType | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(fc.constant(undefined), hostileValues);
  return fc.oneof(
    { arbitrary: arbitraryFor(schema), weight: 2 },
    { arbitrary: mutated(schema), weight: 2 },
    { arbitrary: hostileValues, weight: 1 },
  );
}
