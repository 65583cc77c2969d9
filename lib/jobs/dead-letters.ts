/**
 * Dead letters for platform administrators: jobs whose retries are spent (a proposal whose close
 * throws every time, a digest run that keeps failing…), with the error of their last attempt. pg-boss
 * moves such a job into its queue's dead-letter queue (`<queue>.dead`, see registry.ts) with the same
 * data and the error as output; nothing works those queues, so they are read here.
 */
import type { DbTx } from "@/lib/db/client";
import type { Actor } from "@/lib/communities/access";
import { assertCan } from "@/lib/policy/can";
import { JOBS_SCHEMA } from "./boss";
import { deadLetterQueues } from "./registry";
import { DEAD_LETTER_SUFFIX } from "./types";

export type DeadLetter = {
  id: string;
  /** The queue whose job failed (`proposal.close`), not its dead-letter queue. */
  queue: string;
  /** What the job was for, as it was sent (e.g. `{ proposalId, closesAt }`). */
  data: unknown;
  /** The last attempt's error message (pg-boss stores the serialized error). */
  error: string;
  failedAt: Date;
};

function errorMessage(output: unknown): string {
  if (output && typeof output === "object") {
    const value = output as { message?: unknown; value?: unknown };
    if (typeof value.message === "string") return value.message;
    if (value.value !== undefined) return typeof value.value === "string" ? value.value : errorMessage(value.value);
  }
  return output === null || output === undefined ? "" : JSON.stringify(output);
}

export async function listDeadLetters(db: DbTx, actor: Actor | null, { limit = 50 } = {}): Promise<DeadLetter[]> {
  assertCan({ user: actor, membership: null }, "platform.jobs.read");
  // The schema name is a constant of this module, never input; the queue names are bound parameters.
  const rows = await db.$queryRawUnsafe<{ id: string; name: string; data: unknown; output: unknown; createdOn: Date }[]>(
    `SELECT id::text, name, data, output, created_on AS "createdOn" FROM ${JOBS_SCHEMA}.job
     WHERE name = ANY($1::text[]) ORDER BY created_on DESC, id LIMIT $2`,
    [...deadLetterQueues],
    Math.min(Math.max(1, limit), 200),
  );
  return rows.map((row) => ({
    id: row.id,
    queue: row.name.endsWith(DEAD_LETTER_SUFFIX) ? row.name.slice(0, -DEAD_LETTER_SUFFIX.length) : row.name,
    data: row.data,
    error: errorMessage(row.output).slice(0, 1000),
    failedAt: row.createdOn,
  }));
}
