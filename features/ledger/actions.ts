"use server";
/**
 * Recording and reviewing contributions from the ledger forms. Input is parsed again by the use case
 * with the form's own schema; field errors come back at their fields as catalogue keys.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { ActionResult } from "@/lib/forms";
import type { SessionUser } from "@/lib/auth/sessions";
import { CommonsInputError } from "@/lib/commons/schemas";
import { recordContribution, validateContribution } from "@/lib/commons/contributions";
import { runForUser } from "@/lib/web/run-for-user";

const slugInput = z.string().min(1).max(100);
const idInput = z.string().min(1).max(100);

/** runForUser, with every field error of a refused input (not only the first). */
async function run<T>(work: (user: SessionUser) => Promise<T>): Promise<ActionResult<T>> {
  type Inner = { fieldErrors: Record<string, string> } | { data: T };
  const result = await runForUser<Inner>(async (user) => {
    try {
      return { data: await work(user) };
    } catch (error) {
      if (error instanceof CommonsInputError) return { fieldErrors: error.fieldErrors };
      throw error;
    }
  });
  if (!result.ok) return result;
  const inner = result.data as Inner;
  return "fieldErrors" in inner ? { ok: false, fieldErrors: inner.fieldErrors } : { ok: true, data: inner.data };
}

function revalidateLedger(slug: string, commonsSlug: string) {
  const base = `/communities/${slug}/commons/${commonsSlug}`;
  revalidatePath(base);
  revalidatePath(`${base}/ledger`);
  revalidatePath(`${base}/dashboard`);
  revalidatePath(`/communities/${slug}/dashboard`);
}

export async function recordContributionAction(
  slug: unknown,
  commonsSlug: unknown,
  input: unknown,
): Promise<ActionResult<{ id: string }>> {
  const community = slugInput.safeParse(slug);
  const commons = slugInput.safeParse(commonsSlug);
  if (!community.success || !commons.success) return { ok: false, formError: "errors.invalid" };
  const result = await run((user) =>
    recordContribution(db(), { actor: user, slug: community.data, commonsSlug: commons.data, input }),
  );
  if (result.ok) revalidateLedger(community.data, commons.data);
  return result.ok ? { ok: true, data: { id: result.data!.id } } : result;
}

export async function reviewContributionAction(
  slug: unknown,
  commonsSlug: unknown,
  contributionId: unknown,
  input: unknown,
): Promise<ActionResult<{ state: string }>> {
  const community = slugInput.safeParse(slug);
  const commons = slugInput.safeParse(commonsSlug);
  const id = idInput.safeParse(contributionId);
  if (!community.success || !commons.success || !id.success) return { ok: false, formError: "errors.invalid" };
  const result = await run((user) =>
    validateContribution(db(), { actor: user, slug: community.data, contributionId: id.data, input }),
  );
  if (result.ok) revalidateLedger(community.data, commons.data);
  return result.ok ? { ok: true, data: { state: result.data!.state } } : result;
}
