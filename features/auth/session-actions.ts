"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { deleteSession } from "@/lib/auth/sessions";
import { setUserLocale } from "@/lib/users/set-locale";
import { locales } from "@/lib/i18n/core";
import { LOCALE_COOKIE, sessionCookie } from "@/lib/auth/session-cookie";
import { definePublicFormAction } from "@/lib/web/action";
import { isSameSitePath } from "@/lib/core/same-site-path";

export const signOutAction = definePublicFormAction({
  name: "session.signOut",
  input: z.object({}),
  handle: async ({ db }) => {
    const jar = await cookies();
    const { name } = sessionCookie();
    const token = jar.get(name)?.value;
    if (token) await deleteSession(db, token);
    jar.delete(name);
    redirect("/");
  },
});

/** Only same-site paths (isSameSitePath): never an open redirect. */
const sameSitePath = z
  .string()
  .max(2000)
  .catch("/")
  .transform((back) => (isSameSitePath(back) ? back : "/"));

/** Switch language: saved on the person's profile when signed in, in a cookie otherwise. A forged value changes nothing. */
export const switchLocaleAction = definePublicFormAction({
  name: "session.switchLocale",
  input: z.object({ locale: z.enum(locales), back: sameSitePath.default("/") }),
  handle: async ({ db, actor, input }) => {
    const jar = await cookies();
    jar.set(LOCALE_COOKIE, input.locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600, httpOnly: true });
    if (actor) await setUserLocale(db, { userId: actor.id, locale: input.locale });
    redirect(input.back);
  },
});
