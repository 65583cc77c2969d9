/**
 * The HTML encoding of the OGC API – Features (conformance class `html`), over a real PostgreSQL:
 * f=html or a browser's Accept header gives browsable pages (landing, conformance, collections, the
 * collection, its items with paging, each item) linking to each other, to the commons' page and to the
 * catalogue's map, with text from the database escaped; GIS clients asking for JSON or anything still
 * get JSON, which links its HTML alternates.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { proposeCommons } from "@/lib/commons/commons";
import { ogcHandler } from "@/lib/opendata/ogc";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

const APP_URL = "http://localhost:3000";
const HTML_CLASS = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html";
const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
let t: TestDatabase;
let ogc: ReturnType<typeof ogcHandler>;
const ids: string[] = [];
let communitySlug: string;

const square = (lon: number, lat: number) => ({
  type: "Polygon",
  coordinates: [
    [
      [lon, lat],
      [lon + 0.5, lat],
      [lon + 0.5, lat + 0.5],
      [lon, lat + 0.5],
      [lon, lat],
    ],
  ],
});

beforeAll(async () => {
  t = await createTestDatabase();
  ogc = ogcHandler(() => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session", operatorName: "Géocommuns" }));
  const owner = await createPerson(t.db);
  communitySlug = unique("ogch").toLowerCase();
  await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Communauté <b>ouverte</b>",
      slug: communitySlug,
      summary: "S.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  for (let i = 0; i < 3; i++) {
    const created = await proposeCommons(t.db, {
      actor: owner,
      slug: communitySlug,
      input: {
        slug: `zone-${i}`,
        title: i === 0 ? `Zone <script>alert("x")</script> & co` : `Zone ${i}`,
        summary: "Un commun d'essai.",
        kind: "MAP",
        licence: "ODbL-1.0",
        status: "PROPOSED",
        coverage: square(-4 + i, 48),
        dataUrl: "https://data.example.org/zone.csv",
      },
    });
    ids.push(created.id);
  }
});
afterAll(async () => {
  await t.drop();
});

const get = async (path: string, { accept, language = "fr" }: { accept?: string; language?: string } = {}) => {
  const headers: Record<string, string> = { "accept-language": language };
  if (accept) headers.accept = accept;
  const response = await ogc(new Request(`${APP_URL}${path}`, { headers }));
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    vary: response.headers.get("vary"),
    text: await response.text(),
  };
};
const hrefs = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));

describe("OGC API – Features in HTML", () => {
  it("declares the html conformance class, and the JSON documents link their HTML alternates", async () => {
    const conformance = JSON.parse((await get("/api/ogc/conformance?f=json")).text) as { conformsTo: string[] };
    expect(conformance.conformsTo).toContain(HTML_CLASS);
    const landing = JSON.parse((await get("/api/ogc")).text) as { links: { rel: string; type: string; href: string }[] };
    expect(landing.links).toContainEqual(
      expect.objectContaining({ rel: "alternate", type: "text/html", href: `${APP_URL}/api/ogc?f=html` }),
    );
    const items = JSON.parse((await get("/api/ogc/collections/commons/items?limit=2")).text) as {
      links: { rel: string; type: string; href: string }[];
      features: { links: { rel: string; type: string; href: string }[] }[];
    };
    expect(items.links).toContainEqual(expect.objectContaining({ rel: "alternate", type: "text/html" }));
    expect(items.features[0]!.links).toContainEqual(
      expect.objectContaining({ rel: "alternate", type: "text/html", href: expect.stringMatching(/\/items\/[^?]+\?f=html$/) }),
    );
  });

  it("serves the landing page, conformance, collections and the collection as linked pages", async () => {
    const landing = await get("/api/ogc?f=html");
    expect(landing.status).toBe(200);
    expect(landing.type).toBe("text/html; charset=utf-8");
    expect(landing.text).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(hrefs(landing.text)).toEqual(
      expect.arrayContaining([
        `${APP_URL}/api/ogc/collections?f=html`,
        `${APP_URL}/api/ogc/conformance?f=html`,
        `${APP_URL}/catalogue?view=map`,
      ]),
    );
    const conformance = await get("/api/ogc/conformance?f=html");
    expect(conformance.text).toContain(HTML_CLASS);
    const collections = await get("/api/ogc/collections?f=html", { language: "en" });
    expect(collections.text).toMatch(/<html lang="en">/);
    expect(hrefs(collections.text)).toContain(`${APP_URL}/api/ogc/collections/commons?f=html`);
    const collection = await get("/api/ogc/collections/commons?f=html");
    expect(hrefs(collection.text)).toContain(`${APP_URL}/api/ogc/collections/commons/items?f=html`);
    expect(collection.text).toContain("http://www.opengis.net/def/crs/EPSG/0/2154");
  });

  it("lists the items in a table with paging, each linking to its page and to the map, text escaped", async () => {
    const first = await get("/api/ogc/collections/commons/items?f=html&limit=2");
    expect(first.status).toBe(200);
    expect(first.text).toContain("<table>");
    expect(first.text).toContain("3 communs ; affichés : 1 à 2.");
    expect(first.text).not.toContain("<script>");
    expect(first.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    const links = hrefs(first.text);
    const next = links.find((href) => href.includes("offset=2"))!;
    expect(new URL(next).searchParams.get("f")).toBe("html");
    expect(links).toContain(`${APP_URL}/api/ogc/collections/commons/items/${ids[0]}?f=html`);
    expect(links).toContain(`${APP_URL}/catalogue?view=map&bbox=-4,48,-3.5,48.5`);
    const second = await get(new URL(next).pathname + new URL(next).search);
    expect(second.text).toContain("affichés : 3 à 3");
    expect(
      hrefs(second.text).some((href) => href.includes("limit=2") && !href.includes("offset=") && href.includes("f=html")),
    ).toBe(true);
  });

  it("shows an item with its attributes, its commons' page and the map", async () => {
    const item = await get(`/api/ogc/collections/commons/items/${ids[1]}?f=html`);
    expect(item.status).toBe(200);
    expect(item.text).toContain("<h1>Zone 1</h1>");
    expect(item.text).toContain("MultiPolygon");
    expect(item.text).toContain("ODbL-1.0");
    expect(item.text).toContain("Communauté &lt;b&gt;ouverte&lt;/b&gt;");
    expect(hrefs(item.text)).toEqual(
      expect.arrayContaining([
        `${APP_URL}/communities/${communitySlug}/commons/zone-1`,
        `${APP_URL}/catalogue?view=map&bbox=-3,48,-2.5,48.5`,
        `${APP_URL}/api/ogc/collections/commons/items/${ids[1]}?f=json`,
      ]),
    );
    expect((await get("/api/ogc/collections/commons/items/nope?f=html")).status).toBe(404);
  });

  it("negotiates on Accept when f is absent: a browser gets HTML, GIS clients and */* get JSON", async () => {
    const browser = await get("/api/ogc/collections/commons/items", { accept: BROWSER_ACCEPT });
    expect(browser.type).toBe("text/html; charset=utf-8");
    expect(browser.vary).toContain("Accept");
    for (const accept of [
      undefined,
      "*/*",
      "application/geo+json, application/json",
      "application/json;q=0.9, text/html;q=0.5",
    ]) {
      const response = await get("/api/ogc/collections/commons/items", { accept });
      expect(response.type, accept).toBe("application/geo+json");
      expect(response.vary).toContain("Accept");
    }
    // f wins over Accept, both ways.
    expect((await get("/api/ogc?f=json", { accept: BROWSER_ACCEPT })).type).toBe("application/json");
    expect((await get("/api/ogc?f=html", { accept: "application/json" })).type).toBe("text/html; charset=utf-8");
  });

  it("refuses f=html where there is no HTML page and unknown formats, as 400 problems", async () => {
    for (const path of ["/api/ogc/api?f=html", "/api/ogc/collections/commons/queryables?f=html", "/api/ogc?f=xml"]) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(response.type).toContain("application/problem+json");
    }
  });

  it("describes the HTML encoding and its anonymous access in the API definition", async () => {
    const definition = JSON.parse((await get("/api/ogc/api")).text) as {
      security: unknown[];
      paths: Record<
        string,
        { get: { parameters: { name: string; schema: { enum?: string[] } }[]; responses: Record<string, { content?: object }> } }
      >;
    };
    expect(definition.security).toEqual([]);
    const items = definition.paths["/collections/commons/items"]!.get;
    expect(items.parameters.find((p) => p.name === "f")!.schema.enum).toContain("html");
    expect(Object.keys(items.responses["200"]!.content!)).toEqual(["application/geo+json", "text/html"]);
  });

  it("gives pages the W3C Nu HTML checker finds no error in", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "gc-ogc-vnu-"));
    try {
      const paths = [
        "/api/ogc?f=html",
        "/api/ogc/conformance?f=html",
        "/api/ogc/collections?f=html",
        "/api/ogc/collections/commons?f=html",
        "/api/ogc/collections/commons/items?f=html&limit=2",
        "/api/ogc/collections/commons/items?f=html&limit=2&offset=2",
        `/api/ogc/collections/commons/items/${ids[0]}?f=html`,
        "/api/ogc/collections/commons/items?f=html&kind=SOFTWARE",
      ];
      const files: string[] = [];
      for (const [i, p] of paths.entries()) {
        const file = path.join(dir, `${i}.html`);
        await writeFile(file, (await get(p)).text);
        files.push(file);
      }
      const vnu = path.join(process.cwd(), "node_modules/vnu-jar/build/dist/vnu.jar");
      const { stderr } = await promisify(execFile)("java", ["-jar", vnu, "--format", "json", "--exit-zero-always", ...files]);
      const errors = (JSON.parse(stderr) as { messages: { type: string; message: string; url?: string }[] }).messages.filter(
        (m) => m.type === "error" || m.type === "non-document-error",
      );
      expect(errors).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
