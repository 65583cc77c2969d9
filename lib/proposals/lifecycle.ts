/**
 * A proposal's life after drafting: DRAFT → DISCUSSION → VOTING → CLOSED, or WITHDRAWN by its author
 * before the vote opens. Opening freezes the electorate (lib/votes/open-voting.ts) and emits
 * "proposal.opened"; closing tallies once (lib/votes/close-proposal.ts) and emits "proposal.closed".
 */
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { ForbiddenError } from "@/lib/policy/can";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/communities/access";
import { openVotingIn } from "@/lib/votes/open-voting";
import { closeProposalIn } from "@/lib/proposals/close-proposal";
import { notifyProposalCreated } from "@/lib/notifications/hooks";
import { canManage, requireProposalAccess } from "./access";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function startDiscussion(
  db: Db,
  { actor, proposalId, now = new Date() }: { actor: Actor; proposalId: string; now?: Date },
): Promise<void> {
  const access = await requireProposalAccess(db, { proposalId, actor });
  if (!canManage(access, actor)) throw new ForbiddenError("proposal.manage");
  const planned = await db.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: { createdAt: true, votingOpensAt: true },
  });
  const discussionMs = Math.max(0, (planned.votingOpensAt?.getTime() ?? 0) - planned.createdAt.getTime());
  await db.$transaction(async (tx) => {
    const changed = await tx.proposal.updateMany({
      where: { id: proposalId, status: "DRAFT" },
      data: { status: "DISCUSSION", discussionEndsAt: new Date(now.getTime() + discussionMs) },
    });
    if (changed.count === 0) throw new AppError("not_draft", "votes.errors.notDraft", 409);
    // "New proposal in my communities": it becomes visible for discussion now.
    await notifyProposalCreated(tx, { proposalId, actorId: actor.id });
  });
}

/** Opens the vote now for the planned duration (closes at now + duration). */
export async function openVotingNow(
  db: Db,
  { actor, proposalId, now = new Date() }: { actor: Actor; proposalId: string; now?: Date },
): Promise<{ electorate: number; closesAt: Date }> {
  const access = await requireProposalAccess(db, { proposalId, actor });
  if (!canManage(access, actor)) throw new ForbiddenError("proposal.manage");
  const planned = await db.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: { votingOpensAt: true, votingClosesAt: true },
  });
  const durationMs =
    planned.votingOpensAt && planned.votingClosesAt
      ? planned.votingClosesAt.getTime() - planned.votingOpensAt.getTime()
      : 7 * DAY_MS;
  const closesAt = new Date(now.getTime() + durationMs);
  const { electorate } = await db.$transaction(async (tx) => {
    const opened = await openVotingIn(tx, { proposalId, closesAt, now });
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: access.community.id,
      action: "proposal.votingOpened",
      details: { proposalId, electorate: opened.electorate, closesAt: closesAt.toISOString() },
    });
    return opened;
  });
  return { electorate, closesAt };
}

/** The author withdraws their proposal, only before the vote opens. */
export async function withdrawProposal(db: Db, { actor, proposalId }: { actor: Actor; proposalId: string }): Promise<void> {
  const access = await requireProposalAccess(db, { proposalId, actor });
  if (access.proposal.authorId !== actor.id) throw new ForbiddenError("proposal.withdraw");
  await db.$transaction(async (tx) => {
    const changed = await tx.proposal.updateMany({
      where: { id: proposalId, status: { in: ["DRAFT", "DISCUSSION"] } },
      data: { status: "WITHDRAWN" },
    });
    if (changed.count === 0) throw new AppError("not_withdrawable", "votes.errors.notWithdrawable", 409);
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: access.community.id,
      action: "proposal.withdrawn",
      details: { proposalId },
    });
  });
}

/** An administrator closes the vote now (e.g. every elector has voted); the tally is the usual one. */
export async function closeProposalEarly(
  db: Db,
  { actor, proposalId, now = new Date() }: { actor: Actor; proposalId: string; now?: Date },
): Promise<{ outcome?: string }> {
  const access = await requireProposalAccess(db, { proposalId, actor, action: "proposal.closeEarly" });
  if (access.proposal.status !== "VOTING") throw new AppError("not_voting", "votes.errors.notOpen", 409);
  const result = await db.$transaction(async (tx) => {
    const closed = await closeProposalIn(tx, { proposalId, now });
    if (!closed.closed) throw new AppError("not_voting", "votes.errors.notOpen", 409);
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: access.community.id,
      action: "proposal.closedEarly",
      details: { proposalId, outcome: closed.outcome ?? null },
    });
    return closed;
  });
  return { outcome: result.outcome };
}
