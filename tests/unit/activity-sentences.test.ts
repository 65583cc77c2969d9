/**
 * The activity log reads as sentences in both languages, never as raw keys ("proposal.votingOpened.",
 * "charter.amended." were shown before), and names the right actor: the person who acted, the
 * platform for what it did by itself, nobody for a change the members decided by vote.
 */
import { describe, expect, it } from "vitest";
import { auditActions } from "@/lib/audit/record";
import { catalogue, createTranslator } from "@/lib/i18n/core";
import { auditSentence } from "@/features/communities/components/audit-sentence";

const names = new Map([["u2", "Léa"]]);
const actor = { id: "u1", displayName: "Marc" };

describe("activity sentences", () => {
  for (const locale of ["fr", "en"] as const) {
    const t = createTranslator(locale);
    it(`never shows an action's key (${locale})`, () => {
      for (const action of auditActions) {
        for (const who of [actor, null]) {
          const sentence = auditSentence(
            t,
            { action, details: { userId: "u2", version: 3, electorate: 2, title: "Vélos" }, actor: who },
            names,
            locale,
          );
          expect(sentence, action).not.toContain(action);
          expect(sentence, action).not.toMatch(/\b[a-z]+\.[a-z][A-Za-z]+\b/);
          expect(sentence.trim().length, action).toBeGreaterThan(5);
        }
      }
      expect(auditSentence(t, { action: "something.unknown", details: {}, actor }, names, locale)).not.toContain(
        "something.unknown",
      );
    });
  }

  it("names who opened a vote, or says it opened as planned, and names nobody for an amendment adopted by vote", () => {
    const fr = createTranslator("fr");
    expect(auditSentence(fr, { action: "proposal.votingOpened", details: { electorate: 1 }, actor }, names)).toBe(
      "Marc a ouvert le vote sur une proposition (1 personne appelée à voter).",
    );
    expect(auditSentence(fr, { action: "proposal.votingOpened", details: { electorate: 12 }, actor: null }, names)).toBe(
      "Le vote sur une proposition s'est ouvert à la date prévue (12 personnes appelées à voter).",
    );
    expect(auditSentence(fr, { action: "charter.amended", details: { version: 4 }, actor }, names)).toBe(
      "Un amendement adopté par vote a été appliqué : la charte passe à la version 4.",
    );
    const en = createTranslator("en");
    expect(auditSentence(en, { action: "proposal.created", details: { title: "Vélos" }, actor }, names, "en")).toBe(
      "Marc put forward the proposal “Vélos”.",
    );
  });
});

describe("agreement in the catalogues", () => {
  const walk = (value: unknown, path: string, out: [string, string][]) => {
    if (typeof value === "string") out.push([path, value]);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, out);
    return out;
  };

  it("writes no '(s)' / '(e)' plural or gender placeholders, in either language", () => {
    for (const locale of ["fr", "en"] as const) {
      for (const [path, text] of walk(catalogue(locale), locale, [])) {
        expect(text, path).not.toMatch(/\((s|e|es|x)\)/);
      }
    }
  });

  it("agrees the moderation log's words with the kind of content and the sanction", () => {
    const fr = createTranslator("fr");
    const en = createTranslator("en");
    expect(fr("modui.log.hiddenItem", { kindCode: "PROPOSAL" })).toBe("Proposition masquée");
    expect(fr("modui.log.hiddenItem", { kindCode: "COMMENT" })).toBe("Commentaire masqué");
    expect(fr("modui.log.sanctioned", { sanction: "SUSPENSION" })).toBe("Suspension prononcée");
    expect(fr("modui.log.sanctioned", { sanction: "WARNING" })).toBe("Avertissement prononcé");
    expect(en("modui.log.reported", { kindCode: "COMMONS" })).toBe("Commons reported");
  });

  it("uses the same French word for email in the interface and in emails", () => {
    for (const [path, text] of walk(catalogue("fr"), "fr", [])) {
      // Arguments such as {email} are names, not words.
      expect(text.replace(/\{[^{}]*\}/g, ""), path).not.toMatch(/\be-?mails?\b/i);
    }
  });

  it("keeps French typography out of English", () => {
    for (const [path, text] of walk(catalogue("en"), "en", [])) {
      expect(text, path).not.toMatch(/\s[:;?!](\s|$)|[«»\u202f]/);
    }
  });
});
