import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, paginationQuerySchema, toPage } from "@/lib/core/pagination";
import { ValidationError } from "@/lib/core/validation";
import { parseInput } from "@/lib/api/validation";

const parse = (query: Record<string, string>) => parseInput(paginationQuerySchema, query, { root: "query" });
const issuesOf = (query: Record<string, string>) => {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  return [];
};

describe("pagination query", () => {
  it("defaults to 20 items from the start", () => {
    expect(parse({})).toEqual({ limit: 20 });
  });

  it("accepts a limit from 1 to 100 and a cursor it issued", () => {
    expect(parse({ limit: "1" })).toEqual({ limit: 1 });
    expect(parse({ limit: "100", cursor: encodeCursor("registre-batiments") })).toEqual({
      limit: 100,
      cursor: "registre-batiments",
    });
  });

  it.each(["0", "101", "-3", "2.5", "abc", ""])("refuses limit=%j with a field error", (limit) => {
    expect(issuesOf({ limit })).toEqual([{ field: "limit", messageKey: "api.errors.limitInvalid" }]);
  });

  it.each(["", "not a cursor", "e30", Buffer.from('{"after":3}').toString("base64url"), "x".repeat(500)])(
    "refuses cursor=%j with a field error",
    (cursor) => {
      expect(issuesOf({ cursor })).toEqual([{ field: "cursor", messageKey: "api.errors.cursorInvalid" }]);
    },
  );

  it("round-trips any key, unicode included", () => {
    for (const key of ["a", "adresses-finistere", "clx9z0abc", "é/ü?&="]) expect(decodeCursor(encodeCursor(key))).toBe(key);
  });

  it("refuses a well-formed cursor carrying NUL, which PostgreSQL cannot take", () => {
    expect(decodeCursor(encodeCursor("a\u0000b"))).toBeNull();
  });
});

describe("pages", () => {
  const rows = ["a", "b", "c"].map((slug) => ({ slug }));
  it("gives a next cursor only when the extra row exists", () => {
    const first = toPage(rows, { limit: 2, keyOf: (row) => row.slug, map: (row) => row.slug });
    expect(first.data).toEqual(["a", "b"]);
    expect(first.nextCursor && decodeCursor(first.nextCursor)).toBe("b");
    expect(toPage(rows, { limit: 3, keyOf: (row) => row.slug, map: (row) => row.slug })).toEqual({
      data: ["a", "b", "c"],
      nextCursor: null,
    });
    expect(toPage([], { limit: 3, keyOf: (row: { slug: string }) => row.slug, map: (row) => row })).toEqual({
      data: [],
      nextCursor: null,
    });
  });
});
