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

/**
 * The path of the first string holding a NUL character (U+0000), which PostgreSQL text cannot store
 * (the query would fail with a 500); iterative, so deeply nested input cannot overflow the stack.
 */
export function nulCharacterPath(input: unknown): string | null {
  const stack: [unknown, string][] = [[input, ""]];
  let visited = 0;
  while (stack.length > 0 && visited++ < 100_000) {
    const [value, path] = stack.pop()!;
    if (typeof value === "string") {
      if (value.includes("\u0000")) return path;
    } else if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) {
        if (key.includes("\u0000")) return path;
        stack.push([child, path ? `${path}.${key}` : key]);
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
  const nul = nulCharacterPath(input);
  const summary = { messageKey };
  if (nul !== null) throw new ValidationError([{ field: nul || root, messageKey: "api.errors.nulCharacter" }], summary);
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldIssuesOf(result.error, { root, isKey }), summary);
  return result.data;
}
