/**
 * OpenStreetMap and STAC imports (issue 16) against a real PostgreSQL and a local HTTP server serving
 * real-format fixtures (OSM API 0.6 changesets XML, a Panoramax STAC ItemCollection with a `next`
 * page); nothing reaches the internet. Each changeset, and each producer's past day of pictures, is
 * one contribution, whatever the number of imports; an unknown author waits to be claimed; a server
 * that is down or answers garbage leaves the source's last error and makes the job fail (so that
 * pg-boss retries it with backoff), and the next good import clears it.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IdentityProvider } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { createSource } from "@/lib/connectors/sources";
import { ImportError, importSource, parseOsmChangesets } from "@/lib/connectors/imports";
import { importSourceJob } from "@/lib/jobs/definitions/import-sources";
import type { JobContext } from "@/lib/jobs/types";
import type { ConnectorUrls } from "@/lib/connectors/settings";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
let server: Server;
let base: string;
const fixtures = path.resolve(import.meta.dirname, "../fixtures/connectors");
const osmXml = readFileSync(path.join(fixtures, "osm-changesets.xml"), "utf8");
const stacJson = readFileSync(path.join(fixtures, "stac-items.json"), "utf8");
const requests: string[] = [];

let lea: TestPerson;
let ines: TestPerson;
let steward: TestPerson;
let community: { slug: string };
let commons: { slug: string };

const urlsFor = (osm: string): ConnectorUrls => ({ github: base, gitlab: base, gitea: base, osm: `${base}${osm}` });

beforeAll(async () => {
  t = await createTestDatabase();
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/osm/api/0.6/changesets") {
      res.writeHead(200, { "content-type": "application/xml; charset=utf-8" });
      return res.end(osmXml);
    }
    if (url.pathname === "/garbage/api/0.6/changesets" || url.pathname.startsWith("/garbage/")) {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<html><body>Maintenance</body></html>");
    }
    if (url.pathname.startsWith("/down/")) {
      res.writeHead(503, { "content-type": "text/plain" });
      return res.end("Service Unavailable");
    }
    if (url.pathname === "/stac/collections/f3b1a2c4-5d6e-4f70-8a9b-0c1d2e3f4a5b/items") {
      res.writeHead(200, { "content-type": "application/geo+json" });
      if (url.searchParams.get("page") === "2") {
        return res.end(JSON.stringify({ type: "FeatureCollection", features: [], links: [] }));
      }
      const page = JSON.parse(stacJson) as { links: unknown[] };
      page.links.push({
        rel: "next",
        type: "application/geo+json",
        href: `${base}/stac/collections/f3b1a2c4-5d6e-4f70-8a9b-0c1d2e3f4a5b/items?limit=100&page=2`,
      });
      return res.end(JSON.stringify(page));
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  steward = await createPerson(t.db);
  lea = await createPerson(t.db);
  ines = await createPerson(t.db);
  const slug = unique("imp").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: steward,
    input: { name: "Cartographes", slug, summary: "Des communs.", description: "", visibility: "PUBLIC", joinPolicy: "OPEN" },
  });
  community = { slug };
  for (const person of [lea, ines]) {
    await t.db.membership.create({ data: { communityId: id, userId: person.id, college: "CIVIL_SOCIETY", status: "ACTIVE" } });
  }
  const k = await t.db.commons.create({
    data: {
      communityId: id,
      slug: unique("k").toLowerCase(),
      title: "Adresses",
      summary: "Les adresses.",
      kind: "DATASET",
      licence: "etalab-2.0",
      status: "ADOPTED",
      proposerId: steward.id,
    },
  });
  commons = { slug: k.slug };
  const verified = async (person: TestPerson, provider: IdentityProvider, username: string) =>
    t.db.externalIdentity.create({
      data: {
        userId: person.id,
        provider,
        externalUsername: username,
        externalKey: username.toLowerCase(),
        challenge: "x",
        verifiedAt: new Date(),
      },
    });
  await verified(lea, "OSM", "Léa R");
  await verified(ines, "STAC", "ines_m");
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

async function source(input: Record<string, unknown>) {
  const { id } = await createSource(t.db, {
    actor: steward,
    communitySlug: community.slug,
    commonsSlug: commons.slug,
    input: { label: "Import", autoValidate: true, contributionType: "DATA_PRODUCTION", ...input },
  });
  return id;
}

describe("OpenStreetMap changesets", () => {
  it("parses the API's XML, entities included", () => {
    const [first] = parseOsmChangesets(osmXml);
    expect(first).toMatchObject({ id: "158234567", user: "Léa R", uid: "1234567", changes: 42, open: false });
    expect(first!.tags.comment).toBe("Ajout des numéros d'adresse rue Mouffetard & alentours");
    expect(() => parseOsmChangesets("<html></html>")).toThrow(ImportError);
  });

  it("imports each changeset once as a contribution of the member who linked the OSM account", async () => {
    const sourceId = await source({ kind: "OSM", osmUser: "Léa R", osmBbox: "2.34,48.84,2.36,48.86" });
    const first = await importSource(t.db, { sourceId, urls: urlsFor("/osm") });
    expect(first).toEqual({ fetched: 3, recorded: 3, unmatched: 0, duplicates: 0 });
    const asked = new URL(
      requests.findLast((r) => r.startsWith("/osm/"))!,
      base,
    );
    expect(asked.searchParams.get("display_name")).toBe("Léa R");
    expect(asked.searchParams.get("bbox")).toBe("2.34,48.84,2.36,48.86");
    expect(asked.searchParams.get("closed")).toBe("true");
    const rows = await t.db.contribution.findMany({ where: { sourceId }, orderBy: { externalId: "asc" } });
    expect(rows.map((r) => [r.externalId, r.authorId, r.quantity, r.unit, r.state])).toEqual([
      ["changeset:158234567", lea.id, 42, "changes", "VALIDATED"],
      ["changeset:158240001", lea.id, 7, "changes", "VALIDATED"],
      ["changeset:158241111", lea.id, 3, "changes", "VALIDATED"],
    ]);
    expect(rows[0]!.link).toBe("https://www.openstreetmap.org/changeset/158234567");
    expect(rows[0]!.date.toISOString()).toBe("2026-11-28T09:40:11.000Z");
    expect(rows[2]!.description).toContain("158241111");
    // Importing again changes nothing.
    expect(await importSource(t.db, { sourceId, urls: urlsFor("/osm") })).toEqual({
      fetched: 3,
      recorded: 0,
      unmatched: 0,
      duplicates: 3,
    });
    expect(await t.db.contribution.count({ where: { sourceId } })).toBe(3);
    const row = await t.db.contributionSource.findUniqueOrThrow({ where: { id: sourceId } });
    expect(row.lastImportAt).not.toBeNull();
    expect(row.lastError).toBeNull();
  });

  it("a server down or answering garbage: the import fails, the source shows why, nothing is stored; the next good one clears it", async () => {
    const sourceId = await source({ kind: "OSM", osmUser: "Léa R" });
    await expect(importSource(t.db, { sourceId, urls: urlsFor("/garbage") })).rejects.toBeInstanceOf(ImportError);
    let row = await t.db.contributionSource.findUniqueOrThrow({ where: { id: sourceId } });
    expect(row.lastError).toContain("<osm>");
    expect(row.lastImportAt).toBeNull();
    await expect(importSource(t.db, { sourceId, urls: urlsFor("/down") })).rejects.toThrow(/HTTP 503/);
    row = await t.db.contributionSource.findUniqueOrThrow({ where: { id: sourceId } });
    expect(row.lastError).toContain("HTTP 503");
    await expect(importSource(t.db, { sourceId, urls: { ...urlsFor(""), osm: "http://127.0.0.1:9" } })).rejects.toBeInstanceOf(
      ImportError,
    );
    expect(await t.db.contribution.count({ where: { sourceId } })).toBe(0);
    // The same changesets reached through another source are that source's own events.
    await importSource(t.db, { sourceId, urls: urlsFor("/osm") });
    row = await t.db.contributionSource.findUniqueOrThrow({ where: { id: sourceId } });
    expect(row.lastError).toBeNull();
    expect(await t.db.contribution.count({ where: { sourceId } })).toBe(3);
  });
});

describe("STAC collections (Panoramax)", () => {
  const now = new Date("2026-12-03T10:00:00Z");

  it("imports each producer's past day of pictures once, following `next` pages; unknown producers wait to be claimed", async () => {
    const sourceId = await source({
      kind: "STAC",
      stacUrl: `${base}/stac`,
      stacCollection: "f3b1a2c4-5d6e-4f70-8a9b-0c1d2e3f4a5b",
    });
    expect(await importSource(t.db, { sourceId, now })).toEqual({ fetched: 3, recorded: 2, unmatched: 1, duplicates: 0 });
    expect(requests.some((r) => r.includes("page=2"))).toBe(true);
    const rows = await t.db.contribution.findMany({ where: { sourceId }, orderBy: { date: "asc" } });
    expect(rows.map((r) => [r.authorId, r.quantity, r.unit])).toEqual([
      [ines.id, 2, "pictures"],
      [ines.id, 1, "pictures"],
    ]);
    const waiting = await t.db.unmatchedEvent.findMany({ where: { sourceId } });
    expect(waiting).toEqual([expect.objectContaining({ provider: "STAC", externalUsername: "someone_else", quantity: 1 })]);
    expect(await importSource(t.db, { sourceId, now })).toEqual({ fetched: 3, recorded: 0, unmatched: 0, duplicates: 3 });
  });

  it("filters by author, and leaves today's pictures for when the day is over", async () => {
    const sourceId = await source({
      kind: "STAC",
      stacUrl: `${base}/stac`,
      stacCollection: "f3b1a2c4-5d6e-4f70-8a9b-0c1d2e3f4a5b",
      stacAuthor: "ines_m",
    });
    expect(await importSource(t.db, { sourceId, now: new Date("2026-11-28T12:00:00Z") })).toEqual({
      fetched: 1,
      recorded: 1,
      unmatched: 0,
      duplicates: 0,
    });
  });

  it("the job fails on a garbage answer, so that pg-boss retries it, and the source keeps the error", async () => {
    const sourceId = await source({ kind: "STAC", stacUrl: `${base}/garbage`, stacCollection: "c" });
    const context = { db: t.db } as unknown as JobContext;
    await expect(importSourceJob.handle({ sourceId }, context)).rejects.toBeInstanceOf(ImportError);
    expect((await t.db.contributionSource.findUniqueOrThrow({ where: { id: sourceId } })).lastError).toContain("JSON");
    expect(importSourceJob.options).toMatchObject({ retryBackoff: true });
    expect(importSourceJob.options.retryLimit).toBeGreaterThan(0);
  });
});
