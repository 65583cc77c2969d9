/**
 * A worker process's background work (`npm run worker`): starts pg-boss, creates the queues (dead
 * letters first), installs the schedules, registers one handler per queue job, and runs the polling
 * jobs in their own loops. Several workers may run against one database: pg-boss hands each job to
 * one of them (FOR UPDATE SKIP LOCKED), sends each cron tick once, and its maintenance (expiring the
 * jobs of a worker that died, archiving) runs in one of them at a time.
 */
import PgBoss from "pg-boss";
import pg from "pg";
import type { Config } from "@/lib/core/config";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/core/log";
import { createBoss } from "./boss";
import { deadLetterQueues, pollingJobs, queueJobs } from "./registry";
import type { JobContext, PollingJob, QueueJob, QueueOptions } from "./types";

export type WorkerOptions = {
  db: Db;
  env: Config;
  /** Defaults to DATABASE_URL (tests pass their own database). */
  connectionString?: string;
  /** Seconds between two fetches of an idle queue (pg-boss's default is 2). */
  pollingIntervalSeconds?: number;
  /** Replaces queue options, e.g. shorter retry delays in tests. */
  queueOptions?: Partial<Record<string, Partial<QueueOptions>>>;
  /** Only these jobs (default: all of the registry). */
  queues?: readonly QueueJob<never>[];
  pollers?: readonly PollingJob[];
};

export type RunningWorker = { boss: PgBoss; stop: () => Promise<void> };

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

async function runPoller(job: PollingJob, context: Omit<JobContext, "boss">, signal: AbortSignal): Promise<void> {
  const poller = job.open(context);
  if (!poller) return;
  try {
    while (!signal.aborted) {
      let more = false;
      try {
        ({ more } = await poller.run());
      } catch (error) {
        // The database may be restarting: the rows stay where they are, the next iteration retries.
        logger.warn({ err: error, job: job.name }, "polling job iteration failed");
      }
      if (!more) await sleep(job.idleMs, signal);
    }
  } finally {
    poller.close();
  }
}

/**
 * Workers starting together would create the same queues (tables and partitions) at once, and
 * PostgreSQL answers one of them "deadlock detected": the setup takes a session advisory lock on a
 * connection of its own, so each worker's setup runs after the other's.
 */
async function oneAtATime(connectionString: string, setup: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('geocommuns.jobs.setup'))");
    await setup();
  } finally {
    // Closing the session releases the lock too; unlocking first lets the next worker go at once.
    await client.query("SELECT pg_advisory_unlock(hashtext('geocommuns.jobs.setup'))").catch(() => undefined);
    await client.end();
  }
}

export async function startWorker({
  db,
  env,
  connectionString,
  pollingIntervalSeconds = 2,
  queueOptions = {},
  queues = queueJobs,
  pollers = pollingJobs,
}: WorkerOptions): Promise<RunningWorker> {
  const boss = createBoss({ connectionString });
  // pg-boss reports connection losses and failed maintenance here; it reconnects by itself.
  boss.on("error", (error) => logger.warn({ err: error }, "job queue error"));
  await boss.start();

  await oneAtATime(connectionString ?? env.DATABASE_URL, async () => {
    // Dead-letter queues first: a queue's deadLetter must name an existing queue.
    for (const name of deadLetterQueues) await boss.createQueue(name, { name });
    for (const job of queues) {
      const options = { ...job.options, ...queueOptions[job.name] };
      const queue = { name: job.name, policy: options.policy ?? "standard", ...options };
      // createQueue does nothing when the queue exists; updateQueue applies options changed since.
      await boss.createQueue(job.name, queue);
      await boss.updateQueue(job.name, queue);
      if (job.schedule) await boss.schedule(job.name, job.schedule, {}, { tz: "UTC" });
    }
    // A schedule whose job left the registry would fill a queue nobody works.
    const scheduled = new Set(queues.filter((job) => job.schedule).map((job) => job.name));
    for (const { name } of await boss.getSchedules()) if (!scheduled.has(name)) await boss.unschedule(name);
  });

  const context: JobContext = { db, env, boss };
  for (const job of queues) {
    // One job per fetch: pg-boss fails a whole fetched batch when its handler throws, and a poison
    // job must fail alone. Concurrency comes from several `work` loops instead.
    for (let i = 0; i < (job.concurrency ?? 1); i++) {
      await boss.work<object>(job.name, { batchSize: 1, pollingIntervalSeconds }, async ([pgJob]) => {
        if (!pgJob) return;
        try {
          const result = await job.handle(pgJob.data as never, context);
          logger.debug({ job: job.name, id: pgJob.id, result }, "job done");
          return result;
        } catch (error) {
          logger.warn({ err: error, job: job.name, id: pgJob.id }, "job failed (retried, then dead-lettered)");
          throw error;
        }
      });
    }
  }

  const controller = new AbortController();
  const loops = pollers.map((job) => runPoller(job, { db, env }, controller.signal));

  return {
    boss,
    stop: async () => {
      controller.abort();
      await Promise.all(loops);
      // Waits for running handlers (up to 30 s), then fails what is still running so it is retried.
      await boss.stop({ graceful: true, timeout: 30_000 });
    },
  };
}
