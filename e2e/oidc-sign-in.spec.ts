import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";

async function signInAtProvider(page: Page, login: string) {
  await expect(page.getByLabel("Email")).toBeVisible();
  await page.getByLabel("Email").fill(login);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a public agent signs in with ProConnect (signed-JWT userinfo, SIRET claim) and lands in onboarding prefilled", async ({
  page,
}) => {
  await page.goto("/auth/sign-in");
  await page.getByRole("button", { name: /ProConnect/ }).click();
  await signInAtProvider(page, "agent@ville-exemple.fr");

  await expect(page).toHaveURL(/\/onboarding/);
  await expectAccessible(page);
  await expect(page.getByRole("textbox", { name: /^Nom affiché/ })).toHaveValue(/\S+ \S+/);
  const siret = await page.getByRole("textbox", { name: /^SIRET/ }).inputValue();
  expect(siret).toMatch(/^\d{14}$/);
  await expect(page.getByRole("textbox", { name: /^Organisation/ })).not.toHaveValue("");

  await page.getByRole("radio", { name: /^Public/ }).check({ force: true });
  await page.getByRole("button", { name: "Terminer" }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto("/profile");
  await expect(page.getByTestId("profile-email")).toHaveText("agent@ville-exemple.fr");
  await expect(page.getByRole("textbox", { name: /^SIRET/ })).toHaveValue(siret);
  await page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
});

test("the generic OpenID Connect provider signs people in too", async ({ page }) => {
  await page.goto("/auth/sign-in");
  await page.getByRole("button", { name: "Se connecter avec Fédération test" }).click();
  await signInAtProvider(page, "lea.chercheuse@labo.example");
  await expect(page).toHaveURL(/\/onboarding/);
  await expect(page.getByRole("textbox", { name: /^Nom affiché/ })).toHaveValue("Léa Chercheuse");
  await page.getByRole("radio", { name: /^Recherche/ }).check({ force: true });
  await page.getByRole("button", { name: "Terminer" }).click();
  await expect(page.getByText("Bonjour Léa Chercheuse")).toBeVisible();
});
