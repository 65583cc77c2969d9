import { describe, expect, it } from "vitest";
import { auditSentence } from "@/features/communities/components/audit-sentence";
import { createTranslator } from "@/lib/i18n/core";

describe("audit sentences for commons and contributions", () => {
  const actor = { id: "u1", displayName: "Léa Rousseau" };
  const names = new Map([["u2", "Karim Benali"]]);

  it("reads in French and English, naming the contribution's author", () => {
    const fr = createTranslator("fr");
    const en = createTranslator("en");
    expect(auditSentence(fr, { action: "commons.adopted", details: {}, actor }, names)).toBe("Léa Rousseau a adopté un commun.");
    expect(auditSentence(en, { action: "commons.proposed", details: {}, actor }, names)).toBe("Léa Rousseau proposed a commons.");
    expect(auditSentence(fr, { action: "contribution.validated", details: { userId: "u2" }, actor }, names)).toBe(
      "Léa Rousseau a validé une contribution de Karim Benali.",
    );
  });
});
