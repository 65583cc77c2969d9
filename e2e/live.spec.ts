/**
 * Live updates across app instances (issue 15): the same open vote is followed by an anonymous
 * visitor on the second app server while a member votes and comments on the first; the visitor's
 * turnout moves and the comment appears without a reload, carried by PostgreSQL LISTEN/NOTIFY and
 * Server-Sent Events (lib/live).
 */
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/demo-session";
import { createOpenCommunity } from "./support/community-form";
import { urls } from "./support/ports";

const suffix = Date.now().toString(36);

test("a ballot cast on one instance updates the live turnout shown by the other", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const slug = `en-direct-${suffix}`;
  await signInAs(page, "Hugo Fontaine");
  await createOpenCommunity(page, { name: `En direct ${suffix}`, slug });
  await page.goto(`/communities/${slug}/proposals`);
  await page.getByRole("link", { name: "Nouvelle proposition" }).click();
  await page.getByRole("textbox", { name: /^Titre/ }).fill("Suivre le vote en direct");
  await page.getByRole("textbox", { name: /^Texte/ }).fill("La participation se met à jour sans recharger la page.");
  await page.getByRole("checkbox", { name: /^Vote secret/ }).uncheck({ force: true });
  await page.getByRole("spinbutton", { name: /^Durée du vote/ }).fill("3");
  await page.getByRole("button", { name: "Créer le brouillon" }).click();
  await expect(page).toHaveURL(/\/proposals\/[a-z0-9]{20,}$/);
  const path = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Ouvrir le vote maintenant" }).click();
  await expect(page.getByTestId("status")).toHaveText("Vote ouvert");

  // An anonymous visitor follows the vote on the other app server (same database).
  const visitor = await (await browser.newContext()).newPage();
  const streams: string[] = [];
  visitor.on("response", (response) => {
    if (response.url().includes("/api/live/proposals/"))
      streams.push(`${response.status()} ${response.headers()["content-type"]}`);
  });
  await visitor.goto(urls.state + path);
  await expect(visitor.getByTestId("turnout")).toHaveText("Participation : 0 sur 1");
  await expect.poll(() => streams).toContainEqual(expect.stringMatching(/^200 text\/event-stream/));
  // A marker in the page's JavaScript state: a reload would drop it.
  await visitor.evaluate(() => Object.assign(window, { gcLiveMarker: true }));
  const notReloaded = () => visitor.evaluate(() => (window as unknown as { gcLiveMarker?: boolean }).gcLiveMarker === true);

  // The member votes on the first server; the visitor's count moves in place.
  await page.getByRole("radio", { name: "Pour" }).check({ force: true });
  await page.getByRole("button", { name: "Voter", exact: true }).click();
  await expect(page.getByText("Votre bulletin est enregistré.")).toBeVisible();
  await expect(visitor.getByTestId("turnout")).toHaveText("Participation : 1 sur 1", { timeout: 15_000 });
  expect(await notReloaded()).toBe(true);

  // A comment posted on the first server appears in the visitor's thread, still without a reload.
  const form = page.getByRole("form", { name: "Votre commentaire" });
  await form.getByRole("textbox", { name: /^Votre commentaire/ }).fill("Je suis ce vote en direct.");
  await form.getByRole("button", { name: "Publier" }).click();
  await expect(visitor.getByText("Je suis ce vote en direct.")).toBeVisible({ timeout: 15_000 });
  expect(await notReloaded()).toBe(true);
  await visitor.context().close();
});
