/** Bad query values answer with the page and a message at the field, never the error page. */
import { describe, expect, it } from "vitest";
import { parseCatalogueQuery } from "@/features/catalogue/params";
import { idParam, textParam } from "@/lib/core/query-values";
import { ledgerQuerySchema } from "@/lib/commons/ledger-schemas";

describe("query values", () => {
  it("reports a NUL in the catalogue's search at its field and keeps the other criteria", () => {
    const { query, errors } = parseCatalogueQuery({ q: "eau\u0000", kind: "DATASET", sort: "nope", cursor: "\u0000" });
    expect(errors).toEqual({ q: "catalogue.errors.qInvalid", sort: "catalogue.errors.sort", cursor: "catalogue.errors.cursor" });
    expect(query).toEqual({ kind: "DATASET" });
  });

  it("reads ids and texts with control characters as absent", () => {
    expect(idParam("cmx7jmr8o0038z77d8zjst6wo")).toBe("cmx7jmr8o0038z77d8zjst6wo");
    for (const bad of ["\u0000", "a\u0000b", "../x", "a b", "x".repeat(65), ["a"], undefined])
      expect(idParam(bad)).toBeUndefined();
    expect(textParam("léa rousseau")).toBe("léa rousseau");
    expect(textParam("l\u0000a")).toBeUndefined();
    expect(ledgerQuerySchema.parse({ cursor: "\u0000", state: "NOPE" })).toEqual({});
  });
});
