/**
 * The audit log of governance events. Always written with the transaction of the change it records;
 * the table refuses UPDATE and DELETE (trigger in the migration).
 */
import type { DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export const auditActions = [
  "community.created",
  "community.updated",
  "colleges.configured",
  "membership.joined",
  "membership.requested",
  "membership.approved",
  "membership.refused",
  "membership.invited",
  "membership.invitationAccepted",
  "membership.left",
  "membership.roleChanged",
  "membership.collegeChanged",
  "charter.founded",
  "charter.amended",
  "proposal.created",
  "proposal.draftEdited",
  "proposal.withdrawn",
  "proposal.votingOpened",
  "proposal.closedEarly",
  "moderation.reported",
  "moderation.hidden",
  "moderation.restored",
  "moderation.warned",
  "moderation.suspended",
  "moderation.banned",
  "moderation.appealed",
  "moderation.appealDecided",
  "moderation.hidingContested",
  "commons.proposed",
  "commons.updated",
  "commons.adopted",
  "commons.rejected",
  "commons.archived",
  "commons.stewardsChanged",
  "contribution.recorded",
  "contribution.validated",
  "contribution.rejected",
  "contribution.claimed",
  "source.attached",
  "source.updated",
  "source.secretRotated",
  "capture.alertRaised",
  "identity.verified",
  "account.suspended",
  "account.suspensionLifted",
  "account.erased",
  "organization.linkDeclared",
  "organization.linkVerified",
  "organization.linkDropped",
  "organization.adminGranted",
  "organization.domainAdded",
] as const;
export type AuditAction = (typeof auditActions)[number];

export async function recordAudit(
  tx: DbTx,
  /** communityId null: a platform-level entry (account suspension or erasure by a platform administrator). */
  entry: { actorId: string | null; communityId: string | null; action: AuditAction; details?: Prisma.InputJsonObject },
): Promise<void> {
  await tx.auditEntry.create({
    data: { actorId: entry.actorId, communityId: entry.communityId, action: entry.action, details: entry.details ?? {} },
  });
}

export type AuditPage = {
  entries: { id: string; at: Date; action: string; details: unknown; actor: { id: string; displayName: string | null } | null }[];
  nextCursor: string | null;
};

/** Newest first, by cursor (the last entry's id); `action` filters when given. */
export async function listAudit(
  db: DbTx,
  { communityId, action, cursor, limit = 50 }: { communityId: string; action?: string; cursor?: string; limit?: number },
): Promise<AuditPage> {
  const take = Math.min(Math.max(limit, 1), 100);
  const rows = await db.auditEntry.findMany({
    where: { communityId, ...(action ? { action } : {}) },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: take + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: { id: true, at: true, action: true, details: true, actor: { select: { id: true, displayName: true } } },
  });
  const entries = rows.slice(0, take);
  return { entries, nextCursor: rows.length > take ? (entries[entries.length - 1]?.id ?? null) : null };
}
