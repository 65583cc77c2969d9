/**
 * The pieces of moderation that need no database: the per-person rate limits read from the
 * environment (defaults, overrides, a clear error naming a bad variable) and the bulk input (a reason
 * to hide, none needed to dismiss, at most 100 reports).
 */
import { describe, expect, it } from "vitest";
import { actionRateLimits } from "@/lib/core/config";
import { bulkSchema } from "@/lib/moderation/bulk-schema";
import { hideSchema, sanctionSchema } from "@/lib/moderation/schemas";
import { fieldErrorsOf } from "@/lib/core/forms";

describe("rate limits configuration", () => {
  it("has sensible defaults and reads overrides", () => {
    expect(actionRateLimits({})).toEqual({ proposals: 10, comments: 60, reports: 30, invitations: 50 });
    expect(actionRateLimits({ RATE_LIMIT_COMMENTS_PER_HOUR: "5", RATE_LIMIT_REPORTS_PER_HOUR: "" })).toMatchObject({
      comments: 5,
      reports: 30,
    });
  });

  it("names the variable that is wrong", () => {
    expect(() => actionRateLimits({ RATE_LIMIT_INVITATIONS_PER_HOUR: "-1" })).toThrow(/RATE_LIMIT_INVITATIONS_PER_HOUR/);
    expect(() => actionRateLimits({ RATE_LIMIT_PROPOSALS_PER_HOUR: "many" })).toThrow(/RATE_LIMIT_PROPOSALS_PER_HOUR/);
  });
});

describe("bulk moderation input", () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `r${i}`);

  it("needs a reason to hide, not to dismiss", () => {
    const hide = bulkSchema.safeParse({ op: "hide", reportIds: ids(50), reason: " " });
    expect(hide.success).toBe(false);
    expect(fieldErrorsOf(hide.error!)).toEqual({ reason: "moderation.errors.hideReasonRequired" });
    expect(bulkSchema.safeParse({ op: "dismiss", reportIds: ids(50) }).success).toBe(true);
    expect(bulkSchema.safeParse({ op: "hideAndSanction", reportIds: ids(50), reason: "Vague de spam" }).success).toBe(true);
  });

  it("takes one to a hundred reports", () => {
    expect(fieldErrorsOf(bulkSchema.safeParse({ op: "dismiss", reportIds: [] }).error!)).toEqual({
      reportIds: "moderation.errors.bulkNone",
    });
    expect(fieldErrorsOf(bulkSchema.safeParse({ op: "dismiss", reportIds: ids(101) }).error!)).toEqual({
      reportIds: "moderation.errors.bulkTooMany",
    });
  });
});

describe("hide and sanction input", () => {
  it("hides only the four kinds of content, with a reason", () => {
    expect(hideSchema.safeParse({ targetKind: "PROFILE", targetId: "x", reason: "Spam" }).success).toBe(false);
    expect(fieldErrorsOf(hideSchema.safeParse({ targetKind: "COMMENT", targetId: "x", reason: "" }).error!)).toEqual({
      reason: "moderation.errors.hideReasonRequired",
    });
  });

  it("accepts a suspension end as a calendar date only", () => {
    const base = { userId: "u", kind: "SUSPENSION", reason: "Insultes" };
    expect(sanctionSchema.safeParse({ ...base, until: "2030-03-17" }).success).toBe(true);
    expect(fieldErrorsOf(sanctionSchema.safeParse({ ...base, until: "17/03/2030" }).error!)).toEqual({
      until: "moderation.errors.invalidDate",
    });
    expect(fieldErrorsOf(sanctionSchema.safeParse({ ...base, until: "2030-13-45" }).error!)).toEqual({
      until: "moderation.errors.invalidDate",
    });
  });
});
