"use server";
/** Commons forms and lifecycle controls: parse the target, run the use case (which checks lib/policy). */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { ActionResult } from "@/lib/forms";
import { renderMarkdown } from "@/lib/markdown";
import { adoptCommons, archiveCommons, proposeCommons, rejectCommons, updateCommons } from "@/lib/commons/commons";
import { parseDecisionReason, submitCommonsToVote } from "@/lib/commons/adoption";
import { CommonsInputError } from "@/lib/commons/schemas";
import { runForUser } from "@/lib/web/run-for-user";

const slugInput = z.string().min(1).max(100);
const decisions = z.enum(["adopt", "reject", "archive", "propose"]);

/** Like runForUser, but keeps every field error of the form (runForUser keeps one). */
async function run<T>(work: Parameters<typeof runForUser<T>>[0]): Promise<ActionResult<T>> {
  let fieldErrors: Record<string, string> | undefined;
  const result = await runForUser(async (user) => {
    try {
      return await work(user);
    } catch (error) {
      if (error instanceof CommonsInputError) fieldErrors = error.fieldErrors;
      throw error;
    }
  });
  return !result.ok && fieldErrors ? { ok: false, fieldErrors } : result;
}

export async function proposeCommonsAction(
  slug: unknown,
  input: unknown,
): Promise<ActionResult<{ slug: string; status: string }>> {
  const target = slugInput.safeParse(slug);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const result = await run((user) => proposeCommons(db(), { actor: user, slug: target.data, input }));
  if (result.ok) revalidatePath(`/communities/${target.data}`, "layout");
  return result;
}

export async function updateCommonsAction(
  slug: unknown,
  commonsSlug: unknown,
  input: unknown,
): Promise<ActionResult<{ slug: string; status: string }>> {
  const target = slugInput.safeParse(slug);
  const commons = slugInput.safeParse(commonsSlug);
  if (!target.success || !commons.success) return { ok: false, formError: "errors.invalid" };
  const result = await run((user) => updateCommons(db(), { actor: user, slug: target.data, commonsSlug: commons.data, input }));
  if (result.ok) revalidatePath(`/communities/${target.data}`, "layout");
  return result;
}

/** Lifecycle: put a draft up for adoption, adopt, reject, archive (with an optional reason). */
export async function decideCommonsAction(
  slug: unknown,
  commonsSlug: unknown,
  decision: unknown,
  input: unknown,
): Promise<ActionResult<{ status: string }>> {
  const target = slugInput.safeParse(slug);
  const commons = slugInput.safeParse(commonsSlug);
  const which = decisions.safeParse(decision);
  if (!target.success || !commons.success || !which.success) return { ok: false, formError: "errors.invalid" };
  const result = await run(async (user) => {
    const args = { actor: user, slug: target.data, commonsSlug: commons.data };
    if (which.data === "propose") return updateCommons(db(), { ...args, input: { status: "PROPOSED" } });
    const reason = parseDecisionReason(input);
    const run = which.data === "adopt" ? adoptCommons : which.data === "reject" ? rejectCommons : archiveCommons;
    return run(db(), { ...args, reason });
  });
  if (result.ok) revalidatePath(`/communities/${target.data}`, "layout");
  return result.ok ? { ok: true, data: { status: result.data!.status } } : result;
}

/** Where adoption takes a vote: drafts the COMMONS_ADOPTION proposal and returns its id. */
export async function submitCommonsToVoteAction(slug: unknown, commonsSlug: unknown): Promise<ActionResult<{ id: string }>> {
  const target = slugInput.safeParse(slug);
  const commons = slugInput.safeParse(commonsSlug);
  if (!target.success || !commons.success) return { ok: false, formError: "errors.invalid" };
  const result = await runForUser((user) =>
    submitCommonsToVote(db(), { actor: user, slug: target.data, commonsSlug: commons.data }),
  );
  if (result.ok) revalidatePath(`/communities/${target.data}`, "layout");
  return result;
}

/** The description as it will be shown: through the same sanitiser as the commons page. */
export async function previewMarkdownAction(text: unknown): Promise<string> {
  const source = z.string().max(50_000).safeParse(text);
  return source.success ? renderMarkdown(source.data) : "";
}
