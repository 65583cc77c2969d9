/** After sign-in a person returns to the page they came from, and only to a page of this site. */
import { describe, expect, it } from "vitest";
import { safeReturnPath, signInHref } from "@/features/auth/return-to";

describe("the page to come back to after signing in", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeReturnPath("/proposals/abc")).toBe("/proposals/abc");
    expect(safeReturnPath("/catalogue?q=eau&kind=DATASET")).toBe("/catalogue?q=eau&kind=DATASET");
    expect(signInHref("/proposals/abc?tab=results")).toBe("/auth/sign-in?callbackUrl=%2Fproposals%2Fabc%3Ftab%3Dresults");
  });

  it("refuses other sites, sign-in pages themselves, control characters and anything that is not a path", () => {
    for (const bad of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "/auth/sign-in",
      "/auth/continue",
      "/auth?x=1",
      "/a\u0000b",
      "/a\nLocation: //evil",
      "",
      "/".repeat(501),
      ["/a"],
      undefined,
    ]) {
      expect(safeReturnPath(bad), String(bad)).toBeNull();
    }
    expect(signInHref("//evil.example")).toBe("/auth/sign-in");
    expect(signInHref("/")).toBe("/auth/sign-in");
    expect(signInHref(null)).toBe("/auth/sign-in");
  });
});
