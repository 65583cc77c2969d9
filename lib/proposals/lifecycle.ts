/**
 * A proposal's life after drafting: DRAFT → DISCUSSION → VOTING → CLOSED, or WITHDRAWN by its author
 * before the vote opens. Opening freezes the electorate (lib/votes/open-voting.ts) and emits
 * "proposal.opened"; closing tallies once (lib/votes/close-proposal.ts) and emits "proposal.closed".
 */
import type { Db } from "@/lib/db/client";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { invalidField } from "@/lib/core/validation";
import { withFields } from "@/lib/core/use-case";
import { getCharterParameters } from "@/lib/charter/parameters";
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
  // The planned discussion, never shorter than the charter's minimum in force when it starts.
  const charter = await getCharterParameters(db, access.community.id);
  const discussionMs = Math.max(
    0,
    (planned.votingOpensAt?.getTime() ?? 0) - planned.createdAt.getTime(),
    charter.minDiscussionDays * DAY_MS,
  );
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

/**
 * Opens the vote now for the planned duration (closes at now + duration, never shorter than the
 * charter's minimum). Not before the discussion announced to the members is over: a proposal
 * discussed (or due to be) cannot be put to the vote straight from its draft or mid-discussion.
 */
export async function openVotingNow(
  db: Db,
  { actor, proposalId, now = new Date() }: { actor: Actor; proposalId: string; now?: Date },
): Promise<{ electorate: number; closesAt: Date }> {
  const access = await requireProposalAccess(db, { proposalId, actor });
  if (!canManage(access, actor)) throw new ForbiddenError("proposal.manage");
  const planned = await db.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: { status: true, createdAt: true, discussionEndsAt: true, votingOpensAt: true, votingClosesAt: true },
  });
  const charter = await getCharterParameters(db, access.community.id);
  const plannedDiscussionMs = Math.max(
    (planned.votingOpensAt?.getTime() ?? 0) - planned.createdAt.getTime(),
    charter.minDiscussionDays * DAY_MS,
  );
  if (planned.status === "DRAFT" && plannedDiscussionMs > 0) {
    throw new AppError("discussion_required", "votes.errors.discussionRequired", 409, {
      days: Math.ceil(plannedDiscussionMs / DAY_MS),
    });
  }
  const discussionEnds = planned.status === "DISCUSSION" ? planned.discussionEndsAt : null;
  if (discussionEnds && discussionEnds.getTime() > now.getTime()) {
    throw new AppError("discussion_not_over", "votes.errors.discussionNotOver", 409, {
      days: Math.ceil((discussionEnds.getTime() - now.getTime()) / DAY_MS),
    });
  }
  const durationMs = Math.max(
    planned.votingOpensAt && planned.votingClosesAt
      ? planned.votingClosesAt.getTime() - planned.votingOpensAt.getTime()
      : charter.defaultVotingDays * DAY_MS,
    charter.minVotingDays * DAY_MS,
  );
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

export const closeEarlySchema = z.object({
  /** Why the vote closes before its date; required where the charter lets administrators close with a reason. */
  reason: z
    .string()
    .trim()
    .max(1000, { error: "votes.errors.closeReasonTooLong" })
    .optional()
    .transform((reason) => reason || undefined),
});
export type CloseEarlyInput = z.input<typeof closeEarlySchema>;

/**
 * An administrator closes the vote before its date, only as the charter's `earlyClose` allows:
 * never; once every elector has voted; or with a stated reason. The rule and the reason go into
 * the decision (the signed record), and the tally is the usual one.
 */
export const closeProposalEarly = withFields(
  closeEarlySchema,
  async (
    db: Db,
    {
      actor,
      proposalId,
      reason,
      now = new Date(),
    }: { actor: Actor; proposalId: string; now?: Date } & z.output<typeof closeEarlySchema>,
  ): Promise<{ outcome?: string }> => {
    const access = await requireProposalAccess(db, { proposalId, actor, action: "proposal.closeEarly" });
    if (access.proposal.status !== "VOTING") throw new AppError("not_voting", "votes.errors.notOpen", 409);
    const { earlyClose: rule } = await getCharterParameters(db, access.community.id);
    if (rule === "never") throw new AppError("early_close_forbidden", "votes.errors.earlyCloseNever", 409);
    if (rule === "administrators" && !reason) throw invalidField("reason", "votes.errors.closeReasonRequired");
    const result = await db.$transaction(async (tx) => {
      // Locked before counting, so no ballot is withdrawn between the count and the close.
      await tx.$queryRaw`SELECT "id" FROM "Proposal" WHERE "id" = ${proposalId} FOR UPDATE`;
      if (rule === "allVoted") {
        const [counts] = await tx.$queryRaw<{ electors: number; voters: number }[]>`
          SELECT (SELECT count(*)::int FROM "ElectorMember" WHERE "proposalId" = ${proposalId}) AS electors,
                 (SELECT count(*)::int FROM "Ballot" WHERE "proposalId" = ${proposalId} AND "withdrawnAt" IS NULL) AS voters`;
        if (!counts || counts.voters < counts.electors)
          throw new AppError("early_close_not_all_voted", "votes.errors.earlyCloseNotAllVoted", 409, {
            missing: (counts?.electors ?? 0) - (counts?.voters ?? 0),
          });
      }
      const earlyClose = { rule, reason: reason ?? null };
      const closed = await closeProposalIn(tx, { proposalId, now, record: { earlyClose } });
      if (!closed.closed) throw new AppError("not_voting", "votes.errors.notOpen", 409);
      await recordAudit(tx, {
        actorId: actor.id,
        communityId: access.community.id,
        action: "proposal.closedEarly",
        details: { proposalId, outcome: closed.outcome ?? null, rule, reason: reason ?? null },
      });
      return closed;
    });
    return { outcome: result.outcome };
  },
);
