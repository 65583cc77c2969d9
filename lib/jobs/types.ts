/**
 * What a background job is. Two kinds:
 * - a queue job runs on pg-boss: each job is a row in `pgboss.job`, claimed by one worker, retried with
 *   backoff when its handler throws, moved to its dead-letter queue (with the error) once the retries are
 *   spent, and optionally produced by a cron schedule. One failing job never stops another.
 * - a polling job runs a lease-based queue of its own (the outbox: see lib/mail/worker.ts) in its own
 *   loop; pg-boss in front of it would only add a second queue in front of the first.
 */
import type PgBoss from "pg-boss";
import type { Config } from "@/lib/core/config";
import type { Db } from "@/lib/db/client";

export type JobContext = {
  db: Db;
  env: Config;
  /** The started pg-boss instance, for handlers that enqueue other jobs (the closing sweep). */
  boss: PgBoss;
};

export type QueueOptions = {
  /** Retries after the first failure; then the job goes to `deadLetter`. */
  retryLimit: number;
  /** Seconds before the first retry; with `retryBackoff`, doubled at each retry (with jitter). */
  retryDelay: number;
  retryBackoff: boolean;
  /** A handler running longer fails (and is retried); also how long a killed worker's job stays claimed. */
  expireInSeconds: number;
  /** Queue that receives the job with its error once the retries are spent (see dead-letters.ts). */
  deadLetter: string;
  /** `singleton`: never two active jobs with the same singletonKey (pg-boss queue policy). */
  policy?: "standard" | "singleton";
};

export type QueueJob<Data extends object = object> = {
  kind: "queue";
  name: string;
  options: QueueOptions;
  /** Cron (UTC, minute resolution) at which pg-boss sends one job; one send per tick however many workers. */
  schedule?: string;
  /** Jobs of this queue run at once in one worker process (each its own pg-boss `work`, one job per fetch). */
  concurrency?: number;
  handle: (data: Data, context: JobContext) => Promise<unknown>;
};

export type Poller = {
  /** One iteration; `more` asks for the next one at once (a backlog is drained without pauses). */
  run: () => Promise<{ more: boolean }>;
  /** Called once when the worker stops (closing connections). */
  close: () => void;
};

export type PollingJob = {
  kind: "poll";
  name: string;
  /** Pause after an iteration that found nothing to do, or failed. */
  idleMs: number;
  /** Prepares the poller; null when it has nothing to do in this configuration (no SMTP server). */
  open: (context: Omit<JobContext, "boss">) => Poller | null;
};

export type JobDefinition = QueueJob<never> | PollingJob;

/** Typed helper: the handler's data type is checked where the job is declared. */
export function defineQueueJob<Data extends object>(job: Omit<QueueJob<Data>, "kind">): QueueJob<Data> {
  return { kind: "queue", ...job };
}

/** The dead-letter queue of a queue: one per queue, so a dead letter keeps the name of what failed. */
export const DEAD_LETTER_SUFFIX = ".dead";
export const deadLetterOf = (name: string) => `${name}${DEAD_LETTER_SUFFIX}`;
