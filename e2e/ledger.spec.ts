/**
 * The contribution ledger through the UI, on a commons the test sets up (its own community, so the
 * demo's figures are neither needed nor disturbed): a member records a contribution (a date in the
 * future and a negative quantity are refused at their field), cannot validate it herself, another
 * member validates it, and both dashboards change. axe on every page.
 */
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signInAs, signOut } from "./support/demo-session";

const suffix = Date.now().toString(36);

test("a member records a contribution, another validates it, and the dashboards change", async ({ page, baseURL }) => {
  test.setTimeout(150_000);
  const slug = `adresses-ledger-${suffix}`;
  const name = `Adresses vérifiées ${suffix}`;
  const commonsSlug = `bal-${suffix}`;
  const ledger = `/communities/${slug}/commons/${commonsSlug}/ledger`;
  const dashboard = `/communities/${slug}/commons/${commonsSlug}/dashboard`;
  const description = `Vérifié les adresses du bourg (${suffix}).`;

  // Hugo Fontaine (public body) creates an open community and proposes a commons in it.
  await signInAs(page, "Hugo Fontaine");
  await page.goto("/communities/new");
  await page.getByRole("textbox", { name: /^Nom/ }).fill(name);
  await page.getByRole("textbox", { name: /^Adresse courte/ }).fill(slug);
  await page.getByRole("textbox", { name: /^Présentation courte/ }).fill(`${name} : une communauté créée par les tests.`);
  await page.getByRole("radio", { name: /^Publique/ }).check({ force: true });
  await page.getByRole("radio", { name: /^Adhésion libre/ }).check({ force: true });
  await page.getByRole("button", { name: "Créer la communauté" }).click();
  await expect(page).toHaveURL(new RegExp(`/communities/${slug}$`));
  const created = await page.request.post(`/api/v1/communities/${slug}/commons`, {
    headers: { Origin: baseURL! },
    data: {
      slug: commonsSlug,
      title: `Base adresse locale ${suffix}`,
      summary: "Les adresses de la commune, vérifiées sur le terrain.",
      kind: "DATASET",
      licence: "etalab-2.0",
      status: "PROPOSED",
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  // The community page links to its dashboard; nothing counted yet.
  await page.getByRole("link", { name: "Tableau de bord des contributions de la communauté" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Tableau de bord des contributions");
  await expect(page.getByTestId("dashboard-totals")).toHaveText(/^Contributions validées : 0 /);
  await expectAccessible(page);
  await signOut(page);

  // Léa Rousseau (research) joins and records a contribution on the ledger page.
  await signInAs(page, "Léa Rousseau");
  await page.goto(`/communities/${slug}`);
  await page.getByRole("button", { name: "Rejoindre la communauté" }).click();
  await expect(page.getByRole("button", { name: "Rejoindre la communauté" })).toBeHidden();
  await page.goto(ledger);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Registre des contributions");
  await expect(page.getByText("Aucune contribution ne correspond.")).toBeVisible();
  await expectAccessible(page);

  const form = page.getByRole("form", { name: "Déclarer une contribution" });
  await form.getByLabel(/^Type de contribution/).selectOption({ label: "Correction ou relevé de terrain" });
  await form.getByRole("textbox", { name: /^Description/ }).fill(description);
  const date = form.getByLabel(/^Date de réalisation/);
  await date.fill("2099-01-01");
  const quantity = form.getByRole("textbox", { name: /^Quantité/ });
  await quantity.fill("-5");
  await form.getByRole("textbox", { name: /^Unité/ }).fill("adresses vérifiées");
  await form.getByRole("button", { name: "Déclarer la contribution" }).click();
  await expect(date).toHaveAccessibleDescription(/ne peut pas être dans le futur/);
  await expect(quantity).toHaveAccessibleDescription(/doit être un nombre positif/);
  await expectAccessible(page);

  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
  await date.fill(today);
  await quantity.fill("1 200");
  await form.getByRole("textbox", { name: /^Temps passé/ }).fill("3");
  await form.getByRole("button", { name: "Déclarer la contribution" }).click();
  await expect(page.getByText("Contribution enregistrée")).toBeVisible();
  const entry = page.getByRole("article").filter({ hasText: description });
  await expect(entry).toContainText("En attente de validation");
  await expect(entry).toContainText(/1\s200 adresses vérifiées/);
  // The author reads why she cannot validate it herself, and gets no review form.
  await expect(entry).toContainText("Vous ne pouvez pas valider votre propre contribution");
  await expect(entry.getByRole("button", { name: "Enregistrer la décision" })).toHaveCount(0);
  await expectAccessible(page);

  await page.goto(dashboard);
  await expect(page.getByTestId("dashboard-totals")).toHaveText(/^Contributions validées : 0 /);
  await signOut(page);

  // Hugo Fontaine validates it from the pending filter.
  await signInAs(page, "Hugo Fontaine");
  await page.goto(ledger);
  await page.getByLabel("État", { exact: true }).selectOption({ label: "En attente de validation" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/state=PENDING/);
  const pending = page.getByRole("article").filter({ hasText: description });
  await expect(pending).toContainText("Par Léa Rousseau");
  await pending.getByRole("radio", { name: "Valider" }).check({ force: true });
  await pending.getByRole("textbox", { name: /^Commentaire/ }).fill("Vérifié sur un échantillon de 50 adresses.");
  await pending.getByRole("button", { name: "Enregistrer la décision" }).click();
  // The entry leaves the pending list; the outcome stays announced above it.
  await expect(page.getByText("Aucune contribution ne correspond.")).toBeVisible();
  await expect(page.getByText("Contribution validée.")).toBeVisible();
  await expectAccessible(page);

  await page.goto(`${ledger}?state=VALIDATED`);
  const validated = page.getByRole("article").filter({ hasText: description });
  await expect(validated).toContainText(/Validée par Hugo Fontaine/);
  await expect(validated).toContainText("Vérifié sur un échantillon de 50 adresses.");

  // The commons' dashboard now counts it, carried entirely by research.
  await page.goto(dashboard);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Tableau de bord des contributions");
  await expect(page.getByTestId("dashboard-totals")).toHaveText("Contributions validées : 1 · heures déclarées : 3");
  await expect(page.getByTestId("share-RESEARCH")).toContainText("100 %");
  await expect(page.getByTestId("share-PUBLIC")).toContainText("0 %");
  await expect(page.getByTestId("contributors")).toContainText("Léa Rousseau");
  await expect(page.getByTestId("by-organization")).toContainText("Laboratoire de géomatique de Rennes");
  await expect(page.getByRole("img", { name: /Contributions validées par mois/ })).toBeVisible();
  await expectAccessible(page);

  // …and so does the community's.
  await page.getByRole("link", { name: "Tableau de bord des contributions de la communauté" }).click();
  await expect(page.getByTestId("dashboard-totals")).toHaveText(/^Contributions validées : 1 /);
  await expect(page.getByTestId("by-commons")).toContainText(`Base adresse locale ${suffix}`);
  await expectAccessible(page);

  // The commons page's ledger section counts it too.
  await page.goto(`/communities/${slug}/commons/${commonsSlug}`);
  await expect(page.getByTestId("ledger-validated-count")).toHaveText("Contributions validées : 1");
  await expect(page.getByTestId("ledger-section").getByRole("article").filter({ hasText: description })).toBeVisible();
  await signOut(page);

  // Léa asks not to be listed by name: she is counted as anonymous, and listed again once she changes her mind.
  await signInAs(page, "Léa Rousseau");
  const setOptOut = async (hidden: boolean) => {
    await page.goto("/profile");
    const box = page.getByRole("checkbox", { name: /Ne pas afficher mon nom parmi les contributeurs/ });
    await (hidden ? box.check({ force: true }) : box.uncheck({ force: true }));
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await expect(page.getByText("Profil enregistré.")).toBeVisible();
  };
  await setOptOut(true);
  await page.goto(dashboard);
  await expect(page.getByTestId("contributors")).toContainText("Anonymes (nombre de personnes : 1)");
  await expect(page.getByTestId("contributors")).not.toContainText("Léa Rousseau");
  await setOptOut(false);
  await page.goto(dashboard);
  await expect(page.getByTestId("contributors")).toContainText("Léa Rousseau");
});
