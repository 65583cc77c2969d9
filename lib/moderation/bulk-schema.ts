/** Input of bulk moderation (client-safe: the queue form validates with it too). */
import { z } from "zod";

export const bulkOps = ["dismiss", "hide", "hideAndSanction"] as const;

export const bulkSchema = z
  .object({
    op: z.enum(bulkOps),
    reportIds: z.array(z.string().min(1).max(100)).min(1, "moderation.errors.bulkNone").max(100, "moderation.errors.bulkTooMany"),
    /** Read by the authors of hidden content and sanctioned people; optional to dismiss. */
    reason: z.string().trim().max(500, "moderation.errors.hideReasonTooLong").default(""),
  })
  .superRefine((value, ctx) => {
    if (value.op !== "dismiss" && value.reason.length < 3) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "moderation.errors.hideReasonRequired" });
    }
  });
export type BulkInput = z.input<typeof bulkSchema>;
