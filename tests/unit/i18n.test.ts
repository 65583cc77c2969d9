import { describe, expect, it } from "vitest";
import { catalogue, createTranslator, formatDate, formatNumber, translateDynamic } from "@/lib/i18n/core";

function leaves(node: unknown, prefix = ""): string[] {
  if (typeof node === "string") return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    leaves(value, prefix ? `${prefix}.${key}` : key),
  );
}

describe("message catalogues", () => {
  it("English has exactly the French keys, none empty", () => {
    expect(leaves(catalogue("en")).sort()).toEqual(leaves(catalogue("fr")).sort());
    for (const locale of ["fr", "en"] as const) {
      const t = createTranslator(locale);
      for (const key of leaves(catalogue(locale))) expect(t(key as never).trim()).not.toBe("");
    }
  });
  it("uses the same placeholders in both languages", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const fr = createTranslator("fr");
    const en = createTranslator("en");
    for (const key of leaves(catalogue("fr"))) expect(placeholders(en(key as never))).toEqual(placeholders(fr(key as never)));
  });
  it("interpolates values and falls back to a generic message for unknown dynamic keys", () => {
    expect(createTranslator("fr")("errors.rateLimited", { minutes: 5 })).toContain("5 minutes");
    expect(translateDynamic("en", "errors.nope")).toBe(createTranslator("en")("errors.invalid"));
  });
  it("formats dates and numbers per locale", () => {
    const date = new Date("2026-03-05T12:00:00Z");
    expect(formatDate("fr", date)).toBe("5 mars 2026");
    expect(formatDate("en", date)).toBe("5 March 2026");
    expect(formatNumber("fr", 1200)).toMatch(/^1\s1200?$|^1\u202f200$/);
    expect(formatNumber("en", 1200)).toBe("1,200");
  });
});
