/** Moderation's pure parts: input schemas and the audit log's sentences (which never name a reporter). */
import { describe, expect, it } from "vitest";
import { auditActionLabel, auditSentence } from "@/features/communities/components/audit-sentence";
import { auditActions } from "@/lib/audit/record";
import { createTranslator } from "@/lib/i18n/core";
import { decideAppealSchema, reportSchema, sanctionSchema } from "@/lib/moderation/schemas";

describe("moderation schemas", () => {
  it("accepts a report and refuses unknown kinds or reasons", () => {
    expect(reportSchema.parse({ targetKind: "COMMENT", targetId: "c1", reason: "SPAM" })).toMatchObject({ comment: "" });
    expect(reportSchema.safeParse({ targetKind: "POST", targetId: "c1", reason: "SPAM" }).success).toBe(false);
    expect(reportSchema.safeParse({ targetKind: "COMMENT", targetId: "c1", reason: "BORING" }).success).toBe(false);
  });
  it("needs a sanction's reason and bounds a suspension's length", () => {
    expect(sanctionSchema.safeParse({ userId: "u", kind: "WARNING", reason: "" }).success).toBe(false);
    expect(sanctionSchema.safeParse({ userId: "u", kind: "SUSPENSION", days: 0, reason: "Récidive" }).success).toBe(false);
    expect(sanctionSchema.parse({ userId: "u", kind: "SUSPENSION", days: 7, reason: "Récidive" })).toMatchObject({
      reportIds: [],
    });
  });
  it("decides an appeal only as upheld or overturned, with grounds", () => {
    expect(decideAppealSchema.safeParse({ appealId: "a", outcome: "PENDING", decision: "Motifs" }).success).toBe(false);
    expect(decideAppealSchema.safeParse({ appealId: "a", outcome: "UPHELD", decision: "" }).success).toBe(false);
  });
});

describe("moderation in the audit log", () => {
  const t = createTranslator("fr");
  const names = new Map([["u2", "Léa"]]);
  const actor = { id: "u1", displayName: "Marc" };

  it("labels every moderation action", () => {
    for (const action of auditActions.filter((a) => a.startsWith("moderation."))) {
      expect(t(auditActionLabel[action])).not.toBe("");
    }
  });
  it("writes sentences naming no one, as the moderation log: neither the member, the moderator nor a reporter", () => {
    expect(
      auditSentence(
        t,
        { action: "moderation.suspended", details: { userId: "u2", until: "2026-12-10T00:00:00.000Z" }, actor },
        names,
      ),
    ).toBe("Un membre a été suspendu jusqu'au 10 décembre 2026.");
    expect(auditSentence(t, { action: "moderation.reported", details: { reportId: "r" }, actor: null }, names)).toBe(
      "Un contenu a été signalé.",
    );
    expect(
      auditSentence(
        t,
        { action: "moderation.restored", details: { reason: "suspensionEnded", userId: "u2" }, actor: null },
        names,
      ),
    ).toBe("Une suspension a pris fin.");
    expect(
      auditSentence(t, { action: "moderation.appealDecided", details: { outcome: "OVERTURNED", userId: "u2" }, actor }, names),
    ).toBe("Une sanction a été annulée après recours.");
  });
});
