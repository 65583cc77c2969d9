import { describe, expect, it } from "vitest";
import { applyChanges, diffVersions, type CharterContent } from "@/lib/charter/content";
import { charterToJson, charterToMarkdown, type ExportableCharter } from "@/lib/charter/export";
import { describeParameterValue, describeParameters } from "@/lib/charter/describe";
import { defaultCharterParameters } from "@/lib/charter/parameters";
import { foundCharterSchema } from "@/lib/charter/schemas";
import { amendmentSchema } from "@/lib/charter/amendments";
import { demoCharters } from "@/lib/demo/charter-data";
import { createTranslator } from "@/lib/i18n/core";
import { isAppError } from "@/lib/core/errors";

const base: CharterContent = {
  rules: [
    { number: 1, title: "Limites", text: "Qui est membre.", principle: 1 },
    { number: 2, title: "Licence", text: "etalab-2.0", principle: 7 },
    { number: 3, title: "Sanctions", text: "Avertissement puis exclusion.", principle: 5 },
  ],
  parameters: defaultCharterParameters,
};

function errorOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("applyChanges", () => {
  it("adds with the next number never used, changes in place, repeals for good", () => {
    const next = applyChanges(
      base,
      [
        { op: "repeal", number: 3 },
        { op: "change", number: 2, rule: { title: "Licence", text: "ODbL-1.0", principle: 7 } },
        { op: "add", rule: { title: "Recours", text: "Un autre modérateur.", principle: 6 } },
      ],
      { highestNumber: 3 },
    );
    expect(next.rules.map((r) => [r.number, r.title, r.text])).toEqual([
      [1, "Limites", "Qui est membre."],
      [2, "Licence", "ODbL-1.0"],
      [4, "Recours", "Un autre modérateur."],
    ]);
    // A number retired in an earlier version is not reused either.
    const later = applyChanges(next, [{ op: "add", rule: { title: "Encore", text: "x", principle: 3 } }], { highestNumber: 9 });
    expect(later.rules.at(-1)?.number).toBe(10);
    // The input is not mutated.
    expect(base.rules).toHaveLength(3);
  });

  it("refuses an unknown or repealed rule with the change's index", () => {
    const unknown = errorOf(() => applyChanges(base, [{ op: "repeal", number: 9 }], { highestNumber: 3 }));
    expect([unknown.status, unknown.messageKey, unknown.field, unknown.values]).toEqual([
      409,
      "charter.errors.unknownRule",
      "changes.0",
      { number: 9 },
    ]);
    const twice = errorOf(() =>
      applyChanges(
        base,
        [
          { op: "repeal", number: 1 },
          { op: "change", number: 1, rule: { title: "Limites", text: "x", principle: 1 } },
        ],
        { highestNumber: 3 },
      ),
    );
    expect(twice.field).toBe("changes.1");
  });

  it("sets parameters and validates the whole set afterwards", () => {
    const next = applyChanges(base, [{ op: "setParameter", key: "quorumPercent", value: 40 }], { highestNumber: 3 });
    expect(next.parameters.quorumPercent).toBe(40);
    const invalid = errorOf(() =>
      applyChanges(base, [{ op: "setParameter", key: "quorumPercent", value: 140 }], { highestNumber: 3 }),
    );
    expect([invalid.status, invalid.messageKey, invalid.values, invalid.field]).toEqual([
      400,
      "charter.errors.invalidParameter",
      { key: "quorumPercent" },
      "changes.0.value",
    ]);
    const incoherent = errorOf(() =>
      applyChanges(base, [{ op: "setParameter", key: "minVotingDays", value: 30 }], { highestNumber: 3 }),
    );
    expect(incoherent.messageKey).toBe("charter.errors.minAboveDefault");
    const suspension = errorOf(() =>
      applyChanges(
        base,
        [{ op: "setParameter", key: "sanctionsLadder", value: [{ sanction: "SUSPENSION", expiresAfterDays: 30 }] }],
        {
          highestNumber: 3,
        },
      ),
    );
    expect([suspension.messageKey, suspension.field]).toEqual(["charter.errors.suspensionDays", "changes.0.value"]);
  });

  it("only accepts known parameter keys and at least one change", () => {
    expect(amendmentSchema.safeParse([{ op: "setParameter", key: "nope", value: 1 }]).success).toBe(false);
    expect(amendmentSchema.safeParse([]).success).toBe(false);
  });
});

describe("diffVersions", () => {
  it("lists added, changed (old and new) and repealed rules, and changed parameters", () => {
    const after: CharterContent = {
      rules: [
        base.rules[0]!,
        { number: 2, title: "Licence", text: "ODbL-1.0", principle: 7 },
        { number: 4, title: "Recours", text: "x", principle: 6 },
      ],
      parameters: { ...defaultCharterParameters, quorumPercent: 40, allowedMethods: ["CONSENT"] },
    };
    const diff = diffVersions(base, after);
    expect(diff.rules).toEqual([
      { kind: "changed", number: 2, before: base.rules[1], after: after.rules[1] },
      { kind: "repealed", number: 3, before: base.rules[2] },
      { kind: "added", number: 4, after: after.rules[2] },
    ]);
    expect(diff.parameters).toEqual([
      { key: "quorumPercent", before: 20, after: 40 },
      { key: "allowedMethods", before: defaultCharterParameters.allowedMethods, after: ["CONSENT"] },
    ]);
    expect(diffVersions(base, base)).toEqual({ rules: [], parameters: [] });
  });
});

describe("parameters in words", () => {
  it("describes every parameter in both languages", () => {
    for (const locale of ["fr", "en"] as const) {
      const described = describeParameters(createTranslator(locale), defaultCharterParameters);
      expect(described).toHaveLength(Object.keys(defaultCharterParameters).length);
      for (const { label, value } of described) {
        expect(label).not.toMatch(/^charter\./);
        expect(value).not.toMatch(/charter\.|\{/);
      }
    }
    const fr = createTranslator("fr");
    expect(describeParameterValue(fr, "quorumPercent", 20)).toBe("20 % des membres");
    expect(describeParameterValue(fr, "proposeAfterDays", 0)).toBe("tout membre actif");
    expect(describeParameterValue(fr, "sanctionsLadder", defaultCharterParameters.sanctionsLadder)).toBe(
      "avertissement (oubliée après 180 jours), puis suspension de 7 jours (oubliée après 365 jours), puis exclusion (oubliée après 3\u202f650 jours)",
    );
  });
});

describe("export", () => {
  const charter: ExportableCharter = {
    community: { slug: "adresses", name: "Adresses du Finistère" },
    number: 2,
    createdAt: new Date("2026-03-05T12:00:00Z"),
    rules: base.rules,
    parameters: defaultCharterParameters,
    changes: [{ op: "repeal", number: 4 }],
    proposal: { id: "p1", title: "Abroger l'article 4" },
  };

  it("writes Markdown with the title, version, date, articles with their principle, then parameters", () => {
    const md = charterToMarkdown(charter, "fr");
    expect(md).toContain("# Charte de la communauté Adresses du Finistère");
    expect(md).toContain("Version 2 du 5 mars 2026");
    expect(md).toContain("Adoptée par la proposition « Abroger l'article 4 ».");
    expect(md).toContain("### Article 1 — Limites (principe d'Ostrom 1)");
    expect(md).toContain("### Article 3 — Sanctions (principe d'Ostrom 5)");
    expect(md).toContain("- **Quorum des décisions ordinaires** : 20 % des membres");
    expect(md.indexOf("Article 3")).toBeLessThan(md.indexOf("Paramètres appliqués"));
    expect(charterToMarkdown(charter, "en")).toContain("Version 2 of 5 March 2026");
  });

  it("writes JSON with the version, rules, parameters and changes", () => {
    const json = charterToJson(charter);
    expect(json).toMatchObject({ version: 2, createdAt: "2026-03-05T12:00:00.000Z", proposal: { id: "p1" } });
    expect(JSON.parse(JSON.stringify(json)).rules).toHaveLength(3);
  });
});

describe("demo charters", () => {
  it("are valid, 5–8 rules each, over several Ostrom principles", () => {
    for (const slug of ["adresses-finistere", "imagerie-de-rue", "registre-batiments"]) {
      const charter = demoCharters[slug];
      expect(foundCharterSchema.safeParse(charter).success, slug).toBe(true);
      expect(charter!.rules.length).toBeGreaterThanOrEqual(5);
      expect(charter!.rules.length).toBeLessThanOrEqual(8);
      expect(new Set(charter!.rules.map((r) => r.principle)).size).toBeGreaterThanOrEqual(4);
    }
  });

  it("refuses a founding with no rule or incoherent durations", () => {
    expect(foundCharterSchema.safeParse({ rules: [], parameters: defaultCharterParameters }).success).toBe(false);
    const result = foundCharterSchema.safeParse({
      rules: [{ title: "Une règle", text: "x", principle: 1 }],
      parameters: { ...defaultCharterParameters, minVotingDays: 10 },
    });
    expect(result.error?.issues[0]?.path).toEqual(["parameters", "minVotingDays"]);
  });
});
