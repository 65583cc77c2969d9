/** Database and migration status for /api/health, with a short timeout so an outage answers fast. */
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Db } from "./client";

export type Health =
  | { ok: true; database: "up"; migrations: { applied: number; pending: string[] } }
  | { ok: false; database: "down"; error: string };

export async function checkHealth(
  db: Db,
  { migrationsDir, timeoutMs = 3000 }: { migrationsDir: string; timeoutMs?: number },
): Promise<Health> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("database timeout")), timeoutMs).unref());
  try {
    const applied = await Promise.race([
      db.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      timeout,
    ]);
    const names = new Set(applied.map((row) => row.migration_name));
    const onDisk = (await readdir(migrationsDir, { withFileTypes: true }).catch(() => []))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    return { ok: true, database: "up", migrations: { applied: names.size, pending: onDisk.filter((n) => !names.has(n)) } };
  } catch (error) {
    return { ok: false, database: "down", error: error instanceof Error ? error.message.split("\n")[0]! : "unreachable" };
  }
}

/**
 * Prisma codes for "cannot reach / lost / timed out waiting for the database" (P2024: no pool
 * connection in time; P2028: a transaction could not start or finish in time, i.e. overload).
 */
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
/** Driver adapter error kinds (@prisma/adapter-pg) for the same. */
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/**
 * PostgreSQL SQLSTATEs: connection exceptions (class 08), admin/crash shutdown and "starting up"
 * (57P01–57P03), too many connections (53300), statement timeout or cancel (57014).
 */
const UNAVAILABLE_SQLSTATES = /^(08\d{3}|57P0[123]|53300|57014)$/;
/** postgres.js (lib/db/sql.ts): could not connect in time, or the connection went away. */
const POSTGRES_JS_UNAVAILABLE_CODES = new Set([
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);
/** What node-postgres says when the server goes away or the pool cannot connect in time. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Can't reach database server|ECONNREFUSED|ECONNRESET|the database system is (starting up|shutting down|in recovery mode)|Client has encountered a connection error/i;

/**
 * True when an error means "the database is unreachable or restarting" rather than a bug: the API
 * answers 503 (lib/api/problem.ts) and pages show the "service unavailable" message. Looks through
 * Prisma's wrapping (`code`, `meta.driverAdapterError.cause`) and `cause` chains.
 */
/** Walks an error, its causes and Prisma's driver-adapter metadata, and asks `test` of each. */
function someInErrorChain(error: unknown, test: (record: Record<string, unknown>) => boolean): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 20) {
    const current = queue.shift();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    if (test(record)) return true;
    const meta = record.meta as Record<string, unknown> | undefined;
    queue.push(record.cause, meta?.driverAdapterError, meta);
  }
  return false;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return someInErrorChain(error, (record) => {
    for (const key of ["code", "originalCode", "errorCode"]) {
      const value = record[key];
      if (typeof value === "string" && (UNAVAILABLE_PRISMA_CODES.has(value) || UNAVAILABLE_SQLSTATES.test(value))) return true;
      if (value === "ECONNREFUSED" || value === "ECONNRESET" || value === "ETIMEDOUT") return true;
      if (typeof value === "string" && POSTGRES_JS_UNAVAILABLE_CODES.has(value)) return true;
    }
    if (typeof record.kind === "string" && UNAVAILABLE_KINDS.has(record.kind)) return true;
    for (const key of ["message", "originalMessage"]) {
      const value = record[key];
      if (typeof value === "string" && UNAVAILABLE_MESSAGES.test(value)) return true;
    }
    return false;
  });
}

/**
 * Text PostgreSQL cannot store (a NUL character: SQLSTATE 22021, or 22P05 untranslatable): bad input
 * that slipped past a schema, to be answered as such rather than as a server error.
 */
export function isUnstorableText(error: unknown): boolean {
  return someInErrorChain(error, (record) => {
    for (const key of ["code", "originalCode"]) {
      const value = record[key];
      if (value === "22021" || value === "22P05") return true;
    }
    for (const key of ["message", "originalMessage"]) {
      const value = record[key];
      if (typeof value === "string" && /invalid byte sequence for encoding|unsupported Unicode escape sequence/i.test(value)) {
        return true;
      }
    }
    return false;
  });
}

export const defaultMigrationsDir = () => path.join(process.cwd(), "prisma", "migrations");
