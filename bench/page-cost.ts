/**
 * Server CPU per request of the proposal pages against the bare page (issue 15), on the benchmark's
 * small fixture: on a shared machine, the process's own CPU time (utime + stime, /proc) per request
 * is steadier than throughput. Requests are sent one at a time.
 *
 *   NEXT_DIST_DIR=.next-x BENCH_PORT=4830 npx tsx bench/page-cost.ts [requests per page, default 200]
 *   PAGE_COST_PROFILE=dir  runs the server with NODE_OPTIONS from PAGE_COST_NODE_OPTIONS (e.g. a --require'd
 *                          inspector profiler writing into dir)
 *   PAGE_COST_PAGES=live   only these pages (floor, live, results, route, map; comma-separated)
 *   PAGE_COST_DUMP=dir     writes each page's HTML there (<name>.html)
 *
 * Uses the build as it is (run `npm run bench` or `next build` first).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";
import { httpLoad } from "./lib/load";
import { seedSmall } from "./lib/seed";
import { startServer } from "./lib/server";

const root = process.cwd();
const PORT = Number(process.env.BENCH_PORT ?? 4810);
const REQUESTS = Number(process.argv[2] ?? 200);

function cpuMs(pid: number): number {
  // Fields 14 and 15 (utime, stime) in clock ticks, after the command name in parentheses.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** CPU of PostgreSQL's backends (children of the postmaster whose pid heads postmaster.pid). */
function databaseCpuMs(dataDir: string): number {
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === postmaster) total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gc-page-cost-"));
  const database = await startEmbeddedDatabase({
    dataDir: path.join(dir, "data"),
    port: PORT + 9,
    database: "bench",
    persistent: false,
  });
  const authSecret = randomBytes(32).toString("base64url");
  Object.assign(process.env, { DATABASE_URL: database.url, AUTH_SECRET: authSecret, LOG_LEVEL: "warn" });
  const db = createDb(database.url, 4);
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  const profileDir = process.env.PAGE_COST_PROFILE;
  if (profileDir) process.env.BENCH_SERVER_NODE_OPTIONS = process.env.PAGE_COST_NODE_OPTIONS ?? "";
  try {
    await applyMigrations({
      connectionString: database.url,
      migrationsDir: path.join(root, "prisma/migrations"),
      schemaPath: path.join(root, "prisma/schema.prisma"),
    });
    const fixture = await seedSmall(db, pool);
    const server = await startServer({
      port: PORT,
      databaseUrl: database.url,
      authSecret,
      logFile: path.join(dir, "server.log"),
    });
    try {
      // As the benchmark's load (autocannon): no compression.
      const headers = { cookie: fixture.cookie, "accept-encoding": "identity" };
      const pages = {
        floor: "/bench/floor",
        live: `/proposals/${fixture.liveProposalId}`,
        results: `/proposals/${fixture.closedProposalId}`,
        // The map data API against the bare route, as the bench compares them.
        route: "/api/bench/floor",
        map: "/api/v1/commons?bbox=-5.5,41,10,51.5&limit=10",
      };
      const get = async (p: string) => {
        const response = await fetch(server.url + p, { headers });
        const body = await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${p} answered ${response.status}`);
        return body.byteLength;
      };
      const only = process.env.PAGE_COST_PAGES?.split(",");
      for (const name of Object.keys(pages)) if (only && !only.includes(name)) delete pages[name as keyof typeof pages];
      for (const p of Object.values(pages)) for (let i = 0; i < 30; i++) await get(p);
      const dump = process.env.PAGE_COST_DUMP;
      if (dump)
        for (const [name, p] of Object.entries(pages))
          writeFileSync(path.join(dump, `${name}.html`), await (await fetch(server.url + p, { headers })).text());
      const rows: string[] = [];
      for (const [name, p] of Object.entries(pages)) {
        const before = cpuMs(server.pid);
        const dbBefore = databaseCpuMs(path.join(dir, "data"));
        const started = performance.now();
        let bytes = 0;
        for (let i = 0; i < REQUESTS; i++) bytes = await get(p);
        const wall = (performance.now() - started) / REQUESTS;
        const cpu = (cpuMs(server.pid) - before) / REQUESTS;
        const dbCpu = (databaseCpuMs(path.join(dir, "data")) - dbBefore) / REQUESTS;
        // Then as the benchmark loads it: 8 connections for 5 s.
        const loadBefore = cpuMs(server.pid);
        const load = await httpLoad({ url: server.url + p, connections: 8, seconds: 5, headers });
        const loadCpu = (cpuMs(server.pid) - loadBefore) / load.requests;
        rows.push(
          `${name.padEnd(8)} ${load.rps.toFixed(1)}/s at 8 connections (server cpu ${loadCpu.toFixed(1)} ms/request); one at a time: server cpu ${cpu.toFixed(1)} ms/request, database cpu ${dbCpu.toFixed(1)} ms, wall ${wall.toFixed(1)} ms, ${(bytes / 1024).toFixed(0)} KiB`,
        );
      }
      // Interleaved: one request of each page in turn, the CPU of each summed per page (the clock ticks of
      // /proc are 10 ms, so only many requests average out), so the machine's load drifts alike for all.
      const cpu: Record<string, number> = {};
      for (let i = 0; i < REQUESTS; i++)
        for (const [name, p] of Object.entries(pages)) {
          const before = cpuMs(server.pid);
          await get(p);
          cpu[name] = (cpu[name] ?? 0) + cpuMs(server.pid) - before;
        }
      const floorCpu = (cpu.floor ?? 0) / REQUESTS;
      rows.push(
        `interleaved: ${Object.entries(cpu)
          .map(
            ([name, ms]) =>
              `${name} ${(ms / REQUESTS).toFixed(1)} ms${name === "floor" || !floorCpu ? "" : ` (bare/page ${(floorCpu / (ms / REQUESTS)).toFixed(2)})`}`,
          )
          .join(", ")}`,
      );
      console.log(rows.join("\n"));
      console.log(
        `load average: ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    await db.$disconnect();
    await pool.end();
    await database.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
