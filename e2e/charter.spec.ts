/**
 * The charter through the UI: an administrator founds it with the form (field errors where they
 * belong), everyone reads it with its parameters in words and downloads it; the page is axe-clean.
 */
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signInAs } from "./support/demo-session";

const suffix = Date.now().toString(36);

test("an administrator founds the charter; it is read, explained and exported", async ({ page }) => {
  const slug = `charte-${suffix}`;
  await signInAs(page, "Hugo Fontaine");
  await page.goto("/communities/new");
  await page.getByRole("textbox", { name: /^Nom/ }).fill(`Charte ${suffix}`);
  await page.getByRole("textbox", { name: /^Adresse courte/ }).fill(slug);
  await page.getByRole("textbox", { name: /^Présentation courte/ }).fill("Une communauté pour tester la charte.");
  await page.getByRole("button", { name: "Créer la communauté" }).click();
  await expect(page).toHaveURL(new RegExp(`/communities/${slug}$`));

  await page.goto(`/communities/${slug}/charter`);
  await expect(page.getByTestId("charter-empty")).toBeVisible();
  const form = page.getByTestId("found-charter-form");
  await expect(form.getByRole("spinbutton", { name: "Quorum des décisions ordinaires" })).toHaveValue("20");
  await expectAccessible(page);

  // The form checks with the server's schema before sending.
  await form.getByRole("button", { name: "Fonder la charte" }).click();
  await expect(form.getByText("Le titre doit compter au moins 3 caractères.")).toBeVisible();

  await form.getByRole("textbox", { name: "Titre de l'article" }).fill("Qui peut contribuer");
  await form.getByRole("textbox", { name: /^Texte de l'article/ }).fill("Toute personne qui accepte la **licence**.");
  await form.getByRole("button", { name: "Ajouter un article" }).click();
  await form.getByRole("textbox", { name: "Titre de l'article" }).nth(1).fill("Sanctions graduées");
  await form
    .getByRole("textbox", { name: /^Texte de l'article/ })
    .nth(1)
    .fill("Avertissement, puis suspension, puis exclusion.");
  await form.getByRole("combobox", { name: "Principe d'Ostrom concerné" }).nth(1).selectOption("5");
  await form.getByRole("spinbutton", { name: "Quorum des décisions ordinaires" }).fill("25");
  // The ladder of sanctions is prefilled with the platform's; a step is removed, another made longer.
  await expect(form.getByRole("spinbutton", { name: /^Durée de la suspension/ }).nth(1)).toHaveValue("7");
  await form
    .getByRole("spinbutton", { name: /^Durée de la suspension/ })
    .nth(1)
    .fill("15");
  await form.getByRole("button", { name: "Retirer l'échelon 1" }).click();
  await form.getByRole("button", { name: "Fonder la charte" }).click();

  await expect(page.getByRole("heading", { name: "Article 1 — Qui peut contribuer" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Article 2 — Sanctions graduées" })).toBeVisible();
  await expect(page.getByText("Principe d'Ostrom 5 : des sanctions graduées").first()).toBeVisible();
  await expect(page.getByTestId("charter-parameters")).toContainText("25 % des membres");
  await expect(page.getByTestId("charter-parameters")).toContainText(
    "suspension de 15 jours (oubliée après 365 jours), puis exclusion (oubliée après 3 650 jours)",
  );
  await expect(page.getByTestId("charter-history")).toContainText("Fondation de la charte");
  await expect(page.getByTestId("found-charter-form")).toHaveCount(0);
  await expectAccessible(page);

  const markdown = await page.request.get(`/communities/${slug}/charter/export?format=md`);
  expect(markdown.status()).toBe(200);
  expect(markdown.headers()["content-disposition"]).toBe(`attachment; filename="charte-${slug}-v1.md"`);
  expect(await markdown.text()).toContain("### Article 2 — Sanctions graduées (principe d'Ostrom 5)");
  const json = await page.request.get(`/communities/${slug}/charter/export?format=json&version=1`);
  expect((await json.json()).parameters.quorumPercent).toBe(25);
  expect((await page.request.get(`/communities/${slug}/charter/export?version=2`)).status()).toBe(404);
});
