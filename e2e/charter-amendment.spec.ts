/**
 * A charter amended by vote, end to end, in a community the test creates: an administrator founds
 * the charter (platform defaults: a vote lasts at least 3 days), a member of another college joins
 * and proposes to raise that minimum to 5 days, the administrator cannot close early while a ballot is
 * missing (the charter's default rule), both colleges vote for, the administrator closes early after
 * confirming, the amendment is adopted and applied (version 2 with the new parameter), the platform
 * then refuses a 3-day vote naming the new minimum and a quorum below the charter's, and a voter
 * checks their receipt.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signInAs, signOut } from "./support/demo-session";

const suffix = Date.now().toString(36);

/** The value shown for one parameter in the charter's list (label, then value in words). */
function parameterValue(page: Page, label: string) {
  return page
    .getByTestId("charter-parameters")
    .locator("div")
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator("dd");
}

test("a charter amendment is proposed, adopted by two colleges and enforced on the next proposal", async ({ page }) => {
  test.setTimeout(150_000);
  const slug = `amendement-${suffix}`;
  const name = `Amendement ${suffix}`;
  const amendmentTitle = "Porter la durée minimale d'un vote à 5 jours";

  // Hugo Fontaine (public college) creates an open community and founds its charter with the defaults.
  await signInAs(page, "Hugo Fontaine");
  await page.goto("/communities/new");
  await expectAccessible(page);
  await page.getByRole("textbox", { name: /^Nom/ }).fill(name);
  await page.getByRole("textbox", { name: /^Adresse courte/ }).fill(slug);
  await page.getByRole("textbox", { name: /^Présentation courte/ }).fill(`${name} : une communauté créée par les tests.`);
  await page.getByRole("radio", { name: /^Publique/ }).check({ force: true });
  await page.getByRole("radio", { name: /^Adhésion libre/ }).check({ force: true });
  await page.getByRole("button", { name: "Créer la communauté" }).click();
  await expect(page).toHaveURL(new RegExp(`/communities/${slug}$`));
  await expectAccessible(page);

  await page.goto(`/communities/${slug}/charter`);
  await expect(page.getByTestId("charter-empty")).toBeVisible();
  const form = page.getByTestId("found-charter-form");
  await expect(form.getByRole("spinbutton", { name: "Durée minimale d'un vote" })).toHaveValue("3");
  await expectAccessible(page);
  await form.getByRole("textbox", { name: "Titre de l'article" }).fill("Décisions collectives");
  await form
    .getByRole("textbox", { name: /^Texte de l'article/ })
    .fill("Les membres décident ensemble, par des votes ouverts à tous les collèges.");
  await form.getByRole("button", { name: "Fonder la charte" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Version 1 du / })).toBeVisible();
  await expect(parameterValue(page, "Durée minimale d'un vote")).toHaveText("3 jours");
  await expectAccessible(page);
  await signOut(page);

  // Léa Rousseau (research college) joins and proposes the amendment.
  await signInAs(page, "Léa Rousseau");
  await page.goto(`/communities/${slug}`);
  await page.getByRole("button", { name: "Rejoindre la communauté" }).click();
  await expect(page.getByRole("button", { name: "Rejoindre la communauté" })).toBeHidden();
  await expectAccessible(page);
  await page.goto(`/communities/${slug}/proposals`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Propositions");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Nouvelle proposition" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nouvelle proposition");
  await page.getByRole("combobox", { name: "Type" }).selectOption("CHARTER_AMENDMENT");
  // The amendment editor: a parameter picked from the charter's list, with its current value and range.
  const changes = page.getByRole("group", { name: "Changements proposés à la charte" });
  await expect(changes).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("textbox", { name: /^Titre/ }).fill(amendmentTitle);
  await page
    .getByRole("textbox", { name: /^Texte/ })
    .fill("Trois jours ne suffisent pas aux collectivités pour consulter leurs services : passons à **5 jours**.");
  await changes.getByRole("button", { name: "Changer un paramètre" }).click();
  await page.getByRole("combobox", { name: "Paramètre (changement 1)" }).selectOption({ label: "Durée minimale d'un vote" });
  await expect(changes).toContainText("Valeur actuelle : 3 jours");
  await expect(changes).toContainText("de 1 à 90 jours");
  await page.getByRole("spinbutton", { name: "Nouvelle valeur (changement 1)" }).fill("5");
  await expectAccessible(page);
  // The DSFR hint is part of the field's label: the charter's minimum is read with the field's name.
  await expect(page.getByRole("spinbutton", { name: /^Durée du vote/ })).toHaveAccessibleName(/Au moins 3 jours selon la charte/);
  // A public ballot: each of the two members is alone in a weighted college, where a secret vote
  // would not open (the charter's secretBallotMinCollegeSize).
  await page.getByRole("checkbox", { name: /^Vote secret/ }).uncheck({ force: true });
  await page.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(page).toHaveURL(/\/proposals\/[a-z0-9]{20,}$/);
  const proposalUrl = page.url();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(amendmentTitle);
  await expect(page.getByTestId("status")).toHaveText("Brouillon");
  // Voters read the change in words, as the charter's history will show it.
  await expect(page.getByTestId("charter-diff")).toContainText("5 jours");
  await expectAccessible(page);
  // The same diff on a phone, and in English.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId("charter-diff")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  // (The language switch may return to the page the layout was rendered for: come back to the proposal.)
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto(proposalUrl);
  await expect(page.getByTestId("charter-diff")).toContainText("5 days");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.goto(proposalUrl);
  await expect(page.getByTestId("charter-diff")).toContainText("5 jours");

  // She opens voting and votes for; her receipt is kept.
  await page.getByRole("button", { name: "Ouvrir le vote maintenant" }).click();
  await expect(page.getByTestId("status")).toHaveText("Vote ouvert");
  await expect(page.getByText("Corps électoral : 2 membres")).toBeVisible();
  await page.getByRole("radio", { name: "Pour" }).check({ force: true });
  await page.getByRole("button", { name: "Voter", exact: true }).click();
  await expect(page.getByText("Votre bulletin est enregistré.")).toBeVisible();
  const receiptText = await page.getByTestId("receipt").innerText();
  const receipt = /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(receiptText)?.[1];
  expect(receipt).toBeTruthy();
  await expect(page.getByTestId("turnout")).toHaveText("Participation : 1 sur 2");
  await expectAccessible(page);
  await signOut(page);

  // Hugo (public college, administrator) cannot close it minutes after it opened while his own ballot
  // is missing; he votes for, then closes the vote early after confirming: adopted and applied.
  await signInAs(page, "Hugo Fontaine");
  await page.goto(proposalUrl);
  await page.getByRole("button", { name: "Clore le vote maintenant" }).click();
  await page.getByRole("button", { name: "Confirmer : clore et dépouiller maintenant" }).click();
  await expect(page.getByText(/tous les électeurs ont voté \(1 bulletin manquant\)/)).toBeVisible();
  await page.getByRole("button", { name: "Annuler" }).click();
  await expect(page.getByTestId("status")).toHaveText("Vote ouvert");
  await page.getByRole("radio", { name: "Pour" }).check({ force: true });
  await page.getByRole("button", { name: "Voter", exact: true }).click();
  await expect(page.getByText("Votre bulletin est enregistré.")).toBeVisible();
  await page.getByRole("button", { name: "Clore le vote maintenant" }).click();
  await page.getByRole("button", { name: "Confirmer : clore et dépouiller maintenant" }).click();
  await expect(page.getByTestId("status")).toHaveText("Close");
  await expect(page.getByTestId("outcome")).toHaveText("Issue : Adoptée");
  await expect(page.getByText("La modification est appliquée : la charte passe à la version 2.")).toBeVisible();
  // The results say why: the share of votes for against the threshold.
  await expect(page.getByTestId("threshold-verdict")).toContainText("le seuil est atteint");
  await expectAccessible(page);

  // The charter is now at version 2, made by the proposal, with the new minimum.
  await page.goto(`/communities/${slug}/charter`);
  await expect(page.getByRole("heading", { level: 2, name: /^Version 2 du / })).toBeVisible();
  await expect(page.getByTestId("charter-provenance")).toContainText(amendmentTitle);
  await expect(page.getByRole("heading", { level: 2, name: "Changements depuis la version 1" })).toBeVisible();
  await expect(page.getByText("Durée minimale d'un vote : 3 jours → 5 jours")).toBeVisible();
  await expect(parameterValue(page, "Durée minimale d'un vote")).toHaveText("5 jours");
  await expectAccessible(page);
  await signOut(page);

  // Léa drafts an ordinary proposal of 3 days: refused, the field names the new minimum of 5 days.
  await signInAs(page, "Léa Rousseau");
  await page.goto(`/communities/${slug}/proposals/new`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nouvelle proposition");
  await page.getByRole("textbox", { name: /^Titre/ }).fill("Un vote trop court");
  await page.getByRole("textbox", { name: /^Texte/ }).fill("Cette proposition ne dure que trois jours.");
  const days = page.getByRole("spinbutton", { name: /^Durée du vote/ });
  await expect(days).toHaveAccessibleName(/Au moins 5 jours selon la charte/);
  await days.fill("3");
  await page.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(days).toHaveAccessibleDescription(/La charte impose un vote d'au moins 5 jours\./);
  // Nor can she lower the charter's quorum (20 %): refused at the field, which shows the floor.
  await days.fill("5");
  const quorum = page.getByRole("spinbutton", { name: /^Quorum/ });
  await expect(quorum).toHaveAccessibleName(/Au moins 20 % selon la charte/);
  await quorum.fill("5");
  await page.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(quorum).toHaveAccessibleDescription(/La charte fixe le quorum à 20 % au moins/);
  await expect(page).toHaveURL(new RegExp(`/communities/${slug}/proposals/new$`));
  await expectAccessible(page);

  // Léa checks her receipt against the published decision.
  await page.goto(proposalUrl);
  await expect(page.getByTestId("my-receipt")).toContainText(receipt!);
  await page.getByRole("textbox", { name: "Reçu" }).fill(receipt!);
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.getByTestId("receipt-check")).toContainText("Ce reçu figure dans la décision publiée, avec ce choix : Pour");
  await expect(page.getByTestId("receipt-check")).toContainText("L'empreinte de la liste publiée est correcte.");
  // Typing another receipt clears the answer; the same receipt without dashes, in lower case, is found.
  await page.getByRole("textbox", { name: "Reçu" }).fill(receipt!.replaceAll("-", "").toLowerCase());
  await expect(page.getByTestId("receipt-check")).toBeHidden();
  await page.getByRole("button", { name: "Vérifier" }).click();
  await expect(page.getByTestId("receipt-check")).toContainText("Ce reçu figure dans la décision publiée, avec ce choix : Pour");
  await expectAccessible(page);
});
