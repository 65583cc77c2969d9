"use server";
/**
 * Everything done on a proposal's page: lifecycle, ballots, receipt checks, comments. Each action is
 * declared once with its schema (lib/web/action.ts); the use cases in lib/proposals check lib/policy.
 */
import { z } from "zod";
import {
  closeEarlySchema,
  closeProposalEarly,
  openVotingNow,
  startDiscussion,
  withdrawProposal,
} from "@/lib/proposals/lifecycle";
import { checkReceipt, voteOnProposal, withdrawMyBallot } from "@/lib/proposals/ballots";
import { addComment, deleteComment, editComment } from "@/lib/proposals/comments";
import { commentSchema, receiptSchema } from "@/lib/proposals/schemas";
import { ballotChoiceSchema } from "@/lib/votes/schemas";
import { defineAction, definePublicAction } from "@/lib/web/action";

const proposalId = z.string().min(1).max(60);
const page = (input: { proposalId: string }) => `/proposals/${input.proposalId}`;

const steps = { discuss: startDiscussion, open: openVotingNow, withdraw: withdrawProposal };

export const proposalStepAction = defineAction({
  name: "proposal.step",
  input: z.object({ proposalId, step: z.enum(["discuss", "open", "withdraw"]) }),
  handle: async ({ db, actor, input }) => {
    await steps[input.step](db, { actor, proposalId: input.proposalId });
  },
  revalidate: page,
});

/** Closing before the date: confirmed in the page, with the reason the charter may require. */
export const closeEarlyAction = defineAction({
  name: "proposal.closeEarly",
  input: closeEarlySchema.safeExtend({ proposalId }),
  handle: async ({ db, actor, input: { proposalId, reason } }) => {
    await closeProposalEarly.run(db, { actor, proposalId, reason });
  },
  revalidate: page,
});

/** The ballot body is the API's (PUT /api/v1/proposals/{id}/ballot): one schema, one use case. */
export const castBallotAction = defineAction({
  name: "ballot.cast",
  input: z.object({ proposalId, choice: ballotChoiceSchema }),
  handle: ({ db, actor, input }) => voteOnProposal(db, { actor, proposalId: input.proposalId, choice: input.choice }),
  revalidate: page,
});

export const withdrawBallotAction = defineAction({
  name: "ballot.withdraw",
  input: z.object({ proposalId }),
  handle: ({ db, actor, input }) => withdrawMyBallot(db, { actor, proposalId: input.proposalId }),
  revalidate: page,
});

export type ReceiptCheck = { found: boolean; choice: unknown; digest: string; digestValid: boolean };

/** Anyone who may read the proposal may check a receipt, signed in or not. */
export const verifyReceiptAction = definePublicAction({
  name: "receipt.verify",
  input: receiptSchema.safeExtend({ proposalId }),
  handle: ({ db, actor, input }): Promise<ReceiptCheck> =>
    checkReceipt(db, { actor, proposalId: input.proposalId, receipt: input.receipt }),
});

export const addCommentAction = defineAction({
  name: "comment.add",
  input: commentSchema.safeExtend({ proposalId }),
  handle: ({ db, actor, input: { proposalId, ...comment } }) => addComment(db, { actor, proposalId, input: comment }),
  revalidate: page,
});

export const editCommentAction = defineAction({
  name: "comment.edit",
  input: commentSchema.pick({ body: true }).safeExtend({ proposalId, commentId: proposalId }),
  handle: ({ db, actor, input: { proposalId, commentId, body } }) =>
    editComment(db, { actor, proposalId, commentId, input: { body } }),
  revalidate: page,
});

export const deleteCommentAction = defineAction({
  name: "comment.delete",
  input: z.object({ proposalId, commentId: proposalId }),
  handle: ({ db, actor, input }) => deleteComment(db, { actor, proposalId: input.proposalId, commentId: input.commentId }),
  revalidate: page,
});
