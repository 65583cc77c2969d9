"use server";
/**
 * Administration of a community: decide requests, invite, change roles and colleges, configure the
 * colleges. Each parses with the schema its form uses and calls the use case, which checks the
 * permission (lib/policy) and writes the audit entry in the same transaction.
 */
import { fieldErrorsOf } from "@/lib/forms";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import type { ActionResult } from "@/lib/forms";
import { configureColleges } from "@/lib/communities/colleges";
import { inviteByEmail } from "@/lib/communities/invitations";
import { changeMemberCollege, changeMemberRole, decideMembershipRequest } from "@/lib/communities/membership";
import { changeCollegeSchema, changeRoleSchema, decideSchema, inviteSchema, weightsSchema } from "@/lib/communities/schemas";
import { actorKinds } from "@/lib/users/schemas";
import { blankToUndefined, runForUser } from "@/lib/web/run-for-user";

const slugOf = (input: unknown) => z.object({ slug: z.string().min(1).max(100) }).safeParse(input);

function refresh(slug: string) {
  revalidatePath(`/communities/${slug}`, "layout");
}

export async function decideRequestAction(input: unknown): Promise<ActionResult<void>> {
  const target = slugOf(input);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const raw = input as Record<string, unknown>;
  const parsed = decideSchema.safeParse({ ...raw, message: blankToUndefined(raw.message) });
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await runForUser((user) =>
    decideMembershipRequest(db(), { actor: user, slug: target.data.slug, ...parsed.data, appUrl: config().APP_URL }),
  );
  if (result.ok) refresh(target.data.slug);
  return result;
}

export async function inviteAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  const target = slugOf(input);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const parsed = inviteSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await runForUser(async (user) => {
    await inviteByEmail(db(), {
      actor: user,
      slug: target.data.slug,
      email: parsed.data.email,
      role: parsed.data.role,
      appUrl: config().APP_URL,
      fallbackLocale: user.locale,
    });
    return { email: parsed.data.email };
  });
  if (result.ok) refresh(target.data.slug);
  return result;
}

export async function changeRoleAction(input: unknown): Promise<ActionResult<void>> {
  const target = slugOf(input);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const parsed = changeRoleSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await runForUser((user) => changeMemberRole(db(), { actor: user, slug: target.data.slug, ...parsed.data }));
  if (result.ok) refresh(target.data.slug);
  return result;
}

export async function changeCollegeAction(input: unknown): Promise<ActionResult<void>> {
  const target = slugOf(input);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const parsed = changeCollegeSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await runForUser((user) => changeMemberCollege(db(), { actor: user, slug: target.data.slug, ...parsed.data }));
  if (result.ok) refresh(target.data.slug);
  return result;
}

export async function configureCollegesAction(input: unknown): Promise<ActionResult<void>> {
  const target = slugOf(input);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const parsed = weightsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const weights = Object.fromEntries(actorKinds.map((kind) => [kind, parsed.data.weights[kind]])) as Record<
    (typeof actorKinds)[number],
    number
  >;
  const result = await runForUser((user) =>
    configureColleges(db(), {
      actor: user,
      slug: target.data.slug,
      weightingEnabled: parsed.data.weightingEnabled,
      weights,
    }),
  );
  if (result.ok) refresh(target.data.slug);
  return result;
}
