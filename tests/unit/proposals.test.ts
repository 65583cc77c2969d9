/** The proposal form's schema (shared with the server) and the counts readers see. */
import { describe, expect, it } from "vitest";
import { createProposalSchema, receiptSchema } from "@/lib/proposals/schemas";
import { collegeCountsOf, countChoices } from "@/lib/proposals/results";
import { fieldErrorsOf } from "@/lib/core/forms";

const base = { kind: "GENERAL", title: "Adopter la Licence Ouverte 2.0", method: "THRESHOLD" };
const errorsOf = (input: unknown) => {
  const parsed = createProposalSchema.safeParse(input);
  return parsed.success ? {} : fieldErrorsOf(parsed.error);
};

describe("createProposalSchema", () => {
  it("accepts a minimal proposal and fills defaults", () => {
    expect(createProposalSchema.parse(base)).toMatchObject({ body: "", options: [], liveResults: false, discussionDays: 0 });
  });

  it.each([
    [{ ...base, title: "Oui" }, "title", "votes.errors.titleTooShort"],
    [{ ...base, method: "RANKED" }, "method", "votes.errors.method"],
    [{ ...base, method: "APPROVAL", options: [{ label: "A" }] }, "options", "votes.errors.optionsCount"],
    [{ ...base, options: [{ label: "A" }, { label: "B" }] }, "options", "votes.errors.noOptions"],
    [
      { ...base, method: "APPROVAL", options: [{ label: "Panoramax" }, { label: "panoramax" }] },
      "options",
      "votes.errors.duplicateLabel",
    ],
    [{ ...base, votingDays: 0 }, "votingDays", "votes.errors.votingDays"],
    [{ ...base, quorumPercent: 101 }, "quorumPercent", "votes.errors.quorum"],
    [{ ...base, kind: "CHARTER_AMENDMENT" }, "amendment", "votes.errors.amendmentRequired"],
    [
      { ...base, kind: "CHARTER_AMENDMENT", method: "CONSENT", amendment: [{ op: "repeal", number: 2 }] },
      "method",
      "votes.errors.amendmentMethod",
    ],
    [{ ...base, amendment: [{ op: "repeal", number: 2 }] }, "amendment", "votes.errors.amendmentOnlyForAmendments"],
  ])("refuses %j at %s", (input, field, key) => {
    expect(errorsOf(input)[field]).toBe(key);
  });

  it("takes at most 20 options", () => {
    const options = Array.from({ length: 21 }, (_, i) => ({ label: `Option ${i}` }));
    expect(errorsOf({ ...base, method: "APPROVAL", options }).options).toBe("votes.errors.optionsCount");
  });
});

describe("receiptSchema", () => {
  it("normalises case and refuses other shapes", () => {
    expect(receiptSchema.parse({ receipt: " abcd-efgh-jkmn " }).receipt).toBe("ABCD-EFGH-JKMN");
    expect(receiptSchema.safeParse({ receipt: "ABCD-EFGH" }).success).toBe(false);
  });
});

describe("counts", () => {
  it("counts answers, approvals and grades, overall and per college", () => {
    expect(
      countChoices([
        { college: "PUBLIC", choice: { choice: "for" } },
        { college: "RESEARCH", choice: { choice: "for" } },
        { college: "RESEARCH", choice: { approve: ["a", "b"] } },
        { college: "PUBLIC", choice: { grades: { a: "good" } } },
      ]),
    ).toEqual({
      overall: { for: 2, a: 1, b: 1, "a:good": 1 },
      byCollege: { PUBLIC: { for: 1, "a:good": 1 }, RESEARCH: { for: 1, a: 1, b: 1 } },
      voters: { PUBLIC: 2, RESEARCH: 2 },
    });
  });

  it("reads per-college counts from stored tallies", () => {
    expect(
      collegeCountsOf({
        byCollege: {
          PUBLIC: { counts: { for: 2, against: 1, abstain: 0 } },
          PRIVATE: { approvals: { a: 3 } },
          RESEARCH: { counts: { a: [1, 0, 0, 0, 2, 0, 0] } },
        },
      }),
    ).toEqual({
      PUBLIC: { for: 2, against: 1, abstain: 0 },
      PRIVATE: { a: 3 },
      RESEARCH: { "a:reject": 1, "a:good": 2 },
    });
  });
});
