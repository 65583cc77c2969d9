/**
 * The contribution ledger's input schemas, shared by the record form (react-hook-form + zodResolver),
 * the server action, the use case and the JSON API. Messages are catalogue keys.
 */
import { z } from "zod";
import { contributionTypes } from "./schemas";
import { placeJsonSchema } from "./geometry-json-schema";

/** A single contribution is not millions of hours; a quantity beyond a billion is a typo. */
export const maxHours = 5_000;
export const maxQuantity = 1_000_000_000;

/** Today's calendar day in the platform's time zone, as "YYYY-MM-DD". */
export function parisDay(date: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(date);
}

/** Empty inputs (blank text, a cleared number field) mean "none". */
const blank = (value: unknown) =>
  value === "" || value === undefined || (typeof value === "number" && Number.isNaN(value)) ? null : value;

const optionalNumber = (message: string) =>
  z.preprocess((value) => {
    const v = blank(typeof value === "string" ? value.trim().replace(/\s/g, "").replace(",", ".") : value);
    return typeof v === "string" ? Number(v) : v;
  }, z.number({ message }).finite(message).nullable());

const optionalText = (max: number, message: string) =>
  z.preprocess((value) => blank(typeof value === "string" ? value.trim() : value), z.string().max(max, message).nullable());

export const recordContributionFields = {
  type: z.enum(contributionTypes, { message: "ledger.errors.type" }),
  description: z
    .string({ message: "ledger.errors.descriptionRequired" })
    .trim()
    .min(3, "ledger.errors.descriptionRequired")
    .max(5000, "ledger.errors.descriptionTooLong"),
  /** A calendar day ("YYYY-MM-DD") or a timestamp; never after today (Europe/Paris). */
  date: z.coerce
    .date({ message: "ledger.errors.dateInvalid" })
    .refine((d) => d.getUTCFullYear() >= 1990, "ledger.errors.dateTooOld")
    .refine((d) => parisDay(d) <= parisDay(new Date()), "ledger.errors.dateInFuture")
    .meta({ type: "string", format: "date", description: "The day it was done, YYYY-MM-DD (a date-time is read too)" }),
  hours: optionalNumber("ledger.errors.hoursInvalid")
    .refine((v) => v === null || v > 0, "ledger.errors.hoursInvalid")
    .refine((v) => v === null || v <= maxHours, "ledger.errors.hoursTooMany")
    .optional(),
  quantity: optionalNumber("ledger.errors.quantityInvalid")
    .refine((v) => v === null || v > 0, "ledger.errors.quantityInvalid")
    .refine((v) => v === null || v <= maxQuantity, "ledger.errors.quantityTooLarge")
    .optional(),
  unit: optionalText(40, "ledger.errors.unitTooLong").optional(),
  link: z
    .preprocess(
      (value) => blank(typeof value === "string" ? value.trim() : value),
      z
        .string()
        .max(2000, "ledger.errors.linkInvalid")
        .url("ledger.errors.linkInvalid")
        .refine((v) => /^https?:\/\//i.test(v), "ledger.errors.linkInvalid")
        .nullable(),
    )
    .optional(),
  longitude: optionalNumber("ledger.errors.longitudeInvalid")
    .refine((v) => v === null || (v >= -180 && v <= 180), "ledger.errors.longitudeInvalid")
    .optional(),
  latitude: optionalNumber("ledger.errors.latitudeInvalid")
    .refine((v) => v === null || (v >= -90 && v <= 90), "ledger.errors.latitudeInvalid")
    .optional(),
};

type Pairing = { quantity?: number | null; unit?: string | null; longitude?: number | null; latitude?: number | null };

/** A quantity needs its unit (and the other way round); a place needs both coordinates. */
function checkPairs(value: Pairing, ctx: z.RefinementCtx) {
  const has = (v: unknown) => v !== null && v !== undefined;
  if (has(value.quantity) && !has(value.unit)) {
    ctx.addIssue({ code: "custom", path: ["unit"], message: "ledger.errors.unitRequired" });
  }
  if (has(value.unit) && !has(value.quantity)) {
    ctx.addIssue({ code: "custom", path: ["quantity"], message: "ledger.errors.quantityRequired" });
  }
  if (has(value.longitude) !== has(value.latitude)) {
    const path = has(value.longitude) ? "latitude" : "longitude";
    ctx.addIssue({ code: "custom", path: [path], message: "ledger.errors.placeIncomplete" });
  }
}

/** What the record form sends (and the API accepts). */
export const recordContributionFormSchema = z.object(recordContributionFields).superRefine(checkPairs);
export type RecordContributionInput = z.input<typeof recordContributionFormSchema>;
export type RecordContributionValues = z.output<typeof recordContributionFormSchema>;

/**
 * What the server action and the API parse: the form's fields, plus `place` as GeoJSON for API
 * clients (a Point, or a polygon checked by lib/commons/geometry.ts in the use case).
 */
export const recordContributionInputSchema = z
  .object({
    ...recordContributionFields,
    place: z
      .unknown()
      .meta({ oneOf: [...placeJsonSchema.oneOf, { type: "null" }], description: placeJsonSchema.description })
      .optional(),
  })
  .superRefine(checkPairs);
export type RecordContribution = z.output<typeof recordContributionInputSchema>;

export const reviewContributionSchema = z.object({
  decision: z.enum(["VALIDATED", "REJECTED"], { message: "ledger.errors.decision" }),
  comment: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() : value),
    z.string().max(2000, "ledger.errors.commentTooLong").optional(),
  ),
});
export type ReviewContributionInput = z.input<typeof reviewContributionSchema>;
export type ReviewContributionValues = z.output<typeof reviewContributionSchema>;

export const contributionStates = ["PENDING", "VALIDATED", "REJECTED"] as const;

/** Ledger page and API list filters. */
export const ledgerQuerySchema = z.object({
  state: z.enum(contributionStates).optional().catch(undefined),
  // Contribution ids only: a NUL or any other text reads as the first page.
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/)
    .optional()
    .catch(undefined),
  limit: z.coerce.number().int().min(1).max(100).optional().catch(undefined),
});
