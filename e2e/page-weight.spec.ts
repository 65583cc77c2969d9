/**
 * Issue 15, pages a newcomer sees: a commons page loads MapLibre only when the person asks for the interactive
 * map (a static drawing of the coverage until then), and a signed-out visitor's public pages are not `no-store`
 * (so that browsers may keep them in the back/forward cache) while a signed-in person's pages still are.
 */
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signInAs } from "./support/demo-session";

const COMMONS = "/communities/adresses-finistere/commons/bal-kerbrevan";

test("a commons page shows its coverage as a drawing and loads the map when asked, from the keyboard", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script" || request.resourceType() === "stylesheet") scripts.push(request.url());
  });
  await page.goto(COMMONS);
  const map = page.getByTestId("coverage-map");
  await map.scrollIntoViewIfNeeded();
  await expect(map.getByTestId("coverage-preview")).toBeVisible();
  // Scrolled into view, the map still waits for the person: nothing of MapLibre was fetched.
  await page.waitForTimeout(500);
  await expect(map).toHaveAttribute("data-map-status", "loading");
  const before = scripts.length;
  await expectAccessible(page);

  const explore = page.getByRole("button", { name: "Explorer la carte" });
  await explore.focus();
  await page.keyboard.press("Enter");
  await expect(map).toHaveAttribute("data-map-status", /ready|fallback/, { timeout: 30_000 });
  await expect(map.locator("canvas")).toBeVisible();
  await expect(explore).toHaveCount(0);
  // The person who asked for the map lands on it (its canvas pans with the arrow keys).
  await expect(map.locator("canvas")).toBeFocused();
  expect(scripts.length).toBeGreaterThan(before);
  await expectAccessible(page);
});

test("public pages are revalidated but not no-store when signed out; a signed-in person's are no-store", async ({
  page,
  request,
}) => {
  for (const path of ["/", "/catalogue", COMMONS, "/auth/sign-in"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["cache-control"], path).toBe("private, no-cache");
    // The nonce-bearing CSP is still there, different at each request.
    expect(response.headers()["content-security-policy"], path).toMatch(/'nonce-[^']+'/);
  }
  // A client navigation's payload (RSC) follows the same rule.
  const rsc = await request.get("/catalogue", { headers: { rsc: "1" } });
  expect(rsc.headers()["cache-control"]).toBe("private, no-cache");
  // A page reached by a one-time link keeps no-store even signed out.
  const unsubscribe = await request.get("/unsubscribe?token=x", { maxRedirects: 0 });
  expect(unsubscribe.headers()["cache-control"] ?? "no-store").toContain("no-store");

  await signInAs(page, "Claire Moreau");
  for (const path of ["/", "/catalogue", COMMONS]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["cache-control"], path).toContain("no-store");
  }
});
