"use server";
/** Joining, asking to join and leaving, from the community page. Permissions are checked by the use cases. */
import { fieldErrorsOf } from "@/lib/forms";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { ActionResult } from "@/lib/forms";
import { joinCommunity, leaveCommunity } from "@/lib/communities/membership";
import { joinSchema } from "@/lib/communities/schemas";
import { blankToUndefined, runForUser } from "@/lib/web/run-for-user";

const slugInput = z.object({ slug: z.string().min(1).max(100) });

export async function joinCommunityAction(input: unknown): Promise<ActionResult<{ status: "ACTIVE" | "PENDING" }>> {
  const target = slugInput.safeParse(input);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const raw = (input ?? {}) as { message?: unknown };
  const parsed = joinSchema.safeParse({ message: blankToUndefined(raw.message) });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await runForUser((user) =>
    joinCommunity(db(), { actor: user, slug: target.data.slug, message: parsed.data.message || undefined }),
  );
  if (result.ok) revalidatePath(`/communities/${target.data.slug}`, "layout");
  return result;
}

export async function leaveCommunityAction(input: unknown): Promise<ActionResult> {
  const target = slugInput.safeParse(input);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const result = await runForUser((user) => leaveCommunity(db(), { actor: user, slug: target.data.slug }));
  if (result.ok) revalidatePath(`/communities/${target.data.slug}`, "layout");
  return result.ok ? { ok: true } : result;
}
