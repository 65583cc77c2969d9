/**
 * Personal access tokens against a real PostgreSQL: the secret exists once, only its hash is kept,
 * revocation stops it at once, and the API enforces scopes (through the same pipeline the route
 * handlers run, lib/api/handle.ts, over this file's database).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "@/lib/auth/sessions";
import { ValidationError } from "@/lib/core/validation";
import { bindRoute } from "@/lib/api/handle";
import { getCommunityRoute, listCommunitiesRoute, listMembersRoute } from "@/lib/api/v1/routes/communities";
import { joinCommunityRoute, leaveCommunityRoute } from "@/lib/api/v1/routes/membership";
import type { ApiRoute } from "@/lib/api/route";
import type { ActorKind } from "@/lib/generated/prisma/enums";
import { NotFoundError } from "@/lib/policy/can";
import { createApiToken } from "@/lib/tokens/create-token";
import { listApiTokens } from "@/lib/tokens/list-tokens";
import { revokeApiToken } from "@/lib/tokens/revoke-token";
import { hashTokenSecret } from "@/lib/tokens/secret";
import { verifyApiToken } from "@/lib/tokens/verify-token";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";

const APP_URL = "http://localhost:3000";
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function person(actorKind: ActorKind = "PUBLIC") {
  const name = unique("person");
  return t.db.user.create({
    data: { email: `${name}@example.org`, displayName: name, actorKind, onboardedAt: new Date() },
    select: { id: true },
  });
}

async function community({
  visibility = "PUBLIC",
  joinPolicy = "OPEN",
  members = [],
}: { visibility?: "PUBLIC" | "MEMBERS"; joinPolicy?: "OPEN" | "ON_REQUEST"; members?: string[] } = {}) {
  const slug = unique("c").toLowerCase();
  await t.db.community.create({
    data: {
      slug,
      name: `Communauté ${slug}`,
      summary: "Une communauté de test pour l'API.",
      description: "Réservé aux lecteurs.",
      visibility,
      joinPolicy,
      colleges: {
        create: [
          { kind: "PUBLIC", weight: 60 },
          { kind: "PRIVATE", weight: 40 },
        ],
      },
      memberships: { create: members.map((userId) => ({ userId, college: "PUBLIC" as const, status: "ACTIVE" as const })) },
    },
  });
  return slug;
}

/** Calls a route the way Next.js would, over the test database. */
function call(
  route: ApiRoute,
  {
    path,
    params = {},
    headers = {},
    body,
  }: { path: string; params?: Record<string, string>; headers?: Record<string, string>; body?: string },
) {
  const handler = bindRoute(route, () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session" }));
  const request = new Request(`${APP_URL}${path}`, { method: route.method, headers, body });
  return handler(request, { params: Promise.resolve(params) });
}
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe("creating a token", () => {
  it("returns the secret once and stores only its hash and a short prefix", async () => {
    const { id: userId } = await person();
    const { token, secret } = await createApiToken(t.db, {
      userId,
      input: { name: "  Script de synchro  ", scopes: ["write", "read", "read"] },
    });
    expect(secret).toMatch(/^gct_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: "Script de synchro", scopes: ["read", "write"], prefix: secret.slice(0, 12) });

    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(hashTokenSecret(secret));
    expect(JSON.stringify(row)).not.toContain(secret.slice(12));

    const listed = await listApiTokens(t.db, userId);
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0]!).sort()).toEqual(["createdAt", "id", "lastUsedAt", "name", "prefix", "scopes"]);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(12));
  });

  it.each([
    [{ name: "", scopes: ["read"] }, "name", "api.tokens.errors.nameRequired"],
    [{ name: "   ", scopes: ["read"] }, "name", "api.tokens.errors.nameRequired"],
    [{ name: "x".repeat(81), scopes: ["read"] }, "name", "api.tokens.errors.nameTooLong"],
    [{ name: "ok", scopes: [] }, "scopes", "api.tokens.errors.scopesRequired"],
    [{ name: "ok", scopes: ["admin"] }, "scopes.0", "api.tokens.errors.scopeInvalid"],
  ])("refuses %j with a field error and stores nothing", async (input, field, messageKey) => {
    const { id: userId } = await person();
    const attempt = createApiToken(t.db, { userId, input });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ status: 400, issues: expect.arrayContaining([{ field, messageKey }]) });
    expect(await t.db.apiToken.count({ where: { userId } })).toBe(0);
  });
});

describe("verifying a token", () => {
  it("finds the token's person and scopes, and records use at most once a minute", async () => {
    const { id: userId } = await person();
    const { token, secret } = await createApiToken(t.db, { userId, input: { name: "lecture", scopes: ["read"] } });
    const now = new Date();
    expect(await verifyApiToken(t.db, secret, now)).toMatchObject({ tokenId: token.id, scopes: ["read"], user: { id: userId } });
    const firstUse = (await t.db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    expect(firstUse?.getTime()).toBe(now.getTime());

    await verifyApiToken(t.db, secret, new Date(now.getTime() + 30_000));
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt?.getTime()).toBe(now.getTime());
    const later = new Date(now.getTime() + 61_000);
    await verifyApiToken(t.db, secret, later);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt?.getTime()).toBe(later.getTime());
  });

  it("refuses unknown and malformed secrets", async () => {
    expect(await verifyApiToken(t.db, `gct_${"A".repeat(43)}`)).toBeNull();
    expect(await verifyApiToken(t.db, "not-a-token")).toBeNull();
  });
});

describe("revoking a token", () => {
  it("works only on one's own token and stops it at once", async () => {
    const [owner, other] = [await person(), await person()];
    const { token, secret } = await createApiToken(t.db, { userId: owner.id, input: { name: "à révoquer", scopes: ["read"] } });

    await expect(revokeApiToken(t.db, { userId: other.id, tokenId: token.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await verifyApiToken(t.db, secret)).not.toBeNull();

    await revokeApiToken(t.db, { userId: owner.id, tokenId: token.id });
    expect(await verifyApiToken(t.db, secret)).toBeNull();
    expect(await listApiTokens(t.db, owner.id)).toEqual([]);
    await expect(revokeApiToken(t.db, { userId: owner.id, tokenId: token.id })).rejects.toBeInstanceOf(NotFoundError);

    const response = await call(listCommunitiesRoute, { path: "/api/v1/communities", headers: bearer(secret) });
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 401, code: "invalid_token" });
  });
});

describe("the API enforces scopes and authentication", () => {
  it("lets a read-only token read but not write (403 insufficient_scope)", async () => {
    const { id: userId } = await person();
    const slug = await community();
    const { secret } = await createApiToken(t.db, { userId, input: { name: "lecture", scopes: ["read"] } });

    const read = await call(getCommunityRoute, {
      path: `/api/v1/communities/${slug}`,
      params: { slug },
      headers: bearer(secret),
    });
    expect(read.status).toBe(200);

    const write = await call(joinCommunityRoute, {
      path: `/api/v1/communities/${slug}/membership`,
      params: { slug },
      headers: { ...bearer(secret), "accept-language": "en" },
    });
    expect(write.status).toBe(403);
    expect(write.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    expect(await write.json()).toMatchObject({ code: "insufficient_scope", title: "Forbidden" });
    expect(await t.db.membership.count({ where: { userId } })).toBe(0);
  });

  it("lets a write-only token write but not read", async () => {
    const { id: userId } = await person();
    const slug = await community();
    const { secret } = await createApiToken(t.db, { userId, input: { name: "écriture", scopes: ["write"] } });
    const joined = await call(joinCommunityRoute, {
      path: `/api/v1/communities/${slug}/membership`,
      params: { slug },
      headers: bearer(secret),
      body: JSON.stringify({ message: "Bonjour" }),
    });
    expect(joined.status).toBe(201);
    expect(await joined.json()).toEqual({ status: "ACTIVE" });
    const read = await call(listCommunitiesRoute, { path: "/api/v1/communities", headers: bearer(secret) });
    expect(read.status).toBe(403);
    const left = await call(leaveCommunityRoute, {
      path: `/api/v1/communities/${slug}/membership`,
      params: { slug },
      headers: bearer(secret),
    });
    expect(left.status).toBe(204);
  });

  it("answers 401 to an anonymous write, and never falls back from a bad token to the session", async () => {
    const { id: userId } = await person();
    const slug = await community();
    const anonymous = await call(joinCommunityRoute, { path: `/api/v1/communities/${slug}/membership`, params: { slug } });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: "unauthenticated" });

    const { sessionToken } = await createSession(t.db, userId);
    const mixed = await call(joinCommunityRoute, {
      path: `/api/v1/communities/${slug}/membership`,
      params: { slug },
      headers: { authorization: "Bearer gct_forged", cookie: `gc.session=${sessionToken}`, origin: APP_URL },
    });
    expect(mixed.status).toBe(401);
    expect(await t.db.membership.count({ where: { userId } })).toBe(0);
  });

  it("accepts a cookie-authenticated write only from the site itself", async () => {
    const { id: userId } = await person();
    const slug = await community({ joinPolicy: "ON_REQUEST" });
    const { sessionToken } = await createSession(t.db, userId);
    const cookie = `gc.session=${sessionToken}`;
    const path = `/api/v1/communities/${slug}/membership`;

    const crossSite: Record<string, string>[] = [
      { cookie, origin: "https://evil.example" },
      { cookie },
      { cookie, "sec-fetch-site": "cross-site" },
    ];
    for (const headers of crossSite) {
      const refused = await call(joinCommunityRoute, { path, params: { slug }, headers });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: "cross_origin" });
    }
    const accepted = await call(joinCommunityRoute, { path, params: { slug }, headers: { cookie, origin: APP_URL } });
    expect(accepted.status).toBe(201);
    expect(await accepted.json()).toEqual({ status: "PENDING" });
  });

  it("answers bad input with field errors, in the caller's language", async () => {
    const { id: userId } = await person();
    const slug = await community();
    const { secret } = await createApiToken(t.db, { userId, input: { name: "rw", scopes: ["read", "write"] } });
    const path = `/api/v1/communities/${slug}/membership`;

    const garbage = await call(joinCommunityRoute, {
      path,
      params: { slug },
      headers: bearer(secret),
      body: JSON.stringify({ message: 42 }),
    });
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toMatchObject({ code: "invalid_input", errors: [{ field: "message", code: "errors.invalid" }] });

    const tooLong = await call(joinCommunityRoute, {
      path,
      params: { slug },
      headers: { ...bearer(secret), "accept-language": "en-GB,en;q=0.9" },
      body: JSON.stringify({ message: "x".repeat(1001) }),
    });
    expect(await tooLong.json()).toMatchObject({
      errors: [
        { field: "message", code: "communities.errors.messageTooLong", message: expect.stringMatching(/1,?000 characters/) },
      ],
    });

    const malformed = await call(joinCommunityRoute, { path, params: { slug }, headers: bearer(secret), body: "{not json" });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ code: "invalid_json" });

    const badLimit = await call(listCommunitiesRoute, { path: "/api/v1/communities?limit=500", headers: bearer(secret) });
    expect(badLimit.status).toBe(400);
    expect(await badLimit.json()).toMatchObject({ errors: [{ field: "limit", code: "api.errors.limitInvalid" }] });
    expect(await t.db.membership.count({ where: { userId } })).toBe(0);
  });

  it("shows a members-only community's summary to others, and its members only to members", async () => {
    const [member, outsider] = [await person(), await person()];
    const slug = await community({ visibility: "MEMBERS", members: [member.id] });
    const memberToken = (await createApiToken(t.db, { userId: member.id, input: { name: "m", scopes: ["read"] } })).secret;
    const outsiderToken = (await createApiToken(t.db, { userId: outsider.id, input: { name: "o", scopes: ["read"] } })).secret;

    const asOutsider = await (
      await call(getCommunityRoute, { path: `/api/v1/communities/${slug}`, params: { slug }, headers: bearer(outsiderToken) })
    ).json();
    expect(Object.keys(asOutsider).sort()).toEqual(["joinPolicy", "name", "slug", "summary", "visibility"]);
    const asMember = await (
      await call(getCommunityRoute, { path: `/api/v1/communities/${slug}`, params: { slug }, headers: bearer(memberToken) })
    ).json();
    expect(asMember).toMatchObject({ description: "Réservé aux lecteurs.", activeMembers: 1 });
    expect(asMember.colleges).toContainEqual({ kind: "PUBLIC", weight: 60, activeMembers: 1 });
    expect(asMember.colleges).toContainEqual({ kind: "RESEARCH", weight: 0, activeMembers: 0 });

    const membersPath = `/api/v1/communities/${slug}/members`;
    expect((await call(listMembersRoute, { path: membersPath, params: { slug }, headers: bearer(outsiderToken) })).status).toBe(
      404,
    );
    expect((await call(listMembersRoute, { path: membersPath, params: { slug } })).status).toBe(404);
    const members = await call(listMembersRoute, { path: membersPath, params: { slug }, headers: bearer(memberToken) });
    expect(await members.json()).toMatchObject({
      data: [{ college: "PUBLIC", role: "MEMBER", organization: null }],
      nextCursor: null,
    });

    const listed = await (await call(listCommunitiesRoute, { path: "/api/v1/communities?limit=100" })).json();
    const entry = listed.data.find((item: { slug: string }) => item.slug === slug);
    expect(entry).toBeDefined();
    expect(entry).not.toHaveProperty("activeMembers");
  });

  it("pages through communities by cursor without gaps or repeats", async () => {
    for (let i = 0; i < 5; i++) await community();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/api/v1/communities?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await (await call(listCommunitiesRoute, { path })).json()) as {
        data: { slug: string }[];
        nextCursor: string | null;
      };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((item) => item.slug));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await t.db.community.count());
  });
});
