"use server";
/**
 * Founding a charter: parsed with the schema the form uses; foundCharter() checks the permission
 * (charter.found) and writes version 1 with its audit entry.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { fieldErrorsOf, type ActionResult } from "@/lib/forms";
import { foundCharter } from "@/lib/charter/found-charter";
import { foundCharterSchema } from "@/lib/charter/schemas";
import { runForUser } from "@/lib/web/run-for-user";

const slugSchema = z.object({ slug: z.string().min(1).max(100) });

export async function foundCharterAction(input: unknown): Promise<ActionResult<{ version: number }>> {
  const target = slugSchema.safeParse(input);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const parsed = foundCharterSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await runForUser((user) => foundCharter(db(), { actor: user, slug: target.data.slug, ...parsed.data }));
  if (result.ok) revalidatePath(`/communities/${target.data.slug}`, "layout");
  return result;
}
