"use server";
import { fieldErrorsOf } from "@/lib/forms";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import type { ActionResult } from "@/lib/forms";
import { createCommunity } from "@/lib/communities/create-community";
import { createCommunitySchema } from "@/lib/communities/schemas";
import { runForUser } from "@/lib/web/run-for-user";

/** Same schema as the form; a taken slug comes back from the use case as a field error on "slug". */
export async function createCommunityAction(input: unknown): Promise<ActionResult<{ slug: string }>> {
  const parsed = createCommunitySchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await runForUser(async (user) => {
    const community = await createCommunity(db(), { actor: user, input: parsed.data });
    return { slug: community.slug };
  });
  if (result.ok) revalidatePath("/");
  return result;
}
