/**
 * Shared by the community server actions (not itself a "use server" module, so nothing here is an
 * endpoint): who is asking, and expected failures turned into the form contract of lib/forms.ts.
 */
import { isAppError } from "@/lib/errors";
import type { ActionResult } from "@/lib/forms";
import { WeightsError } from "@/lib/communities/colleges";
import { logger } from "@/lib/log";
import { isUnstorableText } from "@/lib/db/health";
import type { SessionUser } from "@/lib/auth/sessions";
import { currentUser, requestId } from "@/lib/web/request";

/** Empty optional text means "none" (a blank message is not a message). */
export const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/**
 * Runs a use case for the signed-in person. Expected errors (AppError) become field or form errors
 * with their catalogue key; anything else is logged with the request id and shown as such.
 */
export async function runForUser<T>(work: (user: SessionUser) => Promise<T>): Promise<ActionResult<T>> {
  const user = await currentUser();
  if (!user) return { ok: false, formError: "errors.unauthenticated" };
  try {
    return { ok: true, data: await work(user) };
  } catch (error) {
    if (error instanceof WeightsError) return { ok: false, fieldErrors: error.fieldErrors, values: error.values };
    if (isAppError(error)) {
      return error.field
        ? { ok: false, fieldErrors: { [error.field]: error.messageKey }, values: error.values }
        : { ok: false, formError: error.messageKey, values: error.values };
    }
    // A NUL character no schema caught: the input is bad, not the server.
    if (isUnstorableText(error)) return { ok: false, formError: "errors.invalid" };
    // Next.js signals redirect()/notFound() by throwing: let those through untouched.
    if (error instanceof Error && "digest" in error && String(error.digest).startsWith("NEXT_")) throw error;
    const id = await requestId();
    logger.error({ err: error, requestId: id }, "community action failed");
    return { ok: false, formError: "errors.unexpected", values: { requestId: id } };
  }
}
