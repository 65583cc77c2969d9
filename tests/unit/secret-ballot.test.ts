/**
 * The secrecy rules of lib/votes/secret-ballot.ts: which colleges stop a secret weighted vote from
 * opening, which keep their own figures after the close, and that what a decision publishes (groups
 * and their weights) gives its outcome back through tallyVote.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  MERGED_COLLEGES,
  mergeForTally,
  publishedDecisionResult,
  secretGroups,
  undersizedColleges,
} from "@/lib/votes/secret-ballot";
import { tallyVote, type CountsByCollege } from "@/lib/votes/tally";
import { grades, type GradeCounts } from "@/lib/votes/tally/majority-judgment";
import type { ThresholdCounts } from "@/lib/votes/tally/threshold";
import { countChoices, publishedLiveCounts, standingOf } from "@/lib/proposals/results";

const colleges = ["PUBLIC", "PRIVATE", "RESEARCH", "CIVIL_SOCIETY"] as const;
const weightsArb = fc.record({ PUBLIC: fc.nat(50), PRIVATE: fc.nat(50), RESEARCH: fc.nat(50), CIVIL_SOCIETY: fc.nat(50) });
const thresholdCountsArb = fc.record({ for: fc.nat(6), against: fc.nat(6), abstain: fc.nat(3) });
const ballots = (c: ThresholdCounts) => c.for + c.against + c.abstain;

describe("opening a secret weighted vote", () => {
  it("is stopped by each weighted college with some electors but fewer than the minimum, smallest first", () => {
    expect(
      undersizedColleges(
        { PUBLIC: 40, PRIVATE: 30, RESEARCH: 30, CIVIL_SOCIETY: 0 },
        { PUBLIC: 5, PRIVATE: 2, RESEARCH: 1, CIVIL_SOCIETY: 1 },
        3,
      ),
    ).toEqual([
      { college: "RESEARCH", electors: 1 },
      { college: "PRIVATE", electors: 2 },
    ]);
    // An empty college reveals nobody; a college of weight 0 is not checked; at the minimum is enough.
    expect(undersizedColleges({ PUBLIC: 50, PRIVATE: 50 }, { PUBLIC: 3 }, 3)).toEqual([]);
    expect(undersizedColleges({ PUBLIC: 50, PRIVATE: 50 }, { PUBLIC: 3, PRIVATE: 3 }, 3)).toEqual([]);
  });
});

describe("per-college figures after the close", () => {
  it("keeps colleges at the minimum, merges smaller ones, and adds the smallest kept one while the merged group is too small", () => {
    expect(secretGroups({ PUBLIC: 4, PRIVATE: 3, CIVIL_SOCIETY: 2, RESEARCH: 1 }, 3)).toEqual({
      published: ["PRIVATE", "PUBLIC"],
      merged: ["CIVIL_SOCIETY", "RESEARCH"],
    });
    expect(secretGroups({ PUBLIC: 4, PRIVATE: 3, RESEARCH: 1 }, 3)).toEqual({
      published: ["PUBLIC"],
      merged: ["PRIVATE", "RESEARCH"],
    });
    expect(secretGroups({ PUBLIC: 4, PRIVATE: 3, RESEARCH: 0 }, 3)).toEqual({ published: ["PRIVATE", "PUBLIC"], merged: [] });
    expect(secretGroups({ PUBLIC: 1 }, 3)).toEqual({ published: [], merged: ["PUBLIC"] });
  });

  it("property: every published college and the merged group hold the minimum, unless everything is merged", () => {
    fc.assert(
      fc.property(
        fc.record({ PUBLIC: fc.nat(8), PRIVATE: fc.nat(8), RESEARCH: fc.nat(8), CIVIL_SOCIETY: fc.nat(8) }),
        fc.integer({ min: 1, max: 6 }),
        (voters, min) => {
          const { published, merged } = secretGroups(voters, min);
          const voted = colleges.filter((c) => voters[c] > 0);
          expect([...published, ...merged].sort()).toEqual([...voted].sort());
          for (const college of published) expect(voters[college as keyof typeof voters]).toBeGreaterThanOrEqual(min);
          const mergedBallots = merged.reduce((sum, c) => sum + voters[c as keyof typeof voters], 0);
          if (merged.length > 0 && published.length > 0) expect(mergedBallots).toBeGreaterThanOrEqual(min);
          if (voted.every((c) => voters[c] >= min)) expect(merged).toEqual([]);
        },
      ),
    );
  });

  it("property: a verifier recomputes the outcome from the published groups and weights, and the groups add up to the ballots", () => {
    fc.assert(
      fc.property(
        fc.record({
          PUBLIC: thresholdCountsArb,
          PRIVATE: thresholdCountsArb,
          RESEARCH: thresholdCountsArb,
          CIVIL_SOCIETY: thresholdCountsArb,
        }),
        weightsArb,
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom("simple", "twoThirds", "threeQuarters"),
        (counts, weights, min, threshold) => {
          const counted: CountsByCollege = {
            method: "THRESHOLD",
            colleges: Object.fromEntries(colleges.filter((c) => ballots(counts[c]) > 0).map((c) => [c, counts[c]])),
          };
          const voters = Object.fromEntries(colleges.map((c) => [c, ballots(counts[c])]));
          const secret = mergeForTally(counted, weights, voters, min);
          const decided = tallyVote({ options: [], threshold, weights: secret.weights, counted: secret.counted });
          // What the record publishes: byCollege (one entry per group) and the group weights.
          const byCollege = decided.result.byCollege as Record<string, { counts: ThresholdCounts }>;
          for (const group of Object.keys(byCollege))
            expect(group === MERGED_COLLEGES || secret.published.includes(group)).toBe(true);
          const groups = Object.fromEntries(Object.entries(byCollege).map(([g, r]) => [g, r.counts]));
          const recomputed = tallyVote({
            options: [],
            threshold,
            weights: secret.weights,
            counted: { method: "THRESHOLD", colleges: groups },
          });
          expect(recomputed.adopted).toBe(decided.adopted);
          const total = (list: ThresholdCounts[]) =>
            list.reduce(
              (sum, c) => ({ for: sum.for + c.for, against: sum.against + c.against, abstain: sum.abstain + c.abstain }),
              {
                for: 0,
                against: 0,
                abstain: 0,
              },
            );
          expect(total(Object.values(groups))).toEqual(total(Object.values(counted.colleges)));
          // With nothing merged, the tally is exactly the weighted one.
          if (secret.merged.length === 0) expect(decided).toEqual(tallyVote({ options: [], threshold, weights, counted }));
        },
      ),
    );
  });

  it("merges majority-judgment colleges with their voters, ungraded options counting as reject", () => {
    const counts = (n: number, grade: number): GradeCounts => grades.map((_, g) => (g === grade ? n : 0)) as GradeCounts;
    const counted: CountsByCollege = {
      method: "MAJORITY_JUDGMENT",
      colleges: {
        PUBLIC: { voters: 3, counts: { a: counts(3, 0), b: counts(3, 2) } },
        RESEARCH: { voters: 1, counts: { a: counts(1, 4), b: counts(0, 0) } },
        CIVIL_SOCIETY: { voters: 2, counts: { a: counts(2, 1), b: counts(2, 1) } },
      },
    };
    const secret = mergeForTally(
      counted,
      { PUBLIC: 50, RESEARCH: 20, CIVIL_SOCIETY: 30 },
      { PUBLIC: 3, RESEARCH: 1, CIVIL_SOCIETY: 2 },
      3,
    );
    expect(secret.merged).toEqual(["CIVIL_SOCIETY", "RESEARCH"]);
    expect(secret.weights).toEqual({ PUBLIC: 50, [MERGED_COLLEGES]: 50 });
    expect(secret.counted.colleges).toEqual({
      PUBLIC: { voters: 3, counts: { a: counts(3, 0), b: counts(3, 2) } },
      [MERGED_COLLEGES]: {
        voters: 3,
        counts: { a: grades.map((_, g) => (g === 1 ? 2 : g === 4 ? 1 : 0)), b: counts(2, 1) },
      },
    });
    const decided = tallyVote({ options: ["a", "b"], weights: secret.weights, counted: secret.counted });
    // PUBLIC rejects a and finds b passable; the merged group's medians are "insufficient" for both: b.
    expect(decided.result.winners).toEqual(["b"]);
  });
});

describe("live results of a secret weighted vote", () => {
  it("publish overall counts only, and stand where the close would decide, small colleges merged", () => {
    // RESEARCH, one voter at 50 %, alone decides with exact weights; merged with CIVIL_SOCIETY it does not.
    const view = countChoices([
      { college: "PUBLIC", choice: { choice: "against" }, count: 3 },
      { college: "RESEARCH", choice: { choice: "for" }, count: 1 },
      { college: "CIVIL_SOCIETY", choice: { choice: "against" }, count: 2 },
    ]);
    const rules = {
      method: "THRESHOLD" as const,
      threshold: "simple",
      weighted: true,
      collegeWeights: { PUBLIC: 20, RESEARCH: 50, CIVIL_SOCIETY: 10 },
      options: [],
    };
    expect(publishedLiveCounts(view, { secret: true })).toEqual({ overall: { against: 5, for: 1 }, byCollege: {}, voters: {} });
    expect(publishedLiveCounts(view, { secret: false })).toBe(view);
    expect(standingOf(rules, view).adopted).toBe(true);
    expect(standingOf({ ...rules, secret: true, secretMinBallots: 3 }, view).adopted).toBe(false);
  });
});

describe("a stored decision as published", () => {
  it("drops per-college figures of a secret weighted decision stored before the rule, and nothing else", () => {
    const stored = {
      adopted: true,
      counts: { for: 2 },
      byCollege: { RESEARCH: { counts: { for: 1 } } },
      effectiveWeights: { RESEARCH: 1 },
    };
    expect(publishedDecisionResult(stored, { secret: true, weighted: true })).toEqual({
      adopted: true,
      counts: { for: 2 },
      secrecy: { rule: "secretBallotMinCollegeSize", withheld: "all" },
    });
    expect(publishedDecisionResult(stored, { secret: false, weighted: true })).toBe(stored);
    const current = { ...stored, secrecy: { minBallots: 3 } };
    expect(publishedDecisionResult(current, { secret: true, weighted: true })).toBe(current);
  });
});
