/**
 * The charter's parameters as an amendment editor offers them: kind of value, allowed range or
 * choices (read from charterParametersSchema, so they never restate it), unit. Structured ones (the
 * sanctions ladder, college weights) are left out: they have their own pages.
 */
import { z } from "zod";
import { charterParametersSchema, type CharterParameters } from "./parameters";
import { parameterKeys } from "./describe";

export type ParameterField =
  | { key: keyof CharterParameters; kind: "number"; min: number; max: number; unit: "days" | "percent" | null }
  | { key: keyof CharterParameters; kind: "boolean" }
  | { key: keyof CharterParameters; kind: "choice"; choices: string[] }
  | { key: keyof CharterParameters; kind: "choices"; choices: string[] };

/** ZodDefault / ZodOptional around the value's own type. */
function inner(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  return current;
}

export function parameterFields(): ParameterField[] {
  return parameterKeys.flatMap((key): ParameterField[] => {
    const schema = inner(charterParametersSchema.shape[key] as z.ZodType);
    if (schema instanceof z.ZodNumber) {
      const unit = key.endsWith("Days") ? "days" : key.endsWith("Percent") ? "percent" : null;
      return [{ key, kind: "number", min: schema.minValue ?? 0, max: schema.maxValue ?? 1000, unit }];
    }
    if (schema instanceof z.ZodBoolean) return [{ key, kind: "boolean" }];
    if (schema instanceof z.ZodEnum) return [{ key, kind: "choice", choices: schema.options.map(String) }];
    if (schema instanceof z.ZodArray && schema.element instanceof z.ZodEnum)
      return [{ key, kind: "choices", choices: (schema.element as z.ZodEnum).options.map(String) }];
    return [];
  });
}
