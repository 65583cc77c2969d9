/**
 * Voting as a person: the policy first (suspended members do not vote, 404 for those who may not
 * read the community), then the frozen-electorate and timing rules of lib/votes/cast-ballot.ts. The
 * policy is asked about what castBallot reads in its one query (proposal, community, membership), so
 * that the hot path makes no other round trip.
 */
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/communities/access";
import { castBallot, withdrawBallot } from "@/lib/votes/cast-ballot";
import type { BallotChoice } from "@/lib/votes/schemas";
import { verifyReceipt } from "@/lib/proposals/close-proposal";
import { AppError } from "@/lib/core/errors";
import { assertCan } from "@/lib/policy/can";
import { requireProposalAccess } from "./access";

export async function voteOnProposal(
  db: Db,
  { actor, proposalId, choice }: { actor: Actor; proposalId: string; choice: BallotChoice },
): Promise<{ receipt: string; changed: boolean }> {
  return castBallot(db, {
    // Nobody signed in (a caller that skipped authentication) matches no membership: the policy refuses.
    actorId: actor?.id ?? "",
    proposalId,
    choice,
    authorize: ({ community, membership }) => {
      const subject = { user: actor, membership };
      assertCan(subject, "community.read", community);
      assertCan(subject, "proposal.vote", community);
    },
  });
}

export async function withdrawMyBallot(db: Db, { actor, proposalId }: { actor: Actor; proposalId: string }): Promise<void> {
  await requireProposalAccess(db, { proposalId, actor, action: "proposal.vote" });
  await withdrawBallot(db, { actorId: actor.id, proposalId });
}

/** Anyone who may read the proposal may check a receipt once the decision is published. */
export async function checkReceipt(
  db: Db,
  { actor, proposalId, receipt }: { actor: Actor | null; proposalId: string; receipt: string },
) {
  await requireProposalAccess(db, { proposalId, actor });
  const result = await verifyReceipt(db, { proposalId, receipt });
  if (!result) throw new AppError("not_closed", "votes.errors.notClosedYet", 409);
  return result;
}
