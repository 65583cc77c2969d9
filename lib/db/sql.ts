/**
 * postgres.js (`postgres`), beside Prisma, where raw SQL serves better than the ORM: the ballot hot
 * path (lib/votes/cast-ballot.ts: two round trips, prepared statements) and LISTEN/NOTIFY for live
 * updates (lib/live). Its pool is its own and explicitly sized (SQL_POOL_MAX; each createDb gets one,
 * lazily, closed with the Prisma client), with the same failure bounds as Prisma's: give up
 * connecting after 5 s, reconnect within half a second, statements cut at 15 s, keep-alive on, so an
 * outage is a quick 503 (tests/resilience/database-restart.test.ts).
 *
 * Timestamps: the schema's columns are `timestamp(3)` holding UTC (Prisma's convention). Queries
 * pass instants with {@link utc} and read them as epoch milliseconds, never as local wall times.
 */
import postgres from "postgres";

export type Sql = postgres.Sql;
export type SqlFragment = postgres.PendingQuery<postgres.Row[]>;

/** Prisma-only URL parameters that PostgreSQL would refuse as startup settings. */
const PRISMA_ONLY_PARAMS = ["schema", "connection_limit", "pool_timeout", "pgbouncer", "connect_timeout", "socket_timeout"];

export function createSql(connectionString: string, max: number, options: { applicationName?: string } = {}): Sql {
  const url = new URL(connectionString);
  for (const name of PRISMA_ONLY_PARAMS) url.searchParams.delete(name);
  return postgres(url.toString(), {
    max,
    connect_timeout: 5,
    idle_timeout: 30,
    keep_alive: 30,
    prepare: true,
    // postgres.js waits before reconnecting, up to 20 s after repeated failures, holding queries
    // meanwhile: during an outage requests would pile up for that long instead of failing as 503s.
    // A short, capped delay makes each attempt fail fast (connection refused) and release its query.
    backoff: (retries: number) => Math.min(0.05 * retries, 0.5),
    onnotice: () => {},
    connection: { statement_timeout: 15_000, application_name: options.applicationName ?? "geocommuns-sql" },
  });
}

type Entry = { url: string; max: number; sql?: Sql };
// On globalThis: a Next.js build may hold several copies of this module (route handlers, server
// actions, pages) while the process-wide Prisma client (lib/db/client.ts) is one.
const globalForSql = globalThis as unknown as { geocommunsSqlRegistry?: WeakMap<object, Entry> };
const registry = (globalForSql.geocommunsSqlRegistry ??= new WeakMap<object, Entry>());

/** Called by createDb: the Prisma client `owner` gets a postgres.js pool on the same database. */
export function attachSql(owner: object, connectionString: string, max: number): void {
  registry.set(owner, { url: connectionString, max });
}

/** The postgres.js pool that goes with a Prisma client made by createDb (opened on first use). */
export function sqlOf(owner: object): Sql {
  const entry = registry.get(owner);
  if (!entry) throw new Error("sqlOf: this database client was not made by createDb");
  entry.sql ??= createSql(entry.url, entry.max);
  return entry.sql;
}

/** The pool of a client made by createDb, or null for anything else (an interactive transaction). */
export function maybeSqlOf(owner: object): Sql | null {
  return registry.has(owner) ? sqlOf(owner) : null;
}

/** Closes the pool of `owner` if it was opened (createDb's $disconnect does it). */
export async function endSql(owner: object): Promise<void> {
  const entry = registry.get(owner);
  const sql = entry?.sql;
  if (!entry || !sql) return;
  entry.sql = undefined;
  await sql.end({ timeout: 5 });
}

/** An instant as the schema's UTC `timestamp`, whatever the session's time zone. */
export function utc(sql: Sql, at: Date): SqlFragment {
  return sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

/**
 * The LISTEN/NOTIFY channel of live updates (lib/live): payloads name what changed by opaque id
 * (`{"proposal": id}`, `{"users": [id, …]}`, `{"queue": communityId}`), never who changed it or any
 * content, since every listener sees them. Sent with pg_notify inside the writing transaction, so they
 * are delivered on commit, to every app instance, and never for a change rolled back.
 */
export const LIVE_CHANNEL = "gc_live";

export function liveTopic(proposalId: string): string {
  return JSON.stringify({ proposal: proposalId });
}

type Raw = { $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T> };

/** Sends these payloads on the live channel from inside the caller's transaction (delivered on commit). */
export async function notifyLivePayloads(db: Raw, payloads: string[]): Promise<void> {
  if (payloads.length === 0) return;
  await db.$queryRaw`SELECT pg_notify(${LIVE_CHANNEL}, p)::text AS "sent" FROM unnest(${payloads}::text[]) AS p`;
}

/** NOTIFY the proposal's followers from inside the caller's transaction (delivered on commit). */
export async function notifyLive(db: Raw, proposalId: string): Promise<void> {
  await notifyLivePayloads(db, [liveTopic(proposalId)]);
}
