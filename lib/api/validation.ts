/**
 * The API's use of the one input parser (lib/core/validation.ts): issue messages are accepted as
 * catalogue keys only when the catalogue really holds them (anything else becomes errors.invalid).
 */
import type { z } from "zod";
import { isCatalogueKey } from "@/lib/i18n/catalogue-key";
import { parseInput as parseWith } from "@/lib/core/validation";

/** Parses or throws ValidationError (400 with field errors). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  { root = "body" }: { root?: string } = {},
): z.output<S> {
  return parseWith(schema, input, { root, isKey: isCatalogueKey, summary: "api.errors.invalidInput" });
}
