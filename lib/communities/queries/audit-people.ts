/** Names of the people an audit page mentions as targets (approved, moved…), in one query for the whole page. */
import type { DbTx } from "@/lib/db/client";

export async function displayNamesOf(db: DbTx, userIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true, name: true } });
  return new Map(users.map((user) => [user.id, user.displayName ?? user.name ?? "—"]));
}
