/**
 * The production server under test: `next build` output run by `next start`, with the benchmark's
 * own database and BENCH_ENDPOINTS=1. The build is reused when it is newer than every source file.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { serverMemoryEnv, type ServerMemoryEnv } from "../../scripts/server-env";

const root = process.cwd();
const SOURCE_DIRS = ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "instrumentation-node.ts", "next.config.js"];

function newestMtime(entry: string): number {
  const full = path.join(root, entry);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(full)) {
    if (child === "generated" || child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

/**
 * Builds unless the build's BUILD_ID is newer than the sources (BENCH_BUILD=1 forces, =0 skips). The build folder
 * is .next, or NEXT_DIST_DIR (next.config.js), which `next start` reads too.
 */
export function ensureBuild(log: (line: string) => void): { built: boolean; seconds: number } {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  const force = process.env.BENCH_BUILD;
  const fresh = existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...SOURCE_DIRS.map(newestMtime));
  if (force === "0" || (force !== "1" && fresh)) {
    log(fresh ? "production build is up to date" : "BENCH_BUILD=0: using the existing build as it is");
    return { built: false, seconds: 0 };
  }
  log("next build (the production build the benchmark runs against)…");
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  return { built: true, seconds: (Date.now() - started) / 1000 };
}

/**
 * The server's memory settings: what npm start and the Docker image give it (scripts/server-env.ts),
 * unless BENCH_SERVER_NODE_OPTIONS says exactly what to run with (e.g. "" for V8's defaults).
 */
export function benchServerMemoryEnv(): Partial<ServerMemoryEnv> & { NODE_OPTIONS: string } {
  const given = process.env.BENCH_SERVER_NODE_OPTIONS;
  if (given === undefined) return serverMemoryEnv(process.env);
  const { MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_ } = process.env;
  return {
    NODE_OPTIONS: given,
    ...(MALLOC_ARENA_MAX === undefined ? {} : { MALLOC_ARENA_MAX }),
    ...(MALLOC_MMAP_THRESHOLD_ === undefined ? {} : { MALLOC_MMAP_THRESHOLD_ }),
  };
}

export type AppServer = { url: string; pid: number; child: ChildProcess; stop: () => Promise<void> };

export async function startServer({
  port,
  databaseUrl,
  authSecret,
  logFile,
}: {
  port: number;
  databaseUrl: string;
  authSecret: string;
  logFile: string;
}): Promise<AppServer> {
  const url = `http://localhost:${port}`;
  const out = openSync(logFile, "a");
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "localhost"],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: authSecret,
        APP_URL: url,
        DEMO: "0",
        BENCH_ENDPOINTS: "1",
        GEOCOMMUNS_PROCESS: "web-bench",
        ...benchServerMemoryEnv(),
      },
      stdio: ["ignore", out, out],
    },
  );
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode} (see ${logFile})`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`${url} did not become healthy (see ${logFile})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    pid: child.pid!,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function vmRssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident memory of the server process and of its whole process tree (next start may fork), in MiB. */
export function residentMemory(pid: number): { processMiB: number; treeMiB: number } {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  let tree = 0;
  const stack = [pid];
  while (stack.length) {
    const current = stack.pop()!;
    tree += vmRssKb(current);
    stack.push(...(children.get(current) ?? []));
  }
  return { processMiB: vmRssKb(pid) / 1024, treeMiB: tree / 1024 };
}
