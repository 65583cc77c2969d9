/** Input of the platform administration use cases; messages are catalogue keys (namespace "admin"). */
import { z } from "zod";
import { AppError } from "@/lib/errors";

/** A date (YYYY-MM-DD) or date-time from a form or the API. */
const dateInput = z.union([z.date(), z.string().trim().min(1, "admin.errors.untilRequired")]).pipe(z.coerce.date());

export const suspendAccountSchema = z.object({
  userId: z.string().min(1).max(100),
  until: dateInput.refine((date) => !Number.isNaN(date.getTime()), "admin.errors.untilInvalid"),
  reason: z.string().trim().min(3, "admin.errors.reasonRequired").max(2000, "admin.errors.reasonTooLong"),
});
export type SuspendAccountInput = z.input<typeof suspendAccountSchema>;

export const liftSuspensionSchema = z.object({
  userId: z.string().min(1).max(100),
  reason: z.string().trim().min(3, "admin.errors.reasonRequired").max(2000, "admin.errors.reasonTooLong"),
});

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

export const accountSearchSchema = z.object({
  q: z.string().trim().max(200).default(""),
});

/** 400 with the first field to fix. */
export class AdminInputError extends AppError {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("invalid_admin_input", Object.values(fieldErrors)[0] ?? "errors.invalid", 400, undefined, Object.keys(fieldErrors)[0]);
  }
}
