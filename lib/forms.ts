/**
 * The contract between a form and its server action: success, or errors keyed by field, each a
 * catalogue key (translated where displayed). `formError` is for what no field owns.
 */
import type { z } from "zod";

export type FieldErrors = Record<string, string>;
export type ActionResult<T = undefined> =
  { ok: true; data?: T } | { ok: false; fieldErrors?: FieldErrors; formError?: string; values?: Record<string, string | number> };

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_form";
    // Keep the first message per field: it is the one the person must fix first.
    // Our schemas' messages are catalogue keys; zod's own defaults (English sentences) are not.
    errors[field] ??= /^[a-z]+(\.[A-Za-z]+)+$/.test(issue.message) ? issue.message : "errors.invalid";
  }
  return errors;
}
