import fs from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  catalogue,
  createTranslator,
  formatDate,
  formatNumber,
  isMessageKey,
  locales,
  translateDynamic,
  translatorFor,
  type Locale,
} from "@/lib/i18n/core";

function entries(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    entries(value, prefix ? `${prefix}.${key}` : key),
  );
}
const messages = (locale: Locale) => new Map(entries(catalogue(locale)));

/** Every argument of an ICU message with how it is used: `plain` ({name}), `plural`, `select`, `number`… */
type Argument = { kind: "plain" | "plural" | "select" | "number" | "date" | "time"; options?: string[] };
function argumentsOf(elements: MessageFormatElement[], found = new Map<string, Argument[]>()): Map<string, Argument[]> {
  const add = (name: string, argument: Argument) => found.set(name, [...(found.get(name) ?? []), argument]);
  for (const element of elements) {
    if (element.type === TYPE.argument) add(element.value, { kind: "plain" });
    else if (element.type === TYPE.number) add(element.value, { kind: "number" });
    else if (element.type === TYPE.date) add(element.value, { kind: "date" });
    else if (element.type === TYPE.time) add(element.value, { kind: "time" });
    else if (element.type === TYPE.tag) argumentsOf(element.children, found);
    else if (element.type === TYPE.plural || element.type === TYPE.select) {
      const kind = element.type === TYPE.plural ? "plural" : "select";
      add(element.value, { kind, options: Object.keys(element.options) });
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}
const parsed = (message: string) => parse(message, { requiresOtherClause: true });

/** Values exercising every branch: counts 0, 1, 2 and 1 200 for plurals, each option for selects. */
function sampleValues(args: Map<string, Argument[]>): Record<string, string | number>[] {
  const samples: Record<string, string | number>[] = [{}];
  for (const [name, uses] of args) {
    const choices = uses.some((use) => use.kind === "plural" || use.kind === "number")
      ? [0, 1, 2, 1200]
      : uses.some((use) => use.kind === "select")
        ? [...new Set(uses.flatMap((use) => use.options ?? []))]
        : [`«${name}»`];
    const next = samples.flatMap((sample) => choices.map((choice) => ({ ...sample, [name]: choice })));
    samples.splice(0, samples.length, ...next.slice(0, 64));
  }
  return samples;
}

describe("message catalogues", () => {
  afterEach(() => vi.restoreAllMocks());

  it("English has exactly the French keys, none empty", () => {
    const fr = messages("fr");
    const en = messages("en");
    expect([...en.keys()].sort()).toEqual([...fr.keys()].sort());
    for (const catalogueMessages of [fr, en]) for (const [key, text] of catalogueMessages) expect(text.trim(), key).not.toBe("");
  });

  it("every message parses as ICU MessageFormat in both languages", () => {
    const broken: string[] = [];
    for (const locale of locales)
      for (const [key, text] of messages(locale)) {
        try {
          parsed(text);
        } catch (error) {
          broken.push(`${locale} ${key}: ${(error as Error).message} in ${text}`);
        }
      }
    expect(broken).toEqual([]);
  });

  it("uses the same arguments in both languages", () => {
    const en = messages("en");
    for (const [key, text] of messages("fr")) {
      const frArgs = [...argumentsOf(parsed(text)).keys()].sort();
      const enArgs = [...argumentsOf(parsed(en.get(key)!)).keys()].sort();
      expect(enArgs, key).toEqual(frArgs);
    }
  });

  it("writes plurals as ICU plurals with `one` and `other`, never as (s) or one key per form", () => {
    let plurals = 0;
    for (const locale of locales)
      for (const [key, text] of messages(locale)) {
        expect(text, `${locale} ${key}`).not.toMatch(/\((s|es|x)\)|\(e\)s/);
        expect(key, `${locale} ${key}`).not.toMatch(/(_one|_other|Plural|Singular)$|\.one(Day|Vote|Member|Item|Report)$/);
        for (const uses of argumentsOf(parsed(text)).values())
          for (const use of uses)
            if (use.kind === "plural") {
              plurals += 1;
              expect(use.options, `${locale} ${key}`).toEqual(expect.arrayContaining(["one", "other"]));
            }
      }
    expect(plurals).toBeGreaterThan(40);
  });

  it("formats every message of both catalogues with sample values, without an error", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const locale of locales) {
      const t = createTranslator(locale);
      for (const [key, text] of messages(locale)) {
        for (const values of sampleValues(argumentsOf(parsed(text)))) {
          const out = t(key as never, values);
          expect(out, `${locale} ${key} ${JSON.stringify(values)}`).not.toBe(key);
          expect(out, `${locale} ${key}`).not.toMatch(/\{\w+\}|NaN/);
        }
      }
    }
    expect(errors).not.toHaveBeenCalled();
  });

  it("chooses the plural form per language: French `one` covers 0 and 1", () => {
    const fr = createTranslator("fr");
    const en = createTranslator("en");
    expect(fr("votes.page.electorate", { count: 0 })).toBe("Corps électoral : 0 membre");
    expect(fr("votes.page.electorate", { count: 1 })).toBe("Corps électoral : 1 membre");
    expect(fr("votes.page.electorate", { count: 2 })).toBe("Corps électoral : 2 membres");
    expect(en("votes.page.electorate", { count: 0 })).toBe("Electorate: 0 members");
    expect(en("votes.page.electorate", { count: 1 })).toBe("Electorate: 1 member");
    expect(en("votes.page.electorate", { count: 1200 })).toBe("Electorate: 1,200 members");
    expect(fr("votes.page.electorate", { count: 1200 })).toMatch(/^Corps électoral : 1\s200 membres$/);
    expect(fr("errors.rateLimited", { minutes: 1 })).toBe("Trop de demandes. Réessayez dans 1 minute.");
    expect(fr("errors.rateLimited", { minutes: 5 })).toContain("5 minutes");
    expect(fr("modui.queue.bulkDone", { reports: 1, hidden: 0, sanctioned: 3 })).toBe(
      "1 signalement traité, 0 contenu masqué, 3 auteurs sanctionnés.",
    );
    expect(en("modui.queue.bulkDone", { reports: 1, hidden: 0, sanctioned: 3 })).toBe(
      "1 report handled, 0 items hidden, 3 authors sanctioned.",
    );
  });

  it("keeps apostrophes and prints plain numeric arguments as they are", () => {
    const fr = createTranslator("fr");
    expect(fr("votes.errors.votingTooShort", { days: 3 })).toBe("La charte impose un vote d'au moins 3 jours.");
    // A plain {arg} is not a quantity: identifiers, years and coordinates keep their digits.
    expect(fr("layout.operatedBy", { operator: 2026 })).toBe("Opéré par 2026");
    expect(fr("layout.operatedBy", { operator: 2.351234 })).toBe("Opéré par 2.351234");
  });

  it("falls back to the generic message for unknown dynamic keys, and to the key for a missing value", () => {
    expect(translateDynamic("en", "errors.nope")).toBe(createTranslator("en")("errors.invalid"));
    expect(translateDynamic("en", "constructor")).toBe(createTranslator("en")("errors.invalid"));
    expect(translateDynamic("en", "errors")).toBe(createTranslator("en")("errors.invalid"));
    expect(translateDynamic("fr", "errors.rateLimited", { minutes: 2 })).toContain("2 minutes");
    expect(isMessageKey("errors.rateLimited")).toBe(true);
    expect(["errors", "errors.nope", "constructor", "errors.toString", ""].some(isMessageKey)).toBe(false);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(createTranslator("fr")("errors.rateLimited")).toBe("errors.rateLimited");
    expect(errors).toHaveBeenCalled();
  });

  it("translates over any messages object (the client provider's), not only the catalogues", () => {
    const { t, dynamic } = translatorFor("en", catalogue("en"));
    expect(t("votes.page.electorate", { count: 1 })).toBe("Electorate: 1 member");
    expect(dynamic("errors.nope")).toBe(t("errors.invalid"));
  });

  it("formats dates and numbers per locale", () => {
    const date = new Date("2026-03-05T12:00:00Z");
    expect(formatDate("fr", date)).toBe("5 mars 2026");
    expect(formatDate("en", date)).toBe("5 March 2026");
    expect(formatNumber("fr", 1200)).toMatch(/^1\s1200?$|^1\u202f200$/);
    expect(formatNumber("en", 1200)).toBe("1,200");
  });
});

describe("client bundles", () => {
  // The browser must receive only its page's catalogue, from the root layout: no module reachable from a
  // "use client" file may import the catalogues or lib/i18n/core (which holds both). Server actions ("use server")
  // imported by client components reach the browser as references only, so the walk stops there.
  const root = path.resolve(import.meta.dirname, "../..");
  const extensions = [".ts", ".tsx", ".js", ".mjs"];
  const source = (file: string) => fs.readFileSync(file, "utf8");
  function files(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "node_modules" ? [] : files(full);
      return extensions.some((extension) => full.endsWith(extension)) ? [full] : [];
    });
  }
  function resolve(from: string, specifier: string): string | undefined {
    const base = specifier.startsWith("@/")
      ? path.join(root, specifier.slice(2))
      : specifier.startsWith(".")
        ? path.resolve(path.dirname(from), specifier)
        : undefined;
    if (!base) return undefined;
    const candidates = [base, ...extensions.map((e) => base + e), ...extensions.map((e) => path.join(base, `index${e}`))];
    return candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
  }
  function valueImports(file: string): string[] {
    const found: string[] = [];
    const pattern =
      /(?:^|\n)\s*(?:import|export)\s+(type\s+)?([^;]*?)\s+from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|(?:^|\n)\s*import\s+["']([^"']+)["']/g;
    for (const match of source(file).matchAll(pattern)) {
      const typeOnly = Boolean(match[1]) || /^\{\s*(type\s+[\w$]+\s*,?\s*)+\}$/.test(match[2] ?? "");
      if (!typeOnly) found.push((match[3] ?? match[4] ?? match[5])!);
    }
    return found;
  }
  const directive = (file: string, name: string) =>
    new RegExp(`^(\\s|//[^\\n]*\\n|/\\*[\\s\\S]*?\\*/)*["']use ${name}["']`).test(source(file));

  it("no client module imports a catalogue or lib/i18n/core", () => {
    const all = ["app", "features", "components", "lib"].flatMap((dir) => files(path.join(root, dir)));
    const queue = all.filter((file) => directive(file, "client"));
    expect(queue.length).toBeGreaterThan(10);
    const parent = new Map<string, string>();
    const seen = new Set<string>();
    const offending: string[] = [];
    for (const file of queue) {
      if (seen.has(file)) continue;
      seen.add(file);
      if (directive(file, "server")) continue;
      for (const specifier of valueImports(file)) {
        const target = resolve(file, specifier);
        if (!target) continue;
        if (
          target.includes(`${path.sep}lib${path.sep}i18n${path.sep}messages${path.sep}`) ||
          target.endsWith("lib/i18n/core.ts")
        ) {
          const chain = [target, file];
          for (let up = parent.get(file); up; up = parent.get(up)) chain.push(up);
          offending.push(chain.map((f) => path.relative(root, f)).join(" <- "));
          continue;
        }
        if (!parent.has(target)) parent.set(target, file);
        queue.push(target);
      }
    }
    expect(offending).toEqual([]);
  });
});
