/**
 * Text no field accepts, refused once at the boundary (parseInput, lib/core/validation.ts): control
 * characters (newline, carriage return and tab excepted), lone surrogates and NUL are a 400 at the
 * field — never a 500, nothing stored — and so is a deeply nested body. Through the API's route
 * handlers (what a script sends), through a use case that carries its schema (what a server action
 * runs), and parseInput itself with the forms' schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindRoute } from "@/lib/api/handle";
import type { ApiRoute } from "@/lib/api/route";
import { castBallotRoute, createProposalRoute } from "@/lib/api/v1/routes/proposals";
import { proposeCommonsRoute } from "@/lib/api/v1/routes/commons";
import { createApiToken } from "@/lib/tokens/create-token";
import { createCommunity } from "@/lib/communities/create-community";
import { createCommunitySchema } from "@/lib/communities/schemas";
import { openVotingNow } from "@/lib/proposals/lifecycle";
import { MAX_INPUT_DEPTH, parseInput, ValidationError } from "@/lib/core/validation";
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
  { path, params, secret, body }: { path: string; params: Record<string, string>; secret: string; body: unknown },
) {
  const handler = bindRoute(route, () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session" }));
  const request = new Request(`${APP_URL}${path}`, {
    method: route.method,
    headers: { "accept-language": "en", authorization: `Bearer ${secret}`, "content-type": "application/json" },
    // JSON.stringify writes a lone surrogate as an escape (\ud800), which JSON.parse reads back as one.
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return handler(request, { params: Promise.resolve(params) });
}

type Problem = { errors?: { field: string; code: string; message: string }[] };

const LONE_SURROGATE = "\ud800";
const badTexts: [string, string, string][] = [
  ["a NUL character", "\u0000", "api.errors.nulCharacter"],
  ["a control character", "\u0007", "api.errors.controlCharacter"],
  ["an escape sequence", "\u001b[31m", "api.errors.controlCharacter"],
  ["a C1 control character", "\u0085", "api.errors.controlCharacter"],
  ["a lone high surrogate", LONE_SURROGATE, "api.errors.loneSurrogate"],
  ["a lone low surrogate", "\udc00", "api.errors.loneSurrogate"],
];

async function setup() {
  const slug = unique("text").toLowerCase();
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const community = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Texte",
      slug,
      summary: "Une communauté pour le texte.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  const { secret } = await createApiToken(t.db, { userId: owner.id, input: { name: "script", scopes: ["read", "write"] } });
  return { slug, community, owner, secret };
}

describe("text no field accepts", () => {
  it.each(badTexts)("a proposal title with %s is a 400 at the field, nothing stored", async (_label, text, code) => {
    const { slug, community, secret } = await setup();
    const response = await call(createProposalRoute, {
      path: `/api/v1/communities/${slug}/proposals`,
      params: { slug },
      secret,
      body: { kind: "GENERAL", title: `Adopter ${text} ODbL`, method: "THRESHOLD", votingDays: 3 },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Problem).errors?.[0]).toMatchObject({ field: "title", code });
    expect(await t.db.proposal.count({ where: { communityId: community.id } })).toBe(0);
  });

  it("a commons title and a ballot reason with a lone surrogate are 400 at their fields", async () => {
    const { slug, community, owner, secret } = await setup();
    const commons = await call(proposeCommonsRoute, {
      path: `/api/v1/communities/${slug}/commons`,
      params: { slug },
      secret,
      body: { title: `Cadastre ${LONE_SURROGATE}`, kind: "DATASET", description: "Un jeu de données." },
    });
    expect(commons.status).toBe(400);
    expect(((await commons.json()) as Problem).errors?.[0]).toMatchObject({ field: "title", code: "api.errors.loneSurrogate" });
    expect(await t.db.commons.count({ where: { communityId: community.id } })).toBe(0);

    const created = await call(createProposalRoute, {
      path: `/api/v1/communities/${slug}/proposals`,
      params: { slug },
      secret,
      body: { kind: "GENERAL", title: "Adopter ODbL pour les pistes", method: "THRESHOLD", votingDays: 3, secret: false },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await openVotingNow(t.db, { actor: owner, proposalId: id });
    const ballot = await call(castBallotRoute, {
      path: `/api/v1/proposals/${id}/ballot`,
      params: { id },
      secret,
      body: { choice: "for", reason: `Parce que ${LONE_SURROGATE}` },
    });
    expect(ballot.status).toBe(400);
    expect(((await ballot.json()) as Problem).errors?.[0]).toMatchObject({ field: "reason", code: "api.errors.loneSurrogate" });
    expect(await t.db.ballot.count({ where: { proposalId: id } })).toBe(0);
  });

  it("a deeply nested body is a 400, not a crash", async () => {
    const { slug, secret } = await setup();
    const depth = 100_000;
    const body = `{"kind":"GENERAL","title":"Adopter ODbL","method":"THRESHOLD","votingDays":3,"extra":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    const response = await call(createProposalRoute, {
      path: `/api/v1/communities/${slug}/proposals`,
      params: { slug },
      secret,
      body,
    });
    expect(response.status).toBe(400);
    const nested = JSON.parse(`${"[".repeat(MAX_INPUT_DEPTH + 1)}${"]".repeat(MAX_INPUT_DEPTH + 1)}`) as unknown;
    const shallow = await call(createProposalRoute, {
      path: `/api/v1/communities/${slug}/proposals`,
      params: { slug },
      secret,
      body: { kind: "GENERAL", title: "Adopter ODbL", method: "THRESHOLD", votingDays: 3, extra: nested },
    });
    expect(shallow.status).toBe(400);
    expect(((await shallow.json()) as Problem).errors?.[0]?.code).toBe("api.errors.tooDeep");
  });

  it("a token name goes through its use case's schema: a field error, no token", async () => {
    const owner = await createPerson(t.db);
    for (const [, text, code] of badTexts) {
      const attempt = createApiToken(t.db, { userId: owner.id, input: { name: `jeton ${text}`, scopes: ["read"] } });
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ issues: [{ field: "name", messageKey: code }] });
    }
    expect(await t.db.apiToken.count({ where: { userId: owner.id } })).toBe(0);
  });

  it("the forms' parse (defineAction's) refuses the same at the field, and keeps newlines and tabs", () => {
    const input = {
      name: "Texte",
      slug: "texte",
      summary: "Un résumé assez long.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    };
    for (const [, text, code] of badTexts) {
      expect(() => parseInput(createCommunitySchema, { ...input, name: `Nom ${text}` }, { root: "_form" })).toThrow(
        expect.objectContaining({ issues: [{ field: "name", messageKey: code }] }),
      );
    }
    const multiLine = parseInput(
      createCommunitySchema,
      { ...input, description: "Ligne 1\r\nLigne 2\n\tretrait 👍" },
      { root: "_form" },
    );
    expect(multiLine.description).toBe("Ligne 1\r\nLigne 2\n\tretrait 👍");
  });
});
