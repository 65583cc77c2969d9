/**
 * A proposal from draft to decision, in a community the test creates: a member drafts it (the
 * charter's minimum duration shows at the field), opens voting, two members of different colleges
 * vote (one changes their mind), an administrator closes early, results show, and a voter checks
 * their receipt.
 */
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signInAs, signOut } from "./support/demo-session";
import { createOpenCommunity } from "./support/community-form";

const suffix = Date.now().toString(36);

test("a proposal is drafted, voted on by two colleges, closed early and its receipt checked", async ({ page }) => {
  test.setTimeout(120_000);
  const slug = `velo-ouvert-${suffix}`;
  const name = `Vélo ouvert ${suffix}`;

  // Hugo Fontaine (public college) creates an open community.
  await signInAs(page, "Hugo Fontaine");
  await createOpenCommunity(page, { name, slug });
  await signOut(page);

  // Léa Rousseau (research college) joins and drafts a proposal.
  await signInAs(page, "Léa Rousseau");
  await page.goto(`/communities/${slug}`);
  await page.getByRole("button", { name: "Rejoindre la communauté" }).click();
  await expect(page.getByRole("button", { name: "Rejoindre la communauté" })).toBeHidden();
  await page.goto(`/communities/${slug}/proposals`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Propositions");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Nouvelle proposition" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nouvelle proposition");
  await expectAccessible(page);
  await page.getByRole("textbox", { name: /^Titre/ }).fill("Publier les pistes cyclables sous ODbL");
  await page
    .getByRole("textbox", { name: /^Texte/ })
    .fill("Les pistes relevées par le collectif sont publiées sous **ODbL 1.0**.");
  await page.getByRole("checkbox", { name: /^Vote secret/ }).uncheck({ force: true });
  const days = page.getByRole("spinbutton", { name: /^Durée du vote/ });
  await days.fill("2");
  await page.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(days).toHaveAccessibleDescription(/au moins 3 jours/);
  await expectAccessible(page);
  await days.fill("3");
  await page.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(page).toHaveURL(/\/proposals\/[a-z0-9]{20,}$/);
  const proposalUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Publier les pistes cyclables sous ODbL");
  await expect(page.getByTestId("status")).toHaveText("Brouillon");
  await expectAccessible(page);

  // The author opens voting, votes against, then changes her mind.
  await page.getByRole("button", { name: "Ouvrir le vote maintenant" }).click();
  await expect(page.getByTestId("status")).toHaveText("Vote ouvert");
  await expect(page.getByText("Corps électoral : 2 membres")).toBeVisible();
  await page.getByRole("radio", { name: "Contre" }).check({ force: true });
  await page.getByRole("button", { name: "Voter", exact: true }).click();
  await expect(page.getByText("Votre bulletin est enregistré.")).toBeVisible();
  const receiptText = await page.getByTestId("receipt").innerText();
  const receipt = /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(receiptText)?.[1];
  expect(receipt).toBeTruthy();
  await page.getByRole("radio", { name: "Pour" }).check({ force: true });
  await page.getByRole("button", { name: "Changer mon vote" }).click();
  await expect(page.getByText("Votre bulletin est modifié.")).toBeVisible();
  await expect(page.getByTestId("receipt")).toContainText(receipt!);
  await expect(page.getByTestId("turnout")).toHaveText("Participation : 1 sur 2");
  await expectAccessible(page);
  await signOut(page);

  // Hugo (public college, administrator) may close early only as the charter says (by default: once
  // every elector has voted), and only after confirming.
  await signInAs(page, "Hugo Fontaine");
  await page.goto(proposalUrl);
  await expect(
    page.getByText("Selon la charte, un vote peut être clos avant sa date une fois que tous les électeurs ont voté."),
  ).toBeVisible();
  await page.getByRole("button", { name: "Clore le vote maintenant" }).click();
  await expect(page.getByRole("heading", { name: "Clore ce vote avant sa date ?" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Confirmer : clore et dépouiller maintenant" }).click();
  await expect(page.getByText(/1 bulletin manquant/)).toBeVisible();
  await page.getByRole("button", { name: "Annuler" }).click();
  await expect(page.getByTestId("status")).toHaveText("Vote ouvert");
  await page.getByRole("radio", { name: "Pour" }).check({ force: true });
  await page.getByRole("button", { name: "Voter", exact: true }).click();
  await expect(page.getByText("Votre bulletin est enregistré.")).toBeVisible();
  await page.getByRole("button", { name: "Clore le vote maintenant" }).click();
  await page.getByRole("button", { name: "Confirmer : clore et dépouiller maintenant" }).click();
  await expect(page.getByTestId("status")).toHaveText("Close");
  await expect(page.getByTestId("early-close")).toHaveText(
    "Clos avant sa date par un administrateur, tous les électeurs ayant voté (règle de la charte).",
  );
  await expect(page.getByTestId("outcome")).toHaveText("Issue : Adoptée");
  // A public ballot: voters and their choices after the close.
  const voters = page.getByRole("table", { name: "Liste des votants (vote public)" });
  await expect(voters.getByRole("row", { name: /Léa Rousseau/ })).toContainText("Pour");
  await expect(voters.getByRole("row", { name: /Hugo Fontaine/ })).toContainText("Pour");
  await expectAccessible(page);
  await signOut(page);

  // Léa checks her receipt against the published decision.
  await signInAs(page, "Léa Rousseau");
  await page.goto(proposalUrl);
  await expect(page.getByTestId("my-receipt")).toContainText(receipt!);
  await page.getByRole("textbox", { name: "Reçu" }).fill(receipt!);
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.getByTestId("receipt-check")).toContainText("Ce reçu figure dans la décision publiée, avec ce choix : Pour");
  await expect(page.getByTestId("receipt-check")).toContainText("L'empreinte de la liste publiée est correcte.");
  await expectAccessible(page);
});
