/**
 * Every API error is an RFC 9457 problem (application/problem+json) with a stable `code`, a
 * localized `title` (per status) and `detail`, and for bad input one entry per field. Expected
 * failures are AppErrors (lib/core/errors.ts, lib/policy, lib/api/errors.ts); anything else is a 500,
 * logged with the request id that the response also carries.
 */
import { z } from "zod";
import { isAppError, RateLimitedError } from "@/lib/core/errors";
import { translateDynamic, type Locale } from "@/lib/i18n/core";
import { logger } from "@/lib/core/log";
import { isDatabaseUnavailable } from "@/lib/db/health";
import { InsufficientScopeError, InvalidTokenError } from "./errors";
import { ValidationError } from "@/lib/core/validation";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const problemSchema = z.object({
  type: z.string().describe("URI of the problem type: urn:geocommuns:problem:<code>"),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string().describe("Stable machine-readable code, e.g. invalid_input, not_found, already_member"),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z
    .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
    .optional()
    .describe("Bad input: one entry per field (query parameter, path parameter or dotted body path)"),
});
export type Problem = z.infer<typeof problemSchema>;

const titles: Record<number, string> = {
  400: "api.problems.badRequest",
  401: "api.problems.unauthorized",
  403: "api.problems.forbidden",
  404: "api.problems.notFound",
  409: "api.problems.conflict",
  429: "api.problems.tooManyRequests",
  500: "api.problems.internal",
  503: "api.problems.unavailable",
};

/** Seconds a client should wait before retrying while the database is unreachable or restarting. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** The policy's page-oriented messages, reworded for an API client. */
const apiMessageKeys: Record<string, string> = {
  "errors.notFound": "api.errors.notFound",
  "errors.forbidden": "api.errors.forbidden",
  "errors.unauthenticated": "api.errors.unauthenticated",
};

export type ProblemContext = { locale: Locale; requestId: string; instance?: string };
export type ProblemResult = { problem: Problem; headers: Record<string, string> };

export function toProblem(error: unknown, { locale, requestId, instance }: ProblemContext): ProblemResult {
  if (!isAppError(error) && isDatabaseUnavailable(error)) {
    // An outage, not a bug: a quick 503 the client may retry (the pool gives up within seconds).
    logger.warn({ err: error, requestId, instance }, "database unavailable");
    const problem = build(
      locale,
      { status: 503, code: "service_unavailable", messageKey: "errors.unavailable", values: { requestId } },
      instance,
    );
    return {
      problem: { ...problem, requestId },
      headers: { "content-language": locale, "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
    };
  }
  if (!isAppError(error)) {
    logger.error({ err: error, requestId, instance }, "unexpected API error");
    const problem = build(
      locale,
      { status: 500, code: "unexpected", messageKey: "api.errors.unexpected", values: { requestId } },
      instance,
    );
    return { problem: { ...problem, requestId }, headers: { "content-language": locale } };
  }
  const headers: Record<string, string> = { "content-language": locale };
  if (error instanceof RateLimitedError) headers["retry-after"] = String(error.retryAfterSeconds);
  if (error instanceof InvalidTokenError) headers["www-authenticate"] = 'Bearer realm="geocommuns", error="invalid_token"';
  else if (error instanceof InsufficientScopeError) {
    headers["www-authenticate"] = `Bearer realm="geocommuns", error="insufficient_scope", scope="${error.scope}"`;
  } else if (error.status === 401) headers["www-authenticate"] = 'Bearer realm="geocommuns"';

  const problem = build(
    locale,
    {
      status: error.status,
      code: error.code,
      messageKey: apiMessageKeys[error.messageKey] ?? error.messageKey,
      values: error.values,
    },
    instance,
  );
  if (error instanceof ValidationError) {
    problem.errors = error.issues.map((issue) => ({
      field: issue.field,
      code: issue.messageKey,
      message: translateDynamic(locale, issue.messageKey, issue.values),
    }));
  } else if (error.field) {
    problem.errors = [{ field: error.field, code: error.messageKey, message: problem.detail }];
  }
  return { problem, headers };
}

function build(
  locale: Locale,
  {
    status,
    code,
    messageKey,
    values,
  }: { status: number; code: string; messageKey: string; values?: Record<string, string | number> },
  instance?: string,
): Problem {
  return {
    type: `urn:geocommuns:problem:${code}`,
    title: translateDynamic(locale, titles[status] ?? "api.problems.other"),
    status,
    detail: translateDynamic(locale, messageKey, values),
    code,
    ...(instance ? { instance } : {}),
  };
}

export function problemResponse({ problem, headers }: ProblemResult, requestId: string): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: {
      ...headers,
      "content-type": PROBLEM_CONTENT_TYPE,
      "cache-control": "no-store",
      "x-request-id": requestId,
    },
  });
}
