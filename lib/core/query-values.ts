/**
 * Values read from a page's URL query. Any text can be typed there ("?cursor=%00", "?q=%00"): a NUL
 * cannot even be stored or compared by PostgreSQL, so such a value must be refused before it reaches
 * a query, and the page shown with a message at its field (or the value ignored where there is no
 * field, as for a cursor), never the error page.
 */

/** NUL and the other control characters, which no field of ours accepts. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const hasControlCharacters = (value: string): boolean => CONTROL.test(value);

/** A row id given as a cursor (cuids, base64url ids): anything else reads as absent. */
export function idParam(value: unknown, max = 64): string | undefined {
  return typeof value === "string" && value.length <= max && /^[A-Za-z0-9_-]+$/.test(value) ? value : undefined;
}

/** A free text (a search): absent when it holds control characters; cut to `max`. */
export function textParam(value: unknown, max = 200): string | undefined {
  return typeof value === "string" && !hasControlCharacters(value) ? value.slice(0, max) : undefined;
}
