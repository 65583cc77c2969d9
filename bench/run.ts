/**
 * `npm run bench`: the platform measured against floors taken in the same run, on the production
 * build and a database of its own. Prints one table (also bench/results/bench-<time>.json).
 *
 *   BENCH_SECONDS      seconds per measurement (default 5)
 *   BENCH_PORT         first of the ports used (default 4810: app, app behind the statement counter, embedded DB +9)
 *   BENCH_DATABASE_URL an EMPTY database to use instead of a temporary embedded PostgreSQL (never the dev one)
 *   BENCH_BUILD        1 rebuilds, 0 uses .next as it is; default: rebuild when a source is newer than the build
 *   BENCH_SCALE        e.g. 0.05 shrinks the full scale, to try the benchmark itself quickly (default 1)
 *   BENCH_ONLY         comma-separated parts to run (default all): ballots, pages, statements, live, lighthouse, full, close, log
 *                      (e.g. BENCH_ONLY=ballots,statements measures the ballot path at the small scale only)
 *   BENCH_LIVE_CLIENTS Server-Sent-Events clients of the live measurement (default 1000)
 *   BENCH_NATIONAL_FACTOR e.g. 0.01 shrinks the national scale (part `national`, default 1: 50 000 members,
 *                      30 000 proposals, 5 000 000 ballots, 1 000 000 contributions)
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/lib/db/client";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";
import { closeProposal, closeProposalIn } from "@/lib/proposals/close-proposal";
import { httpLoad, pgLoad, type LoadResult } from "./lib/load";
import { measureLive, type LiveResult } from "./lib/live";
import { describeLoad, fmt, printTable, type Row } from "./lib/report";
import { benchServerMemoryEnv, ensureBuild, residentMemory, startServer, type AppServer } from "./lib/server";
import { startStatementCounter } from "./lib/statement-counter";
import { seedBulk, seedCloseFixture, seedSmall, CLOSE_VOTERS, FULL_MEMBERS, type Fixture } from "./lib/seed";
import { logRows, measureLog } from "./lib/translog";
import { lighthouseRows, measureLighthouse, newcomerPages, type LighthouseResult } from "./lib/lighthouse";
import { NATIONAL, seedNational, type NationalResult } from "./lib/national-seed";

const root = process.cwd();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 4810);
const CONCURRENCY = [1, 16, 64] as const;
const PAGE_CONNECTIONS = 8;
const resultsDir = path.join(root, "bench/results");
const PARTS = ["ballots", "pages", "statements", "live", "lighthouse", "full", "national", "close", "log"] as const;
const only = new Set((process.env.BENCH_ONLY ?? PARTS.join(",")).split(",").map((p) => p.trim()));
for (const part of only) if (!(PARTS as readonly string[]).includes(part)) throw new Error(`BENCH_ONLY: unknown part ${part}`);
const runs = (part: (typeof PARTS)[number]) => only.has(part);
const LIVE_CLIENTS = Number(process.env.BENCH_LIVE_CLIENTS ?? 1000);
const started = Date.now();

const log = (line: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

type Scale = "small" | "full" | "national";
type PageTarget = { key: string; label: string; path: string; floor: "page" | "route"; present: boolean };

type BallotRun = { connections: number; framework: LoadResult; ballot: LoadResult; database: LoadResult };
type PageRun = {
  key: string;
  label: string;
  path: string;
  present: boolean;
  floor: "page" | "route";
  /** Items in the response (API only: its data array). */
  items?: number;
  result?: LoadResult;
  /** The floor measured just before this page (pairs absorb bursts of load from other processes). */
  floorResult?: LoadResult;
};
type PhaseResult = {
  scale: Scale;
  ballots: BallotRun[];
  pages: PageRun[];
  queries: Record<string, { median: number; data: number; runs: number[]; statements: string[] } | null>;
  /** Resident memory of the server after the ballot and page loads, and its peak during them. */
  memory: { processMiB: number; treeMiB: number; peakMiB: number };
  live?: LiveResult;
};

async function databaseFor(): Promise<{ url: string; stop: () => Promise<void>; embedded: boolean }> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, stop: async () => {}, embedded: false };
  const dir = mkdtempSync(path.join(os.tmpdir(), "gc-bench-pg-"));
  const database: EmbeddedDatabase = await startEmbeddedDatabase({
    dataDir: path.join(dir, "data"),
    port: PORT + 9,
    database: "bench",
    persistent: false,
  });
  return {
    url: database.url,
    embedded: true,
    stop: async () => {
      await database.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function pageTargets(server: AppServer, fixture: Fixture, ids: { live: string; closed: string }, cookie: string) {
  const targets: PageTarget[] = [
    { key: "home", label: "community home", path: `/communities/${fixture.slug}`, floor: "page", present: true },
    { key: "proposals", label: "proposals list", path: `/communities/${fixture.slug}/proposals`, floor: "page", present: true },
    { key: "live", label: "proposal, live tally", path: `/proposals/${ids.live}`, floor: "page", present: true },
    { key: "results", label: "proposal results", path: `/proposals/${ids.closed}`, floor: "page", present: true },
    { key: "catalogue", label: "commons catalogue", path: "/catalogue", floor: "page", present: true },
    {
      key: "map",
      label: "map data (API)",
      // The same page size at both scales (issue 15: compare equal pages, not 100 items with 10).
      path: "/api/v1/commons?bbox=-5.5,41,10,51.5&limit=10",
      floor: "route",
      present: true,
    },
  ];
  for (const target of targets) {
    const response = await fetch(server.url + target.path, { headers: { cookie }, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status === 404) target.present = false;
    else if (response.status !== 200) throw new Error(`${target.path} answered ${response.status}`);
  }
  return targets;
}

async function warm(url: string, headers: Record<string, string>, method: "GET" | "PUT" = "GET", body?: string) {
  for (let i = 0; i < 10; i++) {
    const response = await fetch(url, { method, headers, body });
    await response.arrayBuffer();
  }
}

async function phase(
  scale: Scale,
  server: AppServer,
  databaseUrl: string,
  authSecret: string,
  fixture: Fixture,
  ids: { live: string; closed: string },
): Promise<PhaseResult> {
  log(`— ${scale} scale —`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const { rows: colleges } = await pool.query<{ userId: string; college: string }>(
    `SELECT "userId", "college"::text FROM "ElectorMember" WHERE "proposalId" = $1 AND "userId" = ANY($2)`,
    [ids.live, fixture.voterIds],
  );
  await pool.end();
  const collegeOf = new Map(colleges.map((row) => [row.userId, row.college]));
  const voters = fixture.voterIds.map((id, i) => ({ id, token: fixture.tokens[i]!, college: collegeOf.get(id)! }));
  if (voters.some((v) => !v.college)) throw new Error("a token holder is not an elector of the live proposal");

  // The server's resident memory is sampled through the ballot and page loads: its peak is reported
  // beside the figure after them (a single sample may fall just after or before a collection).
  let peakMiB = 0;
  const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, residentMemory(server.pid).processMiB)), 250);

  // 1. Ballots: framework floor, the real endpoint, database floor, at each concurrency.
  const ballotUrl = `${server.url}/api/v1/proposals/${ids.live}/ballot`;
  const floorUrl = `${server.url}/api/bench/floor`;
  const json = { "content-type": "application/json" };
  let n = 0;
  const nextBallot = () => {
    const voter = voters[n % voters.length]!;
    const choice = (n++ >> 8) % 2 === 0 ? "for" : "against";
    return { headers: { authorization: `Bearer ${voter.token}` }, body: JSON.stringify({ choice }) };
  };
  await warm(floorUrl, { ...json, authorization: `Bearer ${voters[0]!.token}` }, "PUT", '{"choice":"for"}');
  for (let i = 0; i < 10; i++) {
    const { headers, body } = nextBallot();
    const response = await fetch(ballotUrl, { method: "PUT", headers: { ...json, ...headers }, body });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`ballot endpoint answered ${response.status}: ${text}`);
  }
  const upsert = `INSERT INTO "Ballot" ("id", "proposalId", "userId", "college", "choice", "receipt", "castAt", "updatedAt")
    VALUES ($1, $2, $3, $4::"ActorKind", $5::jsonb, $6, $7, $7)
    ON CONFLICT ("proposalId", "userId") DO UPDATE SET "choice" = EXCLUDED."choice", "updatedAt" = EXCLUDED."updatedAt", "withdrawnAt" = NULL
    RETURNING "id", "receipt", (xmax = 0) AS "inserted"`;
  const ballots: BallotRun[] = [];
  for (const connections of runs("ballots") ? CONCURRENCY : []) {
    const framework = await httpLoad({
      url: floorUrl,
      connections,
      seconds: SECONDS,
      method: "PUT",
      headers: json,
      next: nextBallot,
    });
    const ballot = await httpLoad({
      url: ballotUrl,
      connections,
      seconds: SECONDS,
      method: "PUT",
      headers: json,
      next: nextBallot,
    });
    const database = await pgLoad({
      url: databaseUrl,
      connections,
      seconds: SECONDS,
      statement: upsert,
      params: (i) => {
        const voter = voters[i % voters.length]!;
        return [
          randomBytes(12).toString("hex"),
          ids.live,
          voter.id,
          voter.college,
          JSON.stringify({ choice: (i >> 8) % 2 === 0 ? "for" : "against" }),
          randomBytes(10).toString("hex").toUpperCase(),
          new Date(),
        ];
      },
    });
    log(
      `ballots ×${connections}: floor ${fmt.rps(framework.rps)}, endpoint ${describeLoad(ballot, ["p50", "p99"])}, pg ${fmt.rps(database.rps)}`,
    );
    ballots.push({ connections, framework, ballot, database });
  }

  // 2. Pages against the bare page (the API against the bare route handler).
  const cookie = { cookie: fixture.cookie };
  const targets = await pageTargets(server, fixture, ids, fixture.cookie);
  const load = async (p: string) => {
    await warm(server.url + p, cookie);
    return httpLoad({ url: server.url + p, connections: PAGE_CONNECTIONS, seconds: SECONDS, headers: cookie });
  };
  const pages: PageRun[] = [];
  for (const target of runs("pages") ? targets : []) {
    if (!target.present) {
      log(`${target.label}: absent (404)`);
      pages.push({ ...target });
      continue;
    }
    const floorResult = await load(target.floor === "page" ? "/bench/floor" : "/api/bench/floor");
    const result = await load(target.path);
    let items: number | undefined;
    if (target.floor === "route") {
      const body = (await (await fetch(server.url + target.path, { headers: cookie })).json()) as {
        data?: unknown[];
        features?: unknown[];
      };
      items = (body.data ?? body.features)?.length;
    }
    log(`${target.label}: ${describeLoad(result, ["p95"])} (floor ${describeLoad(floorResult, ["p95"])})`);
    pages.push({ ...target, result, floorResult, items });
  }
  clearInterval(sampler);
  const memory = { ...residentMemory(server.pid), peakMiB };

  // 4. Live updates: LIVE_CLIENTS streams on the live proposal, a ballot, the time to reach them all.
  let live: LiveResult | undefined;
  if (runs("live") && scale === "small") {
    live = await measureLive({
      baseUrl: server.url,
      pid: server.pid,
      proposalId: ids.live,
      cookie: fixture.cookie,
      clients: LIVE_CLIENTS,
      rounds: 5,
      castBallot: async (round) => {
        const voter = voters[round % voters.length]!;
        const response = await fetch(ballotUrl, {
          method: "PUT",
          headers: { ...json, authorization: `Bearer ${voter.token}` },
          // Alternating choices: every round changes the figures.
          body: JSON.stringify({ choice: round % 2 === 0 ? "abstain" : "for" }),
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`ballot answered ${response.status}`);
      },
    });
    log(
      `live: ${live.clients} clients, ballot → all updated p50 ${fmt.ms(live.p50)} p95 ${fmt.ms(live.p95)}, ${live.missed} missed, ${live.perConnectionKiB.toFixed(1)} KiB per connection`,
    );
  }

  if (!runs("statements")) return { scale, ballots, pages, queries: {}, memory, live };
  // 5. Statements per request, on a second server whose database connection goes through the counter.
  const target = new URL(databaseUrl);
  const counter = await startStatementCounter({ host: target.hostname, port: Number(target.port || 5432) });
  const proxied = new URL(databaseUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(counter.port);
  const counted = await startServer({
    port: PORT + 1,
    databaseUrl: proxied.toString(),
    authSecret,
    logFile: path.join(resultsDir, "server-counted.log"),
  });
  const queries: PhaseResult["queries"] = {};
  const countOne = async (key: string, request: () => Promise<Response>) => {
    for (let i = 0; i < 2; i++) await (await request()).arrayBuffer();
    const runs: number[] = [];
    const data: number[] = [];
    let statements: string[] = [];
    for (let i = 0; i < 3; i++) {
      counter.takeTexts();
      const before = counter.counts();
      const response = await request();
      await response.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const after = counter.counts();
      runs.push(after.total - before.total);
      data.push(after.data - before.data);
      statements = counter.takeTexts();
    }
    queries[key] = { median: median(runs), data: median(data), runs, statements };
  };
  try {
    const get = (p: string) => () => fetch(counted.url + p, { headers: cookie });
    await countOne("floor-page", get("/bench/floor"));
    for (const page of targets) {
      if (page.present) await countOne(page.key, get(page.path));
      else queries[page.key] = null;
    }
    await countOne("ballot", () => {
      const { headers, body } = nextBallot();
      return fetch(`${counted.url}/api/v1/proposals/${ids.live}/ballot`, {
        method: "PUT",
        headers: { ...json, ...headers },
        body,
      });
    });
  } finally {
    await counted.stop();
    await counter.stop();
  }
  log(
    `statements per request: ${Object.entries(queries)
      .map(([k, v]) => `${k} ${v ? v.median : "absent"}`)
      .join(", ")}`,
  );
  return { scale, ballots, pages, queries, memory, live };
}

type CloseRun = { method: string; ballots: number; floorMs: number; closeMs: number[]; error?: string };

async function measureClose(db: Db, databaseUrl: string, ownerId: string): Promise<CloseRun[]> {
  log(`closing votes of ${CLOSE_VOTERS} ballots: seeding "cloture"…`);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const t0 = performance.now();
  const fixture = await seedCloseFixture(db, pool, ownerId, CLOSE_VOTERS);
  log(`  seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const floors: Record<string, string> = {
    THRESHOLD: `SELECT "college"::text, "choice"->>'choice', count(*)::int FROM "Ballot"
      WHERE "proposalId" = $1 AND "withdrawnAt" IS NULL GROUP BY 1, 2`,
    MAJORITY_JUDGMENT: `SELECT b."college"::text, g.key, g.value, count(*)::int FROM "Ballot" b, jsonb_each_text(b."choice"->'grades') g
      WHERE b."proposalId" = $1 AND b."withdrawnAt" IS NULL GROUP BY 1, 2, 3`,
    APPROVAL: `SELECT b."college"::text, a.option, count(*)::int FROM "Ballot" b, jsonb_array_elements_text(b."choice"->'approve') a(option)
      WHERE b."proposalId" = $1 AND b."withdrawnAt" IS NULL GROUP BY 1, 2`,
  };
  const runs: CloseRun[] = [];
  class Rollback extends Error {}
  for (const [method, proposalId] of [
    ["THRESHOLD", fixture.thresholdId],
    ["MAJORITY_JUDGMENT", fixture.majorityJudgmentId],
    ["APPROVAL", fixture.approvalId],
  ] as const) {
    const floorTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await pool.query(floors[method]!, [proposalId]);
      floorTimes.push(performance.now() - t);
    }
    const run: CloseRun = { method, ballots: fixture.ballots, floorMs: median(floorTimes), closeMs: [] };
    try {
      // Twice tallied and stored, then rolled back (same code, long transaction timeout)…
      for (let i = 0; i < 2; i++) {
        let elapsed = 0;
        await db
          .$transaction(
            async (tx) => {
              const t = performance.now();
              await closeProposalIn(tx, { proposalId });
              elapsed = performance.now() - t;
              throw new Rollback();
            },
            { timeout: 600_000, maxWait: 60_000 },
          )
          .catch((error: unknown) => {
            if (!(error instanceof Rollback)) throw error;
          });
        run.closeMs.push(elapsed);
      }
      // …then closed for real, as the worker does (closeProposal's own transaction and timeout).
      const t = performance.now();
      const { closed } = await closeProposal(db, { proposalId });
      if (!closed) throw new Error("closeProposal did not close it");
      run.closeMs.push(performance.now() - t);
    } catch (error) {
      run.error = error instanceof Error ? error.message.split("\n")[0] : String(error);
    }
    log(
      `close ${method}: floor ${fmt.ms(run.floorMs)}, closeProposal ${run.closeMs.map(fmt.ms).join(" / ")}${run.error ? `, FAILED: ${run.error}` : ""}`,
    );
    runs.push(run);
  }
  await pool.end();
  return runs;
}

/** The server's memory settings, printed with the figures (its RSS depends on them). */
function describeMemoryEnv(): string {
  const { NODE_OPTIONS, MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_ } = benchServerMemoryEnv();
  return `NODE_OPTIONS "${NODE_OPTIONS}", MALLOC_ARENA_MAX ${MALLOC_ARENA_MAX ?? "unset"}, MALLOC_MMAP_THRESHOLD_ ${MALLOC_MMAP_THRESHOLD_ ?? "unset"}`;
}

/** The issue's targets (issue 15), in one place. */
const TARGET = {
  ballotRatio: 0.6,
  pageRatio: 0.6,
  scaleGrowth: 1.5,
  closeRatio: 2,
  statements: 10,
  memoryMiB: 350,
} as const;

function buildRows(
  small: PhaseResult,
  full: PhaseResult | null,
  close: CloseRun[],
  bulk: { seconds: number } | null,
  totalSeconds: number,
): Row[] {
  const rows: Row[] = [];
  const phases = full ? [small, full] : [small];
  for (const phaseResult of phases) {
    for (const run of phaseResult.ballots) {
      const ratio = run.ballot.rps / run.framework.rps;
      rows.push({
        section: `1 ballot (${phaseResult.scale})`,
        what: `PUT ballot ×${run.connections}`,
        measured: `${describeLoad(run.ballot, ["p50", "p99"])} | floor ${fmt.rps(run.framework.rps)} p50 ${fmt.ms(run.framework.p50)} p99 ${fmt.ms(run.framework.p99)} | pg ${fmt.rps(run.database.rps)} p50 ${fmt.ms(run.database.p50)} p99 ${fmt.ms(run.database.p99)}`,
        ratio: `thr ${fmt.ratio(ratio)} fw, ${fmt.ratio(run.ballot.rps / run.database.rps)} pg; p50 ${fmt.times(run.ballot.p50 / run.framework.p50)} p99 ${fmt.times(run.ballot.p99 / run.framework.p99)} fw`,
        target: `thr ≥ ${TARGET.ballotRatio} fw`,
        met: Object.keys(run.ballot.statuses).length === 0 && ratio >= TARGET.ballotRatio,
      });
    }
    for (const page of phaseResult.pages) {
      const floor = page.floorResult!;
      if (!page.result) {
        rows.push({
          section: `2 pages (${phaseResult.scale})`,
          what: page.label,
          measured: "absent",
          ratio: "–",
          target: `thr ≥ ${TARGET.pageRatio}`,
          met: null,
        });
        continue;
      }
      const ratio = page.result.rps / floor.rps;
      rows.push({
        section: `2 pages (${phaseResult.scale})`,
        what: page.label,
        measured: `${describeLoad(page.result, ["p95"])}${page.items !== undefined ? ` (${page.items} items)` : ""} | ${page.floor === "page" ? "bare page" : "bare route"} ${fmt.rps(floor.rps)} p95 ${fmt.ms(floor.p95)}`,
        ratio: `thr ${fmt.ratio(ratio)}, p95 ${fmt.times(page.result.p95 / floor.p95)}`,
        target: `thr ≥ ${TARGET.pageRatio}`,
        met: Object.keys(page.result.statuses).length === 0 && ratio >= TARGET.pageRatio,
      });
    }
  }
  // 3. Scale: p95 relative to its floor, full against small (the floors absorb the machine's noise).
  const relative = (phaseResult: PhaseResult, key: string) => {
    const page = phaseResult.pages.find((p) => p.key === key);
    return page?.result && page.floorResult ? page.result.p95 / page.floorResult.p95 : Number.NaN;
  };
  for (const run of full?.ballots ?? []) {
    const before = small.ballots.find((b) => b.connections === run.connections);
    if (!before) continue;
    const growth = run.ballot.p95 / run.framework.p95 / (before.ballot.p95 / before.framework.p95);
    rows.push({
      section: "3 scale",
      what: `PUT ballot ×${run.connections} p95`,
      measured: `small ${fmt.ms(before.ballot.p95)} → full ${fmt.ms(run.ballot.p95)}`,
      ratio: `${fmt.times(growth)} (p95/floor)`,
      target: `≤ ${TARGET.scaleGrowth}×`,
      met: Number.isFinite(growth) ? growth <= TARGET.scaleGrowth : null,
    });
  }
  for (const page of full?.pages ?? []) {
    const before = small.pages.find((p) => p.key === page.key);
    if (!page.result || !before?.result) {
      rows.push({ section: "3 scale", what: `${page.label} p95`, measured: "absent", ratio: "–", target: "≤ 1.5×", met: null });
      continue;
    }
    const growth = relative(full!, page.key) / relative(small, page.key);
    rows.push({
      section: "3 scale",
      what: `${page.label} p95`,
      measured: `small ${fmt.ms(before.result.p95)} → full ${fmt.ms(page.result.p95)}`,
      ratio: `${fmt.times(growth)} (p95/floor)`,
      target: `≤ ${TARGET.scaleGrowth}×`,
      met: growth <= TARGET.scaleGrowth,
    });
  }
  for (const run of close) {
    const ms = run.closeMs.length ? median(run.closeMs) : Number.NaN;
    const ratio = ms / run.floorMs;
    rows.push({
      section: "4 close",
      what: `close ${run.method} (${run.ballots} ballots)`,
      measured: run.error
        ? `FAILED: ${run.error}${run.closeMs.length ? ` (${run.closeMs.map(fmt.ms).join(" / ")})` : ""}`
        : `closeProposal ${fmt.ms(ms)} (${run.closeMs.map(fmt.ms).join(" / ")}) | GROUP BY ${fmt.ms(run.floorMs)}`,
      ratio: fmt.times(ratio),
      target: `≤ ${TARGET.closeRatio}×`,
      met: run.error ? false : ratio <= TARGET.closeRatio,
    });
  }
  if (Object.keys(small.queries).length) {
    for (const key of ["floor-page", ...small.pages.map((p) => p.key), "ballot"]) {
      const a = small.queries[key];
      const b = full?.queries[key];
      const label =
        key === "floor-page" ? "bare page" : key === "ballot" ? "PUT ballot" : small.pages.find((p) => p.key === key)!.label;
      if (!a) {
        rows.push({ section: "5 statements", what: label, measured: "absent", ratio: "–", target: "constant", met: null });
        continue;
      }
      const floor = key === "floor-page" || key === "ballot" ? 0 : (small.queries["floor-page"]?.median ?? 0);
      const bounded = key !== "floor-page";
      rows.push({
        section: "5 statements",
        what: label,
        measured: `small ${a.median} (${a.data} data)${b ? ` → full ${b.median} (${b.data} data)` : ""}`,
        ratio:
          key === "floor-page" || key === "ballot"
            ? "–"
            : `+${a.median - floor}${b ? ` / +${b.median - floor}` : ""} over bare page`,
        target: bounded ? `≤ ${TARGET.statements}, constant` : "constant",
        met: (!b || a.median === b.median) && (!bounded || Math.max(a.median, b?.median ?? 0) <= TARGET.statements),
      });
    }
  }
  const memory = Math.max(small.memory.processMiB, full?.memory.processMiB ?? 0);
  rows.push({
    section: "6 memory",
    what: "server RSS after ballots and pages",
    measured: [small, full]
      .filter((p): p is PhaseResult => p !== null)
      .map(
        (p) =>
          `${p.scale} ${p.memory.processMiB.toFixed(0)} MiB (peak during the loads ${p.memory.peakMiB.toFixed(0)}, process tree ${p.memory.treeMiB.toFixed(0)})`,
      )
      .join(", "),
    ratio: "–",
    target: `≤ ${TARGET.memoryMiB} MiB`,
    met: memory <= TARGET.memoryMiB,
  });
  const live = small.live;
  if (live) {
    rows.push({
      section: "7 live",
      what: `ballot → update at ${live.clients} SSE clients`,
      measured: `p50 ${fmt.ms(live.p50)}, p95 ${fmt.ms(live.p95)} over ${live.rounds} ballots; ${live.missed} missed`,
      ratio: "–",
      target: "all reached",
      met: live.missed === 0,
    });
    rows.push({
      section: "7 live",
      what: "server memory per SSE connection",
      measured: `${live.perConnectionKiB.toFixed(1)} KiB (tree ${live.memoryBeforeMiB.toFixed(0)} → ${live.memoryAfterMiB.toFixed(0)} MiB)`,
      ratio: "–",
      target: "reported",
      met: null,
    });
  }
  rows.push({
    section: "run",
    what: "durations",
    measured: `${SECONDS} s per measurement; parts ${[...only].join(",")}${bulk ? `; bulk seeding ${bulk.seconds.toFixed(0)} s` : ""}; whole run ${(totalSeconds / 60).toFixed(1)} min`,
    ratio: "–",
    target: "< 20 min",
    met: totalSeconds < 20 * 60,
  });
  return rows;
}

/** Section 8: the national scale against the small one, page by page (issue 15, "National scale"). */
function nationalRows(small: PhaseResult, national: PhaseResult, seed: NationalResult): Row[] {
  const rows: Row[] = [];
  rows.push({
    section: "8 national",
    what: "bulk seeding",
    measured: `${seed.seconds.toFixed(0)} s (factor ${NATIONAL.factor}): ${Object.entries(seed.rows)
      .map(([table, n]) => `${table} ${n}`)
      .join(", ")}`,
    ratio: "–",
    target: "minutes",
    met: seed.seconds < 20 * 60,
  });
  // Each page's p95 over its scale's floor: the median of the bare-page p95s measured before each
  // page of that scale (one pair's floor alone swings with bursts of other work on 2 shared cores).
  const floorOf = (phaseResult: PhaseResult, kind: "page" | "route") =>
    median(phaseResult.pages.filter((p) => p.floor === kind && p.floorResult).map((p) => p.floorResult!.p95));
  const relative = (phaseResult: PhaseResult, key: string) => {
    const page = phaseResult.pages.find((p) => p.key === key);
    return page?.result ? page.result.p95 / floorOf(phaseResult, page.floor) : Number.NaN;
  };
  for (const page of national.pages) {
    const before = small.pages.find((p) => p.key === page.key);
    if (!page.result || !before?.result) {
      rows.push({
        section: "8 national",
        what: `${page.label} p95`,
        measured: "absent",
        ratio: "–",
        target: "≤ 1.5×",
        met: null,
      });
      continue;
    }
    const raw = page.result.p95 / before.result.p95;
    const growth = relative(national, page.key) / relative(small, page.key);
    const errors = Object.keys(page.result.statuses).length > 0;
    rows.push({
      section: "8 national",
      what: `${page.label} p95`,
      measured: `small ${fmt.ms(before.result.p95)} → national ${fmt.ms(page.result.p95)} (raw ${fmt.times(raw)})${errors ? ` errors ${JSON.stringify(page.result.statuses)}` : ""}`,
      ratio: `${fmt.times(growth)} (p95/median floor)`,
      target: `≤ ${TARGET.scaleGrowth}×`,
      met: !errors && growth <= TARGET.scaleGrowth,
    });
  }
  for (const run of national.ballots) {
    const before = small.ballots.find((b) => b.connections === run.connections);
    if (!before) continue;
    const growth = run.ballot.p95 / run.framework.p95 / (before.ballot.p95 / before.framework.p95);
    rows.push({
      section: "8 national",
      what: `PUT ballot ×${run.connections} p95`,
      measured: `small ${fmt.ms(before.ballot.p95)} → national ${fmt.ms(run.ballot.p95)}`,
      ratio: `${fmt.times(growth)} (p95/floor)`,
      target: `≤ ${TARGET.scaleGrowth}×`,
      met: Number.isFinite(growth) ? growth <= TARGET.scaleGrowth : null,
    });
  }
  for (const key of Object.keys(national.queries)) {
    const a = small.queries[key];
    const b = national.queries[key];
    const label =
      key === "floor-page"
        ? "bare page"
        : key === "ballot"
          ? "PUT ballot"
          : (small.pages.find((p) => p.key === key)?.label ?? key);
    // A token's last use is stamped at most once a minute: one statement more for a token not used
    // in the last minute, whatever the scale.
    const slack = key === "ballot" ? 1 : 0;
    rows.push({
      section: "8 national",
      what: `${label}, statements`,
      measured: a && b ? `small ${a.median} (${a.data} data) → national ${b.median} (${b.data} data)` : "absent",
      ratio: "–",
      target: slack ? "constant (±1: last-use stamp)" : "constant",
      met: a && b ? Math.abs(a.median - b.median) <= slack : null,
    });
  }
  return rows;
}

async function main() {
  mkdirSync(resultsDir, { recursive: true });
  const build = ensureBuild(log);
  const database = await databaseFor();
  log(`database: ${database.embedded ? "temporary embedded PostgreSQL" : "BENCH_DATABASE_URL"}`);
  const authSecret = randomBytes(32).toString("base64url");
  // This process's own use cases read the same configuration as the server.
  Object.assign(process.env, { DATABASE_URL: database.url, AUTH_SECRET: authSecret, LOG_LEVEL: "warn" });
  let server: AppServer | undefined;
  const db = createDb(database.url, 4);
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  try {
    await applyMigrations({
      connectionString: database.url,
      migrationsDir: path.join(root, "prisma/migrations"),
      schemaPath: path.join(root, "prisma/schema.prisma"),
    });
    const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "User"`);
    if (Number(rows[0]!.n) > 0) throw new Error("the benchmark needs an empty database (it seeds ~1.2 M rows)");
    log("seeding the small fixture…");
    const fixture = await seedSmall(db, pool);
    server = await startServer({
      port: PORT,
      databaseUrl: database.url,
      authSecret,
      logFile: path.join(resultsDir, "server.log"),
    });
    log(`server ${server.url} (pid ${server.pid})`);

    const small = await phase("small", server, database.url, authSecret, fixture, {
      live: fixture.liveProposalId,
      closed: fixture.closedProposalId,
    });
    // Lighthouse on the pages a newcomer sees, signed out, on the idle server (no load running).
    let lighthouseResults: LighthouseResult[] | null = null;
    if (runs("lighthouse")) {
      const reportDir = path.join(resultsDir, "lighthouse");
      mkdirSync(reportDir, { recursive: true });
      const pages = newcomerPages({ ...fixture, commonsSlug: "commun-1" });
      lighthouseResults = await measureLighthouse(server.url, pages, log, reportDir);
    }
    let bulk: Awaited<ReturnType<typeof seedBulk>> | null = null;
    let full: PhaseResult | null = null;
    if (runs("full")) {
      log(`bulk seeding to ${FULL_MEMBERS} members, 2 000 proposals, ~1 000 000 ballots, 100 000 contributions…`);
      bulk = await seedBulk(db, pool, fixture, log);
      log(`bulk seeding done in ${bulk.seconds.toFixed(0)} s: ${JSON.stringify(bulk.rows)}`);
    }
    if (bulk && runs("full")) {
      full = await phase("full", server, database.url, authSecret, fixture, {
        live: bulk.liveProposalId,
        closed: bulk.closedProposalId,
      });
    }
    let nationalSeed: NationalResult | null = null;
    let national: PhaseResult | null = null;
    if (runs("national")) {
      log(
        `national seeding to ${NATIONAL.members} members, ${NATIONAL.proposals} proposals, ${NATIONAL.ballots} ballots, ${NATIONAL.contributions} contributions (factor ${NATIONAL.factor})…`,
      );
      nationalSeed = await seedNational(db, pool, fixture, log);
      log(`national seeding done in ${nationalSeed.seconds.toFixed(0)} s: ${JSON.stringify(nationalSeed.rows)}`);
      national = await phase("national", server, database.url, authSecret, fixture, {
        live: nationalSeed.liveProposalId,
        closed: nationalSeed.closedProposalId,
      });
    }
    await server.stop();
    server = undefined;
    const close = runs("close") ? await measureClose(db, database.url, fixture.ownerId) : [];
    // Last: it grows the governance log to a million entries.
    const translog = runs("log") ? await measureLog(db, pool, log) : null;

    const totalSeconds = (Date.now() - started) / 1000;
    const rowsOut = buildRows(small, full, close, bulk, totalSeconds);
    if (translog) rowsOut.splice(rowsOut.length - 1, 0, ...logRows(translog, TARGET.scaleGrowth));
    if (lighthouseResults) rowsOut.splice(rowsOut.length - 1, 0, ...lighthouseRows(lighthouseResults));
    if (national && nationalSeed) rowsOut.splice(rowsOut.length - 1, 0, ...nationalRows(small, national, nationalSeed));
    console.log("");
    console.log(
      `Géocommuns benchmark — ${new Date().toISOString()} — ${os.cpus().length} CPUs, ${SECONDS} s per measurement, pages at ${PAGE_CONNECTIONS} connections each paired with its floor measured just before, server DB_POOL_MAX default (10), SQL_POOL_MAX default (6), ${describeMemoryEnv()}`,
    );
    printTable(rowsOut, (line) => console.log(line));
    const file = path.join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          machine: { cpus: os.cpus().length, loadavg: os.loadavg(), node: process.version },
          settings: {
            seconds: SECONDS,
            concurrency: CONCURRENCY,
            pageConnections: PAGE_CONNECTIONS,
            build,
            serverMemory: benchServerMemoryEnv(),
          },
          table: rowsOut,
          small,
          full,
          bulk,
          national,
          nationalSeed,
          close,
          translog,
          lighthouse: lighthouseResults,
          totalSeconds,
        },
        null,
        2,
      ),
    );
    console.log(`\nJSON: ${path.relative(root, file)}`);
  } finally {
    await server?.stop();
    await pool.end();
    await db.$disconnect();
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
