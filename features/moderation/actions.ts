"use server";
/**
 * Moderation from the web pages: reporting, the queue's actions (one report or many at once),
 * sanctions and appeals. Each parses its input and calls the use case in lib/moderation, which checks
 * the permission and writes the change, its audit entry and its notifications in one transaction.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { ActionResult } from "@/lib/forms";
import { reportContent, dismissReport, type ReportReceipt } from "@/lib/moderation/reports";
import { hideContent, restoreContent } from "@/lib/moderation/hide";
import { moderateInBulk, type BulkResult } from "@/lib/moderation/bulk";
import { sanctionFromInput } from "@/lib/moderation/sanctions";
import { appeal, decideAppeal } from "@/lib/moderation/appeals";
import { runForUser } from "@/lib/web/run-for-user";

const slugSchema = z.string().min(1).max(100);
const idSchema = z.string().min(1).max(100);

function refresh(slug: string) {
  revalidatePath(`/communities/${slug}`, "layout");
}

/** Reporting: the reporter gets their receipt (never who wrote the content). */
export async function reportAction(slug: unknown, input: unknown): Promise<ActionResult<ReportReceipt>> {
  const target = slugSchema.safeParse(slug);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const result = await runForUser((actor) => reportContent(db(), { actor, slug: target.data, input }));
  if (result.ok) refresh(target.data);
  return result;
}

const singleSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("dismiss"), reportId: idSchema }),
  z.object({ op: z.enum(["hide", "restore"]), targetKind: z.string(), targetId: idSchema, reason: z.string() }),
]);

/** One report or one item: dismiss the report, hide or restore the content. */
export async function moderateAction(slug: unknown, input: unknown): Promise<ActionResult> {
  const target = slugSchema.safeParse(slug);
  const parsed = singleSchema.safeParse(input);
  if (!target.success || !parsed.success) return { ok: false, formError: "errors.invalid" };
  const command = parsed.data;
  const result = await runForUser(async (actor) => {
    if (command.op === "dismiss") await dismissReport(db(), { actor, slug: target.data, reportId: command.reportId });
    else if (command.op === "hide") await hideContent(db(), { actor, slug: target.data, input: command });
    else await restoreContent(db(), { actor, slug: target.data, input: command });
  });
  if (result.ok) {
    refresh(target.data);
    revalidatePath("/proposals/[id]", "page");
  }
  return result.ok ? { ok: true } : result;
}

/** Many reports at once (a spam wave): one transaction, one audit entry per item. */
export async function bulkAction(slug: unknown, input: unknown): Promise<ActionResult<BulkResult>> {
  const target = slugSchema.safeParse(slug);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const result = await runForUser((actor) => moderateInBulk(db(), { actor, slug: target.data, input }));
  if (result.ok) {
    refresh(target.data);
    revalidatePath("/proposals/[id]", "page");
  }
  return result;
}

export async function sanctionAction(slug: unknown, input: unknown): Promise<ActionResult<{ id: string }>> {
  const target = slugSchema.safeParse(slug);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const result = await runForUser(async (actor) => {
    const created = await sanctionFromInput(db(), { actor, slug: target.data, input });
    return { id: created.id };
  });
  if (result.ok) refresh(target.data);
  return result;
}

export async function appealAction(slug: unknown, input: unknown): Promise<ActionResult> {
  const target = slugSchema.safeParse(slug);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const done = await runForUser((actor) => appeal(db(), { actor, slug: target.data, input }));
  if (done.ok) refresh(target.data);
  return done.ok ? { ok: true } : done;
}

export async function decideAppealAction(slug: unknown, input: unknown): Promise<ActionResult> {
  const target = slugSchema.safeParse(slug);
  if (!target.success) return { ok: false, formError: "errors.invalid" };
  const result = await runForUser((actor) => decideAppeal(db(), { actor, slug: target.data, input }));
  if (result.ok) refresh(target.data);
  return result.ok ? { ok: true } : result;
}
