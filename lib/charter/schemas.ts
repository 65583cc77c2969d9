/**
 * What the founding form sends (and the server action parses with the same schema): the rules in
 * order, numbered 1..n by the use case, and the complete set of parameters.
 */
import { z } from "zod";
import { charterRuleSchema } from "./amendments";
import { charterParametersSchema, type CharterParameters } from "./parameters";

export const foundingRuleSchema = charterRuleSchema.omit({ number: true });
export type FoundingRule = z.infer<typeof foundingRuleSchema>;

export const foundCharterSchema = z
  .object({
    rules: z
      .array(foundingRuleSchema)
      .min(1, { error: "charter.errors.noRule" })
      .max(50, { error: "charter.errors.tooManyRules" }),
    parameters: charterParametersSchema,
  })
  .superRefine(({ parameters }, ctx) => {
    for (const issue of parameterIssues(parameters)) {
      ctx.addIssue({ code: "custom", path: ["parameters", ...issue.path], message: issue.message });
    }
  });
export type FoundCharter = z.infer<typeof foundCharterSchema>;

/** Rules between parameters that the per-field schema cannot express (paths within the parameters). */
export function parameterIssues(parameters: CharterParameters): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  if (parameters.minVotingDays > parameters.defaultVotingDays) {
    issues.push({ path: ["minVotingDays"], message: "charter.errors.minAboveDefault" });
  }
  // Weights within the community's own bounds are checked where those bounds are known (the
  // amendment kind, lib/communities); the total is the same everywhere.
  if (parameters.collegeWeights && Object.values(parameters.collegeWeights).reduce((a, b) => a + b, 0) !== 100) {
    issues.push({ path: ["collegeWeights"], message: "charter.errors.weightTotal" });
  }
  parameters.sanctionsLadder.forEach((step, index) => {
    if (step.sanction === "SUSPENSION" && step.days === undefined) {
      issues.push({ path: ["sanctionsLadder", index, "days"], message: "charter.errors.suspensionDays" });
    }
  });
  return issues;
}
