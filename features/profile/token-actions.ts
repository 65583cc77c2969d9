"use server";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import type { ActionResult } from "@/lib/forms";
import { fieldErrorRecord } from "@/lib/api/validation";
import { NotFoundError } from "@/lib/policy/can";
import { createApiToken } from "@/lib/tokens/create-token";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { createTokenSchema, revokeTokenSchema } from "@/lib/tokens/schemas";
import { currentUser } from "@/lib/web/request";

/** Same schema as the form, checked again here; the secret goes back to the page once, never stored in clear. */
export async function createTokenAction(input: unknown): Promise<ActionResult<{ name: string; secret: string }>> {
  const user = await currentUser();
  if (!user) return { ok: false, formError: "errors.unauthenticated" };
  const parsed = createTokenSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorRecord(parsed.error) };
  const { token, secret } = await createApiToken(db(), { userId: user.id, input: parsed.data });
  revalidatePath("/profile");
  return { ok: true, data: { name: token.name, secret } };
}

/** Revokes one of the signed-in person's tokens; anyone else's id is simply not found. */
export async function revokeTokenAction(formData: FormData): Promise<void> {
  const user = await currentUser();
  if (!user) return;
  const parsed = revokeTokenSchema.safeParse({ tokenId: formData.get("tokenId") });
  if (!parsed.success) return;
  try {
    await revokeApiToken(db(), { userId: user.id, tokenId: parsed.data.tokenId });
  } catch (error) {
    // Already revoked (a double click, another tab): the list below shows the truth.
    if (!(error instanceof NotFoundError)) throw error;
  }
  revalidatePath("/profile");
}
