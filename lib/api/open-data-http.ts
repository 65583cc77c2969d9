/**
 * Glue for the open-data routes outside /api/v1 (exports, DCAT, OGC API): who asks (bearer token,
 * session cookie or nobody, as in the JSON API), in which language, and errors as problem+json
 * (never a 500 for bad input). Plain (Request) => Response functions, so tests and a bare node:http
 * server can run them without Next.js.
 */
import { randomUUID } from "node:crypto";
import { config } from "@/lib/core/config";
import { db, type Db } from "@/lib/db/client";
import { authenticate, requireScope, type ApiUser } from "@/lib/api/authenticate";
import { negotiateLocale } from "@/lib/api/locale";
import { problemResponse, toProblem } from "@/lib/api/problem";
import type { Locale } from "@/lib/i18n/core";
import { sessionCookie } from "@/lib/auth/session-cookie";

/** `operatorName`: who runs this instance (OPERATOR_NAME), the DCAT catalogue's publisher. */
export type OpenDataDeps = { db: Db; appUrl: string; sessionCookieName: string; operatorName: string };

export type OpenDataContext = OpenDataDeps & {
  request: Request;
  url: URL;
  /** null: anonymous (public communities only). */
  viewer: ApiUser | null;
  locale: Locale;
  params: Record<string, string>;
};

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

export function defaultOpenDataDeps(): OpenDataDeps {
  const env = config();
  return { db: db(), appUrl: env.APP_URL, sessionCookieName: sessionCookie().name, operatorName: env.OPERATOR_NAME };
}

/**
 * `anonymous: true` serves everyone the public view whatever their credentials (harvesters, GIS
 * clients, caches); otherwise the caller sees what they may see, and the answer is private.
 */
export function openDataHandler(
  run: (context: OpenDataContext) => Promise<Response>,
  { deps = defaultOpenDataDeps, anonymous = false }: { deps?: () => OpenDataDeps; anonymous?: boolean } = {},
) {
  return async (request: Request, nextContext?: NextContext): Promise<Response> => {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const url = new URL(request.url);
    let locale = negotiateLocale(request.headers.get("accept-language"));
    try {
      const resolved = deps();
      let viewer: ApiUser | null = null;
      if (!anonymous) {
        const principal = await authenticate(resolved.db, request, { sessionCookieName: resolved.sessionCookieName });
        requireScope(principal, "read");
        viewer = principal.user;
        locale = negotiateLocale(request.headers.get("accept-language"), viewer?.locale);
      }
      const rawParams = (await nextContext?.params) ?? {};
      const params = Object.fromEntries(
        Object.entries(rawParams).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : [])),
      );
      const response = await run({ ...resolved, request, url, viewer, locale, params });
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return problemResponse(toProblem(error, { locale, requestId, instance: url.pathname }), requestId);
    }
  };
}

/** Caching for answers that depend on who asks: shared caches only for anonymous ones. */
export function cacheHeaders(viewer: ApiUser | null): Record<string, string> {
  return {
    "cache-control": viewer ? "private, no-store" : "public, max-age=300",
    vary: "Authorization, Cookie, Accept-Language",
  };
}
