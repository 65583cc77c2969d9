/**
 * GET /api/v1/communities/{slug}/charter through its route handler: 404 before the charter is
 * founded, the founding version, version 2 made by an adopted amendment (with its proposal),
 * ?version=N, unknown versions, and a members-only community's charter hidden from non-members.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindRoute } from "@/lib/api/handle";
import { getCharterRoute } from "@/lib/api/v1/routes/charter";
import { createApiToken } from "@/lib/tokens/create-token";
import { createCommunity } from "@/lib/communities/create-community";
import { foundCharter } from "@/lib/charter/found-charter";
import { defaultCharterParameters } from "@/lib/charter/parameters";
import { createProposal } from "@/lib/proposals/create-proposal";
import { closeProposalEarly, openVotingNow } from "@/lib/proposals/lifecycle";
import { castBallot } from "@/lib/votes/cast-ballot";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

const APP_URL = "http://localhost:3000";
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function get(slug: string, { secret, search = "" }: { secret?: string; search?: string } = {}) {
  const handler = bindRoute(getCharterRoute, () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session" }));
  const headers: Record<string, string> = { "accept-language": "fr" };
  if (secret) headers.authorization = `Bearer ${secret}`;
  const request = new Request(`${APP_URL}/api/v1/communities/${slug}/charter${search}`, { method: "GET", headers });
  return handler(request, { params: Promise.resolve({ slug }) });
}

async function tokenOf(person: TestPerson, scopes: ("read" | "write")[] = ["read"]) {
  return (await createApiToken(t.db, { userId: person.id, input: { name: "script", scopes } })).secret;
}

async function community(owner: TestPerson, visibility: "PUBLIC" | "MEMBERS") {
  const slug = unique("charter-api").toLowerCase();
  await createCommunity(t.db, {
    actor: owner,
    input: { name: "Charte API", slug, summary: "Une communauté et sa charte.", description: "", visibility, joinPolicy: "OPEN" },
  });
  return slug;
}

const rules = [
  { title: "Licence des données", text: "Les données sont publiées sous **Licence Ouverte 2.0**.", principle: 7 },
  { title: "Qui contribue", text: "Toute personne inscrite peut proposer une correction.", principle: 1 },
];

type CharterBody = {
  number: number;
  currentVersion: number;
  createdAt: string;
  rules: { number: number; title: string; text: string; principle: number }[];
  parameters: Record<string, unknown>;
  changes: unknown[];
  proposal: { id: string; title: string } | null;
};

describe("charter API", () => {
  it("serves the current version or a given one, with the amendment that made it", async () => {
    const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
    const slug = await community(owner, "PUBLIC");
    const secret = await tokenOf(owner);

    const none = await get(slug, { secret });
    expect(none.status).toBe(404);
    expect(none.headers.get("content-type")).toContain("application/problem+json");

    await foundCharter(t.db, { actor: owner, slug, rules, parameters: defaultCharterParameters });
    const founded = await get(slug);
    expect(founded.status).toBe(200);
    const v1 = (await founded.json()) as CharterBody;
    expect(v1).toMatchObject({ number: 1, currentVersion: 1, changes: [], proposal: null });
    expect(v1.rules.map((rule) => [rule.number, rule.title, rule.principle])).toEqual([
      [1, "Licence des données", 7],
      [2, "Qui contribue", 1],
    ]);
    // Version 1 also records the colleges as they stood when the charter was founded (from then on
    // they change only by an adopted amendment).
    expect(v1.parameters).toEqual({
      ...defaultCharterParameters,
      weightingEnabled: true,
      collegeWeights: { PUBLIC: 25, PRIVATE: 25, RESEARCH: 25, CIVIL_SOCIETY: 25 },
    });
    expect(Number.isNaN(Date.parse(v1.createdAt))).toBe(false);

    const changes = [
      {
        op: "add",
        rule: { title: "Délai des corrections", text: "Les corrections sont traitées sous 30 jours.", principle: 4 },
      },
      { op: "setParameter", key: "minVotingDays", value: 5 },
    ];
    const title = "Inscrire le délai des corrections";
    const { id } = await createProposal(t.db, {
      actor: owner,
      slug,
      // Public: the founder is alone in a weighted college, where a secret vote may not open.
      input: { kind: "CHARTER_AMENDMENT", title, method: "THRESHOLD", votingDays: 3, amendment: changes, secret: false },
    });
    await openVotingNow(t.db, { actor: owner, proposalId: id });
    await castBallot(t.db, { actorId: owner.id, proposalId: id, choice: { choice: "for" } });
    await closeProposalEarly(t.db, { actor: owner, proposalId: id });

    const current = (await (await get(slug, { secret })).json()) as CharterBody;
    expect(current).toMatchObject({ number: 2, currentVersion: 2, proposal: { id, title }, changes });
    expect(current.rules.at(-1)).toEqual({ number: 3, ...changes[0]!.rule });
    expect(current.parameters.minVotingDays).toBe(5);

    const first = await get(slug, { search: "?version=1" });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ number: 1, currentVersion: 2, proposal: null, changes: [] });
    expect(((await (await get(slug, { search: "?version=2" })).json()) as CharterBody).proposal).toEqual({ id, title });

    expect((await get(slug, { search: "?version=3" })).status).toBe(404);
    expect((await get(slug, { search: "?version=0" })).status).toBe(400);
    expect((await get(slug, { search: "?version=deux" })).status).toBe(400);
    expect((await get(unique("missing").toLowerCase())).status).toBe(404);
  });

  it("hides a members-only community's charter from anyone but its members", async () => {
    const owner = await createPerson(t.db, { actorKind: "RESEARCH" });
    const slug = await community(owner, "MEMBERS");
    await foundCharter(t.db, { actor: owner, slug, rules, parameters: defaultCharterParameters });
    const outsider = await createPerson(t.db, { actorKind: "PRIVATE" });

    expect((await get(slug)).status).toBe(404);
    expect((await get(slug, { secret: await tokenOf(outsider) })).status).toBe(404);
    expect((await get(slug, { search: "?version=1", secret: await tokenOf(outsider) })).status).toBe(404);
    const member = await get(slug, { secret: await tokenOf(owner) });
    expect(member.status).toBe(200);
    expect(await member.json()).toMatchObject({ number: 1, currentVersion: 1 });
  });

  it("needs the read scope", async () => {
    const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
    const slug = await community(owner, "PUBLIC");
    await foundCharter(t.db, { actor: owner, slug, rules, parameters: defaultCharterParameters });
    expect((await get(slug, { secret: await tokenOf(owner, ["write"]) })).status).toBe(403);
  });
});
