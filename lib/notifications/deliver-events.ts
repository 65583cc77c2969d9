/**
 * Delivery of domain events (lib/events) as notifications, run by the worker. Events are claimed
 * with FOR UPDATE SKIP LOCKED and marked delivered in the same transaction as the notifications they
 * produce: two workers never deliver one event twice, and a crash delivers it again, never half.
 * - proposal.opened → "proposal.votingOpened" to the electorate and the followers;
 * - proposal.closingSoon → "proposal.closingSoon" to electors who have no ballot (or withdrew it);
 * - proposal.closed → "proposal.result" to the members and the followers.
 */
import type { Db, DbTx } from "@/lib/db/client";
import { communityMembers, followersOf, proposalPath } from "./audience";
import { notify } from "./notify";

const HANDLED = ["proposal.opened", "proposal.closingSoon", "proposal.closed"];

type EventRow = { id: string; type: string; communityId: string | null; proposalId: string | null; payload: unknown };

function followTargets(proposal: { id: string; commonsId: string | null }) {
  return [
    { targetKind: "PROPOSAL" as const, targetId: proposal.id },
    ...(proposal.commonsId ? [{ targetKind: "COMMONS" as const, targetId: proposal.commonsId }] : []),
  ];
}

async function deliverEvent(tx: DbTx, event: EventRow): Promise<void> {
  if (!event.proposalId) return;
  const proposal = await tx.proposal.findUnique({
    where: { id: event.proposalId },
    select: {
      id: true,
      kind: true,
      title: true,
      communityId: true,
      commonsId: true,
      votingClosesAt: true,
      outcome: true,
      hiddenAt: true,
      community: { select: { name: true } },
    },
  });
  // A proposal that is gone or hidden by moderation is not advertised.
  if (!proposal || proposal.hiddenAt) return;
  const base = {
    title: proposal.title,
    proposalKind: proposal.kind,
    path: proposalPath(proposal.id),
    communityName: proposal.community.name,
  };
  const electors = async () =>
    (await tx.electorMember.findMany({ where: { proposalId: proposal.id }, select: { userId: true } })).map((e) => e.userId);

  if (event.type === "proposal.opened") {
    const userIds = [...(await electors()), ...(await followersOf(tx, proposal.communityId, followTargets(proposal)))];
    await notify(tx, {
      userIds,
      kind: "proposal.votingOpened",
      communityId: proposal.communityId,
      data: { ...base, closesAt: proposal.votingClosesAt?.toISOString() ?? null },
    });
  } else if (event.type === "proposal.closingSoon") {
    const voted = new Set(
      (await tx.ballot.findMany({ where: { proposalId: proposal.id, withdrawnAt: null }, select: { userId: true } })).map(
        (b) => b.userId,
      ),
    );
    await notify(tx, {
      userIds: (await electors()).filter((id) => !voted.has(id)),
      kind: "proposal.closingSoon",
      communityId: proposal.communityId,
      data: { ...base, closesAt: proposal.votingClosesAt?.toISOString() ?? null },
    });
  } else if (event.type === "proposal.closed") {
    const userIds = [
      ...(await communityMembers(tx, proposal.communityId)),
      ...(await followersOf(tx, proposal.communityId, followTargets(proposal))),
    ];
    await notify(tx, {
      userIds,
      kind: "proposal.result",
      communityId: proposal.communityId,
      data: { ...base, outcome: proposal.outcome ?? null },
    });
  }
}

/** Delivers up to `batchSize` pending events in one transaction; returns how many were delivered. */
export async function deliverPendingEvents(db: Db, { batchSize = 5 } = {}): Promise<number> {
  return db.$transaction(
    async (tx) => {
      const events = await tx.$queryRaw<EventRow[]>`
        SELECT "id", "type", "communityId", "proposalId", "payload" FROM "DomainEvent"
        WHERE "deliveredAt" IS NULL AND "type" = ANY(${HANDLED})
        ORDER BY "createdAt", "id"
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED`;
      for (const event of events) await deliverEvent(tx, event);
      if (events.length > 0) {
        await tx.domainEvent.updateMany({ where: { id: { in: events.map((e) => e.id) } }, data: { deliveredAt: new Date() } });
      }
      return events.length;
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
