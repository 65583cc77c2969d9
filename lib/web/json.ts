/**
 * JSON route handler conventions: errors as { error: { code, message, fields } } with a localized
 * message, the right status (400, 403, 429…), and a request id on unexpected failures.
 */
import { NextResponse } from "next/server";
import { headers } from "next/headers";
import { translateDynamic, type Locale } from "@/lib/i18n/core";
import type { FieldErrors } from "@/lib/core/forms";
import { isAppError, RateLimitedError } from "@/lib/core/errors";
import { logger } from "@/lib/core/log";
import { isDatabaseUnavailable } from "@/lib/db/health";

export function jsonError(
  locale: Locale,
  {
    status,
    code,
    messageKey,
    values,
    fields,
  }: { status: number; code: string; messageKey: string; values?: Record<string, string | number>; fields?: FieldErrors },
  init: ResponseInit = {},
) {
  const translatedFields = fields
    ? Object.fromEntries(
        Object.entries(fields).map(([field, key]) => [field, { code: key, message: translateDynamic(locale, key, values) }]),
      )
    : undefined;
  return NextResponse.json(
    { error: { code, message: translateDynamic(locale, messageKey, values), fields: translatedFields, values } },
    { ...init, status },
  );
}

export async function handleRouteError(locale: Locale, error: unknown, field?: string) {
  if (error instanceof RateLimitedError) {
    return jsonError(
      locale,
      {
        status: 429,
        code: error.code,
        messageKey: error.messageKey,
        values: error.values,
        fields: field ? { [field]: error.messageKey } : undefined,
      },
      { headers: { "retry-after": String(error.retryAfterSeconds) } },
    );
  }
  if (isAppError(error)) {
    return jsonError(locale, { status: error.status, code: error.code, messageKey: error.messageKey, values: error.values });
  }
  const requestId = (await headers()).get("x-request-id") ?? "unknown";
  if (isDatabaseUnavailable(error)) {
    logger.warn({ err: error, requestId }, "database unavailable");
    return jsonError(
      locale,
      { status: 503, code: "service_unavailable", messageKey: "errors.unavailable" },
      { headers: { "retry-after": "5" } },
    );
  }
  logger.error({ err: error, requestId }, "unexpected error");
  return jsonError(locale, { status: 500, code: "unexpected", messageKey: "errors.unexpected", values: { requestId } });
}

/** Same-origin check for state-changing JSON endpoints used by our own pages (CSRF defence). */
export function isSameOrigin(request: Request, appUrl: string): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true; // non-browser clients send none; browsers always do on cross-site POSTs
  return origin === new URL(appUrl).origin || origin === new URL(request.url).origin;
}
