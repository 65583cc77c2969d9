/**
 * The contract between a form and its server action (lib/web/action.ts): success, or errors keyed by
 * field, each a catalogue key (translated where displayed). `formError` is for what no field owns.
 */
import type { z } from "zod";
import { fieldIssuesOf } from "./validation";

export type FieldErrors = Record<string, string>;
export type ActionResult<T = undefined> =
  { ok: true; data?: T } | { ok: false; fieldErrors?: FieldErrors; formError?: string; values?: Record<string, string | number> };

/** A zod failure as field → catalogue key, the first per field (for client-side checks and tests). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  return Object.fromEntries(fieldIssuesOf(error, { root: "_form" }).map((issue) => [issue.field, issue.messageKey]));
}
