"use server";
/** Drafting a proposal from the form (the API's schema); the charter's rules are checked by draftProposal. */
import { z } from "zod";
import { draftProposal } from "@/lib/proposals/create-proposal";
import { editDraft } from "@/lib/proposals/edit-draft";
import { createProposalSchema } from "@/lib/proposals/schemas";
import { defineAction } from "@/lib/web/action";

export const createProposalAction = defineAction({
  name: "proposal.create",
  input: createProposalSchema.safeExtend({ community: z.string().min(1).max(100) }),
  handle: ({ db, actor, input: { community, ...values } }) => draftProposal(db, { actor, slug: community, values }),
  revalidate: (input) => `/communities/${input.community}/proposals`,
});

/** Editing one's draft with the same form; editDraft checks the author, the state and the charter. */
export const editDraftAction = defineAction({
  name: "proposal.editDraft",
  input: editDraft.schema.safeExtend({ proposalId: z.string().min(1).max(60) }),
  handle: ({ db, actor, input: { proposalId, ...values } }) => editDraft.run(db, { actor, proposalId, input: values }),
  revalidate: (input) => `/proposals/${input.proposalId}`,
});
