/**
 * The DCAT-AP catalogue against the official DCAT-AP 3.0.1 SHACL shapes (tests/support/shapes/, copied
 * unchanged from SEMICeu/DCAT-AP releases/3.0.1, CC BY 4.0), over a real PostgreSQL: the served
 * catalogue, in each format offered (JSON-LD, Turtle, RDF/XML, by content negotiation and by alias),
 * parsed back and validated with rdf-validate-shacl. The full profile and the ranges must give zero
 * violations; the recommended shapes' warnings are reported (and expected to be none).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import rdf from "@zazuko/env-node";
import SHACLValidator from "rdf-validate-shacl";
import type { DatasetCore, Term } from "@rdfjs/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { proposeCommons } from "@/lib/commons/commons";
import { dcatCatalogue } from "@/lib/opendata/dcat";
import { openDataHandler } from "@/lib/api/open-data-http";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

const APP_URL = "http://localhost:3000";
let t: TestDatabase;
const deps = () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session", operatorName: "Géocommuns" });
const handler = openDataHandler(dcatCatalogue, { deps: () => deps(), anonymous: true });

const SHAPES = path.resolve(import.meta.dirname, "../support/shapes");

async function parse(text: string, mediaType: string, baseIRI?: string) {
  const stream = rdf.formats.parsers.import(mediaType, Readable.from([text]), baseIRI ? { baseIRI } : {});
  if (!stream) throw new Error(`no parser for ${mediaType}`);
  return rdf.dataset().import(stream);
}

async function shapes(...files: string[]) {
  const dataset = rdf.dataset();
  for (const file of files) dataset.addAll(await parse(readFileSync(path.join(SHAPES, file), "utf8"), "text/turtle"));
  return dataset;
}

type Finding = { severity: string; focus: string; path: string; message: string; shape: string };

async function validate(shapesGraph: DatasetCore, data: DatasetCore): Promise<Finding[]> {
  const report = await new SHACLValidator(shapesGraph, { factory: rdf }).validate(data);
  return report.results.map((r) => ({
    severity: r.severity?.value.replace("http://www.w3.org/ns/shacl#", "") ?? "",
    focus: r.focusNode?.value ?? "",
    path: r.path?.value ?? "",
    message: r.message.map((m) => m.value).join(" "),
    shape: r.sourceShape?.value ?? "",
  }));
}

/** One line per distinct (severity, path, message), with a count: readable when it fails. */
function summary(findings: Finding[]): string[] {
  const counts = new Map<string, { n: number; example: string }>();
  for (const f of findings) {
    const key = `${f.severity} ${f.path} ${f.message}`;
    const seen = counts.get(key);
    counts.set(key, { n: (seen?.n ?? 0) + 1, example: seen?.example ?? f.focus });
  }
  return [...counts].map(([key, { n, example }]) => `${n}× ${key} (e.g. ${example})`);
}

const square = (lon: number, lat: number, size = 0.5) => [
  [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ],
];

const ids: Record<string, string> = {};
const slugs: Record<string, string> = {};
const BULK = 60;

beforeAll(async () => {
  t = await createTestDatabase();
  const owner = await createPerson(t.db);
  const slug = unique("dcat").toLowerCase();
  const pub = await createCommunity(t.db, {
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
  await t.db.membership.updateMany({ where: { communityId: pub.id }, data: { status: "ACTIVE" } });
  const propose = async (key: string, input: Record<string, unknown>) => {
    const commonsSlug = unique("c").toLowerCase();
    slugs[key] = commonsSlug;
    const created = await proposeCommons(t.db, {
      actor: owner,
      slug,
      input: { slug: commonsSlug, summary: "Un commun.", kind: "DATASET", licence: "etalab-2.0", status: "PROPOSED", ...input },
    });
    ids[key] = created.id;
  };
  await propose("full", {
    // What each syntax must escape: quotes, backslash, markup, line breaks (a CR too), tabs, astral characters.
    title: 'Base "adresse" de Brest \\ <BAL> & co',
    description: "Adresses <certifiées> & « vérifiées ».\r\nLigne\tdeux ]]> \"\"\" 🗺️ ''' @fr ^^",
    coverage: { type: "Polygon", coordinates: square(-4.6, 48.3) },
    dataUrl: "https://data.example.org/bal.csv?a=1&b=2",
    documentationUrl: "https://doc.example.org/bal",
    repositoryUrl: "https://git.example.org/bal",
  });
  await propose("multi", {
    title: "Pistes cyclables",
    kind: "MAP",
    licence: "ODbL-1.0",
    coverage: { type: "MultiPolygon", coordinates: [square(4.7, 45.6), square(6, 46)] },
  });
  await propose("software", { title: "Logiciel", kind: "SOFTWARE", licence: "CC0-1.0" });
  await t.db.commons.createMany({
    data: Array.from({ length: BULK }, (_, i) => ({
      communityId: pub.id,
      slug: `bulk-${i}`,
      title: `Commun ${i}`,
      summary: "En nombre.",
      kind: "OTHER" as const,
      licence: "CC-BY-4.0",
      status: "ADOPTED" as const,
    })),
  });
});

afterAll(async () => {
  await t?.drop();
});

async function fetchCatalogue(pathname: string, accept?: string) {
  const headers: Record<string, string> = { "accept-language": "fr" };
  if (accept) headers.accept = accept;
  return handler(new Request(`${APP_URL}${pathname}`, { headers }), { params: Promise.resolve({}) });
}

const formats = [
  { name: "JSON-LD", path: "/api/catalogue/dcat.jsonld", accept: undefined, type: "application/ld+json" },
  { name: "Turtle (negotiated)", path: "/api/catalogue/dcat.jsonld", accept: "text/turtle", type: "text/turtle" },
  {
    name: "RDF/XML (negotiated)",
    path: "/api/catalogue/dcat.jsonld",
    accept: "application/rdf+xml;q=0.9, text/html;q=0.5",
    type: "application/rdf+xml",
  },
  { name: "Turtle (alias)", path: "/api/catalogue/dcat.ttl", accept: undefined, type: "text/turtle" },
  { name: "RDF/XML (alias)", path: "/api/catalogue/dcat.rdf", accept: undefined, type: "application/rdf+xml" },
] as const;

describe("DCAT-AP 3.0.1 catalogue against the official SHACL shapes", () => {
  let full: DatasetCore;
  let recommended: DatasetCore;
  const graphs = new Map<string, DatasetCore>();

  beforeAll(async () => {
    full = await shapes("3.0.1-shacl_dcat-ap-SHACL.ttl", "3.0.1-html_shacl_range.ttl");
    recommended = await shapes("3.0.1-html_shacl_shapes_recommended.ttl");
  });

  for (const format of formats) {
    it(`${format.name}: parses back, every public commons a dcat:Dataset, zero violations`, async () => {
      const response = await fetchCatalogue(format.path, format.accept);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(new RegExp(`^${format.type.replace("+", "\\+")}`));
      const data = await parse(await response.text(), format.type, `${APP_URL}${format.path}`);
      graphs.set(format.name, data);
      const datasets = [...data.match(null, rdf.ns.rdf.type, rdf.ns.dcat.Dataset)].map((q) => q.subject.value);
      expect(datasets).toHaveLength(BULK + 3);
      const findings = await validate(full, data);
      expect(summary(findings.filter((f) => f.severity === "Violation"))).toEqual([]);
      expect(response.headers.get("vary")).toMatch(/Accept/);
    }, 60_000);
  }

  it("every format says the same thing (the same triples, blank nodes aside)", () => {
    const canonical = (dataset: DatasetCore) =>
      new Set(
        [...dataset]
          .filter((q) => q.subject.termType !== "BlankNode" && q.object.termType !== "BlankNode")
          .map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}`),
      );
    const reference = canonical(graphs.get("JSON-LD")!);
    expect(reference.size).toBeGreaterThan(500);
    for (const [name, graph] of graphs) {
      const other = canonical(graph);
      expect(
        [...reference].filter((x) => !other.has(x)),
        name,
      ).toEqual([]);
      expect(
        [...other].filter((x) => !reference.has(x)),
        name,
      ).toEqual([]);
      expect(graph.size, name).toBe(graphs.get("JSON-LD")!.size);
      // The hostile description came through whole (a CR too, which XML parsers would otherwise turn into LF).
      const descriptions = [...graph.match(null, rdf.ns.dcterms.description, null)].map((q) => q.object.value);
      expect(
        descriptions.some((d) => d.includes("».\r\nLigne\tdeux ]]> \"\"\" 🗺️ ''' @fr ^^")),
        name,
      ).toBe(true);
    }
  });

  it("reports the recommended shapes' warnings: only facts the platform does not know", async () => {
    const findings = await validate(recommended, graphs.get("JSON-LD")!);
    const lines = summary(findings);
    if (lines.length > 0) console.warn(`DCAT-AP 3.0.1 recommended shapes, warnings left:\n${lines.join("\n")}`);
    expect(findings.every((f) => f.severity === "Warning")).toBe(true);
    const DCT = "http://purl.org/dc/terms/";
    // A commons records no period its data covers (dct:temporal), a commons without a coverage has no
    // dct:spatial, and communities and the operator record no kind of publisher (dct:type, ADMS).
    const withCoverage = [slugs.full!, slugs.multi!];
    for (const f of findings) {
      if (f.path === `${DCT}temporal`) continue;
      if (f.path === `${DCT}spatial`) {
        expect(
          withCoverage.some((slug) => f.focus.endsWith(`/commons/${slug}`)),
          f.focus,
        ).toBe(false);
        continue;
      }
      expect(f.path === `${DCT}type` && !f.focus.includes("/commons/"), `${f.path} on ${f.focus}: ${f.message}`).toBe(true);
    }
  }, 60_000);

  it("describes the catalogue (dates, licence, extent) and typed geometries, formats and languages", () => {
    const graph = graphs.get("Turtle (alias)")!;
    const one = (s: string | Term, p: string) => {
      const subject = typeof s === "string" ? rdf.namedNode(s) : s;
      const values = [...graph.match(subject, rdf.namedNode(p), null)].map((q) => q.object);
      expect(values, `${subject.value} ${p}`).toHaveLength(1);
      return values[0]!;
    };
    const DCT = "http://purl.org/dc/terms/";
    const DCAT = "http://www.w3.org/ns/dcat#";
    const catalogueId = `${APP_URL}/api/catalogue/dcat.jsonld`;
    expect(one(catalogueId, `${DCT}issued`).value).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(one(catalogueId, `${DCT}modified`).value).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(one(catalogueId, `${DCT}license`).value).toBe("http://spdx.org/licenses/etalab-2.0");
    // The box of the listed coverages: Brest and the two parts near Lyon.
    const extent = one(catalogueId, `${DCT}spatial`);
    expect(one(extent, `${DCAT}bbox`).value).toBe("POLYGON((-4.6 45.6,6.5 45.6,6.5 48.8,-4.6 48.8,-4.6 45.6))");
    expect(
      [...graph.match(rdf.namedNode(catalogueId), rdf.namedNode(`${DCT}language`), null)].map((q) => q.object.value).sort(),
    ).toEqual([
      "http://publications.europa.eu/resource/authority/language/ENG",
      "http://publications.europa.eu/resource/authority/language/FRA",
    ]);
    const multi = [...graph.match(null, rdf.namedNode(`${DCT}identifier`), rdf.literal(ids.multi!))][0]!.subject.value;
    const location = one(multi, `${DCT}spatial`);
    const geometry = one(location, "http://www.w3.org/ns/locn#geometry");
    expect(geometry.termType).toBe("BlankNode");
    const geoJson = one(geometry, "http://www.opengis.net/ont/geosparql#asGeoJSON");
    expect((geoJson as { datatype?: { value: string } }).datatype?.value).toBe(
      "http://www.opengis.net/ont/geosparql#geoJSONLiteral",
    );
    expect(JSON.parse(geoJson.value)).toMatchObject({ type: "MultiPolygon" });
    const coverage = one(`${multi}#coverage`, `${DCT}format`);
    expect(coverage.value).toBe("http://publications.europa.eu/resource/authority/file-type/GEOJSON");
    expect(one(`${multi}#coverage`, `${DCAT}mediaType`).value).toBe(
      "https://www.iana.org/assignments/media-types/application/geo+json",
    );
  });

  it("refuses a format it cannot serve with 406", async () => {
    const response = await fetchCatalogue("/api/catalogue/dcat.jsonld", "application/pdf");
    expect(response.status).toBe(406);
  });
});
