/**
 * Bad input, one way for the whole house: a zod schema is parsed once at the boundary (server
 * action, API route), and every failure — a schema issue or a domain check that names a field (an
 * unknown option, a weight out of bounds) — is a ValidationError carrying one issue per field, each a
 * catalogue key. Server actions turn it into field errors at the form's fields; the API into a 400
 * problem+json with `errors[]`. Nothing else represents bad input.
 */
import type { z } from "zod";
import { AppError } from "@/lib/core/errors";

/** One field's problem: where (`limit`, `message`, `weights.PUBLIC`, `body`), and a catalogue key. */
export type FieldIssue = { field: string; messageKey: string; values?: Record<string, string | number> };

const catalogueKeyShape = /^[a-z]+(\.[A-Za-z0-9]+)+$/;

export class ValidationError extends AppError {
  constructor(
    readonly issues: FieldIssue[],
    // Default: the first issue's message (what to fix first); a parse of a whole input says "fix the fields listed".
    {
      messageKey = issues[0]?.messageKey ?? "errors.invalid",
      values,
    }: { messageKey?: string; values?: Record<string, string | number> } = {},
  ) {
    // The first issue's values travel with the error (bounds of a weight, a maximum length…).
    super("invalid_input", messageKey, 400, values ?? issues[0]?.values, issues[0]?.field);
    this.name = "ValidationError";
  }

  /** field → catalogue key, the shape a form's `fieldErrors` expects. */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.issues.map((issue) => [issue.field, issue.messageKey]));
  }
}

/** A domain check that failed on one field (the schema could not know: e.g. an option of this proposal). */
export function invalidField(field: string, messageKey: string, values?: Record<string, string | number>): ValidationError {
  return new ValidationError([{ field, messageKey, values }]);
}

export const isValidationError = (error: unknown): error is ValidationError => error instanceof ValidationError;

/**
 * One issue per field (the first: the one to fix first). `root` names an issue about the whole
 * input (a body that is not an object). Our schemas' messages are catalogue keys; zod's own defaults
 * (English sentences) become `errors.invalid`.
 */
export function fieldIssuesOf(
  error: z.ZodError,
  {
    root = "body",
    isKey = (key: string) => catalogueKeyShape.test(key),
  }: { root?: string; isKey?: (key: string) => boolean } = {},
): FieldIssue[] {
  const byField = new Map<string, FieldIssue>();
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || root;
    if (byField.has(field)) continue;
    byField.set(field, { field, messageKey: isKey(issue.message) ? issue.message : "errors.invalid" });
  }
  return [...byField.values()];
}

/** Nesting beyond this is no form's or route's shape: refused before any schema walks it. */
export const MAX_INPUT_DEPTH = 32;
/** Values walked at most; a larger input is refused rather than half checked. */
const MAX_INPUT_VALUES = 100_000;
// C0 controls but tab, line feed and carriage return (multi-line text), DEL and the C1 controls.
const controlCharacter = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// Half of a UTF-16 pair without its other half: not text, and PostgreSQL's UTF-8 cannot store it.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return "api.errors.nulCharacter";
  if (controlCharacter.test(text)) return "api.errors.controlCharacter";
  if (loneSurrogate.test(text)) return "api.errors.loneSurrogate";
  return null;
}

/**
 * What no text field of any form or route accepts, found before the schema runs: NUL (U+0000, which
 * PostgreSQL text cannot store: the query would fail with a 500), other control characters (newline,
 * carriage return and tab excepted), lone surrogates, and nesting deeper than MAX_INPUT_DEPTH. The
 * first one found, with its path; iterative, so deeply nested input cannot overflow the stack.
 */
export function inputTextIssue(input: unknown): { path: string; messageKey: string } | null {
  const stack: [unknown, string, number][] = [[input, "", 0]];
  let visited = 0;
  while (stack.length > 0) {
    if (visited++ >= MAX_INPUT_VALUES) return { path: "", messageKey: "api.errors.tooLarge" };
    const [value, path, depth] = stack.pop()!;
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) return { path, messageKey: problem };
    } else if (value !== null && typeof value === "object") {
      if (depth >= MAX_INPUT_DEPTH) return { path, messageKey: "api.errors.tooDeep" };
      for (const [key, child] of Object.entries(value)) {
        const problem = textProblem(key);
        if (problem) return { path, messageKey: problem };
        stack.push([child, path ? `${path}.${key}` : key, depth + 1]);
      }
    }
  }
  return null;
}

/**
 * Parses or throws ValidationError. The one parse of every input at the boundary. `summary` is the
 * error's own message (the API says "fix the fields listed"); by default, the first field's.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  { root = "body", isKey, summary: messageKey }: { root?: string; isKey?: (key: string) => boolean; summary?: string } = {},
): z.output<S> {
  const summary = { messageKey };
  const text = inputTextIssue(input);
  if (text) throw new ValidationError([{ field: text.path || root, messageKey: text.messageKey }], summary);
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldIssuesOf(result.error, { root, isKey }), summary);
  return result.data;
}
