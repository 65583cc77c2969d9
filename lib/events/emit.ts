/**
 * Domain events ("proposal.opened", "proposal.closed"…), written in the transaction of the change
 * they announce so that a reader of the table never sees an event for a change that rolled back.
 * Delivery (notifications, webhooks) reads undelivered rows later. One event per type and proposal.
 */
import type { DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export const domainEventTypes = ["proposal.opened", "proposal.closed", "proposal.closingSoon"] as const;
export type DomainEventType = (typeof domainEventTypes)[number];

export async function emitEvent(
  tx: DbTx,
  event: { type: DomainEventType; communityId: string; proposalId?: string; payload?: Prisma.InputJsonObject },
): Promise<void> {
  await tx.domainEvent.create({
    data: {
      type: event.type,
      communityId: event.communityId,
      proposalId: event.proposalId ?? null,
      payload: event.payload ?? {},
    },
  });
}
