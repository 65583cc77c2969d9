/** `npm run worker`: delivers queued emails. Several may run against one database. */
export {};
process.env.GEOCOMMUNS_PROCESS ??= "worker";
const { config, ConfigError } = await import("@/lib/config");
const { db } = await import("@/lib/db/client");
const { runWorker } = await import("@/lib/mail/run-worker");
const { logger } = await import("@/lib/log");

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
const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "worker stopping");
    controller.abort();
  });
}
logger.info("worker started");
await runWorker(db(), env, controller.signal);
await db().$disconnect();
logger.info("worker stopped");
