/**
 * What a community's moderation queue page follows live: a stamp of its open reports and pending
 * appeals (how many, and when the last one arrived or was decided), pushed each time a report or an
 * appeal of the community is filed or handled on any instance (lib/moderation/live.ts names the
 * community only). No content: the page refreshes its server components, which read the queue under
 * the moderator's own authorization.
 */
import type { DbTx } from "@/lib/db/client";
import type { Actor } from "@/lib/communities/access";
import { requireCommunityAccess } from "@/lib/communities/access";

export type QueueLive = { id: string; communityId: string; openReports: number };

/** The queue page's own rule (lib/policy: moderation.queue); returns the community's id. */
export async function authorizeQueueLive(db: DbTx, { actor, slug }: { actor: Actor | null; slug: string }): Promise<string> {
  const { community } = await requireCommunityAccess(db, { slug, actor, action: "moderation.queue" });
  return community.id;
}

/** One statement on the reports' (communityId, state, createdAt) index and the community's sanctions. */
export async function queueLive(db: DbTx, communityId: string): Promise<QueueLive> {
  const [row] = await db.$queryRaw<{ open: number; reports: string; appeals: string }[]>`
    SELECT
      (SELECT count(*)::int FROM "Report" r WHERE r."communityId" = ${communityId} AND r."state" = 'OPEN') AS "open",
      (SELECT count(*)::text || '-' || coalesce((extract(epoch FROM max(greatest(r."createdAt", r."decidedAt"))) * 1000)::bigint::text, '0')
        FROM "Report" r WHERE r."communityId" = ${communityId}) AS "reports",
      (SELECT count(*) FILTER (WHERE a."state" = 'PENDING')::text || '-' || coalesce((extract(epoch FROM max(greatest(a."createdAt", a."decidedAt"))) * 1000)::bigint::text, '0')
        FROM "Appeal" a JOIN "Sanction" s ON s."id" = a."sanctionId" WHERE s."communityId" = ${communityId}) AS "appeals"`;
  const open = row?.open ?? 0;
  return { id: `${open}.${row?.reports ?? "0-0"}.${row?.appeals ?? "0-0"}`, communityId, openReports: open };
}
