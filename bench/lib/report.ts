/** The benchmark's one table, printed and written as JSON. */
import type { LoadResult } from "./load";

export type Row = {
  section: string;
  what: string;
  /** Measured value(s), already formatted. */
  measured: string;
  /** Ratio(s) to the floor, formatted. */
  ratio: string;
  target: string;
  /** true met, false missed, null no target or not measurable. */
  met: boolean | null;
};

export const fmt = {
  rps: (n: number) => (Number.isFinite(n) ? `${n >= 100 ? n.toFixed(0) : n.toFixed(1)}/s` : "–"),
  ms: (n: number) => (Number.isFinite(n) ? `${n >= 100 ? n.toFixed(0) : n.toFixed(1)} ms` : "–"),
  ratio: (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "–"),
  times: (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : "–"),
};

export function describeLoad(result: LoadResult, percentiles: ("p50" | "p95" | "p99")[]): string {
  const failures = Object.entries(result.statuses)
    .map(([status, n]) => `${n}×${status}`)
    .concat(result.errors ? [`${result.errors} errors`] : []);
  return [fmt.rps(result.rps), ...percentiles.map((p) => `${p} ${fmt.ms(result[p])}`)]
    .concat(failures.length ? [`FAILED ${failures.join(", ")}`] : [])
    .join(", ");
}

export function printTable(rows: Row[], write: (line: string) => void) {
  const headers = ["Section", "Measure", "Measured", "Ratio to floor", "Target", "Met"];
  const cells = rows.map((r) => [r.section, r.what, r.measured, r.ratio, r.target, r.met === null ? "–" : r.met ? "yes" : "NO"]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i]!)).join(" | ")} |`;
  write(line(headers));
  write(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const c of cells) write(line(c));
}
