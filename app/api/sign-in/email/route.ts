import { config } from "@/lib/core/config";
import { db } from "@/lib/db/client";
import { emailSignInSchema } from "@/lib/auth/schemas";
import { requestEmailLink } from "@/lib/auth/email-link";
import { fieldErrorsOf } from "@/lib/core/forms";
import { clientIp, currentLocale } from "@/lib/web/request";
import { handleRouteError, isSameOrigin, jsonError } from "@/lib/web/json";

/**
 * Ask for a sign-in link. 202 when queued (the same answer whether or not the address has an
 * account), 400 with field errors for bad input, 429 when the per-address or per-IP limit is hit.
 */
export async function POST(request: Request) {
  const locale = await currentLocale();
  const env = config();
  if (!isSameOrigin(request, env.APP_URL)) {
    return jsonError(locale, { status: 403, code: "forbidden", messageKey: "errors.forbidden" });
  }
  const body = await request.json().catch(() => null);
  const parsed = emailSignInSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const fields = fieldErrorsOf(parsed.error);
    return jsonError(locale, {
      status: 400,
      code: "invalid_input",
      messageKey: Object.values(fields)[0] ?? "errors.invalid",
      fields,
    });
  }
  try {
    await requestEmailLink(db(), {
      email: parsed.data.email,
      clientIp: await clientIp(),
      locale,
      appUrl: env.APP_URL,
      limits: {
        perAddress: env.RATE_LIMIT_EMAIL_PER_ADDRESS,
        perIp: env.RATE_LIMIT_EMAIL_PER_IP,
        windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      },
    });
  } catch (error) {
    return handleRouteError(locale, error, "email");
  }
  return Response.json({ ok: true, email: parsed.data.email }, { status: 202 });
}
