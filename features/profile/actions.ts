"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { fieldErrorsOf, type ActionResult } from "@/lib/forms";
import { profileSchema } from "@/lib/users/schemas";
import { updateProfile } from "@/lib/users/update-profile";
import { LOCALE_COOKIE } from "@/lib/web/session-cookie";
import { currentUser } from "@/lib/web/request";

/** Used by onboarding and the profile page: same schema as the form, checked again here. */
export async function saveProfileAction(input: unknown): Promise<ActionResult> {
  const user = await currentUser();
  if (!user) return { ok: false, formError: "errors.forbidden" };
  const parsed = profileSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  await updateProfile(db(), { userId: user.id, profile: parsed.data });
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    maxAge: 365 * 24 * 3600,
  });
  revalidatePath("/", "layout");
  return { ok: true };
}
