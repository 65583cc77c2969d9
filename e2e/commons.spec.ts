/**
 * A commons from proposal to adoption, in a community the test creates: a member proposes one,
 * first with a script in its description (refused at the field, nothing created), then drawing its
 * coverage by clicking on the map; the commons page shows it; an administrator adopts it. axe runs on
 * the form, the commons page and the community's list of commons.
 */
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signInAs, signOut } from "./support/demo-session";
import { createOpenCommunity } from "./support/community-form";

const suffix = Date.now().toString(36);

test("a member proposes a commons with a drawn coverage and an administrator adopts it", async ({ page }) => {
  test.setTimeout(150_000);
  const slug = `fontaines-${suffix}`;
  const name = `Fontaines ${suffix}`;
  const title = `Réseau des fontaines publiques ${suffix}`;
  const commonsSlug = `reseau-des-fontaines-publiques-${suffix}`;

  // Hugo Fontaine creates an open community (he is its administrator).
  await signInAs(page, "Hugo Fontaine");
  await createOpenCommunity(page, { name, slug });
  await signOut(page);

  // Léa Rousseau joins and proposes a commons.
  await signInAs(page, "Léa Rousseau");
  await page.goto(`/communities/${slug}`);
  await page.getByRole("button", { name: "Rejoindre la communauté" }).click();
  await expect(page.getByRole("button", { name: "Rejoindre la communauté" })).toBeHidden();
  await page.getByRole("link", { name: "Proposer un commun" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Proposer un commun");
  await expectAccessible(page);

  await page.getByRole("textbox", { name: /^Titre/ }).fill(title);
  // The identifier follows the title, without accents.
  await expect(page.getByRole("textbox", { name: /^Identifiant/ })).toHaveValue(commonsSlug);
  await page.getByRole("textbox", { name: /^Résumé/ }).fill("Les fontaines d'eau potable de la ville, relevées sur le terrain.");
  const description = page.getByRole("textbox", { name: /^Description/ });
  await description.fill("Bonjour <script>alert(1)</script>");
  await page.getByRole("combobox", { name: /^Licence/ }).selectOption("ODbL-1.0");
  await page.getByRole("button", { name: "Proposer à la communauté" }).click();
  await expect(description).toHaveAccessibleDescription(/code exécutable/);
  await expect(page).toHaveURL(new RegExp(`/communities/${slug}/commons/new$`));

  await description.fill("## Relevé\n\nUne **fontaine** par point d'eau.");
  await page.getByRole("button", { name: "Aperçu" }).click();
  await expect(page.getByTestId("commons-preview").locator("strong")).toHaveText("fontaine");

  // Draw the coverage: four clicks on the map, then close the polygon.
  const canvas = page.getByTestId("polygon-draw-canvas");
  await canvas.scrollIntoViewIfNeeded();
  await expect(canvas).toHaveAttribute("data-map-status", /ready|fallback/, { timeout: 30_000 });
  const box = (await canvas.boundingBox())!;
  for (const [x, y] of [
    [0.3, 0.3],
    [0.7, 0.3],
    [0.7, 0.7],
    [0.3, 0.7],
  ] as const) {
    await canvas.click({ position: { x: box.width * x, y: box.height * y } });
  }
  await page.getByRole("button", { name: "Terminer le polygone" }).click();
  await expect(page.getByTestId("coverage-summary")).toHaveText("Zone définie : 4 sommets.");

  await page.getByRole("button", { name: "Proposer à la communauté" }).click();
  await expect(page).toHaveURL(new RegExp(`/communities/${slug}/commons/${commonsSlug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByTestId("commons-status")).toHaveText("Proposé");
  await expect(page.getByText("Open Database License 1.0")).toBeVisible();
  await expect(page.getByTestId("commons-stewards")).toContainText("Léa Rousseau");
  await expect(page.getByRole("heading", { name: "Zone couverte" })).toBeVisible();
  await expect(page.getByText(/^Emprise : longitudes/)).toBeVisible();
  await expectAccessible(page);
  // A member who is not an administrator gets no adoption control.
  await expect(page.getByRole("button", { name: "Adopter" })).toBeHidden();

  // Its proposer edits it: a new summary, and a department picked from the list as its coverage.
  await page.getByRole("link", { name: "Modifier", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Modifier le commun");
  await page.getByRole("textbox", { name: /^Résumé/ }).fill("Les fontaines d'eau potable de Paris, relevées sur le terrain.");
  // The territory search: arrows only browse (the drawn polygon stays), Enter picks.
  const territory = page.getByRole("combobox", { name: /^Choisir un territoire/ });
  await territory.fill("75");
  await territory.press("ArrowDown");
  await expect(page.getByRole("option", { name: "Paris (75)" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("coverage-summary")).toHaveText("Zone définie : 4 sommets.");
  await territory.press("Enter");
  await expect(page.getByTestId("coverage-summary")).toHaveText("Zone définie : 12 sommets.");
  await expect(page.getByText(/^Contours des territoires simplifiés d'après IGN – ADMIN EXPRESS COG ; INSEE/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/communities/${slug}/commons/${commonsSlug}$`));
  await expect(page.getByText("Les fontaines d'eau potable de Paris, relevées sur le terrain.")).toBeVisible();
  await expect(page.getByText(/^Emprise : longitudes 2,224 à 2,47/)).toBeVisible();
  await signOut(page);

  // Hugo adopts it.
  await signInAs(page, "Hugo Fontaine");
  await page.goto(`/communities/${slug}/commons/${commonsSlug}`);
  await expect(page.getByText("Les administrateurs de la communauté adoptent ou rejettent les communs proposés.")).toBeVisible();
  await page.getByRole("button", { name: "Adopter" }).click();
  await expect(page.getByTestId("commons-status")).toHaveText("Adopté");
  await expectAccessible(page);

  // The community lists it.
  await page.goto(`/communities/${slug}/commons`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Communs");
  await expect(page.getByTestId("commons-list").getByRole("link", { name: title })).toBeVisible();
  await expectAccessible(page);
});
