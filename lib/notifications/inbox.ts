/**
 * The in-app side: the unread count (one COUNT on an index), a page of notifications newest first
 * with a cursor, and marking read. Everything goes through the policy's notification scope (one's
 * own, lib/policy/scopes.ts): another's ids are ignored.
 */
import type { DbTx } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/core";
import { decodeCursor, encodeCursor, PAGE_LIMIT_DEFAULT } from "@/lib/core/pagination";
import { notificationPath, notificationSentence } from "./describe";
import type { NotificationData } from "./kinds";
import type { MarkReadInput } from "./schemas";
import { notificationScope } from "@/lib/policy/scopes";
import { notifyUnreadChanged } from "./live";
import { inTransaction } from "./hooks";

export type NotificationItem = {
  id: string;
  kind: string;
  text: string;
  path: string;
  communityId: string | null;
  createdAt: Date;
  readAt: Date | null;
};

export async function unreadCount(db: DbTx, userId: string): Promise<number> {
  return db.notification.count({ where: { AND: [notificationScope.where({ id: userId }), { readAt: null }] } });
}

/** The cursor key: creation time and id, newest first (ties broken by id). */
const keyOf = (row: { createdAt: Date; id: string }) => `${row.createdAt.toISOString()}|${row.id}`;

function parseKey(after: string): { createdAt: Date; id: string } | null {
  const [iso, id] = after.split("|");
  const createdAt = new Date(iso ?? "");
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

/** `after` is a decoded cursor (lib/api/pagination.ts); an unusable one starts from the top. */
export async function listNotifications(
  db: DbTx,
  { userId, locale, after, limit = PAGE_LIMIT_DEFAULT }: { userId: string; locale: Locale; after?: string; limit?: number },
): Promise<{ data: NotificationItem[]; nextCursor: string | null }> {
  const from = after ? parseKey(after) : null;
  const rows = await db.notification.findMany({
    where: {
      AND: [
        notificationScope.where({ id: userId }),
        from ? { OR: [{ createdAt: { lt: from.createdAt } }, { createdAt: from.createdAt, id: { lt: from.id } }] } : {},
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, kind: true, data: true, communityId: true, createdAt: true, readAt: true },
  });
  const visible = rows.slice(0, limit);
  const last = visible[visible.length - 1];
  return {
    data: visible.map((row) => {
      const data = (row.data ?? {}) as NotificationData;
      return {
        id: row.id,
        kind: row.kind,
        text: notificationSentence(locale, row.kind, data),
        path: notificationPath(data),
        communityId: row.communityId,
        createdAt: row.createdAt,
        readAt: row.readAt,
      };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null,
  };
}

/** For the page's "older" link: the decoded cursor, or undefined when absent or garbage. */
export function cursorParam(value: unknown): string | undefined {
  return typeof value === "string" ? (decodeCursor(value) ?? undefined) : undefined;
}

/** Marks read and, in the same transaction, tells the person's open pages (lib/live) their count moved. */
export async function markRead(db: DbTx, { userId, input }: { userId: string; input: MarkReadInput }): Promise<number> {
  const run = async (tx: DbTx) => {
    const { count } = await tx.notification.updateMany({
      where: {
        AND: [notificationScope.where({ id: userId }), { readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) }],
      },
      data: { readAt: new Date() },
    });
    if (count > 0) await notifyUnreadChanged(tx, [userId]);
    return count;
  };
  // The root client opens its own transaction; inside a caller's transaction, it is that one.
  return inTransaction(db, run);
}
