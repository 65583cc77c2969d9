/**
 * The public JSON API, version 1, driven for real: a demo person creates tokens on the profile page,
 * then a program uses them with `Authorization: Bearer`. Inès Haddad is a member of neither
 * adresses-finistere (OPEN) nor registre-batiments (ON_REQUEST), and no other spec relies on her.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signInAs } from "./support/demo-session";

type Scope = "Lecture" | "Écriture";
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

/** DSFR draws the box on the label, over the input: a person clicks the label. */
async function setScope(page: Page, scope: Scope, checked: boolean) {
  const box = page.getByRole("checkbox", { name: scope });
  if ((await box.isChecked()) !== checked) await page.locator(`label[for="${await box.getAttribute("id")}"]`).click();
  await expect(box).toBeChecked({ checked });
}

/** Creates a token through the profile form and returns the secret, read from the one place it is shown. */
async function createToken(page: Page, name: string, scopes: Scope[]): Promise<string> {
  await page.goto("/profile");
  await page.getByRole("textbox", { name: /^Nom du jeton/ }).fill(name);
  for (const scope of ["Lecture", "Écriture"] as const) await setScope(page, scope, scopes.includes(scope));
  await page.getByRole("button", { name: "Créer le jeton" }).click();
  const secretField = page.getByRole("textbox", { name: "Votre nouveau jeton" });
  await expect(secretField).toHaveValue(/^gct_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("api-token-list")).toContainText(name);
  return secretField.inputValue();
}

test("a person creates an API token on the profile page, sees it once, and can revoke it", async ({ page, request }) => {
  await signInAs(page, "Inès Haddad");
  await page.goto("/profile");
  await expect(page.getByRole("heading", { level: 2, name: "Jetons d'accès à l'API" })).toBeVisible();

  // Bad input: a localized message at the field, nothing created.
  await setScope(page, "Lecture", false);
  await page.getByRole("button", { name: "Créer le jeton" }).click();
  await expect(page.getByText("Donnez un nom au jeton.")).toBeVisible();
  await expect(page.getByText("Choisissez au moins une portée.")).toBeVisible();

  const secret = await createToken(page, "Synchronisation e2e", ["Lecture", "Écriture"]);
  await expect(page.getByText("Copiez ce jeton maintenant : il ne sera plus jamais affiché.")).toBeVisible();
  const row = page.getByTestId("api-token-list").getByRole("row", { name: /Synchronisation e2e/ });
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(row).toContainText("Lecture, Écriture");
  await expectAccessible(page);

  // Shown once: after a reload only the prefix remains.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Votre nouveau jeton" })).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(secret);

  expect((await request.get("/api/v1/communities", { headers: bearer(secret) })).status()).toBe(200);
  await page.getByRole("button", { name: "Révoquer le jeton « Synchronisation e2e »" }).click();
  await expect(page.getByTestId("api-token-list")).not.toContainText("Synchronisation e2e");
  const revoked = await request.get("/api/v1/communities", { headers: bearer(secret) });
  expect(revoked.status()).toBe(401);
  expect(await revoked.json()).toMatchObject({ code: "invalid_token" });
});

test("a token reads communities page by page, one community and its members", async ({ page, request }) => {
  await signInAs(page, "Inès Haddad");
  const secret = await createToken(page, "Lecture e2e", ["Lecture"]);

  const first = await request.get("/api/v1/communities?limit=1", { headers: bearer(secret) });
  expect(first.status()).toBe(200);
  const firstPage = await first.json();
  expect(firstPage.data).toHaveLength(1);
  expect(firstPage.nextCursor).toEqual(expect.any(String));
  const second = await (
    await request.get(`/api/v1/communities?limit=1&cursor=${encodeURIComponent(firstPage.nextCursor)}`, {
      headers: bearer(secret),
    })
  ).json();
  expect(second.data).toHaveLength(1);
  expect(second.data[0].slug > firstPage.data[0].slug).toBe(true);

  const community = await request.get("/api/v1/communities/adresses-finistere", { headers: bearer(secret) });
  expect(community.status()).toBe(200);
  expect(await community.json()).toMatchObject({
    slug: "adresses-finistere",
    name: "Adresses du Finistère",
    joinPolicy: "OPEN",
    weightingEnabled: true,
    colleges: expect.arrayContaining([{ kind: "PUBLIC", weight: 40, activeMembers: expect.any(Number) }]),
  });

  const members = await request.get("/api/v1/communities/adresses-finistere/members?limit=100", { headers: bearer(secret) });
  expect(members.status()).toBe(200);
  const memberPage = await members.json();
  expect(memberPage.nextCursor).toBeNull();
  expect(memberPage.data).toContainEqual({
    displayName: "Claire Moreau",
    organization: "Mairie de Kerbrévan",
    college: "PUBLIC",
    role: "MODERATOR",
  });

  const missing = await request.get("/api/v1/communities/nulle-part/members", { headers: bearer(secret) });
  expect(missing.status()).toBe(404);
  expect(missing.headers()["content-type"]).toContain("application/problem+json");
});

test("a token with the write scope joins and leaves an open community, and asks to join one on request", async ({
  page,
  request,
}) => {
  await signInAs(page, "Inès Haddad");
  const secret = await createToken(page, "Adhésions e2e", ["Lecture", "Écriture"]);

  const joined = await request.post("/api/v1/communities/adresses-finistere/membership", { headers: bearer(secret), data: {} });
  expect(joined.status()).toBe(201);
  expect(await joined.json()).toEqual({ status: "ACTIVE" });
  const left = await request.delete("/api/v1/communities/adresses-finistere/membership", { headers: bearer(secret) });
  expect(left.status()).toBe(204);

  const requested = await request.post("/api/v1/communities/registre-batiments/membership", {
    headers: bearer(secret),
    data: { message: "Cartolibre aimerait corriger les bâtiments de Brest." },
  });
  expect(requested.status()).toBe(201);
  expect(await requested.json()).toEqual({ status: "PENDING" });
  const again = await request.post("/api/v1/communities/registre-batiments/membership", { headers: bearer(secret), data: {} });
  expect(again.status()).toBe(409);
  expect(await again.json()).toMatchObject({ code: "already_member" });
});

test("writes are refused without the write scope, without a token, and with bad input", async ({ page, request }) => {
  await signInAs(page, "Inès Haddad");
  const readOnly = await createToken(page, "Lecture seule e2e", ["Lecture"]);
  const readWrite = await createToken(page, "Écriture e2e", ["Lecture", "Écriture"]);
  const path = "/api/v1/communities/imagerie-de-rue/membership";

  const forbidden = await request.post(path, { headers: bearer(readOnly), data: {} });
  expect(forbidden.status()).toBe(403);
  expect(forbidden.headers()["content-type"]).toContain("application/problem+json");
  expect(await forbidden.json()).toMatchObject({
    type: "urn:geocommuns:problem:insufficient_scope",
    status: 403,
    code: "insufficient_scope",
    title: "Accès refusé",
  });

  const anonymous = await request.post(path, { data: {} });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["www-authenticate"]).toContain("Bearer");
  expect(await anonymous.json()).toMatchObject({ status: 401, code: "unauthenticated" });

  const garbage = await request.post(path, {
    headers: { ...bearer(readWrite), "accept-language": "en", "x-request-id": "e2e-garbage-body" },
    data: { message: { not: "a string" } },
  });
  expect(garbage.status()).toBe(400);
  expect(garbage.headers()["x-request-id"]).toBe("e2e-garbage-body");
  expect(await garbage.json()).toMatchObject({
    status: 400,
    code: "invalid_input",
    title: "Bad request",
    errors: [{ field: "message", code: "errors.invalid", message: expect.any(String) }],
  });

  const malformed = await request.post(path, {
    headers: { ...bearer(readWrite), "content-type": "application/json" },
    // A Buffer goes out as is (a string would be JSON-encoded into a valid document).
    data: Buffer.from("{oops"),
  });
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toMatchObject({ code: "invalid_json" });
});

test("the OpenAPI document is public", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toContain("/api/v1/communities/{slug}/membership");
});
