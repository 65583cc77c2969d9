/**
 * GDAL reads the OGC API – Features: `ogrinfo` (Debian gdal-bin) lists the `commons` collection and
 * reads its features, following the API's paging links. The same handler as app/api/ogc serves it
 * from a bare node:http server over a real PostgreSQL database seeded through the use cases; only
 * public, visible commons with a coverage are features.
 */
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { adoptCommons, proposeCommons } from "@/lib/commons/commons";
import { ogcHandler } from "@/lib/opendata/ogc";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

const run = promisify(execFile);
const OGRINFO = process.env.OGRINFO ?? "ogrinfo";

let t: TestDatabase;
let server: Server;
let base: string;
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

beforeAll(async () => {
  t = await createTestDatabase();
  const open = await community("PUBLIC");
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
    expect(out).toMatch(/Feature Count: 3\b/);
    const titles = [...out.matchAll(/^\s*title \(String\) = (.*)$/gm)].map((m) => m[1]);
    expect(titles.sort()).toEqual(
      [`Adresses de Brest ${tag}`, `Bâtiments de Marseille ${tag}`, `Réseau cyclable de Lyon ${tag}`].sort(),
    );
    expect(out).toMatch(/licence \(String\) = ODbL-1\.0/);
    expect(out).toMatch(/status \(String\) = ADOPTED/);
    expect(out).toMatch(/MULTIPOLYGON \(\(\(5\.3 43\.2/);
    expect(out).not.toContain("Réservé");
    expect(out).not.toContain("Brouillon");
    expect(out).not.toContain("Masqué");
  });

  it("filters by a bounding box (spatial filter sent as bbox)", async () => {
    requested.length = 0;
    const out = await ogrinfo("-spat", "-5", "48", "-4", "49", `OAPIF:${base}/api/ogc`, "commons");
    expect(requested.some((url) => /[?&]bbox=/.test(url))).toBe(true);
    const titles = [...out.matchAll(/^\s*title \(String\) = (.*)$/gm)].map((m) => m[1]);
    expect(titles).toEqual([`Adresses de Brest ${tag}`]);
  });
});
