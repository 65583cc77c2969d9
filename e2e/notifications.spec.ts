/**
 * Notifications through the UI, with a person created for the test (so the counts are theirs
 * alone): the unread count in the header, the list that marks read, the preferences form, and an
 * email read from the real SMTP receiver whose unsubscribe link (tampered, then genuine, then
 * one-click POST as mail clients do) works without signing in.
 */
import { expect, test, type Browser } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { extractLink, mailbox, uniqueEmail } from "./support/mail";
import { signInInNewContext } from "./support/demo-session";

const suffix = Date.now().toString(36);

async function askToJoin(browser: Browser, name: string, slug: string) {
  const page = await signInInNewContext(browser, name);
  await page.goto(`/communities/${slug}`);
  await page.getByRole("textbox", { name: /^Message aux administrateurs/ }).fill(`${name} aimerait contribuer.`);
  await page.getByRole("button", { name: "Demander à rejoindre" }).click();
  await expect(page.getByTestId("membership-status")).toContainText("en attente");
  await page.context().close();
}

test("unread count, list marked read, preferences, and a one-click unsubscribe link from a real email", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  // A new person, signed in by email and onboarded: nobody else's notifications.
  const email = uniqueEmail("notif");
  await page.goto("/auth/sign-in");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
  const signInMail = await mailbox.waitForMail((m) => m.to.includes(email) && m.subject.includes("connexion"), 20_000);
  await page.goto(extractLink(signInMail.text, "/auth/email"));
  await page.getByRole("button", { name: "Me connecter" }).click();
  await expect(page).toHaveURL(/\/onboarding/);
  await page.getByRole("textbox", { name: /^Nom affiché/ }).fill("Nina Notif");
  await page.getByRole("radio", { name: /^Recherche/ }).check({ force: true });
  await page.getByRole("button", { name: "Terminer" }).click();
  await expect(page.getByText("Bonjour Nina Notif")).toBeVisible();
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: /^Notifications/ })).toHaveText("Notifications");

  // Nina founds a community that admits on request.
  const name = `Notifications ${suffix}`;
  const slug = `notifications-${suffix}`;
  await page.goto("/communities/new");
  await page.getByRole("textbox", { name: /^Nom/ }).fill(name);
  await page.getByRole("textbox", { name: /^Adresse courte/ }).fill(slug);
  await page.getByRole("textbox", { name: /^Présentation courte/ }).fill(`${name} : une communauté des tests.`);
  await page.getByRole("textbox", { name: /^Description/ }).fill("Une communauté pour tester les notifications.");
  await page.getByRole("radio", { name: /^Publique/ }).check({ force: true });
  await page.getByRole("radio", { name: /^Adhésion sur demande/ }).check({ force: true });
  await page.getByRole("button", { name: "Créer la communauté" }).click();
  await expect(page).toHaveURL(new RegExp(`/communities/${slug}$`));

  // Amina asks to join: Nina sees one unread notification in the header.
  await askToJoin(browser, "Amina Diallo", slug);
  await page.goto("/");
  await expect(header.getByRole("link", { name: /^Notifications/ })).toHaveText("Notifications (1 non lue)");
  await expectAccessible(page);
  await header.getByRole("link", { name: /^Notifications/ }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mes notifications");
  const item = page.getByTestId("notification").first();
  await expect(item).toContainText(`Amina Diallo demande à rejoindre ${name}`);
  await expect(item.getByTestId("notification-new")).toHaveText("Nouveau");
  await expectAccessible(page);
  // Shown, hence read: the count is gone and the badge too.
  await page.goto("/");
  await expect(header.getByRole("link", { name: /^Notifications/ })).toHaveText("Notifications");
  await page.goto("/notifications");
  await expect(page.getByTestId("notification").first()).toContainText("Amina Diallo");
  await expect(page.getByTestId("notification-new")).toHaveCount(0);
  // Each links to its subject.
  await page.getByRole("link", { name: `Amina Diallo demande à rejoindre ${name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/communities/${slug}/admin$`));

  // Preferences: requests to join by email at once from now on.
  await page.goto("/notifications");
  await page.getByRole("link", { name: "Choisir comment être prévenu·e" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Préférences de notification");
  const requests = page.getByRole("combobox", { name: /^Demandes d'adhésion \(administrateurs\)/ });
  await expect(requests).toHaveValue("DIGEST");
  // Sanctions can never be switched off: the choice is not even offered.
  const sanctions = page.getByRole("combobox", { name: /^Sanctions me concernant/ });
  await expect(sanctions.locator("option")).toHaveText(["Dans l'application", "Courriel immédiat", "Résumé quotidien"]);
  await expectAccessible(page);
  await requests.selectOption("EMAIL");
  await page.getByRole("button", { name: "Enregistrer mes préférences" }).click();
  await expect(page.getByText("Vos préférences sont enregistrées.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("combobox", { name: /^Demandes d'adhésion \(administrateurs\)/ })).toHaveValue("EMAIL");

  // Pierre asks to join: Nina gets an email at once, with the List-Unsubscribe headers.
  await askToJoin(browser, "Pierre Lambert", slug);
  const mail = await mailbox.waitForMail((m) => m.to.includes(email) && m.subject.includes("Pierre Lambert"), 20_000);
  expect(mail.subject).toBe(`Pierre Lambert demande à rejoindre ${name}`);
  expect(mail.html).toContain("Se désabonner");
  expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  const oneClickUrl = /<(https?:[^>]+)>/.exec(mail.headers["list-unsubscribe"] ?? "")?.[1] ?? "";
  expect(oneClickUrl).toContain("/api/unsubscribe?");
  const link = extractLink(mail.text, "/unsubscribe");

  // Without signing in (another browser): a tampered link is refused and changes nothing…
  const anonymous = await (await browser.newContext()).newPage();
  const tampered = new URL(link);
  tampered.searchParams.set("k", "proposal.created");
  await anonymous.goto(tampered.toString());
  await expect(anonymous.getByTestId("unsubscribe-invalid")).toContainText("n'est pas valide");
  await expectAccessible(anonymous);
  // …the genuine one asks once, then unsubscribes.
  await anonymous.goto(link);
  await expect(anonymous.getByTestId("unsubscribe-question")).toContainText("Demandes d'adhésion (administrateurs)");
  await expectAccessible(anonymous);
  await anonymous.getByRole("button", { name: "Confirmer le désabonnement" }).click();
  await expect(anonymous.getByTestId("unsubscribe-done")).toContainText("vous ne recevrez plus ces courriels");
  await expectAccessible(anonymous);
  await anonymous.context().close();

  await page.reload();
  await expect(page.getByRole("combobox", { name: /^Demandes d'adhésion \(administrateurs\)/ })).toHaveValue("IN_APP");

  // Mail clients' one-click POST (RFC 8058) on the header's URL: accepted; tampered: refused.
  const posted = await request.post(oneClickUrl, { form: { "List-Unsubscribe": "One-Click" } });
  expect(posted.status()).toBe(200);
  const bad = new URL(oneClickUrl);
  bad.searchParams.set("u", "someone-else");
  expect((await request.post(bad.toString(), { form: { "List-Unsubscribe": "One-Click" } })).status()).toBe(400);
});
