/** Schemas shared by the community forms, the server actions and the JSON API. Messages are catalogue keys. */
import { z } from "zod";
import { actorKinds } from "@/lib/users/schemas";
import { emailField } from "@/lib/auth/schemas";

/** Slugs that would collide with routes or mislead people. */
export const reservedSlugs = [
  "api",
  "admin",
  "administration",
  "new",
  "nouvelle",
  "auth",
  "dev",
  "profile",
  "profil",
  "onboarding",
  "settings",
  "communities",
  "communautes",
  "people",
  "personnes",
  "invitations",
  "static",
  "_next",
  "health",
  "geocommuns",
] as const;

export const slugSchema = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .min(3, { error: "communities.errors.slugTooShort" })
  .max(60, { error: "communities.errors.slugTooLong" })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "communities.errors.slugFormat" })
  .refine((slug) => !(reservedSlugs as readonly string[]).includes(slug), { error: "communities.errors.slugReserved" });

export const createCommunitySchema = z.object({
  name: z
    .string({ error: "errors.required" })
    .trim()
    .min(3, { error: "communities.errors.nameTooShort" })
    .max(120, { error: "communities.errors.nameTooLong" }),
  slug: slugSchema,
  summary: z
    .string({ error: "errors.required" })
    .trim()
    .min(10, { error: "communities.errors.summaryTooShort" })
    .max(300, { error: "communities.errors.summaryTooLong" }),
  description: z.string().max(20_000, { error: "communities.errors.descriptionTooLong" }).default(""),
  visibility: z.enum(["PUBLIC", "MEMBERS"], { error: "communities.errors.visibility" }),
  joinPolicy: z.enum(["OPEN", "ON_REQUEST", "INVITATION"], { error: "communities.errors.joinPolicy" }),
});
export type CreateCommunityInput = z.input<typeof createCommunitySchema>;
export type CreateCommunity = z.output<typeof createCommunitySchema>;

export const weightsSchema = z.object({
  weightingEnabled: z.boolean(),
  weights: z.object(
    Object.fromEntries(
      actorKinds.map((kind) => [
        kind,
        z.coerce
          .number({ error: "communities.errors.weightNumber" })
          .int({ error: "communities.errors.weightNumber" })
          .min(0)
          .max(100),
      ]),
    ) as Record<(typeof actorKinds)[number], z.ZodCoercedNumber>,
  ),
});
export type WeightsInput = z.input<typeof weightsSchema>;

/**
 * SCIC rule: weights add up to 100; each is 0 (college unused) or within [min, max]; at least three
 * colleges are used when the bounds require it. Returns field errors keyed `weights.KIND` / `weights`.
 */
export function checkWeights(
  weights: Record<string, number>,
  { min, max }: { min: number; max: number },
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [kind, weight] of Object.entries(weights)) {
    if (weight !== 0 && (weight < min || weight > max)) errors[`weights.${kind}`] = "communities.errors.weightBounds";
  }
  const total = Object.values(weights).reduce((sum, weight) => sum + weight, 0);
  if (total !== 100) errors.weights = "communities.errors.weightTotal";
  return errors;
}

export const joinSchema = z.object({
  message: z.string().trim().max(1000, { error: "communities.errors.messageTooLong" }).optional(),
});

export const decideSchema = z.object({
  membershipId: z.string().min(1),
  decision: z.enum(["approve", "refuse"]),
  message: z.string().trim().max(1000, { error: "communities.errors.messageTooLong" }).optional(),
});

export const inviteSchema = z.object({
  email: emailField,
  role: z.enum(["MEMBER", "MODERATOR", "ADMIN"]).default("MEMBER"),
});

export const changeRoleSchema = z.object({
  membershipId: z.string().min(1),
  role: z.enum(["MEMBER", "MODERATOR", "ADMIN"], { error: "errors.invalid" }),
});

export const changeCollegeSchema = z.object({
  membershipId: z.string().min(1),
  college: z.enum(actorKinds, { error: "errors.actorKind.required" }),
  reason: z
    .string({ error: "errors.required" })
    .trim()
    .min(5, { error: "communities.errors.reasonRequired" })
    .max(500, { error: "communities.errors.messageTooLong" }),
});

/** Editing keeps the slug: it is the community's address for links and API clients. */
export const updateCommunitySchema = createCommunitySchema.omit({ slug: true });
export type UpdateCommunityInput = z.input<typeof updateCommunitySchema>;
export type UpdateCommunity = z.output<typeof updateCommunitySchema>;
