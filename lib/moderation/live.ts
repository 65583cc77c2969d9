/**
 * Tells the app instances that a community's moderation queue changed (a report or an appeal filed
 * or handled), so the queue pages open on it refresh (lib/live). Called inside the transaction of
 * the change (pg_notify is delivered on commit, never for a change rolled back); the payload names
 * the community's id only. PostgreSQL folds identical notifications of one transaction into one.
 */
import type { DbTx } from "@/lib/db/client";
import { notifyLivePayloads } from "@/lib/db/sql";

export async function notifyQueueChanged(tx: DbTx, communityId: string): Promise<void> {
  await notifyLivePayloads(tx, [JSON.stringify({ queue: communityId })]);
}
