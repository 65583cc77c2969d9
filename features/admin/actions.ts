"use server";
/**
 * Platform administration: suspend an account everywhere, lift it, erase an account. Each parses with
 * the schema its form uses; the use cases check the permission (lib/policy) and write the platform's
 * audit entry in the same transaction.
 */
import { revalidatePath } from "next/cache";
import { db } from "@/lib/db/client";
import { fieldErrorsOf, type ActionResult } from "@/lib/forms";
import { eraseAccount, liftAccountSuspension, suspendAccount } from "@/lib/admin/accounts";
import { eraseAccountSchema, liftSuspensionSchema, suspendAccountSchema } from "@/lib/admin/schemas";
import { runForUser } from "@/lib/web/run-for-user";

export async function suspendAccountAction(input: unknown): Promise<ActionResult<{ until: string }>> {
  const parsed = suspendAccountSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await runForUser(async (user) => {
    const { until } = await suspendAccount(db(), { actor: user, ...parsed.data });
    return { until: until.toISOString() };
  });
  if (result.ok) revalidatePath("/admin");
  return result;
}

export async function liftSuspensionAction(input: unknown): Promise<ActionResult<void>> {
  const parsed = liftSuspensionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await runForUser((user) => liftAccountSuspension(db(), { actor: user, ...parsed.data }));
  if (result.ok) revalidatePath("/admin");
  return result;
}

export async function eraseAccountAction(input: unknown): Promise<ActionResult<void>> {
  const parsed = eraseAccountSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
  const result = await runForUser(async (user) => {
    await eraseAccount(db(), { actor: user, ...parsed.data });
  });
  if (result.ok) revalidatePath("/admin");
  return result;
}
