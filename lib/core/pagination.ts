/**
 * Cursor pagination for every list: `?cursor=&limit=` (default 20, at most 100), rows ordered by a
 * unique key, the response `{ data, nextCursor }` (null on the last page). The cursor is opaque to
 * clients: the base64url of the last row's key, so a deleted row never breaks the next page.
 */
import { z } from "zod";

export const PAGE_LIMIT_DEFAULT = 20;
export const PAGE_LIMIT_MAX = 100;

export function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify({ after: key }), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      value &&
      typeof value === "object" &&
      "after" in value &&
      typeof value.after === "string" &&
      value.after !== "" &&
      // PostgreSQL refuses NUL in text: such a cursor is garbage, not a server error.
      !value.after.includes("\u0000")
    ) {
      return value.after;
    }
  } catch {
    // not JSON: invalid like any other garbage
  }
  return null;
}

/** Query parameters of a list; `after` is the decoded cursor (undefined on the first page). */
export const paginationQuerySchema = z.object({
  cursor: z
    .string()
    .transform((cursor, ctx) => {
      const after = decodeCursor(cursor);
      if (after === null) {
        ctx.addIssue({ code: "custom", message: "api.errors.cursorInvalid" });
        return z.NEVER;
      }
      return after;
    })
    .optional()
    .describe("Opaque cursor from the previous page's nextCursor; omit for the first page"),
  limit: z.coerce
    .number({ error: "api.errors.limitInvalid" })
    .int({ error: "api.errors.limitInvalid" })
    .min(1, { error: "api.errors.limitInvalid" })
    .max(PAGE_LIMIT_MAX, { error: "api.errors.limitInvalid" })
    .default(PAGE_LIMIT_DEFAULT)
    .describe(`Page size, 1 to ${PAGE_LIMIT_MAX}`),
});
export type PaginationQuery = z.output<typeof paginationQuerySchema>;

export type Page<T> = { data: T[]; nextCursor: string | null };

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * Rows must come from a query with `take: limit + 1`, ordered by `keyOf` ascending and filtered on
 * `key > after`: the extra row only tells whether there is a next page.
 */
export function toPage<Row, Item>(
  rows: Row[],
  { limit, keyOf, map }: { limit: number; keyOf: (row: Row) => string; map: (row: Row) => Item },
): Page<Item> {
  const visible = rows.slice(0, limit);
  const last = visible[visible.length - 1];
  return { data: visible.map(map), nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
