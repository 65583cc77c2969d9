/**
 * `npm run worker`: the background jobs (lib/jobs: closes, notifications, digests, suspensions,
 * purges on pg-boss; the outbox's email delivery). Several may run against one database. SIGINT or
 * SIGTERM stops it gracefully: running jobs finish (up to 30 s), unfinished ones are retried later.
 */
export {};
process.env.GEOCOMMUNS_PROCESS ??= "worker";
const { config, ConfigError } = await import("@/lib/core/config");
const { db } = await import("@/lib/db/client");
const { startWorker } = await import("@/lib/jobs/worker");
const { logger } = await import("@/lib/core/log");

let env;
try {
  env = config();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
// pg-boss 10 completes and fails jobs without awaiting the statement: during a database outage that
// rejection would otherwise end the process. The job itself is safe (it expires and is retried).
process.on("unhandledRejection", (reason) => logger.warn({ err: reason }, "unhandled rejection in the worker"));

const worker = await startWorker({ db: db(), env });
logger.info("worker started");
await new Promise<void>((resolve) => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      logger.info({ signal }, "worker stopping");
      resolve();
    });
  }
});
await worker.stop();
await db().$disconnect();
logger.info("worker stopped");
