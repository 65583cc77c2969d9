/**
 * The proposal's timeline: planned steps only while they are planned, the actual opening instead of
 * a discussion end that came after it, no planned close for a withdrawn proposal.
 */
import { describe, expect, it } from "vitest";
import { createTranslator } from "@/lib/i18n/core";
import { timelineSteps, type TimelineFacts } from "@/features/proposals/components/proposal-timeline";

const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 10, day, hour));
const base: TimelineFacts = {
  status: "DISCUSSION",
  createdAt: at(1),
  discussionEndsAt: at(8),
  votingOpensAt: at(8),
  votingClosesAt: at(15),
  openedAt: null,
  closedAt: null,
};
const steps = (facts: Partial<TimelineFacts>, locale: "fr" | "en" = "en") =>
  timelineSteps(createTranslator(locale), locale, { ...base, ...facts }).map((step) => step.key);

describe("the proposal timeline", () => {
  it("shows the planned discussion end and vote while the proposal is drafted or discussed", () => {
    expect(steps({})).toEqual(["created", "discussion", "planned"]);
    const texts = timelineSteps(createTranslator("en"), "en", base).map((step) => step.text);
    expect(texts[2]).toMatch(/^Voting planned from .*8.* to .*15/);
  });

  it("shows the actual opening, never a discussion end after it", () => {
    // Opened on day 3, before the planned end of the discussion (day 8).
    expect(steps({ status: "VOTING", openedAt: at(3) })).toEqual(["created", "opened", "closes"]);
    // Opened after the discussion ended as planned: both, in order.
    expect(steps({ status: "VOTING", openedAt: at(9) })).toEqual(["created", "discussion", "opened", "closes"]);
    expect(steps({ status: "CLOSED", openedAt: at(3), closedAt: at(10) })).toEqual(["created", "opened", "closed"]);
  });

  it("shows no planned vote or close for a withdrawn proposal", () => {
    expect(steps({ status: "WITHDRAWN" })).toEqual(["created", "withdrawn"]);
    const fr = timelineSteps(createTranslator("fr"), "fr", { ...base, status: "WITHDRAWN" }).map((s) => s.text);
    expect(fr.join(" ")).not.toMatch(/Clôture|prévu/);
  });
});
