/**
 * The catalogue's URL query, validated field by field: a bad value is dropped and reported at its
 * field (a catalogue key), the rest of the search still runs. Also builds the links that keep the
 * criteria (next page, map area, view switch).
 */
import { z } from "zod";
import { commonsKinds, commonsStatuses, licences } from "@/lib/commons/schemas";
import { commonsSorts } from "@/lib/commons/search";
import { actorKinds } from "@/lib/users/schemas";
import type { BBox } from "@/lib/commons/geometry";
import { parseBbox } from "@/lib/commons/bbox";
import { hasControlCharacters } from "@/lib/core/query-values";

/**
 * "west,south,east,north" in WGS 84 degrees, read as the JSON API and the OGC API read it
 * (lib/commons/bbox.ts): west > east is a box across the antimeridian.
 */
export const bboxParam = z
  .string()
  .trim()
  .max(200)
  .transform((value, ctx) => {
    // Plain decimals only (no exponent, no leading "+"), as a map writes them.
    const plain = value.split(",").every((part) => /^-?\d+(\.\d+)?$/.test(part.trim()));
    const result = parseBbox(value, { allowAntimeridian: true });
    if (!plain || !result.ok) {
      ctx.addIssue({ code: "custom", message: "catalogue.errors.bbox" });
      return z.NEVER;
    }
    return result.bbox satisfies BBox;
  });

export const catalogueFields = {
  q: z
    .string()
    .trim()
    .max(200, "catalogue.errors.q")
    .refine((value) => !hasControlCharacters(value), "catalogue.errors.qInvalid"),
  kind: z.enum(commonsKinds, { message: "catalogue.errors.kind" }),
  licence: z.enum(licences, { message: "catalogue.errors.licence" }),
  status: z.enum(commonsStatuses, { message: "catalogue.errors.status" }),
  community: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "catalogue.errors.community")
    .max(60, "catalogue.errors.community"),
  actor: z.enum(actorKinds, { message: "catalogue.errors.actorKind" }),
  sort: z.enum(commonsSorts, { message: "catalogue.errors.sort" }),
  view: z.enum(["list", "map"], { message: "catalogue.errors.view" }),
  bbox: bboxParam,
  // Commons ids are cuids.
  cursor: z.string().regex(/^[a-z0-9]{10,40}$/, "catalogue.errors.cursor"),
};

type Fields = typeof catalogueFields;
export type CatalogueField = keyof Fields;
export type CatalogueQuery = { [K in CatalogueField]?: z.output<Fields[K]> };
export type CatalogueErrors = Partial<Record<CatalogueField, string>>;

type Raw = Record<string, string | string[] | undefined>;

export function parseCatalogueQuery(raw: Raw): { query: CatalogueQuery; errors: CatalogueErrors } {
  const query: Record<string, unknown> = {};
  const errors: CatalogueErrors = {};
  for (const name of Object.keys(catalogueFields) as CatalogueField[]) {
    const value = raw[name];
    if (value === undefined || value === "") continue;
    const schema = catalogueFields[name] as z.ZodType;
    // A repeated parameter is not something the form produces: report it on its field.
    const result = typeof value === "string" ? schema.safeParse(value) : null;
    if (result?.success) {
      if (result.data !== "") query[name] = result.data;
    } else {
      const message = result?.error.issues[0]?.message;
      errors[name] = message?.startsWith("catalogue.") ? message : `catalogue.errors.${name === "actor" ? "actorKind" : name}`;
    }
  }
  return { query: query as CatalogueQuery, errors };
}

export function formatBbox(bbox: BBox): string {
  return [bbox.minLon, bbox.minLat, bbox.maxLon, bbox.maxLat].join(",");
}

/** The catalogue URL for these criteria (valid ones only), with changes; undefined removes a parameter. */
export function catalogueHref(query: CatalogueQuery, changes: { [K in CatalogueField]?: string | undefined } = {}): string {
  const params = new URLSearchParams();
  const current: Record<string, string | undefined> = {
    q: query.q,
    kind: query.kind,
    licence: query.licence,
    status: query.status,
    community: query.community,
    actor: query.actor,
    sort: query.sort,
    view: query.view,
    bbox: query.bbox ? formatBbox(query.bbox) : undefined,
    cursor: query.cursor,
  };
  for (const [name, value] of Object.entries({ ...current, ...changes })) {
    if (value !== undefined && value !== "") params.set(name, value);
  }
  const search = params.toString();
  return search ? `/catalogue?${search}` : "/catalogue";
}
