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
import { clientAddress } from "./client-address";

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

/** The client's address for rate limits: never what the client wrote (see lib/web/client-address.ts). */
export async function clientIp(): Promise<string> {
  return clientAddress(await headers(), config().PROXY_HOPS);
}

export async function requestId(): Promise<string> {
  return (await headers()).get("x-request-id") ?? "unknown";
}
