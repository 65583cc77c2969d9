/// <reference types="vite/client" />
/**
 * The OpenAPI document drives the API, over a real PostgreSQL: every operation it lists is called
 * through its route handler, anonymously, with a bad token and with a member's token, with inputs
 * generated from the document's own schemas (valid ones, then invalid query parameters and bodies),
 * and every answer must be one the document declares for that operation: its status, its content
 * type, and a body its schema accepts (JSON Schema 2020-12, ajv). An operation that declares
 * anonymous access must not answer an anonymous caller 401, and one that does not must.
 */
import Ajv2020 from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument, v1Routes } from "@/lib/api/v1/registry";
import { createCommunity } from "@/lib/communities/create-community";
import { proposeCommons } from "@/lib/commons/commons";
import { recordContribution } from "@/lib/commons/contributions";
import { createApiToken } from "@/lib/tokens/create-token";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

type Json = Record<string, unknown>;
type Schema = Json & { $ref?: string };
type Operation = {
  operationId: string;
  security?: Json[];
  parameters?: { name: string; in: "path" | "query" | "header"; required?: boolean; schema: Schema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, Json & { $ref?: string; content?: Record<string, { schema: Schema }> }>;
};

const APP_URL = "http://localhost:3000";
const DOC_ID = "https://geocommuns.test/openapi.json";
const document = openApiDocument({ serverUrl: APP_URL, sessionCookieName: "gc.session" }) as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: Json & { responses: Record<string, Json> };
};
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: DOC_ID, components: document.components });

const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })),
);
const routeOf = (operationId: string) => v1Routes.find((route) => route.operationId === operationId)!;

/** A local `#/components/…` pointer's target. */
function resolve<T = Schema>(node: T & { $ref?: string }): T {
  if (!node.$ref) return node;
  let target: unknown = document;
  for (const key of node.$ref.slice(2).split("/")) target = (target as Json)[key];
  return resolve(target as T & { $ref?: string });
}

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/** A value the schema accepts, as simple as can be (defaults and first choices first). */
function generate(raw: Schema, depth = 0): unknown {
  const schema = resolve(raw);
  if (depth > 8) return null;
  if ("default" in schema) return schema.default;
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const key of ["oneOf", "anyOf"] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (options) return generate(options.find((o) => resolve(o).type !== "null") ?? options[0]!, depth + 1);
  }
  if (Array.isArray(schema.allOf)) return generate(schema.allOf[0] as Schema, depth + 1);
  const type = Array.isArray(schema.type) ? (schema.type.find((t) => t !== "null") as string) : (schema.type as string);
  switch (type) {
    case "string": {
      if (schema.format === "date") return yesterday();
      if (schema.format === "date-time") return new Date(Date.now() - 86_400_000).toISOString();
      if (schema.format === "uri" || schema.format === "url") return "https://example.org/data";
      const min = Number(schema.minLength ?? 1);
      const candidates = [
        unique("gen")
          .toLowerCase()
          .replace(/[^a-z0-9]/g, ""),
        "abc-def",
        "2026-01-01",
        "x".repeat(Math.max(min, 3)),
      ];
      const pattern = typeof schema.pattern === "string" ? new RegExp(schema.pattern) : null;
      const found = candidates.find((c) => (!pattern || pattern.test(c)) && c.length >= min);
      return (found ?? "x".repeat(min)).slice(0, Number(schema.maxLength ?? 1000));
    }
    case "integer":
    case "number": {
      const min =
        typeof schema.minimum === "number"
          ? schema.minimum
          : typeof schema.exclusiveMinimum === "number"
            ? schema.exclusiveMinimum + 1
            : 1;
      return typeof schema.maximum === "number" ? Math.min(min, schema.maximum) : min;
    }
    case "boolean":
      return false;
    case "array":
      return Array.from({ length: Number(schema.minItems ?? 0) }, (_, i) =>
        generate((schema.prefixItems as Schema[] | undefined)?.[i] ?? (schema.items as Schema) ?? { type: "string" }, depth + 1),
      );
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(required.map((name) => [name, generate(properties[name] ?? { type: "string" }, depth + 1)]));
    }
    default:
      return null;
  }
}

/** A value of the wrong kind for a query parameter, or null when any string is acceptable. */
function invalidQueryValue(raw: Schema): string | null {
  const schema = resolve(raw);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (Array.isArray(schema.enum)) return "NOT_ONE_OF_THEM";
  if (type === "integer" || type === "number") return "not-a-number";
  if (typeof schema.maxLength === "number") return "x".repeat(schema.maxLength + 1);
  return null;
}

let t: TestDatabase;
const fixtures: Record<string, string> = {};
let writer: string;
let outsider: string;

beforeAll(async () => {
  t = await createTestDatabase();
  // The app's route files read the process's configuration and database (lib/db/client.ts db()): this test's.
  process.env.DATABASE_URL = t.url;
  process.env.AUTH_SECRET ??= "x".repeat(32);
  (globalThis as { geocommunsDb?: unknown }).geocommunsDb = t.db;
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const slug = unique("oas").toLowerCase();
  await createCommunity(t.db, {
    actor: owner,
    input: { name: "API documentée", slug, summary: "S.", description: "", visibility: "PUBLIC", joinPolicy: "OPEN" },
  });
  const commons = await proposeCommons(t.db, {
    actor: owner,
    slug,
    input: {
      slug: "zone",
      title: "Zone",
      summary: "Un commun.",
      kind: "DATASET",
      licence: "etalab-2.0",
      status: "PROPOSED",
      coverage: {
        type: "Polygon",
        coordinates: [
          [
            [2, 48],
            [3, 48],
            [3, 49],
            [2, 48],
          ],
        ],
      },
    },
  });
  const contribution = await recordContribution(t.db, {
    actor: owner,
    commonsId: commons.id,
    input: { type: "CODE", description: "Du code.", date: yesterday() },
  });
  ({ secret: writer } = await createApiToken(t.db, { userId: owner.id, input: { name: "oas", scopes: ["read", "write"] } }));
  // Someone outside the community: refused where members and moderators are not (e.g. the moderation queue's 403).
  const stranger = await createPerson(t.db, { actorKind: "RESEARCH" });
  ({ secret: outsider } = await createApiToken(t.db, { userId: stranger.id, input: { name: "oas", scopes: ["read", "write"] } }));
  Object.assign(fixtures, { slug, commons: commons.id, contribution: contribution.id });
});
afterAll(async () => {
  await t.drop();
});

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * The handler Next.js serves for this path and method: app/api/v1/…/route.ts itself (with the
 * wrappers some routes add, e.g. plain-text answers), reading this test's database.
 */
const appRoutes = import.meta.glob<Record<string, Handler>>("../../app/api/v1/**/route.ts");

async function appHandler(path: string, method: string): Promise<Handler> {
  const file = `../../app/api/v1/${path.replace(/^\/api\/v1\//, "").replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
  const load = appRoutes[file];
  if (!load) throw new Error(`no ${file}`);
  const handler = (await load())[method];
  if (!handler) throw new Error(`${file} exports no ${method}`);
  return handler;
}

/** Path parameters from the fixtures, by name and by the path they are in. */
function pathFor(path: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value =
      name === "slug"
        ? fixtures.slug!
        : path.startsWith("/api/v1/commons/")
          ? fixtures.commons!
          : path.startsWith("/api/v1/contributions/")
            ? fixtures.contribution!
            : `unknown${name}`;
    params[name] = value;
    return encodeURIComponent(value);
  });
  return { url, params };
}

async function call(
  { path, method, operation }: (typeof operations)[number],
  { token, query = {}, body }: { token?: string; query?: Record<string, string>; body?: unknown },
) {
  const { url, params } = pathFor(path);
  const search = new URLSearchParams(query).toString();
  const headers: Record<string, string> = { "accept-language": "fr" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = Object.keys(operation.requestBody?.content ?? {})[0] ?? "application/json";
  const handler = await appHandler(path, method);
  const response = await handler(
    new Request(`${APP_URL}${url}${search ? `?${search}` : ""}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

/** The answer is one the document declares: status, content type, and a body its schema accepts. */
function expectDeclared(op: (typeof operations)[number], answer: Awaited<ReturnType<typeof call>>, what: string) {
  const label = `${op.method} ${op.path} (${what}) → ${answer.status} ${answer.text.slice(0, 300)}`;
  const declared = op.operation.responses[String(answer.status)];
  expect(declared, label).toBeDefined();
  const response = resolve(declared!);
  const content = response.content as Record<string, { schema: Schema }> | undefined;
  if (!content) {
    expect(answer.text, label).toBe("");
    return;
  }
  const bare = (type: string) => type.split(";")[0]!.trim().toLowerCase();
  const mediaType = Object.keys(content).find((declaredType) => bare(declaredType) === bare(answer.type));
  expect(mediaType, `${label}: ${answer.type} not among ${Object.keys(content).join(", ")}`).toBeDefined();
  if (!bare(mediaType!).includes("json")) return;
  const schema = content[mediaType!]!.schema;
  const validate = schema.$ref ? ajv.getSchema(`${DOC_ID}${schema.$ref}`)! : ajv.compile(schema);
  const body = JSON.parse(answer.text) as unknown;
  expect(validate(body) ? [] : validate.errors, label).toEqual([]);
}

const queryParameters = (op: Operation) => (op.parameters ?? []).filter((p) => p.in === "query");
const validQuery = (op: Operation) =>
  Object.fromEntries(
    queryParameters(op)
      .filter((p) => p.required)
      .map((p) => [p.name, String(generate(p.schema))]),
  );
const validBody = (op: Operation) => {
  const json = op.requestBody?.content["application/json"];
  return json ? generate(json.schema) : op.requestBody ? "" : undefined;
};
/** Operations signed by other means than tokens (webhook signatures, witness signatures): `[{}]` with their own 401. */
const signedOtherwise = (op: Operation) => JSON.stringify(op.security) === "[{}]";

describe("the OpenAPI document drives the API", () => {
  it("lists the operations the registry serves", () => {
    expect(operations.length).toBe(v1Routes.length);
    for (const { operation } of operations) expect(routeOf(operation.operationId), operation.operationId).toBeDefined();
  });

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))(
    "%s answers only as documented, anonymous, with a bad token, and with valid and invalid inputs",
    async (_, op) => {
      const { operation } = op;
      const anonymousAllowed = (operation.security ?? []).some((alternative) => Object.keys(alternative).length === 0);

      // Anonymous, valid inputs.
      const anonymous = await call(op, { query: validQuery(operation), body: validBody(operation) });
      expectDeclared(op, anonymous, "anonymous");
      if (!signedOtherwise(operation)) {
        if (anonymousAllowed) expect(anonymous.status, `${op.path} declares anonymous access`).not.toBe(401);
        else expect(anonymous.status, `${op.path} declares no anonymous access`).toBe(401);
      }

      // A token that does not exist.
      if (!signedOtherwise(operation)) {
        const bad = await call(op, { token: "gct_doesnotexist", query: validQuery(operation), body: validBody(operation) });
        expectDeclared(op, bad, "bad token");
        expect(bad.status).toBe(401);
      }

      // A member's read and write token, valid inputs.
      const member = await call(op, { token: writer, query: validQuery(operation), body: validBody(operation) });
      expectDeclared(op, member, "token");
      expect(member.status).not.toBe(500);

      // Someone outside the community, valid inputs.
      const stranger = await call(op, { token: outsider, query: validQuery(operation), body: validBody(operation) });
      expectDeclared(op, stranger, "outsider");

      // Invalid query parameters, one at a time: 400 (or the caller is refused before, as documented).
      for (const parameter of queryParameters(operation)) {
        const value = invalidQueryValue(parameter.schema);
        if (value === null) continue;
        const answer = await call(op, {
          token: writer,
          query: { ...validQuery(operation), [parameter.name]: value },
          body: validBody(operation),
        });
        expectDeclared(op, answer, `bad ${parameter.name}`);
        if (member.status < 400) expect(answer.status, `${op.path}?${parameter.name}=${value}`).toBe(400);
      }

      // An invalid body: not an object where one is expected.
      if (operation.requestBody?.content["application/json"]) {
        const answer = await call(op, { token: writer, query: validQuery(operation), body: "[1, 2" });
        expectDeclared(op, answer, "malformed body");
        if (!signedOtherwise(operation)) expect(answer.status).toBe(400);
        const wrong = await call(op, { token: writer, query: validQuery(operation), body: ["not", "an", "object"] });
        expectDeclared(op, wrong, "wrong body");
      }
    },
  );
});
