/**
 * One Prisma client per process, over an explicitly sized pg pool: the defaults (wait forever for a
 * connection, no keep-alive) turn a database outage into hung requests instead of quick 503s.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { config } from "@/lib/core/config";
import { attachSql, endSql } from "./sql";

export type Db = PrismaClient;
/** A client or an interactive transaction: use cases accept either. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * `sqlPoolMax`: the postgres.js pool that goes with this client (lib/db/sql.ts, `sqlOf(db)`), opened
 * on first use and closed by `$disconnect`. Default: half of `poolMax` (the server passes SQL_POOL_MAX).
 */
export function createDb(
  connectionString: string,
  poolMax = config().DB_POOL_MAX,
  sqlPoolMax = Math.max(2, Math.ceil(poolMax / 2)),
): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: poolMax,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    // A statement that runs this long is a bug or an outage; fail it rather than hold the pool.
    statement_timeout: 15_000,
    // Client-side backstop for a server that vanished without closing the socket (no reply ever comes).
    query_timeout: 20_000,
  });
  const client = new PrismaClient({
    adapter,
    // Prisma's defaults (wait 2 s for a connection to start a transaction, 5 s to finish it) turn a
    // burst of writes — 200 ballots at once on a pool of 10 — into errors; wait as long as the pool.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
  });
  attachSql(client, connectionString, sqlPoolMax);
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    await Promise.all([endSql(client), disconnect()]);
  };
  return client;
}

const globalForDb = globalThis as unknown as { geocommunsDb?: PrismaClient };

/** The process-wide client (kept on globalThis so dev hot reload does not open new pools). */
export function db(): PrismaClient {
  globalForDb.geocommunsDb ??= createDb(config().DATABASE_URL, config().DB_POOL_MAX, config().SQL_POOL_MAX);
  return globalForDb.geocommunsDb;
}
