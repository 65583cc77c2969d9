/** Schemas for commons and contributions, shared by forms, actions and the API. Messages are catalogue keys. */
import { z } from "zod";
import { validateCoverage } from "./geometry";
import { coverageJsonSchema, placeJsonSchema } from "./geometry-json-schema";

/** A JSON Schema also allowing null (for the OpenAPI document). */
const nullableJsonSchema = ({ oneOf, description }: { oneOf: object[]; description: string }) => ({
  oneOf: [...oneOf, { type: "null" }],
  description,
});

/** SPDX identifiers of the open licences a commons may carry. */
export const licences = [
  "etalab-2.0",
  "ODbL-1.0",
  "CC-BY-4.0",
  "CC-BY-SA-4.0",
  "CC0-1.0",
  "EUPL-1.2",
  "MIT",
  "Apache-2.0",
  "AGPL-3.0-only",
  "GPL-3.0-only",
] as const;
export type Licence = (typeof licences)[number];

/** The full names of the licences in the allow-list (proper names, the same in every language). */
export const licenceNames: Record<Licence, string> = {
  "etalab-2.0": "Licence Ouverte / Open Licence 2.0 (Etalab)",
  "ODbL-1.0": "Open Database License 1.0",
  "CC-BY-4.0": "Creative Commons Attribution 4.0",
  "CC-BY-SA-4.0": "Creative Commons Attribution – Share Alike 4.0",
  "CC0-1.0": "Creative Commons Zero 1.0",
  "EUPL-1.2": "European Union Public Licence 1.2",
  MIT: "MIT License",
  "Apache-2.0": "Apache License 2.0",
  "AGPL-3.0-only": "GNU Affero General Public License 3.0",
  "GPL-3.0-only": "GNU General Public License 3.0",
};
export const licenceName = (id: string): string => (licenceNames as Record<string, string>)[id] ?? id;

export const commonsKinds = ["DATASET", "SOFTWARE", "SERVICE_API", "MAP", "SPECIFICATION", "OTHER"] as const;
export const commonsStatuses = ["DRAFT", "PROPOSED", "ADOPTED", "REJECTED", "ARCHIVED"] as const;
export const contributionTypes = [
  "DATA_PRODUCTION",
  "CORRECTION",
  "CODE",
  "DOCUMENTATION",
  "REVIEW",
  "ANIMATION",
  "FUNDING",
  "OTHER",
] as const;

const url = z
  .string()
  .trim()
  .max(2000, "commons.errors.urlInvalid")
  .url("commons.errors.urlInvalid")
  .refine((v) => /^https?:\/\//i.test(v), "commons.errors.urlInvalid");
const optionalUrl = z.union([url, z.literal("").transform(() => null), z.null()]).optional();

/**
 * Markdown is sanitised when rendered (lib/core/markdown.ts), but text that tries to run code is refused
 * outright, so the author learns it will not work instead of seeing it silently dropped.
 */
const UNSAFE_MARKDOWN =
  /<\s*\/?\s*(script|iframe|object|embed|style|svg|math)\b|<[^>]*\son[a-z]+\s*=|javascript\s*:|vbscript\s*:|data\s*:\s*text\/html/i;
export const isUnsafeMarkdown = (text: string) => UNSAFE_MARKDOWN.test(text);

const description = z
  .string()
  .max(50_000, "commons.errors.descriptionTooLong")
  .refine((text) => !isUnsafeMarkdown(text), "commons.errors.descriptionUnsafe");

/**
 * A coverage is optional (null: none); when given it must pass lib/commons/geometry.ts, with its precise
 * message, and comes out with RFC 7946 winding (outer rings counter-clockwise, holes clockwise).
 */
const coverage = z
  .unknown()
  .transform((value, ctx) => {
    if (value === undefined || value === null) return value;
    const result = validateCoverage(value);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.error });
      return z.NEVER;
    }
    return result.geometry;
  })
  .meta(nullableJsonSchema(coverageJsonSchema));

const MAX_STEWARDS = 20;
const ids = z
  .array(z.string().trim().min(1, "commons.errors.stewardInvalid").max(60, "commons.errors.stewardInvalid"))
  .max(MAX_STEWARDS, "commons.errors.stewardsTooMany");

export const commonsFields = {
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "commons.errors.slugInvalid")
    .min(2, "commons.errors.slugInvalid")
    .max(60, "commons.errors.slugInvalid"),
  title: z.string().trim().min(2, "commons.errors.titleRequired").max(140, "commons.errors.titleTooLong"),
  summary: z.string().trim().min(1, "commons.errors.summaryRequired").max(500, "commons.errors.summaryTooLong"),
  description: description.default(""),
  kind: z.enum(commonsKinds, { message: "commons.errors.kindInvalid" }),
  licence: z.enum(licences, { message: "commons.errors.licenceInvalid" }),
  repositoryUrl: optionalUrl,
  dataUrl: optionalUrl,
  documentationUrl: optionalUrl,
  /** Validated by lib/commons/geometry.ts (precise error keys). */
  coverage: coverage.optional(),
  /** Members of the community who look after the commons (the proposer always does). */
  stewardUserIds: ids.default([]),
  /** Organisations that look after the commons. */
  stewardOrganizationIds: ids.default([]),
};

export const proposeCommonsSchema = z.object({
  ...commonsFields,
  /** DRAFT keeps it to its proposer and stewards' eyes in the UI; PROPOSED puts it up for adoption. */
  status: z.enum(["DRAFT", "PROPOSED"]).default("DRAFT"),
});
export type ProposeCommonsInput = z.input<typeof proposeCommonsSchema>;
export type ProposeCommonsValues = z.output<typeof proposeCommonsSchema>;

export const updateCommonsSchema = z
  .object({
    title: commonsFields.title,
    summary: commonsFields.summary,
    description,
    kind: commonsFields.kind,
    licence: commonsFields.licence,
    repositoryUrl: optionalUrl,
    dataUrl: optionalUrl,
    documentationUrl: optionalUrl,
    coverage,
    stewardUserIds: ids,
    stewardOrganizationIds: ids,
    /** The proposer submits a draft for adoption. */
    status: z.literal("PROPOSED"),
  })
  .partial();
export type UpdateCommonsInput = z.input<typeof updateCommonsSchema>;
export type UpdateCommonsValues = z.output<typeof updateCommonsSchema>;

/** The reason an administrator may give when adopting, rejecting or archiving. */
export const commonsDecisionSchema = z.object({
  reason: z.string().trim().max(1000, "commons.errors.reasonTooLong").optional(),
});

export const recordContributionSchema = z.object({
  type: z.enum(contributionTypes, { message: "commons.errors.contributionTypeInvalid" }),
  description: z
    .string()
    .trim()
    .min(3, "commons.errors.contributionDescriptionRequired")
    .max(5000, "commons.errors.contributionDescriptionTooLong"),
  date: z.coerce
    .date({ message: "commons.errors.dateInvalid" })
    .meta({ type: "string", format: "date", description: "The day it was done, YYYY-MM-DD (a date-time is read too)" }),
  hours: z.number().positive("commons.errors.hoursInvalid").max(10_000, "commons.errors.hoursInvalid").nullish(),
  quantity: z.number().nonnegative("commons.errors.quantityInvalid").nullish(),
  unit: z.string().trim().max(40, "commons.errors.unitTooLong").nullish(),
  link: optionalUrl,
  place: z.unknown().meta(nullableJsonSchema(placeJsonSchema)).optional(),
});

export const validateContributionSchema = z.object({
  decision: z.enum(["VALIDATED", "REJECTED"], { message: "commons.errors.decisionInvalid" }),
  comment: z.string().trim().max(2000, "commons.errors.commentTooLong").optional(),
});
