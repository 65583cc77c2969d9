/**
 * Moderation over the API: report content, read a community's queue (moderators), act on reports
 * (dismiss, hide, hide and sanction their authors — many at once, in one transaction), restore
 * content, sanction a member, and appeal one's own sanction. The rules live in lib/moderation.
 */
import { z } from "zod";
import { named } from "../../openapi";
import { encodeCursor, pageSchema, paginationQuerySchema } from "@/lib/core/pagination";
import { defineRoute } from "../../route";
import { actorOf } from "../../authenticate";
import { NotFoundError } from "@/lib/policy/can";
import { listQueue, reportContent } from "@/lib/moderation/reports";
import { moderateInBulk } from "@/lib/moderation/bulk";
import { restoreContent } from "@/lib/moderation/hide";
import { sanction } from "@/lib/moderation/sanctions";
import { appeal } from "@/lib/moderation/appeals";
import {
  hideSchema,
  moderationNoteSchema,
  reportReasons,
  reportSchema,
  reportStates,
  reportTargetKinds,
  sanctionKinds,
  sanctionSchema,
} from "@/lib/moderation/schemas";
import { slugParamsSchema } from "./communities";

const communityField = z.string().min(1).max(100).describe("The community's short address (slug)");
const iso = (date: Date | null) => date?.toISOString() ?? null;

const reportBodySchema = reportSchema.extend({ community: communityField });

const reportReceiptSchema = named(
  "ReportReceipt",
  z.object({
    id: z.string(),
    targetKind: z.enum(reportTargetKinds),
    targetId: z.string(),
    reason: z.enum(reportReasons),
    state: z.enum(reportStates),
  }),
);

export const createReportRoute = defineRoute({
  operationId: "createReport",
  method: "POST",
  path: "/api/v1/reports",
  summary: "Report content to a community's moderators",
  description:
    "A proposal, comment, commons, contribution or profile, with a reason category and an optional comment. One report per person per item (409 already_reported); the reporter is never shown to the reported person. 429 beyond the hourly limit (Retry-After).",
  tags: ["moderation"],
  scope: "write",
  body: reportBodySchema,
  response: { status: 201, description: "The report (without anyone's identity)", schema: reportReceiptSchema },
  errors: [404, 409, 429],
  handle: ({ db, principal, body }) => {
    const { community, ...input } = body;
    return reportContent.run(db, { actor: actorOf(principal), slug: community, input });
  },
});

const queueQuerySchema = paginationQuerySchema.extend({
  state: z.enum(reportStates).optional().describe("Only reports in this state"),
  reason: z.enum(reportReasons).optional().describe("Only reports with this reason"),
  targetKind: z.enum(reportTargetKinds).optional().describe("Only reports on this kind of content"),
});

const queueItemSchema = named(
  "ModerationQueueItem",
  z.object({
    id: z.string(),
    targetKind: z.enum(reportTargetKinds),
    targetId: z.string(),
    targetAuthorId: z.string(),
    reason: z.enum(reportReasons),
    comment: z.string(),
    state: z.enum(reportStates),
    createdAt: z.string().describe("ISO 8601"),
    decidedAt: z.string().nullable().describe("ISO 8601"),
    authorHistory: z.object({
      otherReports: z.number().int().describe("Reports on the same author's content, this one excepted"),
      sanctions: z.array(
        z.object({
          id: z.string(),
          kind: z.enum(sanctionKinds),
          createdAt: z.string(),
          until: z.string().nullable(),
          expiresAt: z.string(),
          overturned: z.boolean(),
        }),
      ),
    }),
  }),
);

export const moderationQueueRoute = defineRoute({
  operationId: "getModerationQueue",
  method: "GET",
  path: "/api/v1/communities/{slug}/moderation/queue",
  summary: "A community's moderation queue (moderators and administrators)",
  description:
    "Reports oldest first, filtered by state, reason and kind of content, each with its author's history. Never names a reporter; a moderator never sees reports about themselves.",
  tags: ["moderation"],
  scope: "read",
  params: slugParamsSchema,
  query: queueQuerySchema,
  response: { status: 200, description: "A page of reports", schema: pageSchema(queueItemSchema) },
  // 401 without a signed-in caller; 403 for one who neither moderates nor administers the community.
  errors: [403, 404],
  openapi: { security: [{ bearerAuth: ["read"] }, { sessionCookie: [] }] },
  handle: async ({ db, principal, params, query }) => {
    const page = await listQueue(db, {
      actor: actorOf(principal),
      slug: params.slug,
      filter: {
        state: query.state,
        reason: query.reason,
        targetKind: query.targetKind,
        cursor: query.cursor,
        limit: query.limit,
      },
    });
    return {
      data: page.data.map((item) => ({
        ...item,
        createdAt: item.createdAt.toISOString(),
        decidedAt: iso(item.decidedAt),
        authorHistory: {
          otherReports: item.authorHistory.otherReports,
          sanctions: item.authorHistory.sanctions.map((s) => ({
            ...s,
            createdAt: s.createdAt.toISOString(),
            until: iso(s.until),
            expiresAt: s.expiresAt.toISOString(),
          })),
        },
      })),
      nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
    };
  },
});

const reportIdsField = z.array(z.string().min(1).max(100)).min(1).max(100).describe("Reports to act on (at most 100)");

const actionBodySchema = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("dismiss").describe("Close the reports without action"),
    community: communityField,
    reportIds: reportIdsField,
  }),
  z.object({
    action: z
      .enum(["hide", "hideAndSanction"])
      .describe("Hide the reported items (and sanction each author at the ladder's step)"),
    community: communityField,
    reportIds: reportIdsField,
    // The bulk form's rule for hiding (lib/moderation/bulk-schema.ts): a reason its authors read.
    reason: moderationNoteSchema.describe("Read by the authors (at least 3 characters)"),
  }),
  hideSchema.extend({
    action: z.literal("restore").describe("Show a hidden item again"),
    community: communityField,
  }),
  sanctionSchema.extend({
    action: z.literal("sanction").describe("Warn, suspend (days or until) or ban a member"),
    community: communityField,
  }),
]);

const actionResultSchema = named(
  "ModerationActionResult",
  z.object({
    action: z.string(),
    reports: z.number().int().optional().describe("Reports handled"),
    hidden: z.number().int().optional().describe("Items hidden"),
    sanctioned: z.number().int().optional().describe("Authors sanctioned"),
    skipped: z.number().int().optional().describe("Authors who could not be sanctioned (moderators, administrators, gone)"),
    sanctionId: z.string().optional(),
    suggestedKind: z.enum(sanctionKinds).optional().describe("What the charter's ladder suggested"),
    departedFromLadder: z.boolean().optional(),
  }),
);

export const moderationActionRoute = defineRoute({
  operationId: "moderate",
  method: "POST",
  path: "/api/v1/moderation/actions",
  summary: "Dismiss, hide, restore or sanction (moderators and administrators)",
  description:
    "`dismiss`, `hide` and `hideAndSanction` act on up to 100 reports in one transaction, with one audit entry per item. `restore` shows a hidden item again. `sanction` follows the charter's ladder; departing from it needs `departureReason`. Refused: sanctioning oneself, an administrator, someone not in the community, a suspension ending in the past.",
  tags: ["moderation"],
  scope: "write",
  body: actionBodySchema,
  response: { status: 200, description: "What was done", schema: actionResultSchema },
  errors: [404, 409],
  handle: async ({ db, principal, body }) => {
    const actor = actorOf(principal);
    switch (body.action) {
      case "dismiss":
      case "hide":
      case "hideAndSanction": {
        const result = await moderateInBulk.run(db, {
          actor,
          slug: body.community,
          input: { op: body.action, reportIds: body.reportIds, reason: "reason" in body ? body.reason : "" },
        });
        return { action: body.action, ...result };
      }
      case "restore": {
        const { community, action: _action, ...input } = body;
        await restoreContent.run(db, { actor, slug: community, input });
        return { action: "restore", hidden: 0 };
      }
      case "sanction": {
        const { community, action: _action, ...input } = body;
        const result = await sanction.run(db, { actor, slug: community, ...input });
        return {
          action: "sanction",
          sanctionId: result.id,
          suggestedKind: result.suggested.kind,
          departedFromLadder: result.departedFromLadder,
        };
      }
    }
  },
});

const sanctionParamsSchema = z.object({ id: z.string().min(1).max(100).describe("The sanction's id") });

export const appealSanctionRoute = defineRoute({
  operationId: "appealSanction",
  method: "POST",
  path: "/api/v1/sanctions/{id}/appeal",
  summary: "Appeal one's own sanction",
  description:
    "Once per sanction, within 30 days, with a text; decided by a moderator or administrator other than the sanctioner. 409 already_appealed or appeal_deadline.",
  tags: ["moderation"],
  scope: "write",
  params: sanctionParamsSchema,
  body: z.object({ text: z.string().max(5000).describe("Why the sanction should be lifted (at least 10 characters)") }),
  response: {
    status: 201,
    description: "The appeal, pending",
    schema: named("Appeal", z.object({ id: z.string(), state: z.enum(["PENDING", "UPHELD", "OVERTURNED"]) })),
  },
  errors: [404, 409],
  handle: async ({ db, principal, params, body }) => {
    const actor = actorOf(principal);
    const found = await db.sanction.findFirst({
      where: { id: params.id, userId: actor.id },
      select: { community: { select: { slug: true } } },
    });
    if (!found) throw new NotFoundError();
    return appeal(db, { actor, slug: found.community.slug, input: { sanctionId: params.id, text: body.text } });
  },
});
