/**
 * Communities through the UI, on the shared demo database: every test creates the community it
 * needs (unique slug), so it neither depends on nor disturbs the demo's memberships.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { extractLink, mailbox, uniqueEmail } from "./support/mail";
import { signInAs, signOut } from "./support/demo-session";

const suffix = Date.now().toString(36);

type NewCommunity = {
  name: string;
  slug: string;
  visibility: "Publique" | "Réservée aux membres";
  joinPolicy: "Adhésion libre" | "Adhésion sur demande" | "Sur invitation";
};

async function fillCommunityForm(page: Page, community: NewCommunity) {
  await page.getByRole("textbox", { name: /^Nom/ }).fill(community.name);
  await page.getByRole("textbox", { name: /^Adresse courte/ }).fill(community.slug);
  await page
    .getByRole("textbox", { name: /^Présentation courte/ })
    .fill(`${community.name} : une communauté créée par les tests.`);
  await page
    .getByRole("textbox", { name: /^Description/ })
    .fill("Une **description** en Markdown.\n\n- premier point\n- second point\n\n<script>window.pwned = 1</script>");
  await page.getByRole("radio", { name: new RegExp(`^${community.visibility}`) }).check({ force: true });
  await page.getByRole("radio", { name: new RegExp(`^${community.joinPolicy}`) }).check({ force: true });
}

async function createCommunity(page: Page, community: NewCommunity) {
  await page.goto("/");
  await page.getByRole("link", { name: "Créer une communauté" }).click();
  await expect(page).toHaveURL(/\/communities\/new$/);
  await fillCommunityForm(page, community);
  await page.getByRole("button", { name: "Créer la communauté" }).click();
  await expect(page).toHaveURL(new RegExp(`/communities/${community.slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(community.name);
}

test("creating a community checks the slug; an open community is joined and left; weights are checked", async ({ page }) => {
  const community: NewCommunity = {
    name: `Cadastre solaire ${suffix}`,
    slug: `cadastre-solaire-${suffix}`,
    visibility: "Publique",
    joinPolicy: "Adhésion libre",
  };
  await signInAs(page, "Hugo Fontaine");
  await page.getByRole("link", { name: "Créer une communauté" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Créer une communauté");
  await expectAccessible(page);

  // A reserved slug, then a taken one: the error sits at the slug field.
  await fillCommunityForm(page, { ...community, slug: "admin" });
  await page.getByRole("button", { name: "Créer la communauté" }).click();
  const slugField = page.getByRole("textbox", { name: /^Adresse courte/ });
  await expect(slugField).toHaveAccessibleDescription(/réservée par la plateforme/);
  await expectAccessible(page);
  await slugField.fill("adresses-finistere");
  await page.getByRole("button", { name: "Créer la communauté" }).click();
  await expect(slugField).toHaveAccessibleDescription(/déjà prise par une autre communauté/);
  await expect(page).toHaveURL(/\/communities\/new$/);

  await slugField.fill(community.slug);
  await page.getByRole("button", { name: "Créer la communauté" }).click();
  await expect(page).toHaveURL(new RegExp(`/communities/${community.slug}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(community.name);
  await expect(page.getByText("Publique", { exact: true })).toBeVisible();
  await expect(page.getByText("Adhésion libre", { exact: true })).toBeVisible();
  // Markdown is rendered, raw HTML is not.
  await expect(page.locator("main strong", { hasText: "description" })).toBeVisible();
  await expect(page.locator("main script")).toHaveCount(0);
  await expect(page.getByTestId("colleges").getByRole("row", { name: /^Public 25 % 1$/ })).toBeVisible();
  await expect(page.getByTestId("membership-status")).toHaveText(
    "Vous êtes membre de cette communauté (Administrateur), dans le collège Public.",
  );
  await expectAccessible(page);

  // The only administrator cannot leave.
  await page.getByRole("button", { name: "Quitter la communauté" }).click();
  await page.getByRole("button", { name: "Oui, quitter la communauté" }).click();
  await expect(page.getByTestId("leave-confirmation")).toContainText("doit garder au moins un administrateur");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Annuler" }).click();

  // College weights: the total, then a bound, each error where it belongs.
  await page.getByRole("link", { name: "Administration" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Administration");
  await expectAccessible(page);
  const weight = (college: string) => page.getByRole("spinbutton", { name: `${college} (%)` });
  await weight("Public").fill("50");
  await weight("Privé").fill("50");
  await weight("Recherche").fill("50");
  await weight("Société civile").fill("0");
  await page.getByRole("button", { name: "Enregistrer les collèges" }).click();
  await expect(page.getByTestId("weights-total-error")).toHaveText(
    "Les poids des collèges doivent totaliser 100 % (total actuel : 150 %).",
  );
  await expectAccessible(page);
  await weight("Public").fill("60");
  await weight("Privé").fill("20");
  await weight("Recherche").fill("20");
  await page.getByRole("button", { name: "Enregistrer les collèges" }).click();
  await expect(weight("Public")).toHaveAccessibleDescription(/entre 10 % et 50 %/);
  await expect(page.getByTestId("weights-total-error")).toHaveCount(0);
  await weight("Public").fill("40");
  await weight("Société civile").fill("20");
  await page.getByRole("button", { name: "Enregistrer les collèges" }).click();
  await expect(page.getByText("Collèges enregistrés.")).toBeVisible();
  await page.getByRole("link", { name: "Présentation" }).click();
  await expect(page.getByTestId("colleges").getByRole("row", { name: /^Public 40 % 1$/ })).toBeVisible();

  // Once the charter is founded the weights are its parameters: version 1 holds them, and the
  // administration page only shows them (they change through an adopted amendment).
  await page.goto(`/communities/${community.slug}/charter`);
  const charterForm = page.getByTestId("found-charter-form");
  await charterForm.getByRole("textbox", { name: "Titre de l'article" }).fill("Collèges");
  await charterForm
    .getByRole("textbox", { name: /^Texte de l'article/ })
    .fill("Chaque collège porte la part du vote que la charte lui donne.");
  await charterForm.getByRole("button", { name: "Fonder la charte" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /^Version 1 du / })).toBeVisible();
  await expect(page.getByTestId("charter-parameters")).toContainText(
    "Public 40 %, Privé 20 %, Recherche 20 %, Société civile 20 %",
  );
  await page.goto(`/communities/${community.slug}/admin`);
  await expect(page.getByTestId("colleges-locked")).toContainText("ne changent que par un amendement adopté");
  await expect(weight("Public")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Enregistrer les collèges" })).toHaveCount(0);
  await expectAccessible(page);
  await signOut(page);

  // Someone else joins in one click, appears in the directory and the log, then leaves.
  await signInAs(page, "Léa Rousseau");
  await page.goto(`/communities/${community.slug}`);
  await expect(page.getByRole("link", { name: "Administration" })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Rejoindre la communauté" }).click();
  await expect(page.getByTestId("membership-status")).toHaveText(
    "Vous êtes membre de cette communauté (Membre), dans le collège Recherche.",
  );
  await expect(page.getByTestId("colleges").getByRole("row", { name: /^Recherche 20 % 1$/ })).toBeVisible();

  await page.getByRole("link", { name: "Membres", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Membres");
  const research = page.getByTestId("directory-RESEARCH");
  await expect(research.getByRole("heading", { level: 3 })).toHaveText("Laboratoire de géomatique de Rennes (démo)");
  await expect(page.getByTestId("directory-PUBLIC")).toContainText("Hugo Fontaine");
  await expectAccessible(page);
  await research.getByRole("link", { name: "Léa Rousseau" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Léa Rousseau");
  await expect(page.getByTestId("person-communities")).toContainText(`${community.name} · Membre, collège Recherche`);
  await expect(page.getByTestId("person-communities")).toContainText("Adresses du Finistère");
  await expectAccessible(page);

  await page.goto(`/communities/${community.slug}/activity`);
  const log = page.getByTestId("audit-log");
  await expect(log.getByRole("listitem").first()).toContainText("Léa Rousseau a rejoint la communauté (collège Recherche).");
  await expect(log).toContainText(
    "Hugo Fontaine a fixé les poids des collèges : Public 40 %, Privé 20 %, Recherche 20 %, Société civile 20 %.",
  );
  await expect(log).toContainText("Hugo Fontaine a créé la communauté.");
  await expect(page.getByLabel("Type d'action")).toHaveCount(0); // filtering is for administrators
  await expectAccessible(page);

  const refused = await page.goto(`/communities/${community.slug}/admin`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText("Accès refusé");
  await expectAccessible(page);

  await page.goto(`/communities/${community.slug}`);
  await page.getByRole("button", { name: "Quitter la communauté" }).click();
  await page.getByRole("button", { name: "Oui, quitter la communauté" }).click();
  await expect(page.getByRole("button", { name: "Rejoindre la communauté" })).toBeVisible();
  await expect(page.getByTestId("colleges").getByRole("row", { name: /^Recherche 20 % 0$/ })).toBeVisible();
  await signOut(page);
});

test("a request to join with a message is approved by the administrator", async ({ page }) => {
  const community: NewCommunity = {
    name: `Relevés de voirie ${suffix}`,
    slug: `releves-voirie-${suffix}`,
    visibility: "Publique",
    joinPolicy: "Adhésion sur demande",
  };
  await signInAs(page, "Thomas Garnier");
  await createCommunity(page, community);
  await signOut(page);

  await signInAs(page, "Amina Diallo");
  await page.goto(`/communities/${community.slug}`);
  await page
    .getByRole("textbox", { name: /^Message aux administrateurs/ })
    .fill("Notre association relève les trottoirs à Brest et aimerait contribuer.");
  await page.getByRole("button", { name: "Demander à rejoindre" }).click();
  await expect(page.getByTestId("membership-status")).toHaveText(
    "Votre demande d'adhésion est en attente de la réponse des administrateurs.",
  );
  await expectAccessible(page);
  await signOut(page);

  await signInAs(page, "Thomas Garnier");
  await page.goto(`/communities/${community.slug}/admin`);
  const requests = page.getByTestId("pending-requests");
  await expect(requests.getByRole("heading", { level: 2 })).toHaveText("Demandes d'adhésion en attente (1)");
  await expect(requests).toContainText("Notre association relève les trottoirs à Brest");
  await expectAccessible(page);
  await requests.getByRole("textbox", { name: /^Réponse/ }).fill("Bienvenue parmi nous !");
  await requests.getByRole("button", { name: "Accepter" }).click();
  await expect(requests).toContainText("La demande présentée par Amina Diallo a été acceptée.");
  await expect(page.getByTestId("admin-members")).toContainText("Amina Diallo");

  const decision = await mailbox.waitForMail(
    (m) => m.to.includes("amina@cartographes-libres.example") && m.subject.includes(community.name),
    20_000,
  );
  expect(decision.text).toContain("Bienvenue parmi nous !");

  // Administrators filter the log by action.
  await page.goto(`/communities/${community.slug}/activity`);
  await page.getByLabel("Type d'action").selectOption({ label: "Demande acceptée" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/action=membership\.approved/);
  const log = page.getByTestId("audit-log");
  await expect(log.getByRole("listitem")).toHaveCount(1);
  await expect(log).toContainText("Thomas Garnier a accepté la demande d'adhésion présentée par Amina Diallo.");
  await expectAccessible(page);
  await signOut(page);

  await signInAs(page, "Amina Diallo");
  await page.goto(`/communities/${community.slug}`);
  await expect(page.getByTestId("membership-status")).toHaveText(
    "Vous êtes membre de cette communauté (Membre), dans le collège Société civile.",
  );
  await page.getByRole("link", { name: "Membres", exact: true }).click();
  await expect(page.getByTestId("directory-CIVIL_SOCIETY")).toContainText("Amina Diallo");
  await signOut(page);
});

test("an invitation brings a brand-new person into a members-only community", async ({ page }) => {
  const community: NewCommunity = {
    name: `Réseau de nivellement ${suffix}`,
    slug: `nivellement-${suffix}`,
    visibility: "Réservée aux membres",
    joinPolicy: "Sur invitation",
  };
  const email = uniqueEmail("invitee");
  await signInAs(page, "Sophie Bernard");
  await createCommunity(page, community);
  await expect(page.getByText("Réservée aux membres", { exact: true })).toBeVisible();
  await expect(page.getByText("Sur invitation", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "Administration" }).click();
  const invite = page.getByRole("form", { name: "Inviter par courriel" });
  await invite.getByRole("textbox", { name: /^Adresse électronique/ }).fill("pas-une-adresse");
  await invite.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(invite.getByRole("textbox", { name: /^Adresse électronique/ })).toHaveAccessibleDescription(
    /Saisissez une adresse électronique valide/,
  );
  await invite.getByRole("textbox", { name: /^Adresse électronique/ }).fill(email);
  await invite.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(invite).toContainText(`Invitation envoyée à ${email}.`);
  await expect(page.getByTestId("open-invitations")).toContainText(email);
  await expectAccessible(page);
  await signOut(page);

  // Outsiders do not see a members-only community's content: 404, signed out or not a member.
  for (const path of ["", "/members", "/activity", "/admin"]) {
    const response = await page.goto(`/communities/${community.slug}${path}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
  }
  await expectAccessible(page);
  await signInAs(page, "Pierre Lambert");
  const response = await page.goto(`/communities/${community.slug}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");

  const mail = await mailbox.waitForMail((m) => m.to.includes(email), 20_000);
  expect(mail.subject).toBe(`Invitation à rejoindre « ${community.name} » sur Géocommuns`);
  const invitationLink = extractLink(mail.text, "/invitations/");

  // Signed in with another address: said plainly.
  await page.goto(invitationLink);
  await expect(page.getByTestId("invitation-other-address")).toContainText("envoyée à une autre adresse");
  await expectAccessible(page);
  await signOut(page);

  await page.goto(invitationLink);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Invitation à rejoindre « ${community.name} »`);
  await expect(page.getByTestId("invitation-lead")).toContainText("Sophie Bernard vous invite");
  await expectAccessible(page);
  await page.getByRole("main").getByRole("link", { name: "Se connecter" }).click();
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
  await expect(page.getByTestId("check-email")).toContainText(email);
  const signInMail = await mailbox.waitForMail((m) => m.to.includes(email) && m.subject.includes("connexion"), 20_000);
  await page.goto(extractLink(signInMail.text, "/auth/email"));
  await page.getByRole("button", { name: "Me connecter" }).click();
  await expect(page).toHaveURL(/\/onboarding/);
  await page.getByRole("textbox", { name: /^Nom affiché/ }).fill("Yann Le Gall");
  await page.getByRole("radio", { name: /^Recherche/ }).check({ force: true });
  await page.getByRole("button", { name: "Terminer" }).click();
  await expect(page.getByText("Bonjour Yann Le Gall")).toBeVisible();

  await page.goto(invitationLink);
  await page.getByRole("button", { name: "Accepter l'invitation" }).click();
  await expect(page).toHaveURL(new RegExp(`/communities/${community.slug}$`));
  await expect(page.getByTestId("membership-status")).toHaveText(
    "Vous êtes membre de cette communauté (Membre), dans le collège Recherche.",
  );
  await expectAccessible(page);
  await page.getByRole("link", { name: "Activité" }).click();
  await expect(page.getByTestId("audit-log").getByRole("listitem").first()).toContainText(
    "Yann Le Gall a accepté une invitation et rejoint la communauté (rôle : Membre).",
  );

  // The link works once.
  await page.goto(invitationLink);
  await expect(page.getByTestId("invitation-invalid")).toContainText("a expiré, a déjà servi ou a été annulée");
  await expectAccessible(page);
  await signOut(page);
});
