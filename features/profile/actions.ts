"use server";
import { cookies } from "next/headers";
import { profileSchema } from "@/lib/users/schemas";
import { updateProfile } from "@/lib/users/update-profile";
import { LOCALE_COOKIE } from "@/lib/auth/session-cookie";
import { defineAction } from "@/lib/web/action";

/** Used by onboarding and the profile page. */
export const saveProfileAction = defineAction({
  name: "profile.save",
  input: profileSchema,
  handle: async ({ db, actor, input }) => {
    await updateProfile(db, { userId: actor.id, profile: input });
    (await cookies()).set(LOCALE_COOKIE, input.locale, {
      path: "/",
      sameSite: "lax",
      httpOnly: true,
      maxAge: 365 * 24 * 3600,
    });
  },
  revalidate: () => ["/", "layout"] as const,
});
