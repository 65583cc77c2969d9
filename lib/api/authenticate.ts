/**
 * Who is calling the API: a bearer token (with its scopes), else the browser's session cookie
 * (read and write, same-origin writes only), else nobody. A bearer token that does not verify is a
 * 401: it never falls back to the cookie, so a script cannot silently act as whoever is signed in.
 */
import type { DbTx } from "@/lib/db/client";
import { findSessionUser } from "@/lib/auth/sessions";
import type { Actor } from "@/lib/communities/access";
import type { Locale } from "@/lib/i18n/core";
import { UnauthenticatedError } from "@/lib/policy/can";
import { tokenScopes, type TokenScope } from "@/lib/tokens/schemas";
import { verifyApiToken } from "@/lib/tokens/verify-token";
import { CrossOriginError, InsufficientScopeError, InvalidTokenError } from "./errors";

export type ApiUser = Actor & { locale: Locale };

export type Principal =
  | { via: "token"; tokenId: string; user: ApiUser; scopes: readonly TokenScope[] }
  | { via: "session"; user: ApiUser; scopes: readonly TokenScope[] }
  | { via: "anonymous"; user: null; scopes: readonly TokenScope[] };

export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

export async function authenticate(
  db: DbTx,
  request: Request,
  { sessionCookieName, now = new Date() }: { sessionCookieName: string; now?: Date },
): Promise<Principal> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null && authorization.trim() !== "") {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const verified = match?.[1] ? await verifyApiToken(db, match[1], now) : null;
    if (!verified) throw new InvalidTokenError();
    return { via: "token", tokenId: verified.tokenId, user: verified.user, scopes: verified.scopes };
  }
  const sessionToken = readCookie(request.headers.get("cookie"), sessionCookieName);
  const sessionUser = sessionToken ? await findSessionUser(db, sessionToken) : null;
  if (sessionUser) {
    const { id, onboarded, isPlatformAdmin, locale, suspendedUntil } = sessionUser;
    return { via: "session", user: { id, onboarded, isPlatformAdmin, locale, suspendedUntil }, scopes: tokenScopes };
  }
  return { via: "anonymous", user: null, scopes: ["read"] };
}

/**
 * Scopes are independent: a token does what its scopes list. Anonymous callers read what the policy
 * shows anyone; any write needs somebody (401).
 */
export function requireScope(principal: Principal, scope: TokenScope): void {
  if (principal.scopes.includes(scope)) return;
  if (principal.via === "anonymous") throw new UnauthenticatedError();
  throw new InsufficientScopeError(scope);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated writes: the browser must say the request comes from this
 * site (Origin, or Sec-Fetch-Site when Origin is absent). Token requests carry no ambient
 * credential and need no such check.
 */
export function assertSameOriginWrite(request: Request, principal: Principal, appUrl: string): void {
  if (principal.via !== "session" || SAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    const allowed = [new URL(appUrl).origin, new URL(request.url).origin];
    if (allowed.includes(origin)) return;
    throw new CrossOriginError();
  }
  if (request.headers.get("sec-fetch-site") === "same-origin") return;
  throw new CrossOriginError();
}

/** The signed-in caller, for handlers of routes that need one (the scope check has already run). */
export function actorOf(principal: Principal): ApiUser {
  if (!principal.user) throw new UnauthenticatedError();
  return principal.user;
}
