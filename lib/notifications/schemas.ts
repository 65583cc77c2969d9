/** One schema per input, shared by the forms, the server actions and the API (lib/api/v1/routes/notifications.ts). */
import { z } from "zod";
import { kindSettings, notificationChannels, notificationKinds } from "./kinds";

/** The preferences form: one channel per kind, each among the channels that kind allows. */
export const preferencesSchema = z.object({
  preferences: z
    .array(
      z.object({
        kind: z.enum(notificationKinds, { error: "notifications.errors.kind" }),
        channel: z.enum(notificationChannels, { error: "notifications.errors.channel" }),
      }),
    )
    .max(notificationKinds.length, { error: "errors.invalid" })
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        if (seen.has(item.kind)) ctx.addIssue({ code: "custom", path: [index, "kind"], message: "errors.invalid" });
        seen.add(item.kind);
        if (!kindSettings[item.kind].channels.includes(item.channel)) {
          ctx.addIssue({ code: "custom", path: [index, "channel"], message: "notifications.errors.channelNotAllowed" });
        }
      });
    }),
});
export type PreferencesInput = z.input<typeof preferencesSchema>;
export type Preferences = z.output<typeof preferencesSchema>;

/** Marking read: some notifications by id, or all of them. */
export const markReadSchema = z.union(
  [z.object({ ids: z.array(z.string().min(1).max(60)).min(1).max(100) }).strict(), z.object({ all: z.literal(true) }).strict()],
  { error: "notifications.errors.ids" },
);
export type MarkReadInput = z.output<typeof markReadSchema>;

export const followSchema = z.object({
  targetKind: z.enum(["COMMONS", "PROPOSAL"], { error: "errors.invalid" }),
  targetId: z.string().min(1).max(60),
  follow: z.boolean(),
});
