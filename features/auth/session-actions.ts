"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { db } from "@/lib/db/client";
import { deleteSession } from "@/lib/auth/sessions";
import { setUserLocale } from "@/lib/users/set-locale";
import { isLocale } from "@/lib/i18n/core";
import { LOCALE_COOKIE, sessionCookie } from "@/lib/auth/session-cookie";
import { currentUser } from "@/lib/web/request";

export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  const { name } = sessionCookie();
  const token = jar.get(name)?.value;
  if (token) await deleteSession(db(), token);
  jar.delete(name);
  redirect("/");
}

/** Switch language: saved on the person's profile when signed in, in a cookie otherwise. */
export async function switchLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  const back = String(formData.get("back") ?? "/");
  if (!isLocale(locale)) return; // a forged value changes nothing
  const jar = await cookies();
  jar.set(LOCALE_COOKIE, locale, { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600, httpOnly: true });
  const user = await currentUser();
  if (user) await setUserLocale(db(), { userId: user.id, locale });
  // Only same-site paths: never an open redirect.
  redirect(back.startsWith("/") && !back.startsWith("//") ? back : "/");
}
