/**
 * CSV exports with a UTF-8 byte order mark on request (`?bom=1`, for spreadsheets that need one to
 * read accents), over a real PostgreSQL: the catalogue and a ledger start with EF BB BF then the same
 * CSV as without it; no parameter or `bom=0` gives none; any other value is a 400 problem naming the
 * parameter, in the caller's language.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { proposeCommons } from "@/lib/commons/commons";
import { recordContribution } from "@/lib/commons/contributions";
import { exportCatalogue, exportLedger } from "@/lib/opendata/exports";
import { openDataHandler, type OpenDataContext } from "@/lib/api/open-data-http";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

const APP_URL = "http://localhost:3000";
let t: TestDatabase;
const deps = () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session", operatorName: "Géocommuns" });
const handler = (run: (context: OpenDataContext) => Promise<Response>) => openDataHandler(run, { deps });
const catalogue = handler((context) => exportCatalogue(context, "csv"));
const catalogueJson = handler((context) => exportCatalogue(context, "json"));
const ledger = handler((context) => exportLedger(context, "csv"));

let commonsId: string;
const get = (h: typeof catalogue, path: string, { params = {}, language = "fr" } = {}) =>
  h(new Request(`${APP_URL}${path}`, { headers: { "accept-language": language } }), { params: Promise.resolve(params) });
const BOM = [0xef, 0xbb, 0xbf];

beforeAll(async () => {
  t = await createTestDatabase();
  const owner = await createPerson(t.db);
  const slug = unique("bom").toLowerCase();
  await createCommunity(t.db, {
    actor: owner,
    input: {
      name: `Communauté ${slug}`,
      slug,
      summary: "Des communs.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  const created = await proposeCommons(t.db, {
    actor: owner,
    slug,
    input: {
      slug: "fontaines",
      title: "Fontaines à eau potable de Brest — relevé",
      summary: "Élaboré à plusieurs.",
      kind: "DATASET",
      licence: "etalab-2.0",
      status: "PROPOSED",
    },
  });
  commonsId = created.id;
  await recordContribution(t.db, {
    actor: owner,
    commonsId,
    input: { type: "CORRECTION", description: "Coordonnées corrigées à Saint-Pierre", date: "2026-03-01" },
  });
});
afterAll(async () => {
  await t.drop();
});

describe("CSV with a UTF-8 BOM", () => {
  it("starts the catalogue with EF BB BF on ?bom=1, otherwise the plain CSV, byte for byte the same after it", async () => {
    const plain = new Uint8Array(await (await get(catalogue, "/api/catalogue/commons.csv")).arrayBuffer());
    const zero = new Uint8Array(await (await get(catalogue, "/api/catalogue/commons.csv?bom=0")).arrayBuffer());
    const response = await get(catalogue, "/api/catalogue/commons.csv?bom=1");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    const withBom = new Uint8Array(await response.arrayBuffer());
    expect([...withBom.slice(0, 3)]).toEqual(BOM);
    expect([...plain.slice(0, 3)]).not.toEqual(BOM);
    expect(Buffer.from(withBom.slice(3)).equals(Buffer.from(plain))).toBe(true);
    expect(Buffer.from(zero).equals(Buffer.from(plain))).toBe(true);
    // A decoder that honours the BOM reads the accents right and drops the mark.
    const text = new TextDecoder("utf-8").decode(withBom);
    expect(text.startsWith("id,slug,title,")).toBe(true);
    expect(text).toContain("Fontaines à eau potable de Brest — relevé");
  });

  it("starts a ledger with EF BB BF on ?bom=1", async () => {
    const response = await get(ledger, `/api/commons/${commonsId}/contributions.csv?bom=1`, { params: { id: commonsId } });
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    expect(new TextDecoder().decode(bytes)).toContain("Coordonnées corrigées à Saint-Pierre");
    const plain = new Uint8Array(
      await (await get(ledger, `/api/commons/${commonsId}/contributions.csv`, { params: { id: commonsId } })).arrayBuffer(),
    );
    expect([...plain.slice(0, 3)]).not.toEqual(BOM);
  });

  it.each(["yes", "2", "", "1&bom=1"])("refuses bom=%s with a 400 problem naming the parameter", async (value) => {
    for (const [language, phrase] of [
      ["fr", "Le paramètre bom vaut 1"],
      ["en", "The bom parameter is 1"],
    ] as const) {
      const response = await get(catalogue, `/api/catalogue/commons.csv?bom=${value}`, { language });
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await response.json()) as { errors?: { field?: string; message?: string }[] };
      expect(problem.errors?.[0]).toMatchObject({ field: "bom" });
      expect(problem.errors?.[0]?.message).toContain(phrase);
    }
  });

  it("leaves the JSON export without a mark", async () => {
    const bytes = new Uint8Array(await (await get(catalogueJson, "/api/catalogue/commons.json?bom=1")).arrayBuffer());
    expect(String.fromCharCode(bytes[0]!)).toBe("[");
  });
});
