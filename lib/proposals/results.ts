/**
 * Counts as readers see them, one shape for live and stored results: per answer ("for"), per option
 * id (approval) or per "optionId:grade" (majority judgment), overall and per college.
 */
import { grades } from "@/lib/votes/tally/majority-judgment";

export type Counts = Record<string, number>;
export type CountsView = { overall: Counts; byCollege: Record<string, Counts> };

/**
 * Raw counts from ballots' choices, grouped by college when given. A row may stand for `count`
 * identical ballots (a SQL GROUP BY), so pages never load every ballot.
 */
export function countChoices(ballots: { college?: string; choice: unknown; count?: number }[]): CountsView {
  const overall: Counts = {};
  const byCollege: Record<string, Counts> = {};
  const add = (college: string | undefined, key: string, n: number) => {
    overall[key] = (overall[key] ?? 0) + n;
    if (!college) return;
    const counts = (byCollege[college] ??= {});
    counts[key] = (counts[key] ?? 0) + n;
  };
  for (const { college, choice, count = 1 } of ballots) {
    const value = (choice ?? {}) as { choice?: string; approve?: string[]; grades?: Record<string, string> };
    if (typeof value.choice === "string") add(college, value.choice, count);
    for (const id of value.approve ?? []) add(college, id, count);
    for (const [id, grade] of Object.entries(value.grades ?? {})) add(college, `${id}:${grade}`, count);
  }
  return { overall, byCollege };
}

/** Per-college counts from a stored decision's result (the tally functions' byCollege). */
export function collegeCountsOf(result: unknown): Record<string, Counts> {
  const byCollege = (result as { byCollege?: Record<string, unknown> } | null)?.byCollege ?? {};
  const out: Record<string, Counts> = {};
  for (const [college, tally] of Object.entries(byCollege)) {
    const t = tally as { counts?: Record<string, unknown>; approvals?: Record<string, number> };
    const counts: Counts = {};
    for (const [key, value] of Object.entries(t.approvals ?? t.counts ?? {})) {
      if (typeof value === "number") counts[key] = value;
      else if (Array.isArray(value))
        value.forEach((n, grade) => {
          if (typeof n === "number" && n > 0) counts[`${key}:${grades[grade] ?? grade}`] = n;
        });
    }
    out[college] = counts;
  }
  return out;
}
