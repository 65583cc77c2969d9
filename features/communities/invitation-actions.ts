"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { ActionResult } from "@/lib/forms";
import { acceptInvitation } from "@/lib/communities/invitations";
import { runForUser } from "@/lib/web/run-for-user";

const acceptInput = z.object({ token: z.string().min(20).max(200) });

/** Accepting checks, in one transaction, that the invitation is valid and addressed to this person. */
export async function acceptInvitationAction(input: unknown): Promise<ActionResult<{ slug: string }>> {
  const parsed = acceptInput.safeParse(input);
  if (!parsed.success) return { ok: false, formError: "communities.errors.invitationInvalid" };
  const result = await runForUser((user) => acceptInvitation(db(), { actor: user, token: parsed.data.token }));
  if (result.ok && result.data) revalidatePath(`/communities/${result.data.slug}`, "layout");
  return result;
}
