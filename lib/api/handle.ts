/**
 * Runs a registry route for a request: authenticate → scope → same-origin check for cookie writes →
 * parse path, query and body with the route's schemas (400 with field errors) → handler → response
 * checked against the route's response schema (so nothing undeclared leaks) → or a problem+json.
 */
import { randomUUID } from "node:crypto";
import { config } from "@/lib/core/config";
import { db, type Db } from "@/lib/db/client";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { assertSameOriginWrite, authenticate, requireScope } from "./authenticate";
import { InvalidJsonError } from "./errors";
import { negotiateLocale } from "./locale";
import { problemResponse, toProblem } from "./problem";
import type { ApiRoute } from "./route";
import { parseInput } from "./validation";

export type RouteDeps = { db: Db; appUrl: string; sessionCookieName: string };
type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

async function readJsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  // No body means no fields: the schema decides whether that is enough.
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new InvalidJsonError();
  }
}

/** For tests: the same pipeline over an explicit database and settings. */
export function bindRoute(route: ApiRoute, deps: () => RouteDeps) {
  return async (request: Request, context?: NextContext): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const url = new URL(request.url);
    let locale = negotiateLocale(request.headers.get("accept-language"));
    try {
      const { db, appUrl, sessionCookieName } = deps();
      const principal = await authenticate(db, request, { sessionCookieName });
      locale = negotiateLocale(request.headers.get("accept-language"), principal.user?.locale);
      requireScope(principal, route.scope);
      assertSameOriginWrite(request, principal, appUrl);
      const params = route.params ? parseInput(route.params, (await context?.params) ?? {}, { root: "path" }) : {};
      const query = route.query ? parseInput(route.query, Object.fromEntries(url.searchParams), { root: "query" }) : {};
      const body = route.body ? parseInput(route.body, await readJsonBody(request)) : undefined;
      const result = await route.handle({ db, principal, params, query, body, locale, appUrl, sessionCookieName, request });
      const headers = {
        "cache-control": route.cacheControl ?? "no-store",
        vary: "Authorization, Cookie, Accept-Language",
        "x-request-id": requestId,
      };
      if (route.response.status === 204 || !route.response.schema) {
        return new Response(null, { status: route.response.status, headers });
      }
      // A response that does not match its declared schema is our bug: a 500, never a leak.
      return Response.json(route.response.schema.parse(result), { status: route.response.status, headers });
    } catch (error) {
      return problemResponse(toProblem(error, { locale, requestId, instance: url.pathname }), requestId);
    }
  };
}

/** What an app/api/v1/**\/route.ts exports: `export const GET = routeHandler(someRoute);` */
export function routeHandler(route: ApiRoute) {
  return bindRoute(route, () => ({ db: db(), appUrl: config().APP_URL, sessionCookieName: sessionCookie().name }));
}
