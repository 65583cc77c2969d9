/**
 * The proposals endpoints through their route handlers, with a bearer token: draft (charter field
 * error as problem+json), list, vote and change, results hidden until the close, the decision.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindRoute } from "@/lib/api/handle";
import type { ApiRoute } from "@/lib/api/route";
import {
  castBallotRoute,
  createProposalRoute,
  getDecisionRoute,
  getProposalRoute,
  listProposalsRoute,
  withdrawBallotRoute,
} from "@/lib/api/v1/routes/proposals";
import { createApiToken } from "@/lib/tokens/create-token";
import { closeProposalEarly, openVotingNow } from "@/lib/proposals/lifecycle";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { createCommunity } from "@/lib/communities/create-community";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";

const APP_URL = "http://localhost:3000";
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

function call(
  route: ApiRoute,
  { path, params = {}, secret, body }: { path: string; params?: Record<string, string>; secret?: string; body?: unknown },
) {
  const handler = bindRoute(route, () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session" }));
  const headers: Record<string, string> = { "accept-language": "fr" };
  if (secret) headers.authorization = `Bearer ${secret}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`${APP_URL}${path}`, {
    method: route.method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve(params) });
}

async function member(slug: string, communityId: string, actorKind: "PUBLIC" | "RESEARCH", role: "MEMBER" | "ADMIN" = "MEMBER") {
  const name = unique("voter");
  const user = await t.db.user.create({
    data: { email: `${name}@example.org`, displayName: name, actorKind, onboardedAt: new Date() },
    select: { id: true },
  });
  await t.db.membership.create({ data: { communityId, userId: user.id, college: actorKind, status: "ACTIVE", role } });
  const { secret } = await createApiToken(t.db, { userId: user.id, input: { name: "script", scopes: ["read", "write"] } });
  return { actor: { id: user.id, onboarded: true, isPlatformAdmin: false }, secret, slug };
}

describe("proposals API", () => {
  it("drafts, votes, hides results until the close, then serves the decision", async () => {
    const slug = unique("api-prop").toLowerCase();
    // Through the use case, so the community has its colleges and weights like a real one.
    const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
    const community = await createCommunity(t.db, {
      actor: owner,
      input: {
        name: "API",
        slug,
        summary: "Une communauté pour l'API.",
        description: "",
        visibility: "PUBLIC",
        joinPolicy: "OPEN",
      },
    });
    const admin = await member(slug, community.id, "PUBLIC", "ADMIN");
    const researcher = await member(slug, community.id, "RESEARCH");
    const colleague = await member(slug, community.id, "RESEARCH");
    const draft = { kind: "GENERAL", title: "Adopter ODbL pour les pistes", method: "THRESHOLD", votingDays: 1 };

    const tooShort = await call(createProposalRoute, {
      path: `/api/v1/communities/${slug}/proposals`,
      params: { slug },
      secret: researcher.secret,
      body: draft,
    });
    expect(tooShort.status).toBe(400);
    expect(tooShort.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await tooShort.json()) as { errors?: { field: string; message: string }[] };
    expect(problem.errors?.[0]).toMatchObject({ field: "votingDays", message: "La charte impose un vote d'au moins 3 jours." });

    // The charter's quorum (20 % by default) is a floor: an API client cannot lower it either.
    const lowQuorum = await call(createProposalRoute, {
      path: `/api/v1/communities/${slug}/proposals`,
      params: { slug },
      secret: researcher.secret,
      body: { ...draft, votingDays: 3, quorumPercent: 5 },
    });
    expect(lowQuorum.status).toBe(400);
    const lowProblem = (await lowQuorum.json()) as { errors?: { field: string; message: string }[] };
    expect(lowProblem.errors).toEqual([
      expect.objectContaining({ field: "quorumPercent", message: expect.stringContaining("20 %") }),
    ]);

    const created = await call(createProposalRoute, {
      path: `/api/v1/communities/${slug}/proposals`,
      params: { slug },
      secret: researcher.secret,
      body: { ...draft, votingDays: 3, secret: false },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    // A draft is listed for its author and the community's administrators (lib/policy/scopes.ts), not
    // yet for other members or anyone else.
    const drafts = async (secret?: string) => {
      const list = await call(listProposalsRoute, {
        path: `/api/v1/communities/${slug}/proposals?status=DRAFT`,
        params: { slug },
        secret,
      });
      return ((await list.json()) as { data: { id: string }[] }).data.map((p) => p.id);
    };
    expect(await drafts(researcher.secret)).toEqual([id]);
    expect(await drafts()).toEqual([]);
    expect(await drafts(colleague.secret)).toEqual([]);
    expect(await drafts(admin.secret)).toEqual([id]);
    // The colleague leaves before the vote: the electorate below is the author, the admin and the founder.
    await t.db.membership.deleteMany({ where: { communityId: community.id, userId: colleague.actor.id } });
    expect((await call(getProposalRoute, { path: `/api/v1/proposals/${id}`, params: { id } })).status).toBe(404);

    await openVotingNow(t.db, { actor: researcher.actor, proposalId: id });
    const ballot = (body: unknown, secret = researcher.secret) =>
      call(castBallotRoute, { path: `/api/v1/proposals/${id}/ballot`, params: { id }, secret, body });
    const bad = await ballot({ choice: "peut-être" });
    expect(bad.status).toBe(400);
    const first = (await (await ballot({ choice: "against" })).json()) as { receipt: string; changed: boolean };
    expect(first.changed).toBe(false);
    expect(await (await ballot({ choice: "for" })).json()).toEqual({ receipt: first.receipt, changed: true });
    await ballot({ choice: "for" }, admin.secret);
    const withdrawn = await call(withdrawBallotRoute, {
      path: `/api/v1/proposals/${id}/ballot`,
      params: { id },
      secret: admin.secret,
    });
    expect(withdrawn.status).toBe(204);

    const during = (await (await call(getProposalRoute, { path: `/api/v1/proposals/${id}`, params: { id } })).json()) as Record<
      string,
      unknown
    >;
    expect(during).toMatchObject({
      status: "VOTING",
      electorateSize: 3,
      turnout: 1,
      liveCounts: null,
      decision: null,
      voters: null,
    });
    expect((await call(getDecisionRoute, { path: `/api/v1/proposals/${id}/decision`, params: { id } })).status).toBe(404);

    // One elector of three has voted: the charter's default (every elector has voted) refuses an early close.
    expect(
      await closeProposalEarly(t.db, { actor: admin.actor, proposalId: id }).catch((error: { code: string }) => error.code),
    ).toBe("early_close_not_all_voted");
    await closeProposal(t.db, { proposalId: id });
    const decision = (await (
      await call(getDecisionRoute, { path: `/api/v1/proposals/${id}/decision`, params: { id } })
    ).json()) as {
      outcome: string;
      ballots: [string, unknown][];
      digest: string;
    };
    expect(decision).toMatchObject({ outcome: "ADOPTED", ballots: [[first.receipt, { choice: "for" }]] });
    expect(decision.digest).toMatch(/^[0-9a-f]{64}$/);
    const closed = (await (await call(getProposalRoute, { path: `/api/v1/proposals/${id}`, params: { id } })).json()) as {
      voters: { choice: unknown }[];
    };
    expect(closed.voters).toEqual([expect.objectContaining({ college: "RESEARCH", choice: { choice: "for" } })]);
    const late = await ballot({ choice: "against" });
    expect(late.status).toBe(409);
  });
});
