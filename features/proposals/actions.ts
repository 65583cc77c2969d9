"use server";
/** Everything done on a proposal's page: lifecycle, ballots, receipt checks, comments. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { ActionResult } from "@/lib/forms";
import { closeProposalEarly, openVotingNow, startDiscussion, withdrawProposal } from "@/lib/proposals/lifecycle";
import { checkReceipt, voteOnProposal, withdrawMyBallot } from "@/lib/proposals/ballots";
import { addComment, deleteComment, editComment } from "@/lib/proposals/comments";
import { receiptSchema } from "@/lib/proposals/schemas";
import { fieldErrorsOf } from "@/lib/forms";
import { isAppError } from "@/lib/errors";
import { currentUser } from "@/lib/web/request";
import { runForUser } from "@/lib/web/run-for-user";

const id = z.string().min(1).max(60);
const lifecycleInput = z.object({ proposalId: id, step: z.enum(["discuss", "open", "withdraw", "closeEarly"]) });

const done = <T>(proposalId: string, result: ActionResult<T>) => {
  if (result.ok) revalidatePath(`/proposals/${proposalId}`);
  return result;
};

export async function proposalStepAction(input: unknown): Promise<ActionResult> {
  const parsed = lifecycleInput.safeParse(input);
  if (!parsed.success) return { ok: false, formError: "errors.invalid" };
  const { proposalId, step } = parsed.data;
  const result = await runForUser(async (actor) => {
    if (step === "discuss") await startDiscussion(db(), { actor, proposalId });
    if (step === "open") await openVotingNow(db(), { actor, proposalId });
    if (step === "withdraw") await withdrawProposal(db(), { actor, proposalId });
    if (step === "closeEarly") await closeProposalEarly(db(), { actor, proposalId });
  });
  return done(proposalId, result.ok ? { ok: true } : result);
}

export async function castBallotAction(
  proposalId: unknown,
  choice: unknown,
): Promise<ActionResult<{ receipt: string; changed: boolean }>> {
  const target = id.safeParse(proposalId);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const result = await runForUser((actor) => voteOnProposal(db(), { actor, proposalId: target.data, choice }));
  return done(target.data, result);
}

export async function withdrawBallotAction(proposalId: unknown): Promise<ActionResult> {
  const target = id.safeParse(proposalId);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const result = await runForUser((actor) => withdrawMyBallot(db(), { actor, proposalId: target.data }));
  return done(target.data, result.ok ? { ok: true } : result);
}

export type ReceiptCheck = { found: boolean; choice: unknown; digest: string; digestValid: boolean };

/** Anyone who may read the proposal may check a receipt, signed in or not. */
export async function verifyReceiptAction(proposalId: unknown, input: unknown): Promise<ActionResult<ReceiptCheck>> {
  const target = id.safeParse(proposalId);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const parsed = receiptSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const actor = await currentUser();
  try {
    return { ok: true, data: await checkReceipt(db(), { actor, proposalId: target.data, receipt: parsed.data.receipt }) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, formError: error.messageKey };
    throw error;
  }
}

const commentInput = z.object({
  proposalId: id,
  op: z.enum(["add", "edit", "delete"]),
  commentId: id.optional(),
  body: z.string().optional(),
  parentId: id.optional(),
});

export async function commentAction(input: unknown): Promise<ActionResult> {
  const parsed = commentInput.safeParse(input);
  if (!parsed.success) return { ok: false, formError: "errors.invalid" };
  const { proposalId, op, commentId, body, parentId } = parsed.data;
  const result = await runForUser(async (actor) => {
    if (op === "add") await addComment(db(), { actor, proposalId, input: { body, parentId } });
    else if (!commentId) throw new Error("commentId required");
    else if (op === "edit") await editComment(db(), { actor, proposalId, commentId, input: { body } });
    else await deleteComment(db(), { actor, proposalId, commentId });
  });
  return done(proposalId, result.ok ? { ok: true } : result);
}
