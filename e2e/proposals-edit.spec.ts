/**
 * Editing a draft: its author finds the link on the proposal's page, the drafting form comes back
 * filled in, a quorum below the charter's is refused at its field, title and method change (with
 * options), and once the discussion is open the link is gone and the edit page sends back to the proposal.
 */
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signInAs, signOut } from "./support/demo-session";
import { createOpenCommunity } from "./support/community-form";

const suffix = Date.now().toString(36);

test("the author edits her draft until the discussion opens", async ({ page }) => {
  test.setTimeout(120_000);
  const slug = `brouillon-${suffix}`;
  const name = `Brouillons ${suffix}`;

  await signInAs(page, "Hugo Fontaine");
  await createOpenCommunity(page, { name, slug });
  await signOut(page);

  await signInAs(page, "Léa Rousseau");
  await page.goto(`/communities/${slug}`);
  await page.getByRole("button", { name: "Rejoindre la communauté" }).click();
  await expect(page.getByRole("button", { name: "Rejoindre la communauté" })).toBeHidden();
  await page.goto(`/communities/${slug}/proposals/new`);
  await page.getByRole("textbox", { name: /^Titre/ }).fill("Publier les pistes sous ODbL");
  await page.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(page).toHaveURL(/\/proposals\/[a-z0-9]{20,}$/);
  const proposalUrl = page.url();

  await page.getByRole("link", { name: "Modifier le brouillon" }).click();
  await expect(page).toHaveURL(`${proposalUrl}/edit`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Modifier le brouillon");
  await expect(page.getByRole("textbox", { name: /^Titre/ })).toHaveValue("Publier les pistes sous ODbL");
  await expectAccessible(page);

  // Below the charter's quorum: refused at the field, by the server as by the form.
  const quorum = page.getByRole("spinbutton", { name: /^Quorum/ });
  await quorum.fill("5");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(quorum).toHaveAccessibleDescription(/quorum à 20/);
  await expectAccessible(page);
  await quorum.fill("30");

  await page.getByRole("textbox", { name: /^Titre/ }).fill("Choisir la licence des pistes");
  await page.getByRole("combobox", { name: /^Mode de scrutin/ }).selectOption({ label: "Vote par approbation" });
  await page.getByRole("button", { name: "Ajouter une option" }).click();
  await page.getByRole("textbox", { name: "Option 1" }).fill("ODbL");
  await page.getByRole("button", { name: "Ajouter une option" }).click();
  await page.getByRole("textbox", { name: "Option 2" }).fill("Licence Ouverte");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(page).toHaveURL(proposalUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Choisir la licence des pistes");
  await expect(page.getByText("Licence Ouverte")).toBeVisible();
  await expect(page.getByText(/^Quorum.{1,3}30/)).toBeVisible();

  // Once the discussion is open, the draft no longer changes.
  await page.getByRole("button", { name: "Ouvrir la discussion" }).click();
  await expect(page.getByTestId("status")).not.toHaveText("Brouillon");
  await expect(page.getByRole("link", { name: "Modifier le brouillon" })).toHaveCount(0);
  await page.goto(`${proposalUrl}/edit`);
  await expect(page).toHaveURL(proposalUrl);
});
