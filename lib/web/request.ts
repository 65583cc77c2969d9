/**
 * Request-scoped helpers for pages, actions and route handlers: who is signed in, in which language,
 * from which address. Everything else in lib/ takes these as plain values.
 */
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { config } from "@/lib/core/config";
import { db } from "@/lib/db/client";
import { findSessionUser, type SessionUser } from "@/lib/auth/sessions";
import { defaultLocale, isLocale, type Locale } from "@/lib/i18n/core";
import { LOCALE_COOKIE, sessionCookie } from "@/lib/auth/session-cookie";

/** The signed-in person, looked up on every request (so a revoked session stops at once). */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(sessionCookie().name)?.value;
  if (!token) return null;
  return findSessionUser(db(), token);
});

/** The person's saved language, else the cookie, else French. */
export const currentLocale = cache(async (): Promise<Locale> => {
  const user = await currentUser();
  if (user) return user.locale;
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(cookie) ? cookie : defaultLocale;
});

/**
 * The client's address. `next start` puts the socket's peer in X-Forwarded-For when the header is
 * absent, and each trusted proxy appends the address it saw; so the entry PROXY_HOPS from the right
 * is the first one no client can forge (the leftmost ones can be).
 */
export async function clientIp(): Promise<string> {
  const entries = ((await headers()).get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries[entries.length - 1 - config().PROXY_HOPS] ?? entries[0] ?? "unknown";
}

export async function requestId(): Promise<string> {
  return (await headers()).get("x-request-id") ?? "unknown";
}
