import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { STATE_OPERATOR, urls } from "./support/ports";

test("the neutral header shows no State brand; the State header shows Marianne", async ({ page }) => {
  await page.goto(urls.neutral);
  await expect(page.getByTestId("header-neutral")).toBeVisible();
  await expect(page.locator(".fr-logo")).toHaveCount(0);
  await expect(page.getByTestId("operator-name")).toContainText("Association Géocommuns de test");
  await expectAccessible(page);

  await page.goto(urls.state);
  await expect(page.getByTestId("header-state")).toBeVisible();
  await expect(page.getByRole("banner").locator(".fr-logo")).toContainText("République");
  await expect(page.getByRole("banner")).toContainText(STATE_OPERATOR);
  await expectAccessible(page);
});

test("demo sign-in is one click in demo mode and absent outside it", async ({ page }) => {
  await page.goto(`${urls.state}/auth/sign-in`);
  await expect(page.getByTestId("demo-people")).toHaveCount(0);
  await page.goto(`${urls.state}/dev/mailbox`);
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();

  await page.goto(`${urls.neutral}/auth/sign-in`);
  await page.getByRole("button", { name: "Se connecter comme Claire Moreau" }).click();
  await expect(page.getByText("Bonjour Claire Moreau")).toBeVisible();
  await page.getByRole("link", { name: "Adresses du Finistère" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Adresses du Finistère");
  await expectAccessible(page);
  await page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }).click();
});

test("the legal pages are reachable from every page's footer", async ({ page }) => {
  const pages: [string, string][] = [
    ["Accessibilité : partiellement conforme", "Déclaration d'accessibilité"],
    ["Mentions légales", "Mentions légales"],
    ["Données personnelles", "Données personnelles"],
  ];
  for (const [link, heading] of pages) {
    await page.goto("/");
    await page.getByRole("contentinfo").getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expectAccessible(page);
  }
});

test("the language choice switches every text to English and persists", async ({ page }) => {
  await page.goto("/mentions-legales");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Legal notice");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 2, name: "Communities" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Les communautés" })).toBeVisible();
});

test("after moving to another page by a link, the language switch and sign-in come back to that page", async ({ page }) => {
  await page.goto("/");
  // A client-side navigation: the root layout (and its header) is not rendered again.
  await page.getByRole("contentinfo").getByRole("link", { name: "Mentions légales" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mentions légales");
  await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toHaveAttribute(
    "href",
    "/auth/sign-in?callbackUrl=%2Fmentions-legales",
  );
  await page.getByRole("banner").getByRole("button", { name: "English" }).click();
  await expect(page).toHaveURL(/\/mentions-legales$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Legal notice");
  await page.getByRole("banner").getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mentions légales");
});

test("health reports the database and migrations", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: "up", migrations: { pending: [] } });
  expect(body.migrations.applied).toBeGreaterThan(0);
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});
