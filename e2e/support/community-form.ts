/** Creates a public, open community through the real form (signed in already) and waits for its page. */
import { expect, type Page } from "@playwright/test";

export async function createOpenCommunity(page: Page, { name, slug }: { name: string; slug: string }): Promise<void> {
  await page.goto("/communities/new");
  await page.getByRole("textbox", { name: /^Nom/ }).fill(name);
  await page.getByRole("textbox", { name: /^Adresse courte/ }).fill(slug);
  await page.getByRole("textbox", { name: /^Présentation courte/ }).fill(`${name} : une communauté créée par les tests.`);
  await page.getByRole("radio", { name: /^Publique/ }).check({ force: true });
  await page.getByRole("radio", { name: /^Adhésion libre/ }).check({ force: true });
  await page.getByRole("button", { name: "Créer la communauté" }).click();
  await expect(page).toHaveURL(new RegExp(`/communities/${slug}$`));
}
