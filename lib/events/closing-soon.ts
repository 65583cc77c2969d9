/**
 * "proposal.closingSoon": announced once per proposal when its vote closes within the next 24 hours,
 * so that notifications can remind the electors who have not voted yet. Called by the worker loop
 * next to closeDueProposals. Several workers may run it at once: the unique (type, proposalId)
 * constraint with ON CONFLICT DO NOTHING keeps exactly one event per proposal, without a lock.
 */
import { randomUUID } from "node:crypto";
import type { DbTx } from "@/lib/db/client";
import type { DomainEventType } from "./emit";

export const CLOSING_SOON_WINDOW_MS = 24 * 60 * 60 * 1000;

const CLOSING_SOON: DomainEventType = "proposal.closingSoon";

/**
 * Records the event for every VOTING proposal that closes in (now, now + 24 h] and has none yet.
 * Proposals already due are left to closeDueProposals. Returns how many events this call wrote.
 */
export async function emitClosingSoonEvents(db: DbTx, now = new Date()): Promise<number> {
  const until = new Date(now.getTime() + CLOSING_SOON_WINDOW_MS);
  const due = await db.proposal.findMany({
    where: {
      status: "VOTING",
      votingClosesAt: { gt: now, lte: until },
    },
    select: { id: true, communityId: true, votingClosesAt: true },
    // No page limit: an announced proposal stays in the window, so a limit could starve the others.
    orderBy: { votingClosesAt: "asc" },
  });
  if (due.length === 0) return 0;
  // Skip those already announced; the insert below still guards against a concurrent worker.
  const announced = new Set(
    (
      await db.domainEvent.findMany({
        where: { type: CLOSING_SOON, proposalId: { in: due.map((p) => p.id) } },
        select: { proposalId: true },
      })
    ).map((e) => e.proposalId),
  );
  let written = 0;
  for (const proposal of due) {
    if (announced.has(proposal.id) || !proposal.votingClosesAt) continue;
    const payload = JSON.stringify({ closesAt: proposal.votingClosesAt.toISOString() });
    written += await db.$executeRaw`
      INSERT INTO "DomainEvent" ("id", "type", "communityId", "proposalId", "payload")
      VALUES (${randomUUID()}, ${CLOSING_SOON}, ${proposal.communityId}, ${proposal.id}, ${payload}::jsonb)
      ON CONFLICT ("type", "proposalId") DO NOTHING`;
  }
  return written;
}
