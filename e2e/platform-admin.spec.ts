import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { urls } from "./support/ports";
import { signInAs, signOut } from "./support/demo-session";

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test("a platform administrator suspends an account everywhere, the person sees it, and the suspension is lifted", async ({
  page,
}) => {
  // Only platform administrators see the page.
  await signInAs(page, "Pierre Lambert");
  const refused = await page.goto(`${urls.neutral}/admin`);
  expect(refused?.status()).toBe(403);
  await signOut(page);

  await signInAs(page, "Julien Lefèvre");
  await page.getByRole("link", { name: "Administration" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Administration de la plateforme");
  await expectAccessible(page);

  await page.getByLabel("Rechercher un compte (nom ou adresse électronique)").fill("Pierre Lambert");
  await page.getByRole("button", { name: "Rechercher" }).click();
  const account = page.getByTestId("account").filter({ hasText: "Pierre Lambert" });
  await expect(account).toContainText("Actif");
  await expectAccessible(page);

  // A date in the past is refused at its field, by the server.
  await account.getByLabel("Jusqu'au").fill(isoDay(-2));
  await account.getByRole("textbox", { name: /^Motif Visible/ }).fill("Messages publicitaires dans trois communautés");
  await account.getByRole("button", { name: "Suspendre le compte" }).click();
  await expect(account.getByText("La fin de la suspension doit être dans le futur.")).toBeVisible();

  await account.getByLabel("Jusqu'au").fill(isoDay(7));
  await account.getByRole("button", { name: "Suspendre le compte" }).click();
  await expect(account).toContainText("Suspendu jusqu'au");
  await signOut(page);

  await signInAs(page, "Pierre Lambert");
  await expect(page.getByTestId("account-suspended")).toContainText("Votre compte est suspendu sur la plateforme");
  await expectAccessible(page);
  await signOut(page);

  await signInAs(page, "Julien Lefèvre");
  await page.goto(`${urls.neutral}/admin?q=${encodeURIComponent("Pierre Lambert")}`);
  const again = page.getByTestId("account").filter({ hasText: "Pierre Lambert" });
  await again.getByLabel("Motif de la levée").fill("Compte compromis, mot de passe changé");
  await again.getByRole("button", { name: "Lever la suspension" }).click();
  await expect(again).toContainText("Actif");
  await signOut(page);
});
