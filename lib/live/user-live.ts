/**
 * What the header shows live to a signed-in person: their unread count, re-read on the server for
 * that person (the notification scope: their own) each time a notification of theirs is created or
 * read on any instance (lib/notifications/live.ts names them by id only). The event id is the count,
 * so a browser that reconnects with Last-Event-ID gets it again only when it changed.
 */
import type { DbTx } from "@/lib/db/client";
import { unreadCount } from "@/lib/notifications/inbox";

export type UserLive = { id: string; unread: number };

export async function userLive(db: DbTx, userId: string): Promise<UserLive> {
  const unread = await unreadCount(db, userId);
  return { id: String(unread), unread };
}
