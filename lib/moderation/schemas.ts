/** Input of the moderation use cases; messages are catalogue keys (namespace "moderation"). */
import { z } from "zod";

export const reportTargetKinds = ["PROPOSAL", "COMMENT", "PROFILE", "CONTRIBUTION", "COMMONS"] as const;
export const reportReasons = ["SPAM", "ABUSE", "OFF_TOPIC", "ILLEGAL", "PERSONAL_DATA", "OTHER"] as const;
export const reportStates = ["OPEN", "DISMISSED", "ACTIONED"] as const;
export const sanctionKinds = ["WARNING", "SUSPENSION", "BAN"] as const;
export const appealOutcomes = ["UPHELD", "OVERTURNED"] as const;

export const reportSchema = z.object({
  targetKind: z.enum(reportTargetKinds),
  targetId: z.string().min(1).max(100),
  /** Needed only for kinds whose author the platform cannot look up itself (contributions, commons). */
  targetAuthorId: z.string().min(1).max(100).optional(),
  reason: z.enum(reportReasons, { error: "moderation.errors.reportReasonRequired" }),
  comment: z.string().trim().max(2000, "moderation.errors.commentTooLong").default(""),
});
export type ReportInput = z.input<typeof reportSchema>;

export const sanctionSchema = z.object({
  userId: z.string().min(1),
  kind: z.enum(sanctionKinds),
  days: z.number().int().min(1, "moderation.errors.daysRequired").max(365, "moderation.errors.daysRequired").optional(),
  /** SUSPENSION: the last day (YYYY-MM-DD, UTC), instead of a number of days. */
  until: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "moderation.errors.invalidDate")
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "moderation.errors.invalidDate")
    .optional(),
  reason: z.string().trim().min(3, "moderation.errors.reasonRequired").max(2000, "moderation.errors.reasonTooLong"),
  ruleReference: z.string().trim().max(200).optional(),
  departureReason: z.string().trim().max(2000, "moderation.errors.reasonTooLong").optional(),
  /** Reports this sanction answers: open ones become ACTIONED; all are linked to the sanction. */
  reportIds: z.array(z.string().min(1)).max(100).default([]),
  /** The item the sanction answers when no report names it (a moderator hid it, then sanctions in place). */
  itemKind: z.enum(reportTargetKinds).optional(),
  itemId: z.string().min(1).max(100).optional(),
});
export type SanctionInput = z.input<typeof sanctionSchema>;
export type SanctionOutput = z.output<typeof sanctionSchema>;

export const appealSchema = z.object({
  sanctionId: z.string().min(1),
  text: z.string().trim().min(10, "moderation.errors.appealTextRequired").max(5000, "moderation.errors.appealTextTooLong"),
});

export const decideAppealSchema = z.object({
  appealId: z.string().min(1),
  outcome: z.enum(appealOutcomes),
  decision: z.string().trim().min(3, "moderation.errors.decisionRequired").max(5000, "moderation.errors.reasonTooLong"),
});

export const hideableKinds = ["PROPOSAL", "COMMENT", "COMMONS", "CONTRIBUTION"] as const;
export type HideableKind = (typeof hideableKinds)[number];

export const moderationNoteSchema = z
  .string()
  .trim()
  .min(3, "moderation.errors.hideReasonRequired")
  .max(500, "moderation.errors.hideReasonTooLong");

export const hideSchema = z.object({
  targetKind: z.enum(hideableKinds),
  targetId: z.string().min(1).max(100),
  reason: moderationNoteSchema,
});
export type HideInput = z.input<typeof hideSchema>;

/** The author of hidden content asks the moderators to look again, in their own words. */
export const contestHidingSchema = z.object({
  targetKind: z.enum(hideableKinds),
  targetId: z.string().min(1).max(100),
  text: z.string().trim().min(10, "moderation.errors.appealTextRequired").max(2000, "moderation.errors.reasonTooLong"),
});

export const queueFilterSchema = z.object({
  state: z.enum(reportStates).optional(),
  reason: z.enum(reportReasons).optional(),
  targetKind: z.enum(reportTargetKinds).optional(),
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

/** The page's queue: one entry per reported item (all its reports together), paged by offset. */
export const queueGroupFilterSchema = z.object({
  state: z.enum(reportStates).optional(),
  reason: z.enum(reportReasons).optional(),
  targetKind: z.enum(reportTargetKinds).optional(),
  offset: z.number().int().min(0).max(1_000_000).default(0),
  limit: z.number().int().min(1).max(100).default(50),
});
