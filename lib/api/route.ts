/**
 * The v1 route registry's vocabulary: each route declares its method, path, summary, input schemas
 * (path, query, body), response schema and required scope, next to its handler. lib/api/handle.ts
 * runs it for Next.js; lib/api/openapi.ts describes it. Nothing else decides what a route accepts.
 */
import type { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/core";
import type { TokenScope } from "@/lib/tokens/schemas";
import type { Principal } from "./authenticate";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export const httpMethods: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** Problem statuses a route may answer besides the ones every route may (400, 401, 403, 500, 503). */
export type ProblemStatus = 403 | 404 | 409 | 429;

export type RouteContext<P, Q, B> = {
  db: Db;
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  locale: Locale;
  appUrl: string;
  sessionCookieName: string;
  request: Request;
};

export type RouteDefinition<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> = {
  /** Unique, camelCase: names the operation and its schemas in the OpenAPI document. */
  operationId: string;
  method: HttpMethod;
  /** OpenAPI template: `/api/v1/communities/{slug}` for app/api/v1/communities/[slug]/route.ts. */
  path: `/api/v1/${string}`;
  summary: string;
  description?: string;
  tags: readonly string[];
  /** `read`: anonymous callers too, as far as lib/policy lets them see. `write`: someone with the write scope. */
  scope: TokenScope;
  params?: P;
  query?: Q;
  body?: B;
  response: { status: 200 | 201 | 204; description: string; schema?: R };
  errors?: readonly ProblemStatus[];
  /**
   * What the registry cannot infer, merged into the operation as is: e.g. the webhook's signature
   * headers, raw body, security and extra answers (202, 413) of POST /api/v1/hooks/{sourceId}.
   */
  openapi?: {
    security?: Record<string, string[]>[];
    parameters?: Record<string, unknown>[];
    requestBody?: Record<string, unknown>;
    responses?: Record<string, unknown>;
  };
  /** Default `no-store`: answers depend on who asks. */
  cacheControl?: string;
  // Method syntax on purpose: routes with precise types fit the registry's ApiRoute (bivariance).
  handle(context: RouteContext<z.output<P>, z.output<Q>, z.output<B>>): Promise<z.input<R>>;
};

export type ApiRoute = RouteDefinition<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

export function defineRoute<
  P extends z.ZodType = z.ZodObject<Record<string, never>>,
  Q extends z.ZodType = z.ZodObject<Record<string, never>>,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodVoid,
>(route: RouteDefinition<P, Q, B, R>): RouteDefinition<P, Q, B, R> {
  return route;
}
