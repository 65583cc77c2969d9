import { z } from "zod";

/** An email address as typed: trimmed, lower-cased, at most 254 characters (RFC 5321). */
export const emailField = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .max(254, { error: "errors.email.tooLong" })
  .pipe(z.email({ error: "errors.email.invalid" }));

export const emailSignInSchema = z.object({ email: emailField });

export type EmailSignInInput = z.input<typeof emailSignInSchema>;
