/** Input of the platform administration use cases; messages are catalogue keys (namespace "admin"). */
import { z } from "zod";

/** A date (YYYY-MM-DD) or date-time from a form or the API. */
const dateInput = z.union([z.date(), z.string().trim().min(1, "admin.errors.untilRequired")]).pipe(z.coerce.date());

export const suspendAccountSchema = z.object({
  userId: z.string().min(1).max(100),
  until: dateInput.refine((date) => !Number.isNaN(date.getTime()), "admin.errors.untilInvalid"),
  reason: z.string().trim().min(3, "admin.errors.reasonRequired").max(2000, "admin.errors.reasonTooLong"),
});
export type SuspendAccountInput = z.input<typeof suspendAccountSchema>;
export type SuspendAccount = z.output<typeof suspendAccountSchema>;

export const liftSuspensionSchema = z.object({
  userId: z.string().min(1).max(100),
  reason: z.string().trim().min(3, "admin.errors.reasonRequired").max(2000, "admin.errors.reasonTooLong"),
});
export type LiftSuspension = z.output<typeof liftSuspensionSchema>;

/** Erasure is irreversible: the administrator types the word shown to them. */
export const ERASE_CONFIRMATION = "EFFACER";
export const eraseAccountSchema = z.object({
  userId: z.string().min(1).max(100),
  confirmation: z
    .string()
    .trim()
    .refine((value) => value.toUpperCase() === ERASE_CONFIRMATION, "admin.errors.confirmationMismatch"),
  reason: z.string().trim().min(3, "admin.errors.reasonRequired").max(2000, "admin.errors.reasonTooLong"),
});
export type EraseAccountInput = z.input<typeof eraseAccountSchema>;
export type EraseAccount = z.output<typeof eraseAccountSchema>;

export const accountSearchSchema = z.object({
  q: z.string().trim().max(200).default(""),
});
