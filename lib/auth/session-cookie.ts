/** The session cookie's name and options, shared by next-auth's config and our own sign-ins. */
import { config } from "@/lib/core/config";

export function sessionCookie(): { name: string; secure: boolean } {
  const secure = config().APP_URL.startsWith("https://");
  // The __Secure- prefix makes browsers refuse the cookie over plain HTTP.
  return { name: secure ? "__Secure-gc.session" : "gc.session", secure };
}

export const LOCALE_COOKIE = "gc.locale";
