/**
 * What a person fills in to draft a proposal; one schema for the form (zodResolver) and the server
 * (action and API). Rules that depend on the community's charter (allowed methods, minimum voting
 * duration, amendment thresholds) are checked in createProposal, which knows the charter.
 */
import { z } from "zod";
import { thresholdNames, votingMethods } from "@/lib/charter/parameters";
import { amendmentSchema } from "@/lib/charter/amendments";

export const proposalKinds = ["GENERAL", "COMMONS_ADOPTION", "CHARTER_AMENDMENT"] as const;
export const proposalStatuses = ["DRAFT", "DISCUSSION", "VOTING", "CLOSED", "WITHDRAWN"] as const;
export const methodsWithOptions = ["APPROVAL", "MAJORITY_JUDGMENT"] as const;

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 20;

const optionSchema = z.object({
  label: z.string().trim().min(1, { error: "errors.required" }).max(200, { error: "votes.errors.optionTooLong" }),
});

export const createProposalSchema = z
  .object({
    kind: z.enum(proposalKinds, { error: "votes.errors.kind" }),
    title: z.string().trim().min(5, { error: "votes.errors.titleTooShort" }).max(200, { error: "votes.errors.titleTooLong" }),
    body: z.string().trim().max(20_000, { error: "votes.errors.bodyTooLong" }).default(""),
    method: z.enum(votingMethods, { error: "votes.errors.method" }),
    options: z.array(optionSchema).max(MAX_OPTIONS, { error: "votes.errors.optionsCount" }).default([]),
    /** THRESHOLD only; the charter's general threshold when absent. Forced for amendments. */
    threshold: z.enum(thresholdNames, { error: "votes.errors.threshold" }).optional(),
    /** The charter's quorum when absent. Forced for amendments. */
    quorumPercent: z
      .number({ error: "votes.errors.quorum" })
      .int({ error: "votes.errors.quorum" })
      .min(0, { error: "votes.errors.quorum" })
      .max(100, { error: "votes.errors.quorum" })
      .optional(),
    /** The charter's default when absent. */
    secret: z.boolean().optional(),
    liveResults: z.boolean().default(false),
    /** Days of discussion before the vote may open (0: none). */
    discussionDays: z
      .number({ error: "votes.errors.discussionDays" })
      .int({ error: "votes.errors.discussionDays" })
      .min(0, { error: "votes.errors.discussionDays" })
      .max(60, { error: "votes.errors.discussionDays" })
      .default(0),
    /** Days the vote stays open; the charter's default when absent, never below its minimum. */
    votingDays: z
      .number({ error: "votes.errors.votingDays" })
      .int({ error: "votes.errors.votingDays" })
      .min(1, { error: "votes.errors.votingDays" })
      .max(90, { error: "votes.errors.votingDays" })
      .optional(),
    /** CHARTER_AMENDMENT only: the exact changes (lib/charter/amendments.ts). */
    amendment: amendmentSchema.optional(),
    /** COMMONS_ADOPTION only: the commons whose adoption is put to the vote (lib/commons/adoption.ts). */
    commonsId: z
      .string()
      .trim()
      .min(1, { error: "commons.errors.adoptionTargetInvalid" })
      .max(60, { error: "commons.errors.adoptionTargetInvalid" })
      .optional(),
  })
  .superRefine((input, ctx) => {
    const needsOptions = (methodsWithOptions as readonly string[]).includes(input.method);
    if (needsOptions && input.options.length < MIN_OPTIONS)
      ctx.addIssue({ code: "custom", path: ["options"], message: "votes.errors.optionsCount" });
    if (!needsOptions && input.options.length > 0)
      ctx.addIssue({ code: "custom", path: ["options"], message: "votes.errors.noOptions" });
    const labels = input.options.map((o) => o.label.toLocaleLowerCase("fr"));
    if (new Set(labels).size !== labels.length)
      ctx.addIssue({ code: "custom", path: ["options"], message: "votes.errors.duplicateLabel" });
    if (input.kind === "CHARTER_AMENDMENT") {
      if (!input.amendment) ctx.addIssue({ code: "custom", path: ["amendment"], message: "votes.errors.amendmentRequired" });
      if (input.method !== "THRESHOLD")
        ctx.addIssue({ code: "custom", path: ["method"], message: "votes.errors.amendmentMethod" });
    } else if (input.amendment) {
      ctx.addIssue({ code: "custom", path: ["amendment"], message: "votes.errors.amendmentOnlyForAmendments" });
    }
    if (input.commonsId && input.kind !== "COMMONS_ADOPTION")
      ctx.addIssue({ code: "custom", path: ["commonsId"], message: "commons.errors.onlyForAdoption" });
  });
export type CreateProposalInput = z.input<typeof createProposalSchema>;
export type CreateProposalValues = z.output<typeof createProposalSchema>;

export const proposalStatusFilterSchema = z.enum(proposalStatuses).optional();

export const commentSchema = z.object({
  body: z.string().trim().min(1, { error: "errors.required" }).max(5_000, { error: "votes.errors.commentTooLong" }),
  parentId: z.string().min(1).max(60).optional(),
});
export type CommentInput = z.input<typeof commentSchema>;
export type Comment = z.output<typeof commentSchema>;

/**
 * A receipt as people retype it: any case, with or without its dashes (or spaces, or a typographic
 * dash pasted from a document); normalised to the stored form ABCD-EFGH-JKLM before anything reads it.
 */
export const receiptSchema = z.object({
  receipt: z
    .string({ error: "votes.errors.receiptFormat" })
    .max(60, { error: "votes.errors.receiptFormat" })
    .transform((value) => value.toUpperCase().replace(/[\s\-\u2010-\u2015\u2212]/g, ""))
    .pipe(z.string().regex(/^[A-Z2-9]{12}$/, { error: "votes.errors.receiptFormat" }))
    .transform((value) => `${value.slice(0, 4)}-${value.slice(4, 8)}-${value.slice(8)}`),
});
