import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { httpMethods } from "@/lib/api/route";
import { openApiDocument, v1Routes } from "@/lib/api/v1/registry";

const root = path.resolve(import.meta.dirname, "../..");
const document = openApiDocument({ serverUrl: "http://localhost:3000", sessionCookieName: "gc.session" });
const operationMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/communities/[slug]/route.ts exporting GET → "GET /api/v1/communities/{slug}" */
function exportedOperations(): string[] {
  return routeFiles(path.join(root, "app/api/v1")).flatMap((file) => {
    const template = path
      .relative(path.join(root, "app"), path.dirname(file))
      .split(path.sep)
      .map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}"))
      .join("/");
    const source = readFileSync(file, "utf8");
    const exported = [...source.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+(\w+)/g)].map((m) => m[1] as string);
    return exported.filter((name) => (httpMethods as readonly string[]).includes(name)).map((method) => `${method} /${template}`);
  });
}

function documentedOperations(): string[] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    Object.keys(item)
      .filter((key) => operationMethods.includes(key))
      .map((method) => `${method.toUpperCase()} ${template}`),
  );
}

function resolvePointer(pointer: string): unknown {
  if (!pointer.startsWith("#/")) return undefined;
  let node: unknown = document;
  for (const raw of pointer.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function collectRefs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => collectRefs(child, found));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") found.push(value);
      else collectRefs(value, found);
    }
  }
  return found;
}

describe("OpenAPI document", () => {
  it("is structurally an OpenAPI 3.1 document", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(Object.keys(document.paths).length).toBeGreaterThan(0);
    const operationIds = new Set<string>();
    for (const [template, item] of Object.entries(document.paths)) {
      expect(template.startsWith("/")).toBe(true);
      for (const [method, operation] of Object.entries(item)) {
        expect(operationMethods).toContain(method);
        const {
          responses,
          operationId,
          parameters = [],
        } = operation as {
          responses: Record<string, unknown>;
          operationId: string;
          parameters?: { name: string; in: string; required?: boolean }[];
        };
        expect(Object.keys(responses).length, `${method} ${template} responses`).toBeGreaterThan(0);
        for (const status of Object.keys(responses)) expect(status).toMatch(/^[1-5]\d\d$/);
        expect(operationIds.has(operationId), `duplicate operationId ${operationId}`).toBe(false);
        operationIds.add(operationId);
        // Every {param} of the template is a required path parameter, and nothing else is.
        const templated = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        const declared = parameters.filter((p) => p.in === "path");
        expect(declared.map((p) => p.name).sort()).toEqual(templated);
        expect(declared.every((p) => p.required === true)).toBe(true);
      }
    }
  });

  it("resolves every $ref inside the document", () => {
    const refs = collectRefs(document);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(resolvePointer(ref), ref).toBeDefined();
  });

  it("declares the bearer and cookie schemes and answers errors as problem+json", () => {
    const components = document.components as {
      securitySchemes: Record<string, { type: string; scheme?: string; in?: string }>;
      responses: Record<string, { content: Record<string, unknown> }>;
    };
    expect(components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
    for (const response of Object.values(components.responses)) {
      expect(Object.keys(response.content)).toEqual(["application/problem+json"]);
    }
    const join = document.paths["/api/v1/communities/{slug}/membership"]?.post as { security: unknown[]; responses: object };
    expect(join.security).toEqual([{ bearerAuth: ["write"] }, { sessionCookie: [] }]);
    expect(Object.keys(join.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403", "404", "409", "500"]));
  });

  it("describes exactly what app/api/v1/**/route.ts exports", () => {
    const exported = exportedOperations().sort();
    expect(exported.length).toBeGreaterThan(0);
    expect(documentedOperations().sort()).toEqual(exported);
    expect(v1Routes.map((route) => `${route.method} ${route.path}`).sort()).toEqual(exported);
  });
});
