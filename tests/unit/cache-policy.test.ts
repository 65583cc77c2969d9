import { describe, expect, it } from "vitest";
import { ANONYMOUS_PAGE_CACHE_CONTROL, pageCacheControl } from "@/lib/web/cache-policy";

const base = { method: "GET", pathname: "/", search: "", cookieNames: [] as string[], sessionCookieName: "gc.session" };

describe("pageCacheControl (issue 15: back/forward cache for signed-out visitors)", () => {
  it("lets a signed-out visitor's public pages be kept (revalidated, never shared)", () => {
    for (const pathname of ["/", "/catalogue", "/communities/a/commons/b/ledger", "/proposals/x", "/auth/sign-in", "/verifier"]) {
      expect(pageCacheControl({ ...base, pathname })).toBe(ANONYMOUS_PAGE_CACHE_CONTROL);
    }
    expect(ANONYMOUS_PAGE_CACHE_CONTROL).toMatch(/^private, no-cache$/);
    // Other cookies (the language) do not make a page personal.
    expect(pageCacheControl({ ...base, cookieNames: ["gc.locale"] })).toBe(ANONYMOUS_PAGE_CACHE_CONTROL);
  });

  it("leaves no-store to signed-in requests, whatever the page", () => {
    expect(pageCacheControl({ ...base, cookieNames: ["gc.locale", "gc.session"] })).toBeNull();
    expect(
      pageCacheControl({ ...base, sessionCookieName: "__Secure-gc.session", cookieNames: ["__Secure-gc.session"] }),
    ).toBeNull();
    expect(pageCacheControl({ ...base, cookieNames: ["authjs.session-token"] })).toBeNull();
  });

  it("leaves no-store to writes, APIs, personal pages and one-time links", () => {
    expect(pageCacheControl({ ...base, method: "POST" })).toBeNull();
    for (const pathname of [
      "/api/v1/communities",
      "/profile",
      "/notifications",
      "/admin",
      "/onboarding",
      "/invitations/abc",
      "/unsubscribe",
      "/auth/continue",
      "/auth/check-email",
      "/catalogues",
      "/dev/mailbox",
    ]) {
      expect(pageCacheControl({ ...base, pathname }), pathname).toBeNull();
    }
    expect(pageCacheControl({ ...base, pathname: "/auth/sign-in", search: "?token=abc" })).toBeNull();
    expect(pageCacheControl({ ...base, pathname: "/proposals/x", search: "?a=1&receiptToken=abc" })).toBeNull();
  });
});
