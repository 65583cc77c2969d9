/**
 * A charter version's content and the pure operations on it: applying an amendment's changes and
 * comparing two versions. No database here, so both are unit-tested directly.
 */
import { AppError } from "@/lib/core/errors";
import { charterRuleSchema, type CharterChange, type CharterRule } from "./amendments";
import { charterParametersSchema, type CharterParameters } from "./parameters";
import { z } from "zod";
import { parameterIssues } from "./schemas";

export type CharterContent = { rules: CharterRule[]; parameters: CharterParameters };

/** Rules as stored (JSON): anything malformed is dropped rather than shown half-parsed. */
export function parseRules(json: unknown): CharterRule[] {
  const parsed = z.array(charterRuleSchema).safeParse(json);
  return parsed.success ? parsed.data : [];
}

export class AmendmentError extends AppError {}

/**
 * Applies the changes in order. `highestNumber` is the highest rule number the charter ever used: a
 * new rule takes the next one, so a repealed number is never given again (citations stay unambiguous).
 * Throws an AmendmentError (catalogue key, field `changes.<index>`) on the first change that cannot apply.
 */
export function applyChanges(
  content: CharterContent,
  changes: readonly CharterChange[],
  { highestNumber }: { highestNumber: number },
): CharterContent {
  let rules = [...content.rules];
  const parameters: Record<string, unknown> = { ...content.parameters };
  let next = Math.max(highestNumber, ...rules.map((rule) => rule.number), 0) + 1;
  changes.forEach((change, index) => {
    const field = `changes.${index}`;
    switch (change.op) {
      case "add":
        rules.push({ number: next, ...change.rule });
        next += 1;
        break;
      case "change":
      case "repeal": {
        if (!rules.some((rule) => rule.number === change.number)) {
          throw new AmendmentError("charter_rule_unknown", "charter.errors.unknownRule", 409, { number: change.number }, field);
        }
        rules =
          change.op === "repeal"
            ? rules.filter((rule) => rule.number !== change.number)
            : rules.map((rule) => (rule.number === change.number ? { number: rule.number, ...change.rule } : rule));
        break;
      }
      case "setParameter":
        parameters[change.key] = change.value;
        break;
    }
  });
  const checked = charterParametersSchema.safeParse(parameters);
  if (!checked.success) {
    const key = String(checked.error.issues[0]?.path[0] ?? "");
    const index = changes.findLastIndex((change) => change.op === "setParameter" && change.key === key);
    throw new AmendmentError(
      "charter_parameter_invalid",
      "charter.errors.invalidParameter",
      400,
      { key },
      index >= 0 ? `changes.${index}.value` : "changes",
    );
  }
  const [incoherent] = parameterIssues(checked.data);
  if (incoherent) {
    const index = changes.findLastIndex((change) => change.op === "setParameter" && change.key === incoherent.path[0]);
    throw new AmendmentError(
      "charter_parameter_invalid",
      incoherent.message,
      400,
      undefined,
      index >= 0 ? `changes.${index}.value` : "changes",
    );
  }
  return { rules: rules.sort((a, b) => a.number - b.number), parameters: checked.data };
}

export type RuleDiff =
  | { kind: "added"; number: number; after: CharterRule }
  | { kind: "changed"; number: number; before: CharterRule; after: CharterRule }
  | { kind: "repealed"; number: number; before: CharterRule };
export type ParameterDiff = { key: keyof CharterParameters; before: unknown; after: unknown };
export type CharterDiff = { rules: RuleDiff[]; parameters: ParameterDiff[] };

const sameRule = (a: CharterRule, b: CharterRule) => a.title === b.title && a.text === b.text && a.principle === b.principle;

/** What changed from `before` to `after`, rule by rule (by number) and parameter by parameter. */
export function diffVersions(before: CharterContent, after: CharterContent): CharterDiff {
  const oldRules = new Map(before.rules.map((rule) => [rule.number, rule]));
  const newRules = new Map(after.rules.map((rule) => [rule.number, rule]));
  const numbers = [...new Set([...oldRules.keys(), ...newRules.keys()])].sort((a, b) => a - b);
  const rules: RuleDiff[] = [];
  for (const number of numbers) {
    const was = oldRules.get(number);
    const is = newRules.get(number);
    if (was && !is) rules.push({ kind: "repealed", number, before: was });
    else if (!was && is) rules.push({ kind: "added", number, after: is });
    else if (was && is && !sameRule(was, is)) rules.push({ kind: "changed", number, before: was, after: is });
  }
  const keys = Object.keys(charterParametersSchema.shape) as (keyof CharterParameters)[];
  const parameters = keys
    .filter((key) => JSON.stringify(before.parameters[key]) !== JSON.stringify(after.parameters[key]))
    .map((key) => ({ key, before: before.parameters[key], after: after.parameters[key] }));
  return { rules, parameters };
}
