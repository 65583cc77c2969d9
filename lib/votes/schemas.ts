/**
 * Ballot choices per voting method, validated against the proposal's options (400 on a choice
 * naming an unknown option, missing grades, duplicate approvals). One schema for forms and the API.
 */
import { z } from "zod";
import { grades } from "./tally/majority-judgment";

export const thresholdChoiceSchema = z.object({
  choice: z.enum(["for", "against", "abstain"], { error: "votes.errors.choice" }),
});

export const consentChoiceSchema = z
  .object({
    choice: z.enum(["agree", "object", "block"], { error: "votes.errors.choice" }),
    reason: z.string().trim().max(2000, { error: "votes.errors.reasonTooLong" }).optional(),
  })
  .refine((ballot) => ballot.choice !== "block" || (ballot.reason?.length ?? 0) >= 10, {
    path: ["reason"],
    error: "votes.errors.blockReason",
  });

export function approvalChoiceSchema(optionIds: readonly string[]) {
  return z.object({
    approve: z
      .array(z.string(), { error: "votes.errors.choice" })
      .refine((ids) => new Set(ids).size === ids.length, { error: "votes.errors.duplicateOption" })
      .refine((ids) => ids.every((id) => optionIds.includes(id)), { error: "votes.errors.unknownOption" }),
  });
}

export function majorityJudgmentChoiceSchema(optionIds: readonly string[]) {
  return z.object({
    grades: z
      .record(z.string(), z.enum(grades, { error: "votes.errors.grade" }))
      .refine((given) => Object.keys(given).every((id) => optionIds.includes(id)), { error: "votes.errors.unknownOption" })
      .refine((given) => optionIds.every((id) => id in given), { error: "votes.errors.missingGrade" }),
  });
}

/**
 * The body of a ballot, whatever the method: what the server action and the API parse at the
 * boundary (one schema for both). Whether it fits the proposal (its method, its options) is checked
 * against the proposal by castBallot with ballotSchemaFor, the form's own schema.
 */
export const ballotChoiceSchema = z.union([
  thresholdChoiceSchema,
  consentChoiceSchema,
  z.object({ approve: z.array(z.string().max(100), { error: "votes.errors.choice" }).max(1000) }),
  z.object({ grades: z.record(z.string().max(100), z.enum(grades, { error: "votes.errors.grade" })) }),
]);

export type BallotChoice =
  | z.output<typeof thresholdChoiceSchema>
  | z.output<typeof consentChoiceSchema>
  | { approve: string[] }
  | { grades: Record<string, (typeof grades)[number]> };

export function ballotSchemaFor(
  method: "THRESHOLD" | "CONSENT" | "APPROVAL" | "MAJORITY_JUDGMENT",
  optionIds: readonly string[],
) {
  switch (method) {
    case "THRESHOLD":
      return thresholdChoiceSchema;
    case "CONSENT":
      return consentChoiceSchema;
    case "APPROVAL":
      return approvalChoiceSchema(optionIds);
    case "MAJORITY_JUDGMENT":
      return majorityJudgmentChoiceSchema(optionIds);
  }
}
