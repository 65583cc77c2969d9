import { z } from "zod";

export const emailSignInSchema = z.object({
  email: z
    .string({ error: "errors.required" })
    .trim()
    .toLowerCase()
    .max(254, { error: "errors.email.tooLong" })
    .pipe(z.email({ error: "errors.email.invalid" })),
});

export type EmailSignInInput = z.input<typeof emailSignInSchema>;
