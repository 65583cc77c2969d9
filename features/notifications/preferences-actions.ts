"use server";
/** Saving notification preferences: the form's schema, checked again here by savePreferences. */
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import type { ActionResult } from "@/lib/forms";
import { PreferencesInputError, savePreferences } from "@/lib/notifications/preferences";
import { currentUser } from "@/lib/web/request";

export async function savePreferencesAction(input: unknown): Promise<ActionResult> {
  const user = await currentUser();
  if (!user) return { ok: false, formError: "errors.unauthenticated" };
  try {
    await savePreferences(db(), { userId: user.id, input });
  } catch (error) {
    if (error instanceof PreferencesInputError) return { ok: false, fieldErrors: error.fieldErrors };
    if (isAppError(error)) return { ok: false, formError: error.messageKey };
    throw error;
  }
  revalidatePath("/profile/notifications");
  return { ok: true };
}
