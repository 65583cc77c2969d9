/** Whether a message key (e.g. a zod issue's message) names a message of the catalogue: the engine's own lookup. */
import { isMessageKey } from "./core";

export function isCatalogueKey(key: string): boolean {
  return isMessageKey(key);
}
