/**
 * The community's moderation log, readable by whoever reads the community: what was done, when, under
 * which rule. Built from the audit entries of moderation, keeping only what is safe to publish: no
 * reporter, no person's name, no hidden content, no moderator's free text.
 */
import type { DbTx } from "@/lib/db/client";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";

export type ModerationLogEntry = {
  id: string;
  at: Date;
  action:
    | "reported"
    | "hidden"
    | "restored"
    | "reportDismissed"
    | "suspensionEnded"
    | "warned"
    | "suspended"
    | "banned"
    | "appealed"
    | "appealDecided"
    | "hidingContested";
  targetKind: string | null;
  until: string | null;
  rule: string | null;
  outcome: string | null;
  departed: boolean;
};

const str = (details: unknown, key: string): string | null => {
  if (typeof details !== "object" || details === null) return null;
  const value = (details as Record<string, unknown>)[key];
  return typeof value === "string" ? value : null;
};

function toEntry(row: { id: string; at: Date; action: string; details: unknown }): ModerationLogEntry | null {
  const d = row.details;
  const base = {
    id: row.id,
    at: row.at,
    targetKind: str(d, "targetKind"),
    until: null,
    rule: null,
    outcome: null,
    departed: false,
  };
  switch (row.action) {
    case "moderation.reported":
      return { ...base, action: "reported" };
    case "moderation.hidden":
      return { ...base, action: "hidden" };
    case "moderation.restored": {
      const reason = str(d, "reason");
      if (reason === "suspensionEnded") return { ...base, targetKind: null, action: "suspensionEnded" };
      if (reason === "reportDismissed") return { ...base, action: "reportDismissed" };
      return { ...base, action: "restored" };
    }
    case "moderation.warned":
    case "moderation.suspended":
    case "moderation.banned": {
      const departed = typeof d === "object" && d !== null && (d as Record<string, unknown>).departedFromLadder === true;
      return {
        ...base,
        targetKind: null,
        action: row.action === "moderation.warned" ? "warned" : row.action === "moderation.suspended" ? "suspended" : "banned",
        until: str(d, "until"),
        rule: str(d, "ruleReference"),
        departed,
      };
    }
    case "moderation.appealed":
      return { ...base, targetKind: null, action: "appealed" };
    case "moderation.appealDecided":
      return { ...base, targetKind: null, action: "appealDecided", outcome: str(d, "outcome") };
    case "moderation.hidingContested":
      return { ...base, action: "hidingContested" };
    default:
      return null;
  }
}

export async function listModerationLog(
  db: DbTx,
  { actor, slug, cursor, limit = 50 }: { actor: Actor | null; slug: string; cursor?: string; limit?: number },
): Promise<{ community: { id: string; slug: string; name: string }; entries: ModerationLogEntry[]; nextCursor: string | null }> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "moderation.readLog" });
  const take = Math.min(Math.max(limit, 1), 100);
  const rows = await db.auditEntry.findMany({
    where: { communityId: community.id, action: { startsWith: "moderation." } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: { id: true, at: true, action: true, details: true },
  });
  const page = rows.slice(0, take);
  return {
    community: { id: community.id, slug: community.slug, name: community.name },
    entries: page.map(toEntry).filter((e): e is ModerationLogEntry => e !== null),
    nextCursor: rows.length > take ? (page[page.length - 1]?.id ?? null) : null,
  };
}
