/**
 * Input schemas of the connectors (issue 16), shared by the forms, the server actions and the use
 * cases. Messages are catalogue keys of the "connectors" namespace.
 */
import { z } from "zod";
import { contributionTypes } from "@/lib/commons/schemas";

export const sourceKinds = ["GITHUB", "GITLAB", "GITEA", "GENERIC", "OSM", "STAC"] as const;
export type SourceKind = (typeof sourceKinds)[number];
/** Kinds that receive deliveries at POST /api/v1/hooks/{sourceId}; the others import on a schedule. */
export const webhookKinds = ["GITHUB", "GITLAB", "GITEA", "GENERIC"] as const satisfies readonly SourceKind[];
export const importKinds = ["OSM", "STAC"] as const satisfies readonly SourceKind[];
export const isWebhookKind = (kind: string) => (webhookKinds as readonly string[]).includes(kind);

/** Accounts a member can link on their profile. */
export const identityProviders = ["GITHUB", "GITLAB", "GITEA", "OSM", "STAC"] as const;
export type LinkableProvider = (typeof identityProviders)[number];

const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalText = (max: number) =>
  z.preprocess((v) => blank(typeof v === "string" ? v.trim() : v), z.string().max(max, "connectors.errors.tooLong").optional());

/** "minLon,minLat,maxLon,maxLat" in WGS 84, as the OSM API's bbox parameter takes it. */
export const bboxSchema = z
  .string()
  .trim()
  .regex(/^-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?,-?\d+(\.\d+)?$/, "connectors.errors.bbox")
  .refine((text) => {
    const [minLon, minLat, maxLon, maxLat] = text.split(",").map(Number) as [number, number, number, number];
    return minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90 && minLon < maxLon && minLat < maxLat;
  }, "connectors.errors.bbox");

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const sourceFields = {
  kind: z.enum(sourceKinds, { message: "connectors.errors.kind" }),
  label: z
    .string({ message: "connectors.errors.labelRequired" })
    .trim()
    .min(2, "connectors.errors.labelRequired")
    .max(80, "connectors.errors.tooLong"),
  autoValidate: checkbox,
  contributionType: z.enum(contributionTypes, { message: "connectors.errors.type" }),
  osmUser: optionalText(255),
  osmBbox: z.preprocess(blank, bboxSchema.optional()),
  stacUrl: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .max(500, "connectors.errors.tooLong")
      .url("connectors.errors.url")
      .refine((v) => /^https?:\/\//i.test(v), "connectors.errors.url")
      .optional(),
  ),
  stacCollection: optionalText(200),
  stacAuthor: optionalText(200),
};

export const createSourceSchema = z.object(sourceFields).superRefine((value, ctx) => {
  if (value.kind === "OSM" && !value.osmUser) {
    ctx.addIssue({ code: "custom", path: ["osmUser"], message: "connectors.errors.osmUserRequired" });
  }
  if (value.kind === "STAC") {
    if (!value.stacUrl) ctx.addIssue({ code: "custom", path: ["stacUrl"], message: "connectors.errors.url" });
    if (!value.stacCollection)
      ctx.addIssue({ code: "custom", path: ["stacCollection"], message: "connectors.errors.collectionRequired" });
  }
});
export type CreateSourceValues = z.input<typeof createSourceSchema>;
export type CreateSource = z.output<typeof createSourceSchema>;

export const sourceRefSchema = z.object({ sourceId: z.string().min(1).max(100) });

export const updateSourceSchema = z.object({
  sourceId: z.string().min(1).max(100),
  autoValidate: checkbox,
  active: checkbox,
});

export const linkIdentitySchema = z.object({
  provider: z.enum(identityProviders, { message: "connectors.errors.provider" }),
  username: z
    .string({ message: "connectors.errors.usernameRequired" })
    .trim()
    .min(1, "connectors.errors.usernameRequired")
    .max(100, "connectors.errors.tooLong")
    // Printable characters only (OSM display names may hold spaces and accents).
    .regex(/^[^\p{C}/?#]+$/u, "connectors.errors.username"),
});
export type LinkIdentityValues = z.input<typeof linkIdentitySchema>;

export const identityRefSchema = z.object({ identityId: z.string().min(1).max(100) });
export const claimSchema = z.object({ unmatchedId: z.string().min(1).max(100) });
