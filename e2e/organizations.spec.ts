/**
 * Organisations whose membership is verified, in the browser: a ProConnect sign-in whose SIRET
 * matches verifies the agent's link (and, first, makes them its administrator), while claiming the
 * same organisation in one's profile only declares it, shown as declared.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";

async function signIn(page: Page, provider: RegExp, login: string, kind: RegExp) {
  await page.goto("/auth/sign-in");
  await page.getByRole("button", { name: provider }).click();
  await expect(page.getByLabel("Email")).toBeVisible();
  await page.getByLabel("Email").fill(login);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Whether this account was onboarded by an earlier spec or not.
  await page.waitForURL((url) => url.pathname === "/" || url.pathname === "/onboarding");
  if (new URL(page.url()).pathname === "/onboarding") {
    await page.getByRole("radio", { name: kind }).check({ force: true });
    await page.getByRole("button", { name: "Terminer" }).click();
    await expect(page).toHaveURL(/\/$/);
  }
}

async function signOut(page: Page) {
  await page.goto("/profile");
  await page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
}

test("a ProConnect sign-in with the organisation's SIRET verifies the agent, who administers it; its page says so", async ({
  page,
}) => {
  await signIn(page, /ProConnect/, "agent@ville-exemple.fr", /^Public/);
  await page.goto("/profile");
  const organization = page.getByTestId("profile-organization");
  await expect(organization.getByText("Appartenance vérifiée")).toBeVisible();

  await organization.getByRole("link").click();
  await expect(page).toHaveURL(/\/organisations\/[^/]+$/);
  await expect(page.getByTestId("organization-siret")).toHaveText("21750001600019");
  const me = page.getByTestId("organization-members").getByRole("listitem").filter({ hasText: "Camille Martin" });
  await expect(me.getByText("Appartenance vérifiée par ProConnect")).toBeVisible();
  await expect(me.getByText("Administrateur de l'organisation")).toBeVisible();
  // Its administrator may add the domain of their own address.
  await expect(page.getByRole("form", { name: "Ajouter un domaine de messagerie" })).toBeVisible();
  await expectAccessible(page);
  await signOut(page);
});

test("claiming the agent's organisation in one's profile only declares it, shown as declared, with no power", async ({
  page,
}) => {
  await signIn(page, /Fédération test/, "lea.chercheuse@labo.example", /^Recherche/);
  await page.goto("/profile");
  await page.getByRole("textbox", { name: /^Organisation/ }).fill("Mairie de Paris");
  await page.getByRole("textbox", { name: /^SIRET/ }).fill("21750001600019");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Profil enregistré.")).toBeVisible();
  await page.reload();
  const organization = page.getByTestId("profile-organization");
  await expect(organization.getByText("Appartenance déclarée, non vérifiée")).toBeVisible();
  await organization.getByRole("link").click();
  const me = page.getByTestId("organization-members").getByRole("listitem").filter({ hasText: "Léa Chercheuse" });
  await expect(me.getByText("Appartenance déclarée, non vérifiée")).toBeVisible();
  await expect(me.getByRole("button", { name: /Vérifier l'appartenance/ })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Ajouter un domaine de messagerie" })).toHaveCount(0);
  await signOut(page);
});
