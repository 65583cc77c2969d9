/**
 * `npm start`: the one command for a fresh machine.
 * - No DATABASE_URL: starts an embedded PostgreSQL whose data lives in .data/ (kept across restarts),
 *   turns demo mode on, and keeps a generated AUTH_SECRET in .data/ too.
 * - Applies migrations (offline), seeds the demo on an empty database in demo mode,
 * - builds the app if no production build exists, then runs `next start` and the worker,
 * - on Ctrl-C or SIGTERM stops both, then the database, cleanly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { serverMemoryEnv } from "./server-env";

const root = process.cwd();
const dataDir = path.join(root, ".data");
const started = Date.now();
const say = (line: string) => console.log(`[start] ${line}`);

async function persistentSecret(): Promise<string> {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, secret + "\n", { mode: 0o600 });
  return secret;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { env, stdio: "inherit" });
}

function waitFor(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
let stopDatabase: (() => Promise<void>) | undefined;

if (!env.DATABASE_URL) {
  const { startEmbeddedDatabase } = await import("@/lib/db/embedded");
  say("DATABASE_URL is not set: starting the embedded PostgreSQL (data in .data/postgres)");
  const database = await startEmbeddedDatabase({
    dataDir: path.join(dataDir, "postgres"),
    port: env.EMBEDDED_DB_PORT ? Number(env.EMBEDDED_DB_PORT) : undefined,
    persistent: true,
  });
  stopDatabase = database.stop;
  env.DATABASE_URL = database.url;
  env.DEMO ??= "1";
  env.AUTH_SECRET ??= await persistentSecret();
  say(`embedded PostgreSQL ready on port ${database.port}`);
}
env.APP_URL ??= `http://localhost:${env.PORT ?? 3000}`;

// Validate everything once, before anything else starts: one clear line on error.
const { parseConfig, ConfigError } = await import("@/lib/core/config");
let appConfig;
try {
  appConfig = parseConfig(env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    await stopDatabase?.();
    process.exit(1);
  }
  throw error;
}

const { applyMigrations } = await import("@/lib/db/schema-engine");
const { applied } = await applyMigrations({
  connectionString: appConfig.DATABASE_URL,
  migrationsDir: path.join(root, "prisma", "migrations"),
  schemaPath: path.join(root, "prisma", "schema.prisma"),
});
say(applied.length ? `applied migrations: ${applied.join(", ")}` : "database schema is up to date");

if (appConfig.DEMO) {
  const { createDb } = await import("@/lib/db/client");
  const { seedDemo } = await import("@/lib/demo/seed");
  const seedDb = createDb(appConfig.DATABASE_URL, 2);
  const { seeded } = await seedDemo(seedDb);
  await seedDb.$disconnect();
  say(seeded ? "demo data seeded" : "existing data kept");
}

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  say("no production build yet: building (once; `npm run build` rebuilds)");
  const code = await waitFor(run(process.execPath, [nextBin, "build"], env));
  if (code !== 0) {
    await stopDatabase?.();
    process.exit(code);
  }
}

const port = env.PORT ?? "3000";
const children = [
  // The web server's heap limit and malloc arenas (scripts/server-env.ts; README "Configuration").
  run(process.execPath, [nextBin, "start", "-p", port], { ...env, ...serverMemoryEnv(env), GEOCOMMUNS_PROCESS: "web" }),
  run(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/worker.ts"], {
    ...env,
    GEOCOMMUNS_PROCESS: "worker",
  }),
];
say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${appConfig.APP_URL}`);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  say("stopping");
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.map((child) => (child.exitCode === null ? waitFor(child) : Promise.resolve(0))));
  await stopDatabase?.();
  say("stopped");
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
// If either process dies, stop everything rather than run half an application.
for (const child of children) child.once("exit", (code) => void shutdown(code ?? 1));
