/**
 * The signed record writes its figures exactly: integers as they are, every other number a fixed
 * decimal of 6 places (never a binary floating-point artefact), as the record's `numbers` says.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { fixedFigure, fixedFigures } from "@/lib/decisions/build-record";
import { canonicalJson } from "@/lib/decisions/canonical-json";
import { createTranslator } from "@/lib/i18n/core";
import { tallyVote } from "@/lib/votes/tally";
import { DecisionRecordBlock } from "@/features/proposals/components/decision-record";

describe("figures in the decision record", () => {
  it("round non-integers to 6 decimals, leave integers alone", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(fixedFigure(0.1 + 0.2)).toBe(0.3);
    expect(JSON.stringify(fixedFigure(3 * 0.2))).toBe("0.6");
    expect(fixedFigure(2 / 3)).toBe(0.666667);
    expect(fixedFigure(1 / 3)).toBe(0.333333);
    expect(fixedFigure(-2 / 3)).toBe(-0.666667);
    expect(fixedFigure(12)).toBe(12);
    expect(fixedFigure(33.3)).toBe(33.3);
    expect(fixedFigures({ a: [0.1 + 0.2, 4], b: { c: 2 / 3, d: "0.1" }, e: null, f: true })).toEqual({
      a: [0.3, 4],
      b: { c: 0.666667, d: "0.1" },
      e: null,
      f: true,
    });
  });

  it("leave no float artefact in a weighted tally's result, as signed", () => {
    const weights = { PUBLIC: 33.3, PRIVATE: 33.3, RESEARCH: 33.4 };
    const threshold = tallyVote({
      options: [],
      threshold: "simple",
      weights,
      counted: {
        method: "THRESHOLD",
        colleges: {
          PUBLIC: { for: 1, against: 2, abstain: 0 },
          PRIVATE: { for: 2, against: 5, abstain: 1 },
          RESEARCH: { for: 3, against: 0, abstain: 0 },
        },
      },
    });
    const approval = tallyVote({
      options: ["a", "b"],
      weights,
      counted: {
        method: "APPROVAL",
        colleges: { PUBLIC: { voters: 3, approvals: { a: 1, b: 2 } }, PRIVATE: { voters: 7, approvals: { a: 3, b: 1 } } },
      },
    });
    for (const result of [threshold.result, approval.result]) {
      const raw = canonicalJson(result);
      const fixed = canonicalJson(fixedFigures(result));
      expect(raw).toMatch(/\d\.\d{7,}/); // what the stored result holds
      expect(fixed).not.toMatch(/\d\.\d{7,}/);
    }
  });
});

describe("the decision record block", () => {
  it("links to the signed record and the key, and gives the OpenSSL commands", () => {
    for (const locale of ["fr", "en"] as const) {
      const html = renderToStaticMarkup(
        createElement(DecisionRecordBlock, { t: createTranslator(locale), proposalId: "p1", appUrl: "https://geo.example/" }),
      );
      expect(html).toContain('href="/api/v1/decisions/p1/record"');
      expect(html).toContain('download="decision-p1.json"');
      expect(html).toContain('href="/api/v1/signing-key"');
      expect(html).toContain("curl -s &quot;https://geo.example/api/v1/signing-key&quot; | jq -r .pem");
      expect(html).toContain("jq -cjS .record decision-p1.json &gt; record.json");
      expect(html).toContain(
        "openssl pkeyutl -verify -pubin -inkey geocommuns-ed25519.pem -rawin -in record.json -sigfile record.sig",
      );
      expect(html).toContain(locale === "fr" ? "arrondies à 6 chiffres" : "rounded to 6 places");
    }
  });
});

describe("receipts as people retype them", () => {
  it("are accepted with or without dashes, spaces or typographic dashes, and normalised to the stored form", async () => {
    const { receiptSchema } = await import("@/lib/proposals/schemas");
    for (const typed of ["ABCD-EFGH-JKMN", "abcdefghjkmn", " abcd efgh jkmn ", "ABCD–EFGH—JKMN", "abcd-efghjkmn"])
      expect(receiptSchema.parse({ receipt: typed }).receipt).toBe("ABCD-EFGH-JKMN");
    for (const typed of ["ABCD-EFGH", "ABCD-EFGH-JKMN-P", "ABCD-EFGH-JK0N", "", "x".repeat(61)])
      expect(receiptSchema.safeParse({ receipt: typed }).success).toBe(false);
    expect(receiptSchema.safeParse({ receipt: 12 }).error?.issues[0]?.message).toBe("votes.errors.receiptFormat");
  });
});
