/**
 * GDAL reads the OGC API – Features: `ogrinfo` (Debian gdal-bin) lists the `commons` collection and
 * reads its features, following the API's paging links. The same handler as app/api/ogc serves it
 * from a bare node:http server over a real PostgreSQL database seeded through the use cases; only
 * public, visible commons with a coverage are features.
 */
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { adoptCommons, proposeCommons } from "@/lib/commons/commons";
import { ogcHandler } from "@/lib/opendata/ogc";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

const run = promisify(execFile);
const OGRINFO = process.env.OGRINFO ?? "ogrinfo";
const OGR2OGR = process.env.OGR2OGR ?? "ogr2ogr";
const CRS84_URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

let t: TestDatabase;
let server: Server;
let base: string;
let openSlug: string;
/** Every path GDAL asked for, to check it used the paging links and the bbox parameter. */
const requested: string[] = [];

/** Request → the route's handler → Response, written back to node:http. */
function adapt(handler: (request: Request) => Promise<Response>, origin: () => string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    requested.push(req.url ?? "");
    try {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
        else if (Array.isArray(value)) headers.set(name, value.join(", "));
      }
      const response = await handler(new Request(`${origin()}${req.url ?? "/"}`, { method: req.method, headers }));
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      if (response.body && req.method !== "HEAD") {
        for await (const chunk of response.body) res.write(chunk);
      }
      res.end();
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  };
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

async function community(visibility: "PUBLIC" | "MEMBERS") {
  const owner: TestPerson = await createPerson(t.db);
  const slug = unique("ogc").toLowerCase();
  await createCommunity(t.db, {
    actor: owner,
    input: { name: `Communauté ${slug}`, slug, summary: "Des communs.", description: "", visibility, joinPolicy: "OPEN" },
  });
  return { slug, owner };
}

const tag = unique("gdal").replace(/[^a-z0-9]/gi, "");
const metropolitan = [
  `Adresses de Brest ${tag}`,
  `Bâtiments de Marseille ${tag}`,
  `Réseau cyclable de Lyon ${tag}`,
  `Bocage de Rennes ${tag}`,
];
const allTitles = [...metropolitan, `Récifs des Fidji ${tag}`, `Îles Lau ${tag}`];

beforeAll(async () => {
  t = await createTestDatabase();
  const open = await community("PUBLIC");
  openSlug = open.slug;
  const closed = await community("MEMBERS");
  const propose = (c: { slug: string; owner: TestPerson }, title: string, extra: Record<string, unknown>) =>
    proposeCommons(t.db, {
      actor: c.owner,
      slug: c.slug,
      input: {
        slug: unique("c").toLowerCase(),
        title,
        summary: "Un commun géographique.",
        kind: "DATASET",
        licence: "etalab-2.0",
        status: "PROPOSED",
        ...extra,
      },
    });
  const lyon = await propose(open, `Réseau cyclable de Lyon ${tag}`, { coverage: square(4.7, 45.6) });
  await adoptCommons(t.db, { actor: open.owner, slug: open.slug, commonsSlug: lyon.slug });
  await propose(open, `Adresses de Brest ${tag}`, { coverage: square(-4.6, 48.3), licence: "ODbL-1.0" });
  await propose(open, `Bâtiments de Marseille ${tag}`, {
    coverage: { type: "MultiPolygon", coordinates: [square(5.3, 43.2).coordinates, square(5.5, 43.4, 0.1).coordinates] },
  });
  // Near Rennes: a triangle whose bounding box covers the query box's north-east corner, but whose
  // hypotenuse passes south-west of it; and a map on the other side of the antimeridian, in Fiji.
  await propose(open, `Bocage de Rennes ${tag}`, {
    kind: "MAP",
    coverage: {
      type: "Polygon",
      coordinates: [
        [
          [-2, 47],
          [-1, 47],
          [-2, 48],
          [-2, 47],
        ],
      ],
    },
  });
  await propose(open, `Récifs des Fidji ${tag}`, { kind: "MAP", coverage: square(178, -18.5) });
  await propose(open, `Îles Lau ${tag}`, { coverage: square(-179.5, -18.5, 0.4) });
  // Not features: no coverage, a draft, a members-only community, hidden by moderation.
  await propose(open, `Sans zone ${tag}`, {});
  await propose(open, `Brouillon ${tag}`, { coverage: square(2, 48), status: "DRAFT" });
  await propose(closed, `Réservé ${tag}`, { coverage: square(2, 47) });
  const hidden = await propose(open, `Masqué ${tag}`, { coverage: square(1, 46) });
  await t.db.commons.update({ where: { id: hidden.id }, data: { hiddenAt: new Date(), hiddenReason: "test" } });

  const handler = ogcHandler(() => ({ db: t.db, appUrl: base, sessionCookieName: "gc.session", operatorName: "Géocommuns" }));
  server = createServer(adapt(handler, () => base));
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await t?.drop();
});

async function ogrinfo(...args: string[]) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GDAL_HTTP_TIMEOUT: "20",
    CPL_DEBUG: "OFF",
    NO_PROXY: "localhost",
    no_proxy: "localhost",
  };
  delete env.http_proxy;
  delete env.HTTP_PROXY;
  const { stdout } = await run(OGRINFO, ["-ro", ...args], { env, timeout: 60_000, maxBuffer: 10_000_000 });
  return stdout;
}

function gdalEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GDAL_HTTP_TIMEOUT: "20",
    CPL_DEBUG: "OFF",
    NO_PROXY: "localhost",
    no_proxy: "localhost",
  };
  delete env.http_proxy;
  delete env.HTTP_PROXY;
  return env;
}

/** Longitude/latitude lines → Lambert-93 by GDAL's own PROJ (gdaltransform), the reference for ours. */
function toLambert93(lines: string): Promise<number[][]> {
  return new Promise((resolve, reject) => {
    const child = execFile("gdaltransform", ["-s_srs", "EPSG:4326", "-t_srs", "EPSG:2154"], { env: gdalEnv() }, (error, out) =>
      error
        ? reject(error)
        : resolve(
            out
              .trim()
              .split("\n")
              .map((line) => line.trim().split(/\s+/).slice(0, 2).map(Number)),
          ),
    );
    child.stdin?.end(lines);
  });
}

const titlesOf = (out: string) => [...out.matchAll(/^\s*title \(String\) = (.*)$/gm)].map((m) => m[1]!).sort();

/** What the server itself answers (numberMatched, status) for a query on the items. */
async function items(query: string) {
  const response = await fetch(`${base}/api/ogc/collections/commons/items?${query}`);
  return {
    status: response.status,
    body: (await response.json()) as { numberMatched: number; features: { properties: { title: string } }[] },
  };
}

describe("GDAL's OGC API – Features driver", () => {
  it("lists the commons collection", async () => {
    const out = await ogrinfo(`OAPIF:${base}/api/ogc`);
    expect(out).toMatch(/^1: commons\b/m);
  });

  it("reads every public feature, following the next links, with their properties", async () => {
    // Two features per page: GDAL must follow the `next` link to get the third.
    requested.length = 0;
    const out = await ogrinfo("-oo", "PAGE_SIZE=2", `OAPIF:${base}/api/ogc`, "commons");
    expect(requested.some((url) => url.startsWith("/api/ogc/collections/commons/items?") && url.includes("offset=2"))).toBe(true);
    expect(out).toMatch(/Feature Count: 6\b/);
    const titles = [...out.matchAll(/^\s*title \(String\) = (.*)$/gm)].map((m) => m[1]);
    expect(titles.sort()).toEqual([...allTitles].sort());
    expect(out).toMatch(/licence \(String\) = ODbL-1\.0/);
    expect(out).toMatch(/status \(String\) = ADOPTED/);
    expect(out).toMatch(/MULTIPOLYGON \(\(\(5\.3 43\.2/);
    // One geometry type for the whole layer: Polygon coverages are served as MultiPolygons.
    expect(out).toMatch(/^Geometry: Multi Polygon$/m);
    expect(out).toMatch(/MULTIPOLYGON \(\(\(4\.7 45\.6/);
    expect(out).not.toContain("Réservé");
    expect(out).not.toContain("Brouillon");
    expect(out).not.toContain("Masqué");
  });

  it("matches a bbox exactly: polygons whose bounding box overlaps it but whose area misses it are not counted", async () => {
    // Near Rennes: the triangle's bounding box covers this box, the triangle does not.
    const spat = ["-1.2", "47.8", "-1.1", "47.9"];
    const summary = await ogrinfo("-so", "-spat", ...spat, `OAPIF:${base}/api/ogc`, "commons");
    const listed = await ogrinfo("-spat", ...spat, `OAPIF:${base}/api/ogc`, "commons");
    const server = await items(`bbox=${spat.join(",")}`);
    // `-so` reports the server's numberMatched; the listing is GDAL's own exact filter: they agree.
    expect(summary).toMatch(/Feature Count: 0\b/);
    expect(titlesOf(listed)).toEqual([]);
    expect(server.body.numberMatched).toBe(0);
    // A box the triangle does reach.
    const inside = ["-1.6", "47.4", "-1.4", "47.45"];
    expect(await ogrinfo("-so", "-spat", ...inside, `OAPIF:${base}/api/ogc`, "commons")).toMatch(/Feature Count: 1\b/);
    expect(titlesOf(await ogrinfo("-spat", ...inside, `OAPIF:${base}/api/ogc`, "commons"))).toEqual([`Bocage de Rennes ${tag}`]);
    expect((await items(`bbox=${inside.join(",")}`)).body.numberMatched).toBe(1);
  });

  it("agrees with GDAL's own exact -spat filter on random boxes (numberMatched = features GDAL keeps)", async () => {
    // Boxes around the Rennes triangle's hypotenuse and across France: GDAL (GEOS) is the reference.
    const coordinate = (min: number, max: number) =>
      fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((n) => n / 100);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.tuple(coordinate(-2.2, -0.8), coordinate(46.8, 48.2), coordinate(0.01, 0.6), coordinate(0.01, 0.6)),
          fc.tuple(coordinate(-6, 9), coordinate(42, 51), coordinate(0.1, 4), coordinate(0.1, 4)),
        ),
        async ([minLon, minLat, width, height]) => {
          const spat = [minLon, minLat, minLon + width, minLat + height].map((n) => String(Math.round(n * 100) / 100));
          const summary = await ogrinfo("-so", "-spat", ...spat, `OAPIF:${base}/api/ogc`, "commons");
          const listed = titlesOf(await ogrinfo("-spat", ...spat, `OAPIF:${base}/api/ogc`, "commons"));
          expect(summary, spat.join(",")).toContain(`Feature Count: ${listed.length}\n`);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("pages through a bbox query with numberMatched counting the exact matches", async () => {
    // All of metropolitan France: Lyon, Brest, Marseille, Rennes; one per page.
    const all = await items("bbox=-5,42,9,52&limit=1");
    expect(all.body.numberMatched).toBe(4);
    const seen: string[] = [];
    for (let offset = 0; offset < 4; offset++) {
      const page = await items(`bbox=-5,42,9,52&limit=1&offset=${offset}`);
      expect(page.body.numberMatched).toBe(4);
      seen.push(...page.body.features.map((f) => f.properties.title));
    }
    expect(seen.sort()).toEqual([...metropolitan].sort());
    requested.length = 0;
    const out = await ogrinfo("-oo", "PAGE_SIZE=1", "-spat", "-5", "42", "9", "52", `OAPIF:${base}/api/ogc`, "commons");
    expect(requested.some((url) => url.includes("offset=3") && url.includes("bbox="))).toBe(true);
    expect(titlesOf(out)).toEqual([...metropolitan].sort());
  });

  it("accepts a bbox crossing the antimeridian as two boxes", async () => {
    const across = await items("bbox=170,-25,-170,-10");
    expect(across.status).toBe(200);
    expect(across.body.features.map((f) => f.properties.title).sort()).toEqual(
      [`Récifs des Fidji ${tag}`, `Îles Lau ${tag}`].sort(),
    );
    expect(across.body.numberMatched).toBe(2);
    expect((await items("bbox=170,-10,-170,10")).body.numberMatched).toBe(0);
  });

  it("filters on the commons' last update with datetime, and refuses invalid values", async () => {
    expect((await items("datetime=2000-01-01/..")).body.numberMatched).toBe(6);
    expect((await items("datetime=../2000-01-01T00:00:00Z")).body.numberMatched).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await items(`datetime=${today}`)).body.numberMatched).toBe(6);
    for (const bad of ["garbage", "2025-02-30", "../..", "2025-03-02/2025-03-01"]) {
      const response = await fetch(`${base}/api/ogc/collections/commons/items?datetime=${encodeURIComponent(bad)}`);
      expect(response.status, bad).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("declares queryables and filters on them, as query parameters and through ogrinfo -where", async () => {
    const response = await fetch(`${base}/api/ogc/collections/commons/queryables`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/schema+json");
    const schema = (await response.json()) as { properties: Record<string, { enum?: string[]; format?: string }> };
    expect(Object.keys(schema.properties).sort()).toEqual(
      ["community", "geometry", "kind", "licence", "status", "stewardKind", "updatedAt"].sort(),
    );
    expect(schema.properties.geometry?.format).toBe("geometry-multipolygon");
    expect(schema.properties.kind?.enum).toContain("MAP");

    expect((await items("kind=MAP")).body.numberMatched).toBe(2);
    expect((await items("kind=MAP&bbox=-5,42,9,52")).body.numberMatched).toBe(1);
    expect((await items("licence=ODbL-1.0")).body.numberMatched).toBe(1);
    expect((await items("status=ADOPTED")).body.numberMatched).toBe(1);
    expect((await items("stewardKind=PUBLIC")).body.numberMatched).toBe(6);
    expect((await items("stewardKind=RESEARCH")).body.numberMatched).toBe(0);
    expect((await items(`community=${openSlug}`)).body.numberMatched).toBe(6);
    expect((await items("community=nobody-here")).body.numberMatched).toBe(0);
    for (const bad of ["kind=ROAD", "status=LOST", "licence=WTFPL", "stewardKind=ALIENS"]) {
      expect((await fetch(`${base}/api/ogc/collections/commons/items?${bad}`)).status, bad).toBe(400);
    }

    requested.length = 0;
    const out = await ogrinfo("-where", "kind = 'MAP'", `OAPIF:${base}/api/ogc`, "commons");
    // GDAL sends the equality to the server as a query parameter (it reads them from the API definition).
    expect(requested.some((url) => url.startsWith("/api/ogc/collections/commons/items?") && url.includes("kind=MAP"))).toBe(true);
    expect(titlesOf(out)).toEqual([`Bocage de Rennes ${tag}`, `Récifs des Fidji ${tag}`].sort());
  });

  it("copies the collection to a GeoPackage with ogr2ogr without any warning", async () => {
    // Two per page: the first page (Lyon, Brest) would set a POLYGON layer before Marseille's MultiPolygon.
    const dir = await mkdtemp(join(tmpdir(), "ogc-gpkg-"));
    try {
      const gpkg = join(dir, "out.gpkg");
      const { stderr } = await run(OGR2OGR, ["-f", "GPKG", gpkg, "-oo", "PAGE_SIZE=2", `OAPIF:${base}/api/ogc`, "commons"], {
        env: gdalEnv(),
        timeout: 60_000,
      });
      expect(stderr).toBe("");
      const out = await ogrinfo("-so", gpkg, "commons");
      expect(out).toMatch(/^Geometry: Multi Polygon$/m);
      expect(out).toMatch(/Feature Count: 6\b/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("serves items in Lambert-93 and other CRS (Part 2), as PROJ computes them, and takes a bbox in them", async () => {
    const L93 = "http://www.opengis.net/def/crs/EPSG/0/2154";
    const collection = (await (await fetch(`${base}/api/ogc/collections/commons`)).json()) as {
      crs: string[];
      storageCrs: string;
    };
    expect(collection.crs).toEqual(expect.arrayContaining([CRS84_URI, L93, "http://www.opengis.net/def/crs/EPSG/0/4171"]));
    expect(collection.storageCrs).toBe(CRS84_URI);

    const response = await fetch(
      `${base}/api/ogc/collections/commons/items?crs=${encodeURIComponent(L93)}&kind=MAP&bbox=-5,42,9,52`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-crs")).toBe(`<${L93}>`);
    const body = (await response.json()) as { features: { geometry: { type: string; coordinates: number[][][][] } }[] };
    const ring = body.features[0]!.geometry.coordinates[0]![0]!;
    // GDAL's PROJ, the reference: the triangle's vertices in Lambert-93, within a millimetre.
    const proj = await toLambert93("-2 47\n-1 47\n-2 48\n");
    const expected = proj;
    expect(ring.slice(0, 3)).toHaveLength(3);
    ring.slice(0, 3).forEach(([x, y], i) => {
      expect(Math.abs(x! - expected[i]![0]!), `x ${i}`).toBeLessThan(0.001);
      expect(Math.abs(y! - expected[i]![1]!), `y ${i}`).toBeLessThan(0.001);
    });

    // The Rennes box, given in Lambert-93: still exact (the triangle's bounding box overlaps it, not the triangle).
    const corners = await toLambert93("-1.2 47.8\n-1.1 47.9\n-1.6 47.4\n-1.4 47.45\n");
    const [a, b, c, d] = corners as [[number, number], [number, number], [number, number], [number, number]];
    const l93 = encodeURIComponent(L93);
    const outside = await items(`bbox-crs=${l93}&bbox=${[a[0], a[1], b[0], b[1]].join(",")}`);
    expect(outside.status).toBe(200);
    expect(outside.body.numberMatched).toBe(0);
    const inside = await items(`bbox-crs=${l93}&bbox=${[c[0], c[1], d[0], d[1]].join(",")}`);
    expect(inside.body.features.map((f) => f.properties.title)).toEqual([`Bocage de Rennes ${tag}`]);

    // EPSG:4326 and RGF93 geographic are latitude first, in the bbox and in the coordinates.
    const latFirst = "http://www.opengis.net/def/crs/EPSG/0/4171";
    const rgf = await fetch(
      `${base}/api/ogc/collections/commons/items?crs=${encodeURIComponent(latFirst)}&bbox-crs=${encodeURIComponent(latFirst)}&bbox=47.4,-1.6,47.45,-1.4`,
    );
    const rgfBody = (await rgf.json()) as { numberMatched: number; features: { geometry: { coordinates: number[][][][] } }[] };
    expect(rgf.headers.get("content-crs")).toBe(`<${latFirst}>`);
    expect(rgfBody.numberMatched).toBe(1);
    expect(rgfBody.features[0]!.geometry.coordinates[0]![0]![0]).toEqual([47, -2]);

    for (const bad of [
      "crs=EPSG:2154",
      "crs=http://www.opengis.net/def/crs/EPSG/0/9999",
      "bbox-crs=urn:ogc:def:crs:EPSG::2154",
    ]) {
      const refused = await fetch(`${base}/api/ogc/collections/commons/items?${bad}&bbox=0,0,1,1`);
      expect(refused.status, bad).toBe(400);
    }
    const web = await fetch(
      `${base}/api/ogc/collections/commons/items?crs=${encodeURIComponent("http://www.opengis.net/def/crs/EPSG/0/3857")}`,
    );
    expect(web.status).toBe(200);
  });

  it("filters by a bounding box (spatial filter sent as bbox)", async () => {
    requested.length = 0;
    const out = await ogrinfo("-spat", "-5", "48", "-4", "49", `OAPIF:${base}/api/ogc`, "commons");
    expect(requested.some((url) => /[?&]bbox=/.test(url))).toBe(true);
    const titles = [...out.matchAll(/^\s*title \(String\) = (.*)$/gm)].map((m) => m[1]);
    expect(titles).toEqual([`Adresses de Brest ${tag}`]);
  });
});
