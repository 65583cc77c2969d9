/** zod failures as field issues whose messages are catalogue keys (anything else becomes errors.invalid). */
import type { z } from "zod";
import { catalogue } from "@/lib/i18n/core";
import { InvalidInputError, type FieldIssue } from "./errors";

export function isCatalogueKey(key: string): boolean {
  let node: unknown = catalogue("fr");
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/**
 * One issue per field (the first: the one to fix first). `root` names an issue about the whole
 * input (a body that is not an object).
 */
export function fieldIssuesOf(error: z.ZodError, { root = "body" }: { root?: string } = {}): FieldIssue[] {
  const byField = new Map<string, FieldIssue>();
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || root;
    if (byField.has(field)) continue;
    byField.set(field, { field, messageKey: isCatalogueKey(issue.message) ? issue.message : "errors.invalid" });
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

/** Parses or throws InvalidInputError (400 with field errors). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  { root = "body" }: { root?: string } = {},
): z.output<S> {
  const nul = nulCharacterPath(input);
  if (nul !== null) throw new InvalidInputError([{ field: nul || root, messageKey: "api.errors.nulCharacter" }]);
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidInputError(fieldIssuesOf(result.error, { root }));
  return result.data;
}

/** For server actions: field → catalogue key, the shape `ActionResult.fieldErrors` expects. */
export function fieldErrorRecord(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(fieldIssuesOf(error, { root: "_form" }).map((issue) => [issue.field, issue.messageKey]));
}
