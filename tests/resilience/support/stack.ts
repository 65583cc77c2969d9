/**
 * The production stack for a resilience test file, for real: an embedded PostgreSQL (migrated,
 * persistent data folder so it can be stopped and started again on the same port), optionally the
 * SMTP receiver, `next start` servers on the production build and `scripts/worker.ts` workers, all
 * on one database. Each file starts its own stack (files run one after the other), so a test that
 * stops the database or kills a worker cannot disturb another file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "@/lib/db/client";
import { freePort, startEmbeddedDatabase, type EmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";
import { startSmtpReceiver, type SmtpReceiver } from "@/tests/support/smtp-receiver";
import { waitForHealth } from "@/tests/support/wait-for-health";

const root = process.cwd();
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
/**
 * Workers run as `node --import tsx`: one process, so a SIGKILL really kills the worker (the `tsx`
 * command would run it in a child process that outlives a killed parent).
 */
const tsxLoader = ["--import", "tsx"];

/** Ports 4910–4939 by default (RESILIENCE_PORT_BASE moves them): 5 per file, see each file's `slot`. */
export const portBase = Number(process.env.RESILIENCE_PORT_BASE ?? 4910);

export type AppServer = { url: string; port: number; child: ChildProcess };

export type Stack = {
  /** A Prisma client of the test itself on the stack's database (setup and assertions). */
  db: Db;
  databaseUrl: string;
  smtp: SmtpReceiver | undefined;
  servers: AppServer[];
  workers: ChildProcess[];
  env: NodeJS.ProcessEnv;
  /** Stops PostgreSQL (fast shutdown: open connections are terminated with 57P01). */
  stopDatabase(): Promise<void>;
  /** Starts PostgreSQL again on the same port and data folder. */
  startDatabase(): Promise<void>;
  startWorker(): ChildProcess;
  stop(): Promise<void>;
};

export type StackOptions = {
  /** Index of the file's block of 5 ports (0–5). */
  slot: number;
  servers?: number;
  workers?: number;
  smtp?: boolean;
  env?: Record<string, string>;
};

export async function startStack({ slot, servers = 1, workers = 0, smtp = false, env = {} }: StackOptions): Promise<Stack> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "gc-resilience-pg-"));
  const dataDir = path.join(tmp, "data");
  const pgPort = await freePort();
  let database: EmbeddedDatabase | undefined = await startEmbeddedDatabase({ dataDir, persistent: true, port: pgPort });
  const databaseUrl = database.url;
  await applyMigrations({
    connectionString: databaseUrl,
    migrationsDir: path.join(root, "prisma/migrations"),
    schemaPath: path.join(root, "prisma/schema.prisma"),
  });
  const db = createDb(databaseUrl, 20);
  const receiver = smtp ? await startSmtpReceiver({ port: 0 }) : undefined;

  const common: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    MAIL_FROM: "Géocommuns <no-reply@geocommuns.test>",
    DEMO: "0",
    // Quiet by default (expected failures log warnings); RESILIENCE_LOG_LEVEL=warn shows the servers' logs.
    LOG_LEVEL: process.env.RESILIENCE_LOG_LEVEL ?? "fatal",
    ...(receiver ? { SMTP_URL: receiver.url } : {}),
    ...env,
  };
  // Next.js prints every failed render to stderr: expected by the hundred here, so shown only on demand.
  const verbose = process.env.RESILIENCE_LOG_LEVEL ? "inherit" : "ignore";
  const children: ChildProcess[] = [];
  const launch = (args: string[], childEnv: NodeJS.ProcessEnv) => {
    const child = spawn(process.execPath, args, { env: childEnv, stdio: ["ignore", verbose, verbose] });
    children.push(child);
    return child;
  };
  const appServers: AppServer[] = [];
  for (let i = 0; i < servers; i++) {
    const port = portBase + slot * 5 + i;
    const url = `http://localhost:${port}`;
    const child = launch([nextBin, "start", "-p", String(port), "-H", "localhost"], {
      ...common,
      APP_URL: url,
      GEOCOMMUNS_PROCESS: `web-${i}`,
    });
    appServers.push({ url, port, child });
  }
  const workerList: ChildProcess[] = [];
  const startWorker = () => {
    const child = launch([...tsxLoader, "scripts/worker.ts"], {
      ...common,
      APP_URL: appServers[0]?.url ?? "http://localhost:3000",
      GEOCOMMUNS_PROCESS: `worker-${workerList.length}`,
    });
    workerList.push(child);
    return child;
  };
  for (let i = 0; i < workers; i++) startWorker();

  const stop = async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.all(
      children.map((child) =>
        child.exitCode === null && child.signalCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null,
      ),
    );
    await db.$disconnect();
    await receiver?.stop();
    await database?.stop();
    database = undefined;
    await rm(tmp, { recursive: true, force: true });
  };
  try {
    await Promise.all(appServers.map((server) => waitForHealth(server.url, server.child, 90_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    db,
    databaseUrl,
    smtp: receiver,
    servers: appServers,
    workers: workerList,
    env: common,
    stopDatabase: async () => {
      await database?.stop();
      database = undefined;
    },
    startDatabase: async () => {
      database = await startEmbeddedDatabase({ dataDir, persistent: true, port: pgPort });
    },
    startWorker,
    stop,
  };
}

/**
 * A start barrier: `count` parties call `arrive()`; none goes on until all have arrived, so the
 * requests behind it leave together instead of one after the other.
 */
export function barrier(count: number): { arrive: () => Promise<void> } {
  let arrived = 0;
  let release!: () => void;
  const open = new Promise<void>((resolve) => (release = resolve));
  return {
    arrive: () => {
      arrived++;
      if (arrived === count) release();
      return open;
    },
  };
}

/** Exact row counts of every application table (everything in `public` but Prisma's bookkeeping). */
export async function rowCounts(db: Db, exclude: readonly string[] = []): Promise<Record<string, number>> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`;
  const names = tables.map((t) => t.name).filter((name) => !exclude.includes(name));
  const select = names.map((name) => `(SELECT count(*)::int FROM "${name.replace(/"/g, "")}") AS "${name.replace(/"/g, "")}"`);
  const [row] = await db.$queryRawUnsafe<Record<string, number>[]>(`SELECT ${select.join(", ")}`);
  return row ?? {};
}
