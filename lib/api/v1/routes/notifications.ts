/** The caller's notifications: a page newest first, and marking some or all as read. */
import { z } from "zod";
import { named } from "../../openapi";
import { pageSchema, paginationQuerySchema } from "@/lib/core/pagination";
import { defineRoute } from "../../route";
import { actorOf } from "../../authenticate";
import { listNotifications, markRead } from "@/lib/notifications/inbox";
import { markReadSchema } from "@/lib/notifications/schemas";
import { notificationKinds } from "@/lib/notifications/kinds";

const notificationSchema = named(
  "Notification",
  z.object({
    id: z.string(),
    kind: z.enum(notificationKinds),
    text: z.string().describe("The notification as one sentence, in the caller's language"),
    path: z.string().describe("App-relative link to its subject"),
    communityId: z.string().nullable(),
    createdAt: z.string().describe("ISO 8601"),
    readAt: z.string().nullable().describe("ISO 8601; null while unread"),
  }),
);

export const listNotificationsRoute = defineRoute({
  operationId: "listNotifications",
  method: "GET",
  path: "/api/v1/notifications",
  summary: "List the caller's notifications",
  description: "Newest first, read and unread (reading this list does not mark them read). 401 without a signed-in caller.",
  tags: ["notifications"],
  scope: "read",
  query: paginationQuerySchema,
  response: {
    status: 200,
    description: "A page of notifications",
    schema: named("NotificationPage", pageSchema(notificationSchema)),
  },
  // Someone's own notifications: no anonymous access (401).
  openapi: { security: [{ bearerAuth: ["read"] }, { sessionCookie: [] }] },
  handle: async ({ db, principal, query, locale }) => {
    const user = actorOf(principal);
    const page = await listNotifications(db, { userId: user.id, locale, after: query.cursor, limit: query.limit });
    return {
      nextCursor: page.nextCursor,
      data: page.data.map((n) => ({
        ...n,
        kind: n.kind as (typeof notificationKinds)[number],
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
      })),
    };
  },
});

export const markNotificationsReadRoute = defineRoute({
  operationId: "markNotificationsRead",
  method: "POST",
  path: "/api/v1/notifications/read",
  summary: "Mark notifications as read",
  description: '`{"ids": [...]}` (at most 100; ids that are not the caller\'s are ignored) or `{"all": true}`.',
  tags: ["notifications"],
  scope: "write",
  body: markReadSchema,
  response: {
    status: 200,
    description: "How many notifications were unread and are now read",
    schema: named("MarkReadResult", z.object({ marked: z.number().int() })),
  },
  handle: async ({ db, principal, body }) => ({ marked: await markRead(db, { userId: actorOf(principal).id, input: body }) }),
});
