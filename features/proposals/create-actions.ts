"use server";
/** Drafting a proposal from the form; the charter's rules are checked by createProposal. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { ActionResult } from "@/lib/forms";
import { createProposal } from "@/lib/proposals/create-proposal";
import { runForUser } from "@/lib/web/run-for-user";

const slugInput = z.string().min(1).max(100);

export async function createProposalAction(slug: unknown, input: unknown): Promise<ActionResult<{ id: string }>> {
  const target = slugInput.safeParse(slug);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const result = await runForUser((user) => createProposal(db(), { actor: user, slug: target.data, input }));
  if (result.ok) revalidatePath(`/communities/${target.data}/proposals`);
  return result;
}
