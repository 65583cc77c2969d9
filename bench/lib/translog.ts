/**
 * The governance log at a million entries (issue 17): appending and answering an inclusion proof
 * must cost the same at 2^20 entries as on a small log, since both read O(log n) stored subtrees.
 * Measured on the bench's own database, last (it grows the log): first on the log as the fixture
 * left it, then after filling it to 2^20 entries in PostgreSQL (real RFC 9162 leaves and every
 * complete subtree, hashed by sha256() level by level), each as a median of timed appends and proofs.
 */
import type pg from "pg";
import { fmt, type Row } from "./report";
import type { Db } from "@/lib/db/client";
import { appendToLog, inclusionProofAt, readHead, readNodes } from "@/lib/translog/log";
import { Frontier, frontierNodes } from "@/lib/translog/merkle";

export const LOG_BENCH_SIZE = 2 ** 20;
const SAMPLES = 60;

export type LogBench = {
  smallSize: number;
  largeSize: number;
  appendSmallMs: number;
  appendLargeMs: number;
  proofSmallMs: number;
  proofLargeMs: number;
  fillSeconds: number;
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;

async function timeAppends(db: Db): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES + 10; i++) {
    const t = performance.now();
    await db.$transaction((tx) => appendToLog(tx, { kind: "charter.version", communityId: null, payload: { bench: i } }));
    if (i >= 10) times.push(performance.now() - t);
  }
  return median(times);
}

async function timeProofs(db: Db): Promise<number> {
  const { size } = await readHead(db);
  const times: number[] = [];
  for (let i = 0; i < SAMPLES + 10; i++) {
    const index = Math.floor((((i * 7919) % 1000) / 1000) * size);
    const t = performance.now();
    await inclusionProofAt(db, index, size);
    if (i >= 10) times.push(performance.now() - t);
  }
  return median(times);
}

/** Fills the log to `target` entries in SQL: leaves, then each level of complete subtrees, then the head. */
async function fill(db: Db, pool: pg.Pool, target: number) {
  const { size } = await readHead(db);
  await pool.query(
    `INSERT INTO "LogEntry" ("index", "communityId", "kind", "payload", "leafHash")
     SELECT i, NULL, 'bench.filler', '{"bench":' || i || '}', sha256('\\x00'::bytea || convert_to('{"bench":' || i || '}', 'UTF8'))
     FROM generate_series($1::bigint, $2::bigint - 1) AS i`,
    [size, target],
  );
  await pool.query(
    `INSERT INTO "LogNode" ("level", "index", "hash") SELECT 0, "index", "leafHash" FROM "LogEntry" WHERE "index" >= $1`,
    [size],
  );
  for (let level = 1; 2 ** level <= target; level++) {
    await pool.query(
      `INSERT INTO "LogNode" ("level", "index", "hash")
       SELECT $1, a."index" / 2, sha256('\\x01'::bytea || a."hash" || b."hash")
       FROM "LogNode" a JOIN "LogNode" b ON b."level" = a."level" AND b."index" = a."index" + 1
       WHERE a."level" = $1 - 1 AND a."index" % 2 = 0
       ON CONFLICT DO NOTHING`,
      [level],
    );
  }
  const ids = frontierNodes(target);
  const nodes = await readNodes(db, ids);
  const root = Frontier.of(
    target,
    ids.map(({ level, index }) => nodes.get(`${level}:${index}`)!),
  ).root();
  await pool.query(`UPDATE "LogState" SET "size" = $1, "root" = $2 WHERE "id" = 1`, [target, Buffer.from(root)]);
}

export async function measureLog(db: Db, pool: pg.Pool, log: (line: string) => void): Promise<LogBench> {
  const smallSize = (await readHead(db)).size;
  const appendSmallMs = await timeAppends(db);
  const proofSmallMs = await timeProofs(db);
  log(
    `log at ${smallSize} entries: append ${appendSmallMs.toFixed(2)} ms, inclusion proof ${proofSmallMs.toFixed(2)} ms; filling to ${LOG_BENCH_SIZE}…`,
  );
  const t = performance.now();
  await fill(db, pool, LOG_BENCH_SIZE);
  const fillSeconds = (performance.now() - t) / 1000;
  const appendLargeMs = await timeAppends(db);
  const proofLargeMs = await timeProofs(db);
  const largeSize = (await readHead(db)).size;
  log(
    `log at ${largeSize} entries (filled in ${fillSeconds.toFixed(0)} s): append ${appendLargeMs.toFixed(2)} ms, inclusion proof ${proofLargeMs.toFixed(2)} ms`,
  );
  return { smallSize, largeSize, appendSmallMs, appendLargeMs, proofSmallMs, proofLargeMs, fillSeconds };
}

/** The table's rows: each cost at 2^20 entries against the small log's, like the scale part (≤ 1.5×). */
export function logRows(bench: LogBench, scaleGrowth: number): Row[] {
  const row = (what: string, small: number, large: number): Row => {
    const growth = large / small;
    return {
      section: "8 log",
      what: `${what}, ${bench.largeSize} entries vs ${bench.smallSize}`,
      measured: `${fmt.ms(small)} → ${fmt.ms(large)} (filled in ${bench.fillSeconds.toFixed(0)} s)`,
      ratio: fmt.times(growth),
      target: `≤ ${scaleGrowth}×`,
      met: Number.isFinite(growth) ? growth <= scaleGrowth : null,
    };
  };
  return [
    row("append (median)", bench.appendSmallMs, bench.appendLargeMs),
    row("inclusion proof (median)", bench.proofSmallMs, bench.proofLargeMs),
  ];
}
