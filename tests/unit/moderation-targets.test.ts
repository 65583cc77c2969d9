/** The registry of moderated content: one adapter per kind, and the hideable kinds the forms know are exactly those with a hiding adapter. */
import { describe, expect, it } from "vitest";
import { hideableKinds, reportTargetKinds } from "@/lib/moderation/schemas";
import { hidingOf, isHideable, moderationTarget, moderationTargets } from "@/lib/moderation/targets/registry";
import { excerptOf, hiddenData, hideableWhere, hiddenWhere, shownData } from "@/lib/moderation/targets/target";

describe("moderation targets registry", () => {
  it("has one adapter per reportable kind, under its own kind", () => {
    expect(Object.keys(moderationTargets).sort()).toEqual([...reportTargetKinds].sort());
    for (const kind of reportTargetKinds) expect(moderationTarget(kind).kind).toBe(kind);
  });

  it("hides exactly the kinds the hiding form offers; profiles are never hidden", () => {
    expect(reportTargetKinds.filter(isHideable).sort()).toEqual([...hideableKinds].sort());
    expect(hidingOf("PROFILE")).toBeNull();
    for (const kind of hideableKinds) expect(hidingOf(kind)).not.toBeNull();
  });
});

describe("hiding columns", () => {
  const at = new Date("2030-01-01T00:00:00Z");
  it("stores an automatic hiding with no moderator and no reason, a moderator's with both", () => {
    expect(hiddenData(at, { by: "AUTOMATIC" })).toEqual({
      hiddenAt: at,
      hiddenBy: "AUTOMATIC",
      hiddenById: null,
      hiddenReason: null,
    });
    expect(hiddenData(at, { by: "MODERATOR", moderatorId: "m1", reason: "Spam" })).toEqual({
      hiddenAt: at,
      hiddenBy: "MODERATOR",
      hiddenById: "m1",
      hiddenReason: "Spam",
    });
    expect(shownData).toEqual({ hiddenAt: null, hiddenBy: null, hiddenById: null, hiddenReason: null });
  });

  it("lets only a moderator take over an automatic hiding, and undoes by the stored marker", () => {
    expect(hideableWhere("x", { by: "AUTOMATIC" })).toEqual({ id: "x", hiddenAt: null });
    expect(hideableWhere("x", { by: "MODERATOR", moderatorId: "m1", reason: "r" })).toEqual({
      id: "x",
      OR: [{ hiddenAt: null }, { hiddenBy: "AUTOMATIC" }],
    });
    expect(hiddenWhere("x", "AUTOMATIC")).toEqual({ id: "x", hiddenAt: { not: null }, hiddenBy: "AUTOMATIC" });
    expect(hiddenWhere("x")).toEqual({ id: "x", hiddenAt: { not: null } });
  });

  it("cuts excerpts on one line", () => {
    expect(excerptOf("  deux\n\nlignes ")).toBe("deux lignes");
    expect(excerptOf("a".repeat(400))).toHaveLength(280);
  });
});
