/**
 * Bulk moderation for spam waves: many reports at once, in one transaction per call, with one audit
 * entry per item. "hide" hides every reported item of a hideable kind (targets/registry.ts);
 * "hideAndSanction" also sanctions each distinct author at the step the charter's ladder suggests
 * (authors who cannot be sanctioned — moderators, administrators, people already banned or gone —
 * and authors already sanctioned for every selected item of theirs are counted as skipped, the rest
 * still happens); "dismiss" closes the reports.
 */
import type { Db } from "@/lib/db/client";
import { AppError, isAppError } from "@/lib/core/errors";
import type { z } from "zod";
import { withInput } from "@/lib/core/use-case";
import { assertCan } from "@/lib/policy/can";
import { requireCommunityAccess, type Actor } from "@/lib/communities/access";
import { hideInTx } from "./hide";
import { bulkSchema } from "./bulk-schema";
import { dismissInTx } from "./reports";
import { sanctionedItems, sanctionInTx, suggestSanction } from "./sanctions";
import { ReporterNotices } from "./notify";
import type { HideableKind } from "./schemas";
import { isHideable } from "./targets/registry";
import { notifyQueueChanged } from "./live";

export { bulkOps, bulkSchema, type BulkInput } from "./bulk-schema";

export type BulkResult = { reports: number; hidden: number; sanctioned: number; skipped: number };

export const moderateInBulk = withInput(
  bulkSchema,
  async (
    db: Db,
    { actor, slug, input, now = new Date() }: { actor: Actor; slug: string; input: z.output<typeof bulkSchema>; now?: Date },
  ): Promise<BulkResult> => {
    const access = await requireCommunityAccess(db, { slug, actor, action: "moderation.queue" });
    const { community, membership: own } = access;
    const { op, reason } = input;
    const reportIds = [...new Set(input.reportIds)];
    if (op !== "dismiss") assertCan(access.subject, "moderation.hide", community);
    if (op === "hideAndSanction") assertCan(access.subject, "moderation.sanction", community);

    return db.$transaction(
      async (tx) => {
        // Reports about oneself are someone else's to decide, as in the queue.
        const reports = await tx.report.findMany({
          where: { id: { in: reportIds }, communityId: community.id, targetAuthorId: { not: actor.id } },
          select: { id: true, state: true, targetKind: true, targetId: true, targetAuthorId: true, reporterId: true },
        });
        if (reports.length !== reportIds.length) {
          throw new AppError("reports_not_found", "moderation.errors.bulkNotFound", 404, undefined, "reportIds");
        }
        const open = reports.filter((r) => r.state === "OPEN");
        // One notice per reporter and outcome for the whole call, not one per item.
        const deferred = new ReporterNotices();
        const result: BulkResult = { reports: open.length, hidden: 0, sanctioned: 0, skipped: 0 };

        if (op === "dismiss") {
          for (const report of open) {
            await dismissInTx(tx, { communityId: community.id, actorId: actor.id, reportId: report.id, now, deferred });
          }
          await deferred.flush(tx, community.id);
          return result;
        }

        if (op === "hideAndSanction") {
          const authors = [...new Set(open.map((r) => r.targetAuthorId))];
          for (const userId of authors) {
            // One sanction per item and author: items this author was already sanctioned for are
            // answered below without a second step on the ladder.
            const theirs = open.filter((r) => r.targetAuthorId === userId);
            const done = await sanctionedItems(tx, { userId, items: theirs });
            const reportIds = theirs.filter((r) => !done.has(`${r.targetKind}:${r.targetId}`)).map((r) => r.id);
            if (reportIds.length === 0) {
              result.skipped += 1;
              continue;
            }
            const suggested = await suggestSanction(tx, { communityId: community.id, userId, now });
            try {
              await sanctionInTx(tx, {
                communityId: community.id,
                actor,
                own,
                now,
                deferred,
                input: {
                  userId,
                  kind: suggested.kind,
                  days: suggested.days ?? undefined,
                  reason,
                  reportIds,
                },
              });
              result.sanctioned += 1;
            } catch (error) {
              // Refused before anything was written for this author: the others still go ahead.
              if (isAppError(error) && ["not_sanctionable", "not_member", "cannot_sanction_self"].includes(error.code)) {
                result.skipped += 1;
                continue;
              }
              throw error;
            }
          }
        }

        const targets = new Map<string, { kind: HideableKind; id: string }>();
        for (const report of reports) {
          if (isHideable(report.targetKind))
            targets.set(`${report.targetKind}:${report.targetId}`, { kind: report.targetKind, id: report.targetId });
        }
        for (const target of targets.values()) {
          try {
            await hideInTx(tx, {
              communityId: community.id,
              actorId: actor.id,
              targetKind: target.kind,
              targetId: target.id,
              reason,
              hide: true,
              now,
              deferred,
            });
            result.hidden += 1;
          } catch (error) {
            // Already hidden by a moderator, or removed since: nothing to hide, the reports are still
            // answered below. (An automatic hiding is taken over and counts as hidden.)
            if (isAppError(error) && (error.status === 409 || error.status === 404)) continue;
            throw error;
          }
        }
        // Reports on kinds that cannot be hidden (profiles), or on items already hidden, are answered too.
        const left = await tx.report.findMany({
          where: { id: { in: open.map((r) => r.id) }, state: "OPEN" },
          select: { id: true, reporterId: true, targetKind: true },
        });
        if (left.length > 0) {
          await tx.report.updateMany({
            where: { id: { in: left.map((r) => r.id) }, state: "OPEN" },
            data: { state: "ACTIONED", decidedById: actor.id, decidedAt: now },
          });
          await notifyQueueChanged(tx, community.id);
          deferred.add(
            left.map((r) => r.reporterId),
            left[0]!.targetKind,
            "ACTIONED",
          );
        }
        await deferred.flush(tx, community.id);
        return result;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  },
);
