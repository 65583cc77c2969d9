/**
 * GET /api/v1/notifications and POST /api/v1/notifications/read through their route handlers, with
 * bearer tokens: pages newest first, 401 anonymous, bad bodies answered 400 with nothing changed,
 * another person's ids ignored, the read scope refused for writing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindRoute } from "@/lib/api/handle";
import type { ApiRoute } from "@/lib/api/route";
import { listNotificationsRoute, markNotificationsReadRoute } from "@/lib/api/v1/routes/notifications";
import { createApiToken } from "@/lib/tokens/create-token";
import { notify } from "@/lib/notifications/notify";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

const APP_URL = "http://localhost:3000";
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

function call(route: ApiRoute, { path, secret, body }: { path: string; secret?: string; body?: unknown }) {
  const handler = bindRoute(route, () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session" }));
  const headers: Record<string, string> = { "accept-language": "en" };
  if (secret) headers.authorization = `Bearer ${secret}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`${APP_URL}${path}`, {
    method: route.method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve({}) });
}

async function personWithToken(scopes: ("read" | "write")[] = ["read", "write"]) {
  const person = await createPerson(t.db);
  const { secret } = await createApiToken(t.db, { userId: person.id, input: { name: "script", scopes } });
  return { ...person, secret };
}

describe("notifications API", () => {
  it("lists the caller's notifications newest first with a cursor, and marks them read", async () => {
    const me = await personWithToken();
    const other = await personWithToken();
    for (const title of ["One", "Two", "Three"]) {
      await notify(t.db, {
        userIds: [me.id, other.id],
        kind: "proposal.result",
        data: { title, path: `/proposals/${title}`, outcome: "REJECTED" },
      });
    }
    expect((await call(listNotificationsRoute, { path: "/api/v1/notifications" })).status).toBe(401);

    const first = await call(listNotificationsRoute, { path: "/api/v1/notifications?limit=2", secret: me.secret });
    expect(first.status).toBe(200);
    const page = (await first.json()) as { data: { id: string; text: string; path: string; readAt: null }[]; nextCursor: string };
    expect(page.data.map((n) => n.text)).toEqual([
      "Result of the vote on “Three”: rejected",
      "Result of the vote on “Two”: rejected",
    ]);
    expect(page.data[0]!.path).toBe("/proposals/Three");
    const next = await call(listNotificationsRoute, {
      path: `/api/v1/notifications?limit=2&cursor=${page.nextCursor}`,
      secret: me.secret,
    });
    const rest = (await next.json()) as { data: { id: string }[]; nextCursor: string | null };
    expect(rest.data).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    expect((await call(listNotificationsRoute, { path: "/api/v1/notifications?cursor=@@", secret: me.secret })).status).toBe(400);

    // Bad bodies: 400, nothing read.
    for (const body of [{}, { ids: [] }, { all: false }, { ids: ["x"], all: true }, { ids: "x" }]) {
      const response = await call(markNotificationsReadRoute, { path: "/api/v1/notifications/read", secret: me.secret, body });
      expect(response.status).toBe(400);
    }
    expect(await t.db.notification.count({ where: { userId: me.id, readAt: { not: null } } })).toBe(0);

    // Read scope only: cannot write.
    const reader = await createApiToken(t.db, { userId: me.id, input: { name: "reader", scopes: ["read"] } });
    expect(
      (await call(markNotificationsReadRoute, { path: "/api/v1/notifications/read", secret: reader.secret, body: { all: true } }))
        .status,
    ).toBe(403);

    const theirs = await t.db.notification.findMany({ where: { userId: other.id }, select: { id: true } });
    const marked = await call(markNotificationsReadRoute, {
      path: "/api/v1/notifications/read",
      secret: me.secret,
      body: { ids: [page.data[0]!.id, ...theirs.map((n) => n.id)] },
    });
    expect(marked.status).toBe(200);
    expect(await marked.json()).toEqual({ marked: 1 });
    expect(await t.db.notification.count({ where: { userId: other.id, readAt: { not: null } } })).toBe(0);
    const all = await call(markNotificationsReadRoute, {
      path: "/api/v1/notifications/read",
      secret: me.secret,
      body: { all: true },
    });
    expect(await all.json()).toEqual({ marked: 2 });
  });
});
