/**
 * Coming back to the page one was on after signing in. Links to the sign-in page carry the page as
 * `callbackUrl`; the sign-in page keeps it in a short-lived cookie (whichever way one signs in: email
 * link, ProConnect, OpenID Connect, demo) and /auth/continue goes back there. Only same-site paths are
 * kept (lib/core/same-site-path.ts), whatever the query or the cookie say.
 */
import { isSameSitePath } from "@/lib/core/same-site-path";

export const RETURN_TO_COOKIE = "gc-return-to";
const MAX_LENGTH = 500;

/** The path to come back to, or null: a same-site path, not a sign-in page itself, of a sensible length. */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return null;
  // Control characters (a NUL, a line break) never belong in a path we redirect to.
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  if (!isSameSitePath(value)) return null;
  if (value === "/auth" || value.startsWith("/auth/") || value.startsWith("/auth?")) return null;
  return value;
}

/** The sign-in page, coming back to `path` afterwards (when it is one to come back to). */
export function signInHref(path: string | null | undefined): string {
  const back = safeReturnPath(path);
  return back && back !== "/" ? `/auth/sign-in?callbackUrl=${encodeURIComponent(back)}` : "/auth/sign-in";
}
