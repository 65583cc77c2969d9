/**
 * Canonical JSON for signatures: object keys sorted (by UTF-16 code units), no whitespace, strings
 * and numbers written exactly as JSON.stringify writes them. For JSON data this is RFC 8785 (JCS),
 * so any JCS implementation, or the few lines of the recipe in ./signature.ts, rebuilds the same
 * bytes from a parsed document. Only JSON values are accepted: a Date, a Map, NaN or a function
 * would not survive the round trip through a file, so they are refused rather than guessed.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export class NotJsonError extends TypeError {}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new NotJsonError(`not a JSON number: ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((element: unknown) => {
        if (element === undefined) throw new NotJsonError("undefined in an array");
        return canonicalJson(element);
      })
      .join(",")}]`;
  }
  if (typeof value === "object" && isPlainObject(value)) {
    const entries = Object.entries(value)
      // As in JSON.stringify: an absent optional field is no field.
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  throw new NotJsonError(`not a JSON value: ${typeof value === "object" ? Object.prototype.toString.call(value) : typeof value}`);
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
