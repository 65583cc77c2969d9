/**
 * pg-boss on the application's database, in its own schema (`pgboss`, created by the migration
 * 20261203080000_jobs_pgboss_schema) so its tables never mix with Prisma's. Its pool is separate from
 * Prisma's and small: it only fetches, completes and fails jobs and runs its maintenance and cron
 * checks; the handlers' own queries go through the process's Prisma client.
 */
import PgBoss from "pg-boss";
import { config } from "@/lib/core/config";

import { JOBS_SCHEMA } from "@/lib/core/jobs";

export { JOBS_SCHEMA };

/** Connections of pg-boss's own pool per worker process (on top of DB_POOL_MAX for Prisma). */
const JOBS_POOL_MAX = 4;

export function createBoss({ connectionString = config().DATABASE_URL }: { connectionString?: string } = {}): PgBoss {
  // Passed through to pg.Pool, like lib/db/client.ts: fail fast during an outage instead of waiting forever.
  const pool = { connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000, keepAlive: true };
  return new PgBoss({
    connectionString,
    schema: JOBS_SCHEMA,
    max: JOBS_POOL_MAX,
    application_name: "geocommuns-jobs",
    // Installs or upgrades the pgboss schema at start (a no-op when the migration already did it).
    migrate: true,
    // Keep failed jobs a week before archiving them: the closing sweep enqueues a proposal's close
    // again only once its failed job has left the table (see definitions/close-due-proposals.ts).
    archiveFailedAfterSeconds: 7 * 24 * 3600,
    ...pool,
  } as PgBoss.ConstructorOptions);
}
