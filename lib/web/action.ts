/**
 * The one way to declare a server action, mirroring the API's defineRoute (lib/api/route.ts): the
 * input schema is parsed once here, at the boundary; the use case receives typed, parsed input; every
 * failure becomes the form contract of lib/forms.ts the same way:
 * - ValidationError (lib/core/validation.ts): its issues at their fields (catalogue keys + values);
 * - any other expected failure (AppError: policy, conflicts, rate limits): at its field when it names
 *   one, else as the form's message;
 * - the database unreachable: "service unavailable, try again";
 * - anything else: logged with the request id, shown as an unexpected error with that id.
 * On success the paths named by `revalidate` are revalidated, so the page refreshes without the
 * client calling router.refresh().
 *
 * In a "use server" file: `export const castBallotAction = defineAction({ input, handle, revalidate })`.
 */
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import type { SessionUser } from "@/lib/auth/sessions";
import { db, type Db } from "@/lib/db/client";
import { isDatabaseUnavailable, isUnstorableText } from "@/lib/db/health";
import { isAppError } from "@/lib/core/errors";
import type { ActionResult } from "@/lib/core/forms";
import { isValidationError } from "@/lib/core/validation";
import { parseInput } from "@/lib/core/validation";
import { isCatalogueKey } from "@/lib/i18n/catalogue-key";
import { logger } from "@/lib/core/log";
import { currentUser, requestId } from "./request";

/** A path to revalidate, or a path with its type (`"layout"` refreshes every page below it). */
export type RevalidateTarget = string | readonly [path: string, type: "layout" | "page"];
type Revalidate<I, R> = (input: I, result: R) => RevalidateTarget | readonly RevalidateTarget[] | undefined | void;

type ActionDefinition<S extends z.ZodType, R, A> = {
  /** Names the action in logs. */
  name: string;
  input: S;
  handle: (context: { actor: A; input: z.output<S>; db: Db }) => Promise<R>;
  revalidate?: Revalidate<z.output<S>, R>;
};

/** Turns any failure into the form contract (see the module comment). Next.js control flow passes through. */
export async function actionFailure(error: unknown, name: string): Promise<ActionResult<never>> {
  // redirect(), notFound(), forbidden() signal by throwing: let them through untouched.
  if (error instanceof Error && "digest" in error && String(error.digest).startsWith("NEXT_")) throw error;
  if (isValidationError(error)) return { ok: false, fieldErrors: error.fieldErrors, values: error.values };
  if (isAppError(error)) {
    return error.field
      ? { ok: false, fieldErrors: { [error.field]: error.messageKey }, values: error.values }
      : { ok: false, formError: error.messageKey, values: error.values };
  }
  // A NUL character no schema caught: the input is bad, not the server.
  if (isUnstorableText(error)) return { ok: false, formError: "errors.invalid" };
  const id = await requestId();
  if (isDatabaseUnavailable(error)) {
    logger.warn({ err: error, requestId: id, action: name }, "database unavailable");
    return { ok: false, formError: "errors.unavailable", values: { requestId: id } };
  }
  logger.error({ err: error, requestId: id, action: name }, "server action failed");
  return { ok: false, formError: "errors.unexpected", values: { requestId: id } };
}

/** A plain HTML form (works before hydration) posts FormData: its fields, as an object, meet the same schema. */
const fromForm = (input: unknown): unknown => (input instanceof FormData ? Object.fromEntries(input) : input);

const isOneTarget = (value: RevalidateTarget | readonly RevalidateTarget[]): value is RevalidateTarget =>
  typeof value === "string" ||
  (value.length === 2 && typeof value[0] === "string" && (value[1] === "layout" || value[1] === "page"));

async function run<S extends z.ZodType, R, A>(
  definition: ActionDefinition<S, R, A>,
  actor: A,
  raw: unknown,
): Promise<ActionResult<R>> {
  try {
    const input = parseInput(definition.input, raw, { root: "_form", isKey: isCatalogueKey });
    const data = await definition.handle({ actor, input, db: db() });
    const targets = definition.revalidate?.(input, data);
    const list: readonly RevalidateTarget[] = targets === undefined ? [] : isOneTarget(targets) ? [targets] : targets;
    for (const target of list) {
      if (typeof target === "string") revalidatePath(target);
      else revalidatePath(target[0], target[1]);
    }
    return { ok: true, data };
  } catch (error) {
    return actionFailure(error, definition.name);
  }
}

/** An action for a signed-in person (anyone else gets "sign in first" and nothing runs). */
export function defineAction<S extends z.ZodType, R = void>(definition: ActionDefinition<S, R, SessionUser>) {
  return async (input: z.input<S> | FormData): Promise<ActionResult<R>> => {
    const actor = await currentUser();
    if (!actor) return { ok: false, formError: "errors.unauthenticated" };
    return run(definition, actor, fromForm(input));
  };
}

/** An action anyone may call (receipt checks, sign-in): the use case receives the person or null. */
export function definePublicAction<S extends z.ZodType, R = void>(definition: ActionDefinition<S, R, SessionUser | null>) {
  return async (input: z.input<S> | FormData): Promise<ActionResult<R>> => run(definition, await currentUser(), fromForm(input));
}

/**
 * The same declaration for a plain HTML form (`<form action={…}>`, works before hydration): the page
 * shows the state as it stands after revalidation, so a refused input changes nothing and is only
 * logged, unless `refused` says where to go instead (sign-in flows send to their error page).
 */
type FormActionDefinition<S extends z.ZodType, R, A> = ActionDefinition<S, R, A> & { refused?: () => void };

function asFormAction<S extends z.ZodType, R, A>(
  definition: FormActionDefinition<S, R, A>,
  action: (input: FormData) => Promise<ActionResult<R>>,
) {
  return async (form: FormData): Promise<void> => {
    const result = await action(form);
    if (result.ok) return;
    logger.info({ action: definition.name, result }, "form action refused");
    definition.refused?.();
  };
}

export function defineFormAction<S extends z.ZodType, R = void>(definition: FormActionDefinition<S, R, SessionUser>) {
  return asFormAction(definition, defineAction(definition));
}

/** A plain HTML form anyone may post (sign-in, language switch). */
export function definePublicFormAction<S extends z.ZodType, R = void>(
  definition: FormActionDefinition<S, R, SessionUser | null>,
) {
  return asFormAction(definition, definePublicAction(definition));
}
