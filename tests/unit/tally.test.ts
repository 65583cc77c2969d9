import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { countChoices, meetsThreshold, tallyThreshold, tallyThresholdByCollege, type Choice } from "@/lib/votes/tally/threshold";
import { tallyConsent, tallyConsentByCollege, type ConsentChoice } from "@/lib/votes/tally/consent";
import { tallyApproval, tallyApprovalByCollege } from "@/lib/votes/tally/approval";
import {
  compareMajorityValue,
  grades,
  majorityGrade,
  tallyMajorityJudgment,
  tallyMajorityJudgmentByCollege,
  type Grade,
} from "@/lib/votes/tally/majority-judgment";
import { effectiveWeights } from "@/lib/votes/tally/colleges";
import { tallyVote } from "@/lib/votes/tally";
import { countChoices as countBallotChoices, standingOf } from "@/lib/proposals/results";
import type { VotingMethod } from "@/lib/generated/prisma/enums";

const choice = fc.constantFrom<Choice>("for", "against", "abstain");
const grade = fc.constantFrom<Grade>(...grades);

describe("for / against / abstain", () => {
  it("applies each threshold exactly at its boundary", () => {
    expect(meetsThreshold(1, 1, "simple")).toBe(false); // a tie is not a majority
    expect(meetsThreshold(2, 1, "simple")).toBe(true);
    expect(meetsThreshold(2, 1, "twoThirds")).toBe(true); // exactly two thirds
    expect(meetsThreshold(65, 35, "twoThirds")).toBe(false);
    expect(meetsThreshold(3, 1, "threeQuarters")).toBe(true);
    expect(meetsThreshold(74, 26, "threeQuarters")).toBe(false);
    expect(meetsThreshold(0, 0, "simple")).toBe(false);
  });

  it("ignores abstentions for the threshold and adopts nothing without votes", () => {
    expect(tallyThreshold(["for", "abstain", "abstain", "abstain"], "simple")).toMatchObject({ adopted: true, forShare: 1 });
    expect(tallyThreshold([], "simple")).toEqual({ counts: { for: 0, against: 0, abstain: 0 }, forShare: null, adopted: false });
    expect(tallyThreshold(["abstain"], "simple").adopted).toBe(false);
  });

  it("property: counts add up, and adding a 'for' never turns adopted into rejected", () => {
    fc.assert(
      fc.property(
        fc.array(choice, { maxLength: 200 }),
        fc.constantFrom("simple", "twoThirds", "threeQuarters" as const),
        (choices, threshold) => {
          const result = tallyThreshold(choices, threshold);
          expect(result.counts.for + result.counts.against + result.counts.abstain).toBe(choices.length);
          if (result.adopted) expect(tallyThreshold([...choices, "for"], threshold).adopted).toBe(true);
          if (!result.adopted) expect(tallyThreshold([...choices, "against"], threshold).adopted).toBe(false);
        },
      ),
    );
  });

  it("property: a single college of weight 100 gives the unweighted result", () => {
    fc.assert(
      fc.property(
        fc.array(choice, { maxLength: 100 }),
        fc.constantFrom("simple", "twoThirds", "threeQuarters" as const),
        (choices, threshold) => {
          expect(tallyThresholdByCollege({ all: choices }, { all: 100 }, threshold).adopted).toBe(
            tallyThreshold(choices, threshold).adopted,
          );
        },
      ),
    );
  });

  it("weighs colleges whatever their headcount, and shares an empty college's weight", () => {
    // 100 civil-society voters against, 3 public agencies for; equal weights → 50/50 is not a majority.
    const choices = { PUBLIC: ["for", "for", "for"] as Choice[], CIVIL_SOCIETY: Array<Choice>(100).fill("against") };
    const result = tallyThresholdByCollege(choices, { PUBLIC: 50, CIVIL_SOCIETY: 50, RESEARCH: 0 }, "simple");
    expect(result.forShare).toBeCloseTo(0.5);
    expect(result.adopted).toBe(false);
    // Research (20) has no voter: its weight goes to the others in proportion (40:40 → 50:50 of the whole).
    expect(
      effectiveWeights({ PUBLIC: 40, CIVIL_SOCIETY: 40, RESEARCH: 20 }, { PUBLIC: 3, CIVIL_SOCIETY: 100, RESEARCH: 0 }),
    ).toEqual({ PUBLIC: 0.5, CIVIL_SOCIETY: 0.5 });
    const weighted = tallyThresholdByCollege(
      { PUBLIC: ["for"], PRIVATE: ["for", "against"], RESEARCH: [] },
      { PUBLIC: 30, PRIVATE: 30, RESEARCH: 40 },
      "twoThirds",
    );
    expect(weighted.forShare).toBeCloseTo(0.75);
    expect(weighted.adopted).toBe(true);
  });
});

describe("consent", () => {
  it("any block prevents adoption; objections do not", () => {
    expect(tallyConsent(["agree", "object", "agree"])).toMatchObject({ adopted: true, blocked: false });
    expect(tallyConsent(["agree", "agree", "block"])).toMatchObject({ adopted: false, blocked: true });
    expect(tallyConsent([]).adopted).toBe(false);
  });
});

describe("approval", () => {
  it("elects the most approved option and reports ties", () => {
    expect(tallyApproval(["a", "b", "c"], [["a", "b"], ["b"], ["c", "b"]])).toMatchObject({
      winners: ["b"],
      tie: false,
      approvals: { a: 1, b: 3, c: 1 },
    });
    expect(tallyApproval(["a", "b"], [["a"], ["b"]])).toMatchObject({ winners: ["a", "b"], tie: true });
    expect(tallyApproval(["a", "b"], [])).toMatchObject({ winners: [], tie: false });
    // Duplicates and unknown options in a ballot do not count twice or at all.
    expect(tallyApproval(["a"], [["a", "a", "zzz"]]).approvals).toEqual({ a: 1 });
  });

  it("property: the winners have the maximum number of approvals", () => {
    const options = ["a", "b", "c", "d"];
    fc.assert(
      fc.property(fc.array(fc.subarray(options), { maxLength: 60 }), (ballots) => {
        const { approvals, winners } = tallyApproval(options, ballots);
        const best = Math.max(...Object.values(approvals));
        for (const option of options) expect(winners.includes(option)).toBe(best > 0 && approvals[option] === best);
      }),
    );
  });

  it("weighted by college: one college of weight 100 gives the same winners", () => {
    const options = ["a", "b", "c"];
    fc.assert(
      fc.property(fc.array(fc.subarray(options), { minLength: 1, maxLength: 40 }), (ballots) => {
        expect(tallyApprovalByCollege(options, { all: ballots }, { all: 100 }).winners).toEqual(
          tallyApproval(options, ballots).winners,
        );
      }),
    );
  });
});

describe("majority judgment", () => {
  const counts = (...perGrade: number[]) => perGrade;

  it("takes the lower median as majority grade", () => {
    expect(majorityGrade(counts(0, 0, 1, 0, 1, 0, 1))).toBe(4); // passable, good, excellent → good
    expect(majorityGrade(counts(0, 0, 1, 1, 0, 1, 1))).toBe(3); // 2,3,5,6 → lower middle = fair
    expect(majorityGrade(counts(0, 0, 0, 0, 0, 0, 0))).toBeNull();
  });

  it("elects the best median and breaks ties by the majority value", () => {
    const ballots: Record<string, Grade>[] = [
      { a: "good", b: "good" },
      { a: "good", b: "excellent" },
      { a: "veryGood", b: "good" },
      { a: "fair", b: "passable" },
    ];
    // Both have majority grade "good"; remove one "good" each: a → {fair, good, veryGood} = good; b → {passable, good, excellent} = good;
    // remove again: a → {fair, veryGood} lower = fair; b → {passable, excellent} lower = passable → a wins.
    const result = tallyMajorityJudgment(["a", "b"], ballots);
    expect(result.majorityGrades).toEqual({ a: 4, b: 4 });
    expect(result.winners).toEqual(["a"]);
  });

  it("counts an ungraded option as 'À rejeter' and reports perfect ties", () => {
    expect(tallyMajorityJudgment(["a", "b"], [{ a: "excellent" }]).majorityGrades).toEqual({ a: 6, b: 0 });
    expect(tallyMajorityJudgment(["a", "b"], [{ a: "good", b: "good" }]).ranking).toEqual([["a", "b"]]);
    expect(tallyMajorityJudgment(["a", "b"], []).winners).toEqual([]);
  });

  it("property: the majority-value comparison is antisymmetric and the winner's grade is the best", () => {
    const options = ["a", "b", "c"];
    fc.assert(
      fc.property(fc.array(fc.record({ a: grade, b: grade, c: grade }), { minLength: 1, maxLength: 50 }), (ballots) => {
        const result = tallyMajorityJudgment(options, ballots);
        const best = Math.max(...Object.values(result.majorityGrades).map((g) => g ?? -1));
        for (const winner of result.winners) expect(result.majorityGrades[winner]).toBe(best);
        const ab = Math.sign(compareMajorityValue(result.counts.a!, result.counts.b!));
        const ba = Math.sign(compareMajorityValue(result.counts.b!, result.counts.a!));
        expect(ab + ba).toBe(0);
      }),
    );
  });

  it("property: raising one grade of an option never lowers its rank (monotonicity)", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ a: grade, b: grade }), { minLength: 1, maxLength: 40 }), fc.nat(), (ballots, pick) => {
        const before = tallyMajorityJudgment(["a", "b"], ballots);
        const index = pick % ballots.length;
        const current = grades.indexOf(ballots[index]!.a);
        if (current === grades.length - 1) return;
        const raised = ballots.map((ballot, i) => (i === index ? { ...ballot, a: grades[current + 1]! } : ballot));
        const after = tallyMajorityJudgment(["a", "b"], raised);
        if (before.winners.includes("a")) expect(after.winners).toContain("a");
      }),
    );
  });

  it("weighted by college: a small college carries its share", () => {
    const ballotsByCollege = {
      PUBLIC: [{ a: "excellent", b: "passable" }] as Record<string, Grade>[],
      CIVIL_SOCIETY: Array.from({ length: 9 }, () => ({ a: "passable", b: "good" })) as Record<string, Grade>[],
    };
    // Unweighted, b wins (9 voters out of 10 prefer it); with PUBLIC at 50 %, a's distribution is half excellent.
    expect(tallyMajorityJudgment(["a", "b"], [...ballotsByCollege.PUBLIC, ...ballotsByCollege.CIVIL_SOCIETY]).winners).toEqual([
      "b",
    ]);
    const weighted = tallyMajorityJudgmentByCollege(["a", "b"], ballotsByCollege, { PUBLIC: 50, CIVIL_SOCIETY: 50 });
    expect(weighted.majorityGrades).toEqual({ a: 2, b: 2 });
    // Both at "passable" with half the weight above it; the majority value then compares what is
    // just above the median: a's "excellent" beats b's "good", so the colleges' weights turn b's win
    // into a's (the majority gauge used to call this a tie, see lib/votes/tally/index.ts).
    expect(weighted.ranking).toEqual([["a"], ["b"]]);
    const publicHeavier = tallyMajorityJudgmentByCollege(["a", "b"], ballotsByCollege, { PUBLIC: 60, CIVIL_SOCIETY: 40 });
    expect(publicHeavier.winners).toEqual(["a"]);
  });
});

/**
 * Issue 12 §1: one rule with or without colleges (lib/votes/tally/index.ts). "One college at 100 %"
 * must give exactly the unweighted result, and weighted results must not depend on what colleges are
 * called or in which order ballots arrive.
 */
describe("one rule with or without colleges", () => {
  const colleges = ["PUBLIC", "PRIVATE", "RESEARCH", "CIVIL_SOCIETY"] as const;
  const renamedTo = ["c1", "c2", "c3", "c4"];
  const weightsArb = fc.record({ PUBLIC: fc.nat(50), PRIVATE: fc.nat(50), RESEARCH: fc.nat(50), CIVIL_SOCIETY: fc.nat(50) });
  const renamingArb = fc.shuffledSubarray(renamedTo, { minLength: 4, maxLength: 4 });
  const shuffle = <T>(items: readonly T[], seed: number) => {
    const out = [...items];
    let state = seed || 1;
    for (let i = out.length - 1; i > 0; i--) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const j = state % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  /** Ballots per college, renamed and shuffled. */
  function transform<T>(byCollege: Record<string, readonly T[]>, names: string[], seed: number) {
    return Object.fromEntries(colleges.map((college, i) => [names[i]!, shuffle(byCollege[college] ?? [], seed + i)])) as Record<
      string,
      T[]
    >;
  }
  function renameWeights(weights: Record<string, number>, names: string[]) {
    return Object.fromEntries(colleges.map((college, i) => [names[i]!, weights[college]!]));
  }
  function renameBack<T>(byCollege: Record<string, T>, names: string[]) {
    return Object.fromEntries(colleges.map((college, i) => [college, byCollege[names[i]!]]));
  }
  const byCollegeArb = <T>(ballot: fc.Arbitrary<T>) =>
    fc.record({
      PUBLIC: fc.array(ballot, { maxLength: 12 }),
      PRIVATE: fc.array(ballot, { maxLength: 12 }),
      RESEARCH: fc.array(ballot, { maxLength: 12 }),
      CIVIL_SOCIETY: fc.array(ballot, { maxLength: 30 }),
    });
  const thresholdArb = fc.constantFrom("simple", "twoThirds", "threeQuarters" as const);
  const consentChoice = fc.constantFrom<ConsentChoice>("agree", "object", "block");
  const options = ["a", "b", "c"];
  const mjBallot = fc.record({ a: grade, b: grade, c: grade }, { requiredKeys: ["a", "b"] }) as fc.Arbitrary<
    Record<string, Grade>
  >;

  it("property: threshold — one college at 100 % is the unweighted result; renaming and reordering change nothing", () => {
    fc.assert(
      fc.property(fc.array(choice, { maxLength: 200 }), thresholdArb, (choices, threshold) => {
        const { counts, forShare, adopted } = tallyThresholdByCollege({ all: choices }, { all: 100 }, threshold);
        expect({ counts, forShare, adopted }).toEqual(tallyThreshold(choices, threshold));
        expect(
          tallyVote({ options: [], threshold, weights: null, counted: thresholdCounted({ x: choices, y: [] }) }).result,
        ).toMatchObject(tallyThreshold(choices, threshold));
      }),
    );
    fc.assert(
      fc.property(
        byCollegeArb(choice),
        weightsArb,
        thresholdArb,
        renamingArb,
        fc.nat(),
        (ballots, weights, threshold, names, seed) => {
          const base = tallyThresholdByCollege(ballots, weights, threshold);
          const moved = tallyThresholdByCollege(transform(ballots, names, seed), renameWeights(weights, names), threshold);
          expect(moved.adopted).toBe(base.adopted);
          expect(moved.counts).toEqual(base.counts);
          expect(moved.forShare ?? 0).toBeCloseTo(base.forShare ?? 0, 12);
          expect(renameBack(moved.byCollege, names)).toEqual(base.byCollege);
        },
      ),
    );
  });

  it("property: consent — one college at 100 % is the unweighted result; renaming and reordering change nothing", () => {
    fc.assert(
      fc.property(fc.array(consentChoice, { maxLength: 100 }), (choices) => {
        const { counts, adopted, blocked } = tallyConsentByCollege({ all: choices }, { all: 100 });
        expect({ counts, adopted, blocked }).toEqual(tallyConsent(choices));
      }),
    );
    fc.assert(
      fc.property(byCollegeArb(consentChoice), weightsArb, renamingArb, fc.nat(), (ballots, weights, names, seed) => {
        const base = tallyConsentByCollege(ballots, weights);
        const moved = tallyConsentByCollege(transform(ballots, names, seed), renameWeights(weights, names));
        expect({ ...moved, byCollege: renameBack(moved.byCollege, names) }).toEqual(base);
      }),
    );
  });

  it("property: approval — one college at 100 % is the unweighted result; renaming and reordering change nothing", () => {
    fc.assert(
      fc.property(fc.array(fc.subarray(options), { maxLength: 100 }), (ballots) => {
        const { approvals, winners, tie } = tallyApprovalByCollege(options, { all: ballots }, { all: 100 });
        expect({ approvals, winners, tie }).toEqual(tallyApproval(options, ballots));
      }),
    );
    fc.assert(
      fc.property(byCollegeArb(fc.subarray(options)), weightsArb, renamingArb, fc.nat(), (ballots, weights, names, seed) => {
        const base = tallyApprovalByCollege(options, ballots, weights);
        const moved = tallyApprovalByCollege(options, transform(ballots, names, seed), renameWeights(weights, names));
        expect(moved.winners).toEqual(base.winners);
        expect(moved.tie).toBe(base.tie);
        for (const option of options) expect(moved.approvals[option]).toBeCloseTo(base.approvals[option]!, 9);
        expect(renameBack(moved.byCollege, names)).toEqual(base.byCollege);
      }),
    );
  });

  it("property: majority judgment — one college at 100 % is the unweighted result; renaming and reordering change nothing", () => {
    fc.assert(
      fc.property(fc.array(mjBallot, { maxLength: 100 }), (ballots) => {
        const { counts, majorityGrades, ranking, winners } = tallyMajorityJudgmentByCollege(
          options,
          { all: ballots },
          { all: 100 },
        );
        expect({ counts, majorityGrades, ranking, winners }).toEqual(tallyMajorityJudgment(options, ballots));
      }),
    );
    fc.assert(
      fc.property(byCollegeArb(mjBallot), weightsArb, renamingArb, fc.nat(), (ballots, weights, names, seed) => {
        const base = tallyMajorityJudgmentByCollege(options, ballots, weights);
        const moved = tallyMajorityJudgmentByCollege(options, transform(ballots, names, seed), renameWeights(weights, names));
        expect(moved.ranking).toEqual(base.ranking);
        expect(moved.winners).toEqual(base.winners);
        expect(moved.majorityGrades).toEqual(base.majorityGrades);
        expect(renameBack(moved.byCollege, names)).toEqual(base.byCollege);
      }),
    );
  });

  it("property: the majority value compares as the textbook procedure (remove one median grade at a time)", () => {
    /** Balinski & Laraki's definition, literally: an independent oracle for compareMajorityValue. */
    function textbook(a: number[], b: number[]): number {
      const left = [...a];
      const right = [...b];
      for (;;) {
        const ga = majorityGrade(left);
        const gb = majorityGrade(right);
        if (ga === null || gb === null) return 0;
        if (ga !== gb) return ga - gb;
        left[ga]!--;
        right[gb]!--;
      }
    }
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: grade, b: grade }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 5 }),
        (ballots, k) => {
          const { counts } = tallyMajorityJudgment(["a", "b"], ballots);
          const expected = Math.sign(textbook(counts.a!, counts.b!));
          expect(Math.sign(compareMajorityValue(counts.a!, counts.b!))).toBe(expected);
          // Counting every ballot k times (what a college of weight 100 does) never changes the order.
          const times = (row: number[]) => row.map((n) => n * k);
          expect(Math.sign(textbook(times(counts.a!), times(counts.b!)))).toBe(expected);
          expect(Math.sign(compareMajorityValue(times(counts.a!), times(counts.b!)))).toBe(expected);
        },
      ),
    );
  });

  it("property: an unweighted vote through tallyVote is the unweighted rule on all ballots, however they are grouped", () => {
    fc.assert(
      fc.property(byCollegeArb(mjBallot), (ballots) => {
        const all = Object.values(ballots).flat();
        const counted = {
          method: "MAJORITY_JUDGMENT" as const,
          colleges: Object.fromEntries(
            Object.entries(ballots).map(([college, list]) => [
              college,
              { voters: list.length, counts: tallyMajorityJudgment(options, list).counts },
            ]),
          ),
        };
        const { result, adopted } = tallyVote({ options, weights: null, counted });
        const expected = tallyMajorityJudgment(options, all);
        expect(result).toMatchObject({
          counts: expected.counts,
          majorityGrades: expected.majorityGrades,
          ranking: expected.ranking,
          winners: expected.winners,
        });
        expect(adopted).toBe(expected.winners.length === 1);
      }),
    );
  });

  it("regression: the unit test's own ballots elect 'a' through the closing path too (it reported a tie → REJECTED)", () => {
    const ballots: Record<string, Grade>[] = [
      { a: "good", b: "good" },
      { a: "good", b: "excellent" },
      { a: "veryGood", b: "good" },
      { a: "fair", b: "passable" },
    ];
    expect(tallyMajorityJudgment(["a", "b"], ballots).winners).toEqual(["a"]);
    // What closing an unweighted vote computes: one college "ALL" at 100 %.
    expect(tallyMajorityJudgmentByCollege(["a", "b"], { ALL: ballots }, { ALL: 100 }).winners).toEqual(["a"]);
    const counts = tallyMajorityJudgment(["a", "b"], ballots).counts;
    const closing = tallyVote({
      options: ["a", "b"],
      weights: null,
      counted: { method: "MAJORITY_JUDGMENT", colleges: { ALL: { voters: 4, counts } } },
    });
    expect(closing).toMatchObject({ adopted: true, result: { winners: ["a"], ranking: [["a"], ["b"]] } });
  });
});

function thresholdCounted(byCollege: Record<string, readonly Choice[]>) {
  return {
    method: "THRESHOLD" as const,
    colleges: Object.fromEntries(Object.entries(byCollege).map(([college, choices]) => [college, countChoices(choices)])),
  };
}

describe("results pages and closing: one function", () => {
  const options = ["a", "b", "c"];
  const ballotsArb = <T>(ballot: fc.Arbitrary<T>) =>
    fc.array(fc.record({ college: fc.constantFrom("PUBLIC", "RESEARCH", "CIVIL_SOCIETY"), choice: ballot }), {
      maxLength: 40,
    });
  const weightsArb = fc.record({ PUBLIC: fc.nat(50), RESEARCH: fc.nat(50), CIVIL_SOCIETY: fc.nat(50) });
  const byCollege = <T>(rows: { college: string; choice: T }[]) => {
    const out: Record<string, T[]> = {};
    for (const row of rows) (out[row.college] ??= []).push(row.choice);
    return out;
  };
  const rules = (method: VotingMethod, weights: Record<string, number> | null) => ({
    method,
    threshold: "twoThirds",
    weighted: weights !== null,
    collegeWeights: weights,
    options: options.map((id) => ({ id })),
  });

  it("property: the live standing of a results page is the weighted tally of the same ballots, for the four methods", () => {
    fc.assert(
      fc.property(
        ballotsArb(fc.record({ a: grade, b: grade, c: grade })),
        ballotsArb(fc.subarray(options)),
        ballotsArb(choice),
        ballotsArb(fc.constantFrom<ConsentChoice>("agree", "object", "block")),
        fc.option(weightsArb, { nil: null }),
        (mj, approval, threshold, consent, weights) => {
          const w = weights ?? { ALL: 100 };
          const all = <T>(rows: { college: string; choice: T }[]) =>
            weights ? byCollege(rows) : rows.length ? { ALL: rows.map((r) => r.choice) } : {};
          const mjView = countBallotChoices(mj.map(({ college, choice }) => ({ college, choice: { grades: choice } })));
          expect(standingOf(rules("MAJORITY_JUDGMENT", weights), mjView).result).toMatchObject({
            winners: tallyMajorityJudgmentByCollege(options, all(mj), w).winners,
            ranking: tallyMajorityJudgmentByCollege(options, all(mj), w).ranking,
          });
          const apView = countBallotChoices(approval.map(({ college, choice }) => ({ college, choice: { approve: choice } })));
          expect(standingOf(rules("APPROVAL", weights), apView).result).toMatchObject({
            winners: tallyApprovalByCollege(options, all(approval), w).winners,
          });
          const thView = countBallotChoices(threshold.map(({ college, choice }) => ({ college, choice: { choice } })));
          expect(standingOf(rules("THRESHOLD", weights), thView).adopted).toBe(
            tallyThresholdByCollege(all(threshold), w, "twoThirds").adopted,
          );
          const coView = countBallotChoices(consent.map(({ college, choice }) => ({ college, choice: { choice } })));
          expect(standingOf(rules("CONSENT", weights), coView).adopted).toBe(tallyConsentByCollege(all(consent), w).adopted);
        },
      ),
    );
  });

  it("regression: the results page and the close agree on the unit test's ballots", () => {
    const ballots = [
      { a: "good", b: "good" },
      { a: "good", b: "excellent" },
      { a: "veryGood", b: "good" },
      { a: "fair", b: "passable" },
    ].map((grades, i) => ({ college: i % 2 ? "PUBLIC" : "RESEARCH", choice: { grades } }));
    const standing = standingOf(
      { ...rules("MAJORITY_JUDGMENT", null), options: [{ id: "a" }, { id: "b" }] },
      countBallotChoices(ballots),
    );
    expect(standing).toMatchObject({ adopted: true, result: { winners: ["a"] } });
  });
});

describe("consent across colleges", () => {
  it("keeps a block a veto whatever its college's weight, as before colleges were combined by one rule", () => {
    expect(
      tallyConsentByCollege({ PUBLIC: ["block"], CIVIL_SOCIETY: ["agree", "agree"] }, { PUBLIC: 0, CIVIL_SOCIETY: 100 }),
    ).toMatchObject({
      adopted: false,
      blocked: true,
      counts: { agree: 2, object: 0, block: 1 },
    });
    expect(tallyConsentByCollege({ PUBLIC: ["object"], CIVIL_SOCIETY: [] }, { PUBLIC: 10, CIVIL_SOCIETY: 90 })).toMatchObject({
      adopted: true,
    });
  });
});
