/** Demo one-click sign-in and sign-out, as every end-to-end spec does them (demo server, French interface). */
import { expect, type Browser, type Page } from "@playwright/test";

export async function signInAs(page: Page, name: string): Promise<void> {
  await page.goto("/auth/sign-in");
  await page.getByRole("button", { name: `Se connecter comme ${name}` }).click();
  await expect(page.getByText(`Bonjour ${name}`)).toBeVisible();
}

/** A person of their own: a fresh browser context, signed in (for specs where several people act in turn). */
export async function signInInNewContext(browser: Browser, name: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, name);
  return page;
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
}
