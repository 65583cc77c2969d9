/**
 * Runs before every page: gives the request an id (logged, returned, shown on error pages) and sets
 * the nonce-based Content-Security-Policy; lets a signed-out visitor's public pages into the back/forward
 * cache (lib/web/cache-policy.ts: `private, no-cache` instead of Next.js's no-store). Not an authorization gate: every page and action checks
 * permissions itself through lib/policy.
 */
import { NextResponse, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/core/config";
import { contentSecurityPolicy } from "@/lib/web/security-headers";
import { pageCacheControl } from "@/lib/web/cache-policy";
import { sessionCookie } from "@/lib/auth/session-cookie";

export function proxy(request: NextRequest) {
  const env = appConfig();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const requestId = request.headers.get("x-request-id")?.slice(0, 100) || crypto.randomUUID();
  const https = env.APP_URL.startsWith("https://");
  const csp = contentSecurityPolicy({
    nonce,
    dev: env.NODE_ENV === "development",
    https,
    formActions: [env.PROCONNECT_ISSUER, env.OIDC_ISSUER].filter((v): v is string => Boolean(v)).map((u) => new URL(u).origin),
    mapOrigins: env.MAP_STYLE_URL === "none" ? [] : [new URL(env.MAP_STYLE_URL).origin],
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  // The layout needs the path for the language switch to come back to the same page.
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  // Next.js reads the CSP from the request to put the nonce on its own scripts.
  requestHeaders.set("content-security-policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  response.headers.set("x-request-id", requestId);
  // Next.js keeps a Cache-Control already set on the response (it sets its no-store only when none is).
  const cacheControl = pageCacheControl({
    method: request.method,
    pathname: request.nextUrl.pathname,
    search: request.nextUrl.search,
    cookieNames: request.cookies.getAll().map((cookie) => cookie.name),
    sessionCookieName: sessionCookie().name,
  });
  if (cacheControl) response.headers.set("cache-control", cacheControl);
  if (https && env.NODE_ENV === "production") {
    response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains; preload");
  }
  return response;
}

export const config = {
  // Static assets need neither a nonce nor an id.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|dsfr/).*)" }],
};
