/** Schemas for commons and contributions, shared by forms, actions and the API. Messages are catalogue keys. */
import { z } from "zod";
import { AppError } from "@/lib/errors";

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

export const commonsFields = {
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "commons.errors.slugInvalid")
    .min(2, "commons.errors.slugInvalid")
    .max(60, "commons.errors.slugInvalid"),
  title: z.string().trim().min(2, "commons.errors.titleRequired").max(140, "commons.errors.titleTooLong"),
  summary: z.string().trim().min(1, "commons.errors.summaryRequired").max(500, "commons.errors.summaryTooLong"),
  description: z.string().max(50_000, "commons.errors.descriptionTooLong").default(""),
  kind: z.enum(commonsKinds, { message: "commons.errors.kindInvalid" }),
  licence: z.enum(licences, { message: "commons.errors.licenceInvalid" }),
  repositoryUrl: optionalUrl,
  dataUrl: optionalUrl,
  documentationUrl: optionalUrl,
  /** Validated separately by lib/commons/geometry.ts (precise error keys). */
  coverage: z.unknown().optional(),
};

export const proposeCommonsSchema = z.object({
  ...commonsFields,
  /** DRAFT keeps it to its proposer and stewards' eyes in the UI; PROPOSED puts it up for adoption. */
  status: z.enum(["DRAFT", "PROPOSED"]).default("DRAFT"),
});

export const updateCommonsSchema = z
  .object({
    title: commonsFields.title,
    summary: commonsFields.summary,
    description: z.string().max(50_000, "commons.errors.descriptionTooLong"),
    kind: commonsFields.kind,
    licence: commonsFields.licence,
    repositoryUrl: optionalUrl,
    dataUrl: optionalUrl,
    documentationUrl: optionalUrl,
    coverage: z.unknown().optional(),
    /** The proposer submits a draft for adoption. */
    status: z.literal("PROPOSED"),
  })
  .partial();

export const recordContributionSchema = z.object({
  type: z.enum(contributionTypes, { message: "commons.errors.contributionTypeInvalid" }),
  description: z
    .string()
    .trim()
    .min(3, "commons.errors.contributionDescriptionRequired")
    .max(5000, "commons.errors.contributionDescriptionTooLong"),
  date: z.coerce.date({ message: "commons.errors.dateInvalid" }),
  hours: z.number().positive("commons.errors.hoursInvalid").max(10_000, "commons.errors.hoursInvalid").nullish(),
  quantity: z.number().nonnegative("commons.errors.quantityInvalid").nullish(),
  unit: z.string().trim().max(40, "commons.errors.unitTooLong").nullish(),
  link: optionalUrl,
  place: z.unknown().optional(),
});

export const validateContributionSchema = z.object({
  decision: z.enum(["VALIDATED", "REJECTED"], { message: "commons.errors.decisionInvalid" }),
  comment: z.string().trim().max(2000, "commons.errors.commentTooLong").optional(),
});

export class CommonsInputError extends AppError {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("invalid_commons", Object.values(fieldErrors)[0] ?? "errors.invalid", 400, undefined, Object.keys(fieldErrors)[0]);
  }
}
