/**
 * Cache-Control of the HTML pages (issue 15): Next.js answers every dynamic page `private, no-cache, no-store`,
 * which keeps browsers from putting it in the back/forward cache. A signed-out visitor's public pages hold
 * nothing personal, so they get `private, no-cache` instead: the browser may keep the page in memory for
 * Back/Forward and must revalidate before any other reuse, and no shared cache may store it (each answer
 * carries its own CSP nonce). Signed-in requests, writes, API routes and pages reached through a one-time link
 * or showing an account keep no-store.
 */

/** Sent instead of no-store on a signed-out visitor's public pages. */
export const ANONYMOUS_PAGE_CACHE_CONTROL = "private, no-cache";

/** Public pages (and everything below them) whose signed-out content is the same for every visitor. */
const PUBLIC_PAGES = [
  "/catalogue",
  "/communities",
  "/proposals",
  "/organisations",
  "/people",
  "/verifier",
  "/accessibilite",
  "/mentions-legales",
  "/donnees-personnelles",
  "/auth/sign-in",
];

function isPublicPage(pathname: string): boolean {
  if (pathname === "/") return true;
  return PUBLIC_PAGES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * The Cache-Control to send for this request, or null to leave Next.js's no-store. `cookieNames` are the
 * names of the cookies the request carries; `sessionCookieName` the one that signs a person in.
 */
export function pageCacheControl(request: {
  method: string;
  pathname: string;
  search: string;
  cookieNames: readonly string[];
  sessionCookieName: string;
}): string | null {
  // Documents and the RSC payloads of client navigations and prefetches alike: a page fetching a no-store
  // resource from script cannot enter the back/forward cache either.
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (!isPublicPage(request.pathname)) return null;
  // Any session cookie (even an expired one) or one-time token in the address: treat as personal.
  if (request.cookieNames.some((name) => name === request.sessionCookieName || name.includes("session-token"))) {
    return null;
  }
  if (/[?&][^=]*token=/i.test(request.search)) return null;
  return ANONYMOUS_PAGE_CACHE_CONTROL;
}
