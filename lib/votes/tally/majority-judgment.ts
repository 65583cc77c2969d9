/**
 * Majority judgment (Balinski & Laraki): every voter grades every option; an option's majority
 * grade is its lower median grade; ties between equal majority grades are broken by the majority
 * value: remove one median grade from each tied option and compare again, and so on. An option a
 * voter left ungraded counts as "À rejeter" (the lowest grade), as is customary. Colleges are
 * combined by the rule of ./index.ts: the majority value of the virtual electorate.
 */
import { reportedScale, virtualElectorate, type CollegeWeights } from "./colleges";

/** From worst to best. */
export const grades = ["reject", "insufficient", "passable", "fair", "good", "veryGood", "excellent"] as const;
export type Grade = (typeof grades)[number];
export const gradeIndex = Object.fromEntries(grades.map((grade, index) => [grade, index])) as Record<Grade, number>;

export type GradeCounts = number[]; // length grades.length, index = grade

/** Lower median of a distribution given as counts per grade (the ceil(n/2)-th grade from the bottom). */
export function majorityGrade(counts: readonly (number | bigint)[]): number | null {
  const total = counts.reduce<bigint>((a, b) => a + BigInt(b), 0n);
  if (total === 0n) return null;
  return gradeAt(counts.map(BigInt), (total + 1n) / 2n);
}

/** The grade of the voter at `position` (1-based) when the ballots are sorted from worst to best. */
function gradeAt(counts: readonly bigint[], position: bigint): number {
  let cumulative = 0n;
  for (let grade = 0; grade < counts.length; grade++) {
    cumulative += counts[grade]!;
    if (cumulative >= position) return grade;
  }
  return counts.length - 1;
}

/**
 * > 0 when `a` ranks above `b` by majority value, < 0 below, 0 for a perfect tie; both count the same
 * ballots (every voter grades every option). Removing median grades one at a time visits the sorted
 * ballots from the middle outwards: position p comes before q when |2p − (n+1)| < |2q − (n+1)|, the
 * lower one first at equal distance. So the first removal where the two options differ is the
 * position closest to the middle where their sorted grades differ, found here in one pass over the
 * grade boundaries instead of n removals (the virtual electorate can hold 10^20 ballots).
 */
export function compareMajorityValue(a: readonly (number | bigint)[], b: readonly (number | bigint)[]): number {
  const left = a.map(BigInt);
  const right = b.map(BigInt);
  const total = left.reduce((x, y) => x + y, 0n);
  if (total !== right.reduce((x, y) => x + y, 0n)) throw new Error("majority value compares options graded by the same ballots");
  if (total === 0n) return 0;
  // Sorted positions where either option changes grade: between two of them both grades are constant.
  const bounds = new Set<bigint>([0n]);
  for (const counts of [left, right]) {
    let cumulative = 0n;
    for (const n of counts) bounds.add((cumulative += n));
  }
  const sorted = [...bounds].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const distance = (p: bigint) => {
    const d = 2n * p - (total + 1n);
    return { d: d < 0n ? -d : d, upper: d > 0n };
  };
  const closer = (p: bigint, q: bigint) => {
    const dp = distance(p);
    const dq = distance(q);
    return dp.d < dq.d || (dp.d === dq.d && !dp.upper && dq.upper);
  };
  const middle = (total + 1n) / 2n; // the first position removed
  let best: bigint | null = null;
  for (let i = 0; i + 1 < sorted.length; i++) {
    const low = sorted[i]! + 1n;
    const high = sorted[i + 1]!;
    if (low > high || gradeAt(left, low) === gradeAt(right, low)) continue;
    const clamp = (p: bigint) => (p < low ? low : p > high ? high : p);
    const candidate = closer(clamp(middle), clamp(middle + 1n)) ? clamp(middle) : clamp(middle + 1n);
    if (best === null || closer(candidate, best)) best = candidate;
  }
  return best === null ? 0 : gradeAt(left, best) - gradeAt(right, best);
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

/** Majority grades and ranking of options graded by the same (possibly virtual) ballots. */
function judge(options: readonly string[], counts: Record<string, readonly bigint[]>) {
  const any = options.some((option) => counts[option]!.some((n) => n > 0n));
  const majorityGrades = Object.fromEntries(options.map((option) => [option, any ? majorityGrade(counts[option]!) : null]));
  const ranking = any ? rank(options, (a, b) => compareMajorityValue(counts[a]!, counts[b]!)) : [];
  return { majorityGrades, ranking, winners: ranking[0] ?? [] };
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
  if (voters === 0)
    return { counts, majorityGrades: Object.fromEntries(options.map((o) => [o, null])), ranking: [], winners: [] };
  return { counts, ...judge(options, Object.fromEntries(options.map((o) => [o, counts[o]!.map(BigInt)]))) };
}

/** Weighted (see ./index.ts); `counts` are reported in ballots, each college holding its weight's share. */
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
  const { factors } = virtualElectorate(weights, voters);
  const scale = reportedScale(weights, voters);
  const virtual = Object.fromEntries(options.map((option) => [option, grades.map(() => 0n)]));
  const counts = Object.fromEntries(options.map((option) => [option, grades.map(() => 0)])) as Record<string, GradeCounts>;
  for (const [college, factor] of Object.entries(factors)) {
    for (const option of options) {
      byCollege[college]!.counts[option]!.forEach((n, grade) => {
        virtual[option]![grade]! += factor * BigInt(n);
        counts[option]![grade]! += scale[college]! * n;
      });
    }
  }
  return { counts, ...judge(options, virtual), byCollege };
}
