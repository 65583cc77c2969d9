import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { meetsThreshold, tallyThreshold, tallyThresholdByCollege, type Choice } from "@/lib/votes/tally/threshold";
import { tallyConsent } from "@/lib/votes/tally/consent";
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
    // Both at "passable" with half the weight above it: the colleges' weights turn b's win into a tie.
    expect(weighted.ranking).toEqual([["a", "b"]]);
    const publicHeavier = tallyMajorityJudgmentByCollege(["a", "b"], ballotsByCollege, { PUBLIC: 60, CIVIL_SOCIETY: 40 });
    expect(publicHeavier.winners).toEqual(["a"]);
  });
});
