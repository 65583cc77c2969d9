/**
 * The exact changes an amendment proposal carries. Applied atomically by applyAmendment() when the
 * proposal is adopted (in the transaction that stores the decision), producing charter version N+1.
 */
import { z } from "zod";
import { charterParametersSchema } from "./parameters";

export const ostromPrinciples = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export const charterRuleSchema = z.object({
  number: z.number().int().min(1),
  title: z.string().trim().min(3, { error: "charter.errors.titleTooShort" }).max(160, { error: "charter.errors.titleTooLong" }),
  text: z.string().trim().min(1, { error: "errors.required" }).max(10_000, { error: "charter.errors.textTooLong" }),
  principle: z.number().int().min(1).max(8),
});
export type CharterRule = z.infer<typeof charterRuleSchema>;

const parameterKey = z.enum(
  Object.keys(charterParametersSchema.shape) as [
    keyof typeof charterParametersSchema.shape,
    ...(keyof typeof charterParametersSchema.shape)[],
  ],
);

export const charterChangeSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("add"), rule: charterRuleSchema.omit({ number: true }) }),
  z.object({ op: z.literal("change"), number: z.number().int().min(1), rule: charterRuleSchema.omit({ number: true }) }),
  z.object({ op: z.literal("repeal"), number: z.number().int().min(1) }),
  z.object({
    op: z.literal("setParameter"),
    key: parameterKey,
    // Checked against the parameter's own schema when the draft is made (a number, a boolean, a word or a list).
    value: z.unknown().meta({
      anyOf: [
        { type: "number" },
        { type: "boolean" },
        { type: "string" },
        { type: "array", items: { anyOf: [{ type: "string" }, { type: "object" }] } },
      ],
      description: "The parameter's new value, of the type and within the range the charter's parameter schema gives",
    }),
  }),
]);
export type CharterChange = z.infer<typeof charterChangeSchema>;

export const amendmentSchema = z.array(charterChangeSchema).min(1, { error: "charter.errors.noChange" }).max(50);
