/**
 * Tie detection in tallyVote (what the charter's tieRule applies to at the close): each method's
 * tie, with the tied options in the proposal's order, the same with or without colleges.
 */
import { describe, expect, it } from "vitest";
import { tallyVote, type CountsByCollege } from "@/lib/votes/tally";

const grades = (...counts: number[]) => counts; // reject … excellent

describe("tallyVote's tie", () => {
  it("threshold: for = against ties under the simple majority only; exactly two thirds is adopted", () => {
    const counted = (f: number, a: number): CountsByCollege => ({
      method: "THRESHOLD",
      colleges: { ALL: { for: f, against: a, abstain: 1 } },
    });
    expect(tallyVote({ options: [], threshold: "simple", weights: null, counted: counted(2, 2) })).toMatchObject({
      adopted: false,
      tie: { options: [] },
    });
    expect(tallyVote({ options: [], threshold: "simple", weights: null, counted: counted(3, 2) }).tie).toBeNull();
    expect(tallyVote({ options: [], threshold: "simple", weights: null, counted: counted(0, 0) }).tie).toBeNull();
    expect(tallyVote({ options: [], threshold: "twoThirds", weights: null, counted: counted(2, 1) })).toMatchObject({
      adopted: true,
      tie: null,
    });
  });

  it("threshold with colleges: a tie of the weighted electorate, not of headcounts", () => {
    // 3 for in PUBLIC (50 %) against 1 against in PRIVATE (50 %): equal shares, a tie.
    const counted: CountsByCollege = {
      method: "THRESHOLD",
      colleges: { PUBLIC: { for: 3, against: 0, abstain: 0 }, PRIVATE: { for: 0, against: 1, abstain: 0 } },
    };
    expect(tallyVote({ options: [], threshold: "simple", weights: { PUBLIC: 50, PRIVATE: 50 }, counted }).tie).toEqual({
      options: [],
    });
    expect(tallyVote({ options: [], threshold: "simple", weights: null, counted }).tie).toBeNull();
  });

  it("approval: several options sharing the most approvals, in the proposal's order; none approved is no tie", () => {
    const counted = (approvals: Record<string, number>): CountsByCollege => ({
      method: "APPROVAL",
      colleges: { ALL: { voters: 3, approvals } },
    });
    expect(tallyVote({ options: ["a", "b", "c"], weights: null, counted: counted({ c: 2, a: 2, b: 1 }) })).toMatchObject({
      adopted: false,
      tie: { options: ["a", "c"] },
    });
    expect(tallyVote({ options: ["a", "b", "c"], weights: null, counted: counted({ a: 2, b: 1 }) }).tie).toBeNull();
    expect(tallyVote({ options: ["a", "b"], weights: null, counted: counted({}) }).tie).toBeNull();
  });

  it("majority judgment: a perfect tie at the top after the majority value; separated ones are not", () => {
    const counted = (counts: Record<string, number[]>): CountsByCollege => ({
      method: "MAJORITY_JUDGMENT",
      colleges: { ALL: { voters: 3, counts } },
    });
    const same = grades(0, 0, 1, 1, 1, 0, 0);
    expect(
      tallyVote({
        options: ["a", "b", "c"],
        weights: null,
        counted: counted({ a: same, b: grades(3, 0, 0, 0, 0, 0, 0), c: same }),
      }),
    ).toMatchObject({ adopted: false, tie: { options: ["a", "c"] } });
    expect(
      tallyVote({ options: ["a", "b"], weights: null, counted: counted({ a: same, b: grades(0, 0, 1, 1, 0, 1, 0) }) }).tie,
    ).toBeNull();
  });

  it("consent never ties", () => {
    const counted: CountsByCollege = { method: "CONSENT", colleges: { ALL: { agree: 0, object: 0, block: 0 } } };
    expect(tallyVote({ options: [], weights: null, counted }).tie).toBeNull();
  });
});
