/**
 * One schema for the onboarding/profile form and the server action that receives it. Messages are
 * catalogue keys, translated where they are shown.
 */
import { z } from "zod";
import { isValidSiret } from "./siret";

export const actorKinds = ["PUBLIC", "PRIVATE", "RESEARCH", "CIVIL_SOCIETY"] as const;
export type ActorKindValue = (typeof actorKinds)[number];

export const DISPLAY_NAME_MAX = 80;
export const ORGANIZATION_NAME_MAX = 120;

// Form fields arrive as strings; an empty optional field means "none".
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

export const profileSchema = z
  .object({
    displayName: z
      .string({ error: "errors.required" })
      .trim()
      .min(2, { error: "errors.displayName.tooShort" })
      .max(DISPLAY_NAME_MAX, { error: "errors.displayName.tooLong" }),
    actorKind: z.enum(actorKinds, { error: "errors.actorKind.required" }),
    organizationName: optionalText.pipe(
      z
        .string()
        .min(2, { error: "errors.organizationName.tooShort" })
        .max(ORGANIZATION_NAME_MAX, { error: "errors.organizationName.tooLong" })
        .optional(),
    ),
    siret: z
      .string()
      .transform((v) => v.replace(/\s+/g, ""))
      .transform((v) => (v === "" ? undefined : v))
      .optional()
      .pipe(
        z
          .string()
          .regex(/^\d{14}$/, { error: "errors.siret.format" })
          .refine(isValidSiret, { error: "errors.siret.checksum" })
          .optional(),
      ),
    locale: z.enum(["fr", "en"], { error: "errors.locale.invalid" }),
    /** "Ne pas afficher mon nom parmi les contributeurs": a checked box arrives as "on" from a form. */
    hideContributorName: z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean()).optional(),
  })
  .superRefine((profile, ctx) => {
    if (profile.siret && !profile.organizationName) {
      ctx.addIssue({ code: "custom", path: ["organizationName"], message: "errors.organizationName.requiredWithSiret" });
    }
  });

/** What the form holds (strings), before parsing. */
export type ProfileInput = z.input<typeof profileSchema>;
export type Profile = z.output<typeof profileSchema>;
