/** Whether a message key (e.g. a zod issue's message) names a message of the catalogue. */
import { catalogue } from "./core";

export function isCatalogueKey(key: string): boolean {
  let node: unknown = catalogue("fr");
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}
