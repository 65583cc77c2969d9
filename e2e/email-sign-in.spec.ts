import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { extractLink, mailbox, uniqueEmail } from "./support/mail";

test("a newcomer signs in by email link, completes onboarding, sees the profile and signs out", async ({ page }) => {
  const email = uniqueEmail("newcomer");

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("communs géographiques");
  // The three demo communities (other tests may have created more).
  for (const name of ["Adresses du Finistère", "Imagerie de rue libre", "Registre des bâtiments"]) {
    await expect(page.getByTestId("community-list").getByRole("link", { name })).toBeVisible();
  }
  await expectAccessible(page);

  await page.getByRole("link", { name: "Se connecter" }).first().click();
  await expect(page).toHaveURL(/\/auth\/sign-in/);
  await expectAccessible(page);

  // Bad input: a localized message at the field, nothing sent.
  await page.getByLabel("Adresse électronique").fill("pas-une-adresse");
  await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
  await expect(page.getByText("Saisissez une adresse électronique valide")).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
  await expect(page.getByTestId("check-email")).toContainText(email);
  await expectAccessible(page);

  const mail = await mailbox.waitForMail((m) => m.to.includes(email), 20_000);
  expect(mail.subject).toBe("Votre lien de connexion à Géocommuns");
  expect(mail.html).toContain("Me connecter");
  const link = extractLink(mail.text, "/auth/email");
  expect(mail.html).toContain(link.replace(/&/g, "&amp;"));

  await page.goto(link);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Me connecter" }).click();
  await expect(page).toHaveURL(/\/onboarding/);
  await expectAccessible(page);

  await page.getByRole("textbox", { name: /^Nom affiché/ }).fill("Camille Durand");
  await page.getByRole("radio", { name: /^Société civile/ }).check({ force: true });
  await page.getByRole("textbox", { name: /^Organisation/ }).fill("Les Arpenteurs du Dimanche");
  await page.getByRole("textbox", { name: /^SIRET/ }).fill("21750001600018");
  await page.getByRole("button", { name: "Terminer" }).click();
  await expect(page.getByText("Ce SIRET n'est pas valide")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("textbox", { name: /^SIRET/ }).fill("");
  await page.getByRole("button", { name: "Terminer" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Bonjour Camille Durand")).toBeVisible();

  await page.getByRole("link", { name: "Camille Durand" }).click();
  await expect(page.getByTestId("profile-email")).toHaveText(email);
  await expect(page.getByRole("textbox", { name: /^Organisation/ })).toHaveValue("Les Arpenteurs du Dimanche");
  await expectAccessible(page);

  await page.getByRole("banner").getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();

  // The link works once: reusing it is refused with a clear message.
  await page.goto(link);
  await page.getByRole("button", { name: "Me connecter" }).click();
  await expect(page.getByTestId("auth-error")).toContainText("a expiré ou a déjà servi");
  await expectAccessible(page);
});

test("sign-in link requests are rate limited per address with 429 and a localized message", async ({ request }) => {
  const email = uniqueEmail("flood");
  const statuses: number[] = [];
  let last: { error?: { message: string; fields?: Record<string, { message: string }> } } = {};
  for (let i = 0; i < 4; i++) {
    const response = await request.post("/api/sign-in/email", { data: { email }, headers: { cookie: "gc.locale=fr" } });
    statuses.push(response.status());
    last = await response.json();
  }
  expect(statuses).toEqual([202, 202, 202, 429]);
  expect(last.error?.fields?.email?.message).toMatch(/^Trop de demandes\. Réessayez dans \d+ minutes\.$/);

  const bad = await request.post("/api/sign-in/email", { data: { email: "x@" } });
  expect(bad.status()).toBe(400);
});
