/**
 * Both API descriptions pass `redocly lint` with the recommended rules and not one warning: the JSON
 * API's OpenAPI 3.1 document (GET /api/v1/openapi.json) and the OGC API – Features definition
 * (GET /api/ogc/api, OpenAPI 3.0), each as its route serves it.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindRoute } from "@/lib/api/handle";
import { openApiRoute } from "@/lib/api/v1/registry";
import { ogcHandler } from "@/lib/opendata/ogc";
import { createTestDatabase, type TestDatabase } from "../support/db";

const APP_URL = "https://geocommuns.example.org";
const REDOCLY = path.join(process.cwd(), "node_modules/.bin/redocly");
let t: TestDatabase;
let dir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), "gc-redocly-"));
});
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

/** redocly lint's problems (errors and warnings) for a document, from its JSON report. */
async function lint(name: string, document: string): Promise<{ ruleId: string; severity: string; message: string }[]> {
  const file = path.join(dir, name);
  await writeFile(file, document);
  const { stdout } = await promisify(execFile)(REDOCLY, ["lint", "--extends", "recommended", "--format", "json", file], {
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" },
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  const report = JSON.parse(stdout.slice(stdout.indexOf("{"))) as {
    problems: { ruleId: string; severity: string; message: string }[];
  };
  return report.problems.map(({ ruleId, severity, message }) => ({ ruleId, severity, message }));
}

describe("redocly lint (recommended rules)", () => {
  it("finds nothing to say about the JSON API's OpenAPI document", async () => {
    const handler = bindRoute(openApiRoute, () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session" }));
    const response = await handler(new Request(`${APP_URL}/api/v1/openapi.json`), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    expect(await lint("v1.json", await response.text())).toEqual([]);
  }, 60_000);

  it("finds nothing to say about the OGC API's definition", async () => {
    const ogc = ogcHandler(() => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session", operatorName: "Géocommuns" }));
    const response = await ogc(new Request(`${APP_URL}/api/ogc/api`));
    expect(response.status).toBe(200);
    expect(await lint("ogc.json", await response.text())).toEqual([]);
  }, 60_000);

  it("does report a flawed document (the test cannot pass vacuously)", async () => {
    const flawed = {
      openapi: "3.1.0",
      info: { title: "x", version: "1" },
      paths: { "/a": { get: { responses: { 200: { description: "ok" } } } } },
    };
    const problems = await lint("flawed.json", JSON.stringify(flawed));
    expect(problems.map((p) => p.ruleId)).toEqual(expect.arrayContaining(["info-license", "operation-operationId"]));
  }, 60_000);
});
