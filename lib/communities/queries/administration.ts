/** Reads for a community's administration page: pending requests (by cursor) and open invitations. */
import type { DbTx } from "@/lib/db/client";

export const REQUESTS_PAGE_SIZE = 50;

/** Oldest first: the longest-waiting request is answered first. */
export async function listPendingRequests(
  db: DbTx,
  { communityId, cursor, limit = REQUESTS_PAGE_SIZE }: { communityId: string; cursor?: string; limit?: number },
) {
  const take = Math.min(Math.max(limit, 1), 100);
  const rows = await db.membership.findMany({
    where: { communityId, status: "PENDING" },
    orderBy: [{ joinedAt: "asc" }, { id: "asc" }],
    take: take + 1,
    ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    select: {
      id: true,
      joinedAt: true,
      college: true,
      requestMessage: true,
      user: {
        select: {
          id: true,
          displayName: true,
          name: true,
          organizationVerifiedAt: true,
          organization: { select: { name: true } },
        },
      },
    },
  });
  const requests = rows.slice(0, take).map((row) => ({
    membershipId: row.id,
    requestedAt: row.joinedAt,
    college: row.college,
    message: row.requestMessage,
    userId: row.user.id,
    displayName: row.user.displayName ?? row.user.name ?? "—",
    organization: row.user.organization?.name ?? null,
    /** Whether the organisation is verified or only declared (shown as such to those who decide). */
    organizationVerified: row.user.organizationVerifiedAt !== null,
  }));
  return { requests, nextCursor: rows.length > take ? (requests[requests.length - 1]?.membershipId ?? null) : null };
}

export async function countPendingRequests(db: DbTx, communityId: string): Promise<number> {
  return db.membership.count({ where: { communityId, status: "PENDING" } });
}

/** Invitations still usable (not accepted, revoked or expired), newest first. */
export async function listOpenInvitations(db: DbTx, communityId: string, take = 50) {
  return db.invitation.findMany({
    where: { communityId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, email: true, role: true, expiresAt: true },
  });
}
