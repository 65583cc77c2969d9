/**
 * Majority judgment (Balinski & Laraki): every voter grades every option; an option's majority
 * grade is its lower median grade; ties between equal majority grades are broken by the majority
 * value: remove one median grade from each tied option and compare again, and so on. An option a
 * voter left ungraded counts as "À rejeter" (the lowest grade), as is customary.
 */
import { effectiveWeights, type CollegeWeights } from "./colleges";

/** From worst to best. */
export const grades = ["reject", "insufficient", "passable", "fair", "good", "veryGood", "excellent"] as const;
export type Grade = (typeof grades)[number];
export const gradeIndex = Object.fromEntries(grades.map((grade, index) => [grade, index])) as Record<Grade, number>;

export type GradeCounts = number[]; // length grades.length, index = grade

/** Lower median of a distribution given as counts per grade (the ceil(n/2)-th grade from the bottom). */
export function majorityGrade(counts: GradeCounts): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const position = Math.ceil(total / 2);
  let cumulative = 0;
  for (let grade = 0; grade < counts.length; grade++) {
    cumulative += counts[grade]!;
    if (cumulative >= position) return grade;
  }
  return null;
}

/** > 0 when `a` ranks above `b` by majority value, < 0 below, 0 for a perfect tie. */
export function compareMajorityValue(a: GradeCounts, b: GradeCounts): number {
  const left = [...a];
  const right = [...b];
  for (;;) {
    const ga = majorityGrade(left);
    const gb = majorityGrade(right);
    if (ga === null || gb === null) return ga === gb ? 0 : ga === null ? -1 : 1;
    if (ga !== gb) return ga - gb;
    left[ga]!--;
    right[gb]!--;
  }
}

export type MajorityJudgmentResult = {
  counts: Record<string, GradeCounts>;
  majorityGrades: Record<string, number | null>;
  /** Options from best to worst; options in the same inner array are perfectly tied. */
  ranking: string[][];
  winners: string[];
};

function rank(options: readonly string[], compare: (a: string, b: string) => number): string[][] {
  const sorted = [...options].sort((a, b) => compare(b, a) || a.localeCompare(b));
  const ranking: string[][] = [];
  for (const option of sorted) {
    const last = ranking[ranking.length - 1];
    if (last && compare(last[0]!, option) === 0) last.push(option);
    else ranking.push([option]);
  }
  return ranking;
}

export function tallyMajorityJudgment(
  options: readonly string[],
  ballots: readonly Record<string, Grade | undefined>[],
): MajorityJudgmentResult {
  const counts = Object.fromEntries(options.map((option) => [option, grades.map(() => 0)])) as Record<string, GradeCounts>;
  for (const ballot of ballots) {
    for (const option of options) counts[option]![gradeIndex[ballot[option] ?? "reject"]]!++;
  }
  return tallyMajorityJudgmentCounts(options, { voters: ballots.length, counts });
}

/**
 * One college's voters and, per option, how many gave each grade (what a GROUP BY returns). A voter
 * who left an option ungraded is missing from its counts: they are added as "reject" here.
 */
export type MajorityJudgmentCounts = { voters: number; counts: Record<string, GradeCounts> };

export function tallyMajorityJudgmentCounts(
  options: readonly string[],
  { voters, counts: given }: MajorityJudgmentCounts,
): MajorityJudgmentResult {
  const counts = Object.fromEntries(
    options.map((option) => {
      const row = grades.map((_, grade) => given[option]?.[grade] ?? 0);
      row[0]! += Math.max(0, voters - row.reduce((a, b) => a + b, 0));
      return [option, row];
    }),
  ) as Record<string, GradeCounts>;
  const majorityGrades = Object.fromEntries(options.map((option) => [option, majorityGrade(counts[option]!)]));
  const ranking = voters === 0 ? [] : rank(options, (a, b) => compareMajorityValue(counts[a]!, counts[b]!));
  return { counts, majorityGrades, ranking, winners: ranking[0] ?? [] };
}

/**
 * Weighted across colleges: each college's grade distribution, as shares of its voters, scaled by
 * its effective weight. Grades are then compared by the majority gauge (Balinski & Laraki): same
 * majority grade α → the option whose larger side is above α wins over one whose larger side is
 * below; among "above", the larger share above wins; among "below", the smaller share below wins.
 */
export function tallyMajorityJudgmentByCollege(
  options: readonly string[],
  ballotsByCollege: Record<string, readonly Record<string, Grade | undefined>[]>,
  weights: CollegeWeights,
): MajorityJudgmentResult & { byCollege: Record<string, MajorityJudgmentResult> } {
  return tallyMajorityJudgmentByCollegeCounts(
    options,
    Object.fromEntries(
      Object.entries(ballotsByCollege).map(([college, ballots]) => [
        college,
        { voters: ballots.length, counts: tallyMajorityJudgment(options, ballots).counts },
      ]),
    ),
    weights,
  );
}

/** The same from each college's counts. */
export function tallyMajorityJudgmentByCollegeCounts(
  options: readonly string[],
  countsByCollege: Record<string, MajorityJudgmentCounts>,
  weights: CollegeWeights,
): MajorityJudgmentResult & { byCollege: Record<string, MajorityJudgmentResult> } {
  const byCollege = Object.fromEntries(
    Object.entries(countsByCollege).map(([college, counts]) => [college, tallyMajorityJudgmentCounts(options, counts)]),
  );
  const voters = Object.fromEntries(Object.entries(countsByCollege).map(([college, counts]) => [college, counts.voters]));
  const effective = effectiveWeights(weights, voters);
  const shares = Object.fromEntries(options.map((option) => [option, grades.map(() => 0)])) as Record<string, GradeCounts>;
  for (const [college, weight] of Object.entries(effective)) {
    for (const option of options) {
      byCollege[college]!.counts[option]!.forEach(
        (count, grade) => (shares[option]![grade]! += (weight * count) / voters[college]!),
      );
    }
  }
  const epsilon = 1e-9;
  const gauge = (distribution: GradeCounts) => {
    // Majority grade on shares: the lowest grade where the cumulative share reaches one half.
    let cumulative = 0;
    let grade = 0;
    for (; grade < distribution.length; grade++) {
      cumulative += distribution[grade]!;
      if (cumulative >= 0.5 - epsilon) break;
    }
    const below = distribution.slice(0, grade).reduce((a, b) => a + b, 0);
    const above = distribution.slice(grade + 1).reduce((a, b) => a + b, 0);
    return { grade, above, below };
  };
  const compare = (a: string, b: string) => {
    const ga = gauge(shares[a]!);
    const gb = gauge(shares[b]!);
    if (ga.grade !== gb.grade) return ga.grade - gb.grade;
    const sideA = ga.above > ga.below + epsilon ? 1 : -1;
    const sideB = gb.above > gb.below + epsilon ? 1 : -1;
    if (sideA !== sideB) return sideA - sideB;
    const diff = sideA > 0 ? ga.above - gb.above : gb.below - ga.below;
    return Math.abs(diff) < epsilon ? 0 : diff;
  };
  const any = Object.keys(effective).length > 0;
  const ranking = any ? rank(options, compare) : [];
  const majorityGrades = Object.fromEntries(options.map((option) => [option, any ? gauge(shares[option]!).grade : null]));
  return { counts: shares, majorityGrades, ranking, winners: ranking[0] ?? [], byCollege };
}
