/**
 * Open data over a real PostgreSQL: streamed CSV and JSON exports of the catalogue and of a ledger
 * (only what the requester may see; people who opted out are anonymous; RFC 4180 with the formula
 * guard; batches, so a large export arrives in several chunks), the DCAT-AP catalogue in JSON-LD,
 * and the OGC API – Features documents and their 400s for bad parameters (never a 500).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { proposeCommons } from "@/lib/commons/commons";
import { recordContribution } from "@/lib/commons/contributions";
import type { ActorKind, Visibility } from "@/lib/generated/prisma/enums";
import { createApiToken } from "@/lib/tokens/create-token";
import { dcatCatalogue } from "@/lib/opendata/dcat";
import { exportCatalogue, exportLedger } from "@/lib/opendata/exports";
import { openDataHandler, type OpenDataContext } from "@/lib/api/open-data-http";
import { ogcHandler } from "@/lib/opendata/ogc";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

const APP_URL = "http://localhost:3000";
let t: TestDatabase;
const deps = () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session", operatorName: "Géocommuns" });

function handler(run: (context: OpenDataContext) => Promise<Response>, anonymous = false) {
  return openDataHandler(run, { deps, anonymous });
}

async function get(
  h: ReturnType<typeof handler>,
  path: string,
  { secret, params = {}, language = "fr" }: { secret?: string; params?: Record<string, string>; language?: string } = {},
) {
  const headers: Record<string, string> = { "accept-language": language };
  if (secret) headers.authorization = `Bearer ${secret}`;
  return h(new Request(`${APP_URL}${path}`, { headers }), { params: Promise.resolve(params) });
}

/** RFC 4180 parser for the checks (quoted fields, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field !== "" || row.length > 0) throw new Error("CSV does not end with CRLF");
  return rows;
}

const records = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0]!.map((h, i) => [h, r[i]])));

async function community(visibility: Visibility) {
  const owner = await createPerson(t.db);
  const slug = unique("od").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: { name: `Communauté ${slug}`, slug, summary: "Des communs.", description: "", visibility, joinPolicy: "OPEN" },
  });
  return { id, slug, owner };
}

async function member(communityId: string, college: ActorKind, listedByName = true) {
  const name = unique("m");
  const user = await t.db.user.create({
    data: {
      email: `${name}@example.org`,
      displayName: `Membre ${name}`,
      actorKind: college,
      onboardedAt: new Date(),
      listedByName,
    },
  });
  await t.db.membership.create({ data: { communityId, userId: user.id, college, status: "ACTIVE" } });
  const { secret } = await createApiToken(t.db, { userId: user.id, input: { name: "script", scopes: ["read"] } });
  return { actor: { id: user.id, onboarded: true, isPlatformAdmin: false }, name: user.displayName as string, secret };
}

const square = (lon: number, lat: number, size = 0.5) => ({
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

let pub: Awaited<ReturnType<typeof community>>;
let closed: Awaited<ReturnType<typeof community>>;
let named: Awaited<ReturnType<typeof member>>;
let shy: Awaited<ReturnType<typeof member>>;
let insider: Awaited<ReturnType<typeof member>>;
const ids: Record<string, string> = {};
const BULK = 450;

beforeAll(async () => {
  t = await createTestDatabase();
  pub = await community("PUBLIC");
  closed = await community("MEMBERS");
  named = await member(pub.id, "PUBLIC");
  shy = await member(pub.id, "CIVIL_SOCIETY", false);
  insider = await member(closed.id, "RESEARCH");
  const propose = async (
    key: string,
    c: { slug: string },
    actor: { id: string; onboarded: boolean; isPlatformAdmin: boolean },
    input: Record<string, unknown>,
  ) => {
    const created = await proposeCommons(t.db, {
      actor,
      slug: c.slug,
      input: {
        slug: unique("c").toLowerCase(),
        summary: "Un commun.",
        kind: "DATASET",
        licence: "etalab-2.0",
        status: "PROPOSED",
        ...input,
      },
    });
    ids[key] = created.id;
  };
  await propose("formula", pub, named.actor, {
    title: '=HYPERLINK("http://evil.example")',
    summary: 'Adresses "certifiées", à Brest\nmises à jour',
    coverage: square(-4.6, 48.3),
    dataUrl: "https://data.example.org/bal.csv",
    documentationUrl: "https://doc.example.org/bal",
  });
  await propose("map", pub, named.actor, {
    title: "Carte des pistes",
    kind: "MAP",
    licence: "ODbL-1.0",
    coverage: square(4.7, 45.6),
  });
  await propose("draft", pub, named.actor, { title: "Brouillon", status: "DRAFT", coverage: square(2, 48) });
  await propose("secret", closed, insider.actor, { title: "Réservé aux membres", coverage: square(2, 47) });

  // The ledger of "map": a named author, one who opted out, and a contribution hidden by moderation.
  const record = (actor: { id: string; onboarded: boolean; isPlatformAdmin: boolean }, description: string, date: string) =>
    recordContribution(t.db, { actor, commonsId: ids.map!, input: { type: "CORRECTION", description, date, hours: 3 } });
  await record(named.actor, "Pistes relevées sur le terrain", "2026-03-01");
  await record(shy.actor, "=1+1 corrections", "2026-03-02");
  const hidden = await record(named.actor, "Contenu masqué", "2026-03-03");
  await t.db.contribution.update({ where: { id: hidden.id }, data: { hiddenAt: new Date(), hiddenReason: "spam" } });

  // Enough rows for several batches, inserted in bulk.
  await t.db.commons.createMany({
    data: Array.from({ length: BULK }, (_, i) => ({
      communityId: pub.id,
      slug: `bulk-${i}`,
      title: `Commun ${i}`,
      summary: "En nombre.",
      kind: "OTHER" as const,
      licence: "CC0-1.0",
      status: "ADOPTED" as const,
    })),
  });
});

afterAll(async () => {
  await t.drop();
});

describe("catalogue exports", () => {
  it("streams CSV with a header row, RFC 4180 quoting and the formula guard, public communities only when anonymous", async () => {
    const response = await get(
      handler((c) => exportCatalogue(c, "csv")),
      "/api/catalogue/commons.csv",
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename=".*\.csv"/);
    expect(response.body).toBeInstanceOf(ReadableStream);
    const rows = parseCsv(await response.text());
    expect(rows[0]?.slice(0, 7)).toEqual(["id", "slug", "title", "summary", "kind", "licence", "status"]);
    const all = records(rows);
    expect(all).toHaveLength(BULK + 2);
    const formula = all.find((r) => r.id === ids.formula)!;
    expect(formula.title).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(formula.summary).toBe('Adresses "certifiées", à Brest\nmises à jour');
    expect([formula.minLon, formula.minLat, formula.maxLon, formula.maxLat]).toEqual(["-4.6", "48.3", "-4.1", "48.8"]);
    expect(formula.url).toBe(`${APP_URL}/communities/${pub.slug}/commons/${formula.slug}`);
    expect(all.some((r) => r.id === ids.secret || r.id === ids.draft)).toBe(false);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it("arrives in batches, not in one piece", async () => {
    const response = await get(
      handler((c) => exportCatalogue(c, "csv")),
      "/api/catalogue/commons.csv",
    );
    const reader = response.body!.getReader();
    const chunks: number[] = [];
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(decoder.decode(value).split("\r\n").length - 1);
    }
    // 452 rows + header by batches of 200.
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...chunks)).toBeLessThanOrEqual(201);
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(BULK + 3);
  });

  it("streams JSON with coverages, and shows members-only commons to their members", async () => {
    const anonymous = (await (
      await get(
        handler((c) => exportCatalogue(c, "json")),
        "/api/catalogue/commons.json",
      )
    ).json()) as {
      id: string;
      coverage: unknown;
    }[];
    expect(anonymous).toHaveLength(BULK + 2);
    expect(anonymous.find((r) => r.id === ids.map)?.coverage).toEqual(square(4.7, 45.6));
    const asMember = (await (
      await get(
        handler((c) => exportCatalogue(c, "json")),
        "/api/catalogue/commons.json",
        { secret: insider.secret },
      )
    ).json()) as { id: string }[];
    expect(asMember.map((r) => r.id)).toContain(ids.secret);
    const badToken = await get(
      handler((c) => exportCatalogue(c, "json")),
      "/api/catalogue/commons.json",
      { secret: "gct_nope" },
    );
    expect(badToken.status).toBe(401);
    expect(badToken.headers.get("content-type")).toContain("application/problem+json");
  });
});

describe("ledger exports", () => {
  it("lists the ledger without hidden entries, people who opted out as anonymous", async () => {
    const csv = await get(
      handler((c) => exportLedger(c, "csv")),
      `/api/commons/${ids.map}/contributions.csv`,
      {
        params: { id: ids.map! },
      },
    );
    expect(csv.status).toBe(200);
    const rows = records(parseCsv(await csv.text()));
    expect(rows.map((r) => r.description).sort()).toEqual(["'=1+1 corrections", "Pistes relevées sur le terrain"]);
    expect(rows.find((r) => r.description === "Pistes relevées sur le terrain")).toMatchObject({
      author: named.name,
      college: "PUBLIC",
      date: "2026-03-01",
      hours: "3",
      state: "PENDING",
    });
    expect(rows.find((r) => r.description === "'=1+1 corrections")).toMatchObject({ author: "", college: "CIVIL_SOCIETY" });
    const json = (await (
      await get(
        handler((c) => exportLedger(c, "json")),
        `/api/commons/${ids.map}/contributions.json`,
        { params: { id: ids.map! } },
      )
    ).json()) as { author: string | null; description: string }[];
    expect(json).toHaveLength(2);
    expect(json.find((r) => r.description.startsWith("=1+1"))?.author).toBeNull();
    expect(JSON.stringify(json)).not.toContain(shy.name);
    // Its author sees the hidden entry on the page, but exports never republish it.
    const asAuthor = await get(
      handler((c) => exportLedger(c, "csv")),
      `/api/commons/${ids.map}/contributions.csv`,
      {
        params: { id: ids.map! },
        secret: named.secret,
      },
    );
    expect(await asAuthor.text()).not.toContain("Contenu masqué");
  });

  it("is a 404 for a commons the requester may not see", async () => {
    const h = handler((c) => exportLedger(c, "csv"));
    const anonymous = await get(h, `/api/commons/${ids.secret}/contributions.csv`, { params: { id: ids.secret! } });
    expect(anonymous.status).toBe(404);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
    const asMember = await get(h, `/api/commons/${ids.secret}/contributions.csv`, {
      params: { id: ids.secret! },
      secret: insider.secret,
    });
    expect(asMember.status).toBe(200);
    expect(await asMember.text()).toMatch(/^id,commonsId,date,/);
    expect((await get(h, "/api/commons/nope/contributions.csv", { params: { id: "nope" } })).status).toBe(404);
    expect((await get(h, "/api/commons/%00/contributions.csv", { params: { id: "\u0000" } })).status).toBe(404);
  });
});

describe("DCAT-AP catalogue", () => {
  it("describes each public commons as a dcat:Dataset with its spatial coverage, publisher and licence", async () => {
    const response = await get(handler(dcatCatalogue, true), "/api/catalogue/dcat.jsonld", { secret: insider.secret });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    const catalogue = (await response.json()) as Record<string, unknown> & { "dcat:dataset": Record<string, unknown>[] };
    expect(catalogue["@type"]).toBe("dcat:Catalog");
    expect(catalogue["@context"]).toMatchObject({ dcat: "http://www.w3.org/ns/dcat#", dct: "http://purl.org/dc/terms/" });
    expect(catalogue["@id"]).toBe(`${APP_URL}/api/catalogue/dcat.jsonld`);
    expect(catalogue["dct:publisher"]).toMatchObject({ "@type": "foaf:Agent", "foaf:name": "Géocommuns" });
    const datasets = catalogue["dcat:dataset"];
    // Anonymous view whatever the credentials: no members-only commons, no drafts.
    expect(datasets).toHaveLength(BULK + 2);
    expect(datasets.some((d) => d["dct:identifier"] === ids.secret || d["dct:identifier"] === ids.draft)).toBe(false);
    const bal = datasets.find((d) => d["dct:identifier"] === ids.formula)!;
    expect(bal).toMatchObject({
      "@type": "dcat:Dataset",
      "dct:title": '=HYPERLINK("http://evil.example")',
      "dcat:keyword": [
        { "@value": "jeu de données", "@language": "fr" },
        { "@value": "dataset", "@language": "en" },
      ],
      "dct:publisher": { "@type": "foaf:Agent", "foaf:name": `Communauté ${pub.slug}` },
      "dcat:landingPage": { "@id": expect.stringMatching(new RegExp(`^${APP_URL}/communities/${pub.slug}/commons/`)) },
      "foaf:page": [{ "@id": "https://doc.example.org/bal" }],
      "dct:spatial": {
        "@type": "dct:Location",
        "dcat:bbox": { "@value": "POLYGON((-4.6 48.3,-4.1 48.3,-4.1 48.8,-4.6 48.8,-4.6 48.3))", "@type": "gsp:wktLiteral" },
        "locn:geometry": { "@type": "locn:Geometry", "gsp:asGeoJSON": { "@type": "gsp:geoJSONLiteral" } },
      },
    });
    expect(bal["dct:issued"]).toMatchObject({ "@type": "xsd:dateTime" });
    const distributions = bal["dcat:distribution"] as Record<string, unknown>[];
    expect(distributions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          "dcat:accessURL": { "@id": "https://data.example.org/bal.csv" },
          "dct:license": expect.objectContaining({ "@id": "http://spdx.org/licenses/etalab-2.0" }),
        }),
        expect.objectContaining({
          "dcat:accessURL": { "@id": `${APP_URL}/api/ogc/collections/commons/items/${ids.formula}` },
          "dcat:accessService": expect.objectContaining({ "@id": `${APP_URL}/api/ogc#service` }),
        }),
      ]),
    );
    const geometry = (bal["dct:spatial"] as { "locn:geometry": { "gsp:asGeoJSON": { "@value": string } } })["locn:geometry"];
    expect(JSON.parse(geometry["gsp:asGeoJSON"]["@value"])).toEqual(square(-4.6, 48.3));
    expect(catalogue["dcat:service"]).toEqual([expect.objectContaining({ "dcat:endpointURL": { "@id": `${APP_URL}/api/ogc` } })]);
  });
});

describe("OGC API – Features", () => {
  const ogc = ogcHandler(deps);
  const fetchOgc = async (path: string, language = "fr") => {
    const response = await ogc(new Request(`${APP_URL}${path}`, { headers: { "accept-language": language } }));
    return { status: response.status, type: response.headers.get("content-type") ?? "", body: (await response.json()) as never };
  };

  it("serves the landing page, conformance, collections and the collection", async () => {
    const landing = await fetchOgc("/api/ogc");
    expect(landing.status).toBe(200);
    const rels = (landing.body as { links: { rel: string; href: string }[] }).links.map((l) => [l.rel, l.href]);
    expect(rels).toEqual(
      expect.arrayContaining([
        ["self", `${APP_URL}/api/ogc?f=json`],
        ["conformance", `${APP_URL}/api/ogc/conformance?f=json`],
        ["data", `${APP_URL}/api/ogc/collections?f=json`],
      ]),
    );
    const serviceDesc = (landing.body as { links: { rel: string; href: string }[] }).links.find((l) => l.rel === "service-desc")!;
    const definition = await fetchOgc(new URL(serviceDesc.href).pathname);
    expect(definition.type).toBe("application/vnd.oai.openapi+json;version=3.0");
    expect(definition.body).toMatchObject({ openapi: "3.0.3", servers: [{ url: `${APP_URL}/api/ogc` }] });
    expect(Object.keys((definition.body as { paths: object }).paths)).toEqual(
      expect.arrayContaining([
        "/",
        "/conformance",
        "/collections",
        "/collections/commons/items",
        "/collections/commons/items/{featureId}",
      ]),
    );
    const conformance = await fetchOgc("/api/ogc/conformance?f=json");
    expect((conformance.body as { conformsTo: string[] }).conformsTo).toEqual(
      expect.arrayContaining([
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
      ]),
    );
    const collections = await fetchOgc("/api/ogc/collections");
    expect((collections.body as { collections: { id: string }[] }).collections.map((c) => c.id)).toEqual(["commons"]);
    const collection = await fetchOgc("/api/ogc/collections/commons");
    expect(collection.body).toMatchObject({
      id: "commons",
      itemType: "feature",
      // The storage CRS first, then those served on request (Part 2).
      crs: [
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
        "http://www.opengis.net/def/crs/EPSG/0/4326",
        "http://www.opengis.net/def/crs/EPSG/0/4171",
        "http://www.opengis.net/def/crs/EPSG/0/2154",
        "http://www.opengis.net/def/crs/EPSG/0/3857",
      ],
      storageCrs: "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
      // The public coverages only: Brest and Lyon (the draft and the members-only one are left out).
      extent: { spatial: { bbox: [[-4.6, 45.6, 5.2, 48.8]], crs: "http://www.opengis.net/def/crs/OGC/1.3/CRS84" } },
    });
  });

  it("serves items as GeoJSON with numberMatched, numberReturned and paging links", async () => {
    const first = await fetchOgc("/api/ogc/collections/commons/items?limit=1");
    expect(first.status).toBe(200);
    expect(first.type).toBe("application/geo+json");
    const page = first.body as {
      type: string;
      features: { id: string; geometry: unknown; properties: Record<string, unknown> }[];
      numberMatched: number;
      numberReturned: number;
      links: { rel: string; href: string }[];
    };
    expect(page).toMatchObject({ type: "FeatureCollection", numberMatched: 2, numberReturned: 1 });
    expect(page.features[0]).toMatchObject({
      id: ids.formula,
      // Served as a MultiPolygon, like every feature of the collection.
      geometry: { type: "MultiPolygon", coordinates: [square(-4.6, 48.3).coordinates] },
      properties: { licence: "etalab-2.0" },
    });
    const next = page.links.find((l) => l.rel === "next")!;
    expect(page.links.some((l) => l.rel === "prev")).toBe(false);
    const second = await fetchOgc(new URL(next.href).pathname + new URL(next.href).search);
    const page2 = second.body as typeof page;
    expect(page2.features.map((f) => f.id)).toEqual([ids.map]);
    expect(page2.links.some((l) => l.rel === "next")).toBe(false);
    expect(page2.links.some((l) => l.rel === "prev")).toBe(true);
    const inBrittany = (await fetchOgc("/api/ogc/collections/commons/items?bbox=-5,48,-4,49&f=json")).body as typeof page;
    expect(inBrittany.features.map((f) => f.id)).toEqual([ids.formula]);
    // Larger than the maximum is served as the maximum, not refused.
    expect((await fetchOgc("/api/ogc/collections/commons/items?limit=100000")).status).toBe(200);
    const one = await fetchOgc(`/api/ogc/collections/commons/items/${ids.map}`);
    expect(one).toMatchObject({ status: 200, type: "application/geo+json", body: { type: "Feature", id: ids.map } });
  });

  it("answers bad parameters with a 400 problem naming the parameter, unknown things with 404", async () => {
    for (const [query, field] of [
      ["bbox=1,2,3", "bbox"],
      ["bbox=a,b,c,d", "bbox"],
      ["bbox=0,0,200,1", "bbox"],
      ["bbox=0,3,1,1", "bbox"], // west > east crosses the antimeridian (allowed); south > north is not
      ["datetime=garbage", "datetime"],
      ["kind=ROAD", "kind"],
      ["limit=0", "limit"],
      ["limit=abc", "limit"],
      ["limit=-3", "limit"],
      ["offset=-1", "offset"],
      ["f=xml", "f"],
      ["colour=blue", "colour"],
      ["bbox-crs=EPSG:2154", "bbox-crs"],
    ]) {
      const response = await fetchOgc(`/api/ogc/collections/commons/items?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.type, query).toContain("json");
      expect((response.body as { errors: { field: string }[] }).errors[0]?.field, query).toBe(field);
    }
    const en = await fetchOgc("/api/ogc/collections/commons/items?bbox=1,2,3", "en");
    expect((en.body as { errors: { message: string }[] }).errors[0]?.message).toMatch(/exactly four/);
    expect((await fetchOgc("/api/ogc/collections/other")).status).toBe(404);
    expect((await fetchOgc(`/api/ogc/collections/commons/items/${ids.secret}`)).status).toBe(404);
    expect((await fetchOgc(`/api/ogc/collections/commons/items/${ids.draft}`)).status).toBe(404);
    expect((await fetchOgc("/api/ogc/nowhere")).status).toBe(404);
    // Hostile ids are never looked up.
    expect((await fetchOgc("/api/ogc/collections/commons/items/%00")).status).toBe(404);
    expect((await fetchOgc("/api/ogc/collections/commons/items/%E0%A4%A")).status).toBe(404);
  });
});
