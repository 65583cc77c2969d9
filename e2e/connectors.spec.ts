/**
 * Contributions that record themselves (issue 16), through the UI and the real webhook endpoint: a
 * steward attaches a GitHub source to a commons (the secret shown once), a member links her GitHub
 * account on her profile and verifies it through a public gist (served by a local stand-in for
 * GitHub's API), the test delivers a signed push the way GitHub does, and the contribution shows up
 * in the ledger and on the dashboards. axe on every page.
 */
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { createOpenCommunity } from "./support/community-form";
import { signInAs, signOut } from "./support/demo-session";
import { ports } from "./support/ports";

const suffix = Date.now().toString(36);
/** What the stand-in GitHub API lists as the account's public gists. */
const gists = new Map<string, string>();
let forge: Server;

test.beforeAll(async () => {
  forge = createServer((req, res) => {
    const match = /^\/users\/([^/]+)\/gists/.exec(req.url ?? "");
    const description = match ? gists.get(decodeURIComponent(match[1]!).toLowerCase()) : undefined;
    res.writeHead(match ? 200 : 404, { "content-type": "application/json" });
    res.end(
      JSON.stringify(
        match ? (description ? [{ id: "e2e", public: true, description, files: {} }] : []) : { message: "Not Found" },
      ),
    );
  });
  await new Promise<void>((resolve) => forge.listen(ports.forge, "127.0.0.1", resolve));
});
test.afterAll(async () => {
  await new Promise((resolve) => forge.close(resolve));
});

test("a steward attaches a GitHub source, a member links her account, a signed push lands in the ledger and the dashboards", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const slug = `forge-${suffix}`;
  const commonsSlug = `depot-${suffix}`;
  const base = `/communities/${slug}/commons/${commonsSlug}`;

  // Hugo Fontaine creates a community and proposes a commons: he carries it.
  await signInAs(page, "Hugo Fontaine");
  await createOpenCommunity(page, { name: `Forge ${suffix}`, slug });
  const created = await page.request.post(`/api/v1/communities/${slug}/commons`, {
    headers: { Origin: baseURL! },
    data: {
      slug: commonsSlug,
      title: `Base adresse locale ${suffix}`,
      summary: "Les adresses de la commune, tenues dans un dépôt Git.",
      kind: "DATASET",
      licence: "etalab-2.0",
      status: "PROPOSED",
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  // From the ledger, he attaches a GitHub source whose contributions count at once.
  await page.goto(`${base}/ledger`);
  await page.getByRole("link", { name: "Sources de contributions" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Sources de contributions");
  await expectAccessible(page);
  const form = page.getByTestId("attach-source-form");
  await form.getByLabel(/^Type de source/).selectOption("GITHUB");
  await form.getByRole("button", { name: "Attacher la source" }).click();
  await expect(form.getByRole("textbox", { name: /^Nom/ })).toHaveAccessibleDescription(/Donnez un nom à la source/);
  await form.getByRole("textbox", { name: /^Nom/ }).fill("Dépôt GitHub");
  await form.getByLabel(/Ses contributions comptent tout de suite/).check({ force: true });
  await form.getByRole("button", { name: "Attacher la source" }).click();
  const hookUrl = await page.getByTestId("source-hook-url").inputValue();
  const secret = await page.getByTestId("source-secret-value").inputValue();
  expect(hookUrl).toMatch(/\/api\/v1\/hooks\/[a-z0-9]+$/);
  expect(secret).toMatch(/^whsec_/);
  await expect(page.getByTestId("source-card")).toContainText("Dépôt GitHub");
  // Once the page is reloaded, only the secret's last characters remain.
  await page.reload();
  await expect(page.getByTestId("source-secret")).toHaveCount(0);
  await expect(page.getByTestId("source-card")).toContainText(`Secret se terminant par « ${secret.slice(-4)} »`);
  await expectAccessible(page);
  await signOut(page);

  // Léa Rousseau joins, links her GitHub account and verifies it with a public gist.
  await signInAs(page, "Léa Rousseau");
  await page.goto(`/communities/${slug}`);
  await page.getByRole("button", { name: "Rejoindre la communauté" }).click();
  await expect(page.getByRole("button", { name: "Rejoindre la communauté" })).toBeHidden();
  await page.goto("/profile");
  const link = page.getByTestId("link-identity-form");
  await link.getByLabel(/^Service/).selectOption("GITHUB");
  await link.getByRole("textbox", { name: /^Nom d'utilisateur/ }).fill("lea-rousseau");
  await link.getByRole("button", { name: "Lier ce compte" }).click();
  const challenge = await page.getByTestId("identity-challenge").innerText();
  expect(challenge).toMatch(/^geocommuns-verify-/);
  await page.getByRole("button", { name: "Vérifier le compte lea-rousseau (GitHub)" }).click();
  await expect(page.getByText(/Le code de vérification n'a pas été trouvé/)).toBeVisible();
  gists.set("lea-rousseau", `Géocommuns : ${challenge}`);
  await page.getByRole("button", { name: "Vérifier le compte lea-rousseau (GitHub)" }).click();
  await expect(page.getByTestId("identity")).toContainText("Vérifié le");
  await expectAccessible(page);

  // GitHub delivers a push signed with the source's secret; a forged copy is refused.
  const body = readFileSync(path.join(process.cwd(), "tests/fixtures/connectors/github-push.json"));
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const headers = { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": `e2e-${suffix}` };
  const forged = await page.request.post(hookUrl, { headers: { ...headers, "x-hub-signature-256": "sha256=00" }, data: body });
  expect(forged.status()).toBe(401);
  const delivered = await page.request.post(hookUrl, { headers: { ...headers, "x-hub-signature-256": signature }, data: body });
  expect(delivered.status(), await delivered.text()).toBe(200);
  expect(await delivered.json()).toMatchObject({ outcome: "recorded", event: "push" });

  // The contribution is in the ledger, hers, validated, and counted by both dashboards.
  await page.goto(`${base}/ledger`);
  const entry = page.getByRole("article").filter({ hasText: "Corrige la numérotation de la rue des Écoles" });
  await expect(entry).toContainText("Validée");
  await expect(entry).toContainText("2 commits");
  await expect(entry).toContainText("Reçue automatiquement de la source « Dépôt GitHub »");
  await expectAccessible(page);
  await page.goto(`${base}/dashboard`);
  await expect(page.getByTestId("dashboard-totals")).toHaveText(/^Contributions validées : 1 /);
  await expect(page.getByTestId("contributors")).toContainText("Léa Rousseau");
  await expect(page.getByTestId("capture-panel")).toBeVisible();
  await expectAccessible(page);
  await page.goto(`/communities/${slug}/dashboard`);
  await expect(page.getByTestId("dashboard-totals")).toHaveText(/^Contributions validées : 1 /);
  await signOut(page);

  // The steward sees the delivery on the source.
  await signInAs(page, "Hugo Fontaine");
  await page.goto(`${base}/sources`);
  await expect(page.getByTestId("source-card")).toContainText("Contribution enregistrée");
  await expect(page.getByTestId("source-card")).toContainText("1 contribution");
});
