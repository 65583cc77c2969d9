/**
 * Tells the app instances that some people's unread counts changed (a notification created for them,
 * or read), so their headers update live (lib/live: each instance re-reads the count of those it
 * serves). Called inside the transaction of the change: pg_notify is transactional, so it is
 * delivered on commit and never for a change rolled back. The payload names people by their opaque
 * ids only (every listener sees it), in chunks well under PostgreSQL's 8000-byte payload limit.
 */
import type { DbTx } from "@/lib/db/client";
import { notifyLivePayloads } from "@/lib/db/sql";

const PER_PAYLOAD = 200;

export async function notifyUnreadChanged(tx: DbTx, userIds: string[]): Promise<void> {
  const ids = [...new Set(userIds)];
  const payloads: string[] = [];
  for (let i = 0; i < ids.length; i += PER_PAYLOAD) payloads.push(JSON.stringify({ users: ids.slice(i, i + PER_PAYLOAD) }));
  await notifyLivePayloads(tx, payloads);
}
