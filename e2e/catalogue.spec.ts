/**
 * The catalogue in a real browser, on the shared demo database: a demo member proposes two commons
 * through the JSON API (unique words in their titles so other tests' data never interferes), then the
 * catalogue finds one by a word typed without its accents, filters by kind and by kind of actor among
 * the stewards, draws both coverages on the map (offline: plain background) and, after the map is
 * dragged, "Rechercher dans cette zone" keeps only the commons still in view. Bad query values get a
 * message, never an error page.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { signInAs } from "./support/demo-session";

const tag = `zq${Date.now().toString(36).replace(/[0-9]/g, "")}x`;

const square = (lon: number, lat: number, size: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

async function propose(page: Page, body: Record<string, unknown>) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/api/v1/communities/adresses-finistere/commons", {
    headers: { origin },
    data: { licence: "etalab-2.0", status: "PROPOSED", description: "", ...body },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; slug: string };
}

test("finds commons by words without accents, by filters and by map area", async ({ page }) => {
  await signInAs(page, "Thomas Garnier");
  const lyon = await propose(page, {
    slug: `reseau-${tag}`,
    title: `Réseau cyclable ${tag}`,
    summary: "Les pistes et bandes cyclables de la métropole.",
    kind: "DATASET",
    coverage: square(4.7, 45.6, 0.3),
  });
  const brest = await propose(page, {
    slug: `outil-${tag}`,
    title: `Outil de relevé ${tag}`,
    summary: "Une application pour relever les adresses sur le terrain.",
    kind: "SOFTWARE",
    licence: "EUPL-1.2",
    coverage: square(-4.6, 48.3, 0.2),
  });

  // The header leads to the catalogue.
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Catalogue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Catalogue des communs" })).toBeVisible();

  // A word typed without its accent.
  await page.getByRole("searchbox", { name: /Mots-clés/ }).fill(`reseau ${tag}`);
  await page.getByRole("button", { name: "Rechercher", exact: true }).click();
  const results = page.getByTestId("catalogue-results");
  await expect(results.getByRole("link")).toHaveText([`Réseau cyclable ${tag}`]);
  await expect(results.getByRole("link")).toHaveAttribute("href", `/communities/adresses-finistere/commons/${lyon.slug}`);
  await expectAccessible(page);

  // Filters: kind, then kind of actor among the stewards (Thomas works for a company).
  await page.getByRole("searchbox", { name: /Mots-clés/ }).fill(tag);
  await page.getByLabel("Type", { exact: true }).selectOption({ label: "Logiciel" });
  await page.getByRole("button", { name: "Rechercher", exact: true }).click();
  await expect(results.getByRole("link")).toHaveText([`Outil de relevé ${tag}`]);
  await expect(page).toHaveURL(/kind=SOFTWARE/);

  await page.getByLabel("Type", { exact: true }).selectOption({ label: "Tous" });
  await page.getByLabel("Type d'acteur parmi les intendants").selectOption({ label: "Recherche" });
  await page.getByRole("button", { name: "Rechercher", exact: true }).click();
  await expect(page.getByTestId("catalogue-count")).toHaveText("Aucun commun ne correspond à ces critères.");
  await page.getByLabel("Type d'acteur parmi les intendants").selectOption({ label: "Privé" });
  await page.getByLabel("Trier par").selectOption({ label: "Titre (A → Z)" });
  await page.getByRole("button", { name: "Rechercher", exact: true }).click();
  await expect(results.getByRole("link")).toHaveText([`Outil de relevé ${tag}`, `Réseau cyclable ${tag}`]);

  // The map view draws both coverages (without network: on a plain background).
  await page.getByRole("link", { name: "Carte et liste" }).click();
  await expect(page).toHaveURL(/view=map/);
  const map = page.getByTestId("coverage-map");
  await expect(map.locator("canvas")).toBeVisible();
  await expect(map).toHaveAttribute("data-map-status", /ready|fallback/);
  await expect(page.getByRole("region", { name: "Carte des zones couvertes" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Zones représentées sur la carte" }).getByRole("listitem")).toHaveCount(2);
  await expect(results.getByRole("link")).toHaveCount(2);
  await expectAccessible(page);

  // Drag the map to the right: Lyon (east) leaves the view, Brest (west) stays.
  await map.scrollIntoViewIfNeeded();
  const box = (await map.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.55, y, { steps: 8 });
  await page.mouse.move(box.x + box.width * 0.75, y, { steps: 8 });
  await page.mouse.up();
  const searchArea = page.getByRole("button", { name: "Rechercher dans cette zone" });
  await expect(searchArea).toBeVisible();
  await searchArea.click();
  await expect(page).toHaveURL(/bbox=-?\d/);
  await expect(page.getByTestId("catalogue-bbox")).toBeVisible();
  await expect(results.getByRole("link")).toHaveText([`Outil de relevé ${tag}`]);
  expect(brest.slug).toBe(`outil-${tag}`);

  // Removing the area limit brings Lyon back.
  await page.getByRole("link", { name: "Retirer la limite de zone" }).click();
  await expect(results.getByRole("link")).toHaveCount(2);
});

test("bad query values get a message at their field, never an error page", async ({ page }) => {
  const response = await page.goto(`/catalogue?bbox=1,2,3&cursor=${encodeURIComponent("x' OR 1=1")}&kind=NOPE&view=map`);
  expect(response?.status()).toBe(200);
  const alert = page.getByTestId("catalogue-errors");
  await expect(alert).toContainText("La zone doit être quatre nombres");
  await expect(alert).toContainText("Ce lien de page n'est pas valide");
  await expect(page.getByText("Ce type de commun n'existe pas.")).toBeVisible();
  await expect(page.getByLabel("Type", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});

test("draws a coverage with the mouse: crossing sides refused, undo, finish, clear", async ({ page }) => {
  await signInAs(page, "Thomas Garnier");
  await page.goto("/communities/adresses-finistere/commons/new");
  const draw = page.locator(".gc-polygon-draw");
  const canvas = draw.getByTestId("polygon-draw-canvas");
  await expect(canvas).toHaveAttribute("data-map-status", /ready|fallback/);
  await expect(canvas.locator("canvas")).toBeVisible();
  await canvas.scrollIntoViewIfNeeded();
  const summary = page.getByTestId("coverage-summary");
  const before = await summary.textContent();
  const finish = draw.getByRole("button", { name: "Terminer le polygone" });
  await expect(finish).toBeDisabled();

  // A bow tie: its sides cross.
  for (const [x, y] of [
    [100, 80],
    [300, 260],
    [300, 80],
    [100, 260],
  ] as const) {
    await canvas.click({ position: { x, y } });
  }
  await expect(draw.getByText("4 sommets placés")).toBeVisible();
  await finish.click();
  await expect(draw.getByText(/Les côtés du polygone se croisent/)).toBeVisible();
  await expect(summary).toHaveText(before ?? "");

  await draw.getByRole("button", { name: "Annuler le dernier point" }).click();
  await expect(draw.getByText("3 sommets placés")).toBeVisible();
  await finish.click();
  await expect(draw.getByText("Polygone de 3 sommets enregistré.")).toBeVisible();
  await expect(summary).not.toHaveText(before ?? "");
  await expectAccessible(page);

  await draw.getByRole("button", { name: "Effacer", exact: true }).click();
  await expect(summary).toHaveText(before ?? "");
});
