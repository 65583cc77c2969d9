/**
 * Enqueueing a job in the transaction of the change that causes it: the job row is inserted through
 * the Prisma transaction, so it exists exactly when the change commits (a rollback leaves no job
 * behind, and a crash right after the commit loses none). This is pg-boss's own `send` with its `db`
 * option (an executor of its SQL), here the caller's transaction: the insert statement, the queue's
 * defaults (retries, expiry, dead letter) and the deduplication rules stay pg-boss's.
 *
 * A job for a queue that no worker has created yet is not inserted (pg-boss joins the queue table):
 * queues are created when a worker starts, and every job enqueued this way has a scheduled sweep
 * behind it that finds the work anyway (see lib/jobs/definitions/close-due-proposals.ts).
 */
import PgBoss from "pg-boss";
import type { DbTx } from "@/lib/db/client";

/** The PostgreSQL schema of pg-boss's tables (the worker, lib/jobs/boss.ts, uses the same). */
export const JOBS_SCHEMA = "pgboss";

export type EnqueueOptions = Pick<PgBoss.SendOptions, "id" | "startAfter" | "singletonKey" | "priority">;

/** pg-boss only as a builder of its statements: never started, it opens no connection. */
let statements: PgBoss | undefined;
function sendOnly(): PgBoss {
  statements ??= new PgBoss({
    schema: JOBS_SCHEMA,
    db: {
      executeSql: () => Promise.reject(new Error("lib/core/jobs.ts sends through a transaction only")),
    },
  });
  return statements;
}

/** Runs pg-boss's SQL on the Prisma transaction (JSON payloads are sent as text for its ::jsonb casts). */
function executorOf(tx: DbTx): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const params = values.map((value: unknown) =>
        value !== null && typeof value === "object" && !(value instanceof Date) ? JSON.stringify(value) : value,
      );
      return { rows: await tx.$queryRawUnsafe<unknown[]>(text, ...params) };
    },
  };
}

/**
 * Inserts one job into `name`'s queue inside `tx`. Returns its id, or null when nothing was inserted
 * (a job with the same id already exists, or the queue does not exist yet).
 */
export async function enqueueInTx(tx: DbTx, name: string, data: object, options: EnqueueOptions = {}): Promise<string | null> {
  return sendOnly().send(name, data, { ...options, db: executorOf(tx) });
}
