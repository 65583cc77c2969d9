/**
 * The proposals list against a real PostgreSQL: newest first by default (and oldest on request, page
 * after page without gaps or repeats), search by words in the title or the text, filters by state
 * and kind, bad query values dropped with a message at their field, and for an open public vote the
 * electors who have not voted yet, shown to members only (lib/policy).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { encodeCursor } from "@/lib/core/pagination";
import { listProposals } from "@/lib/proposals/queries";
import { parseProposalListQuery } from "@/lib/proposals/list-filters";
import { openVoting } from "@/lib/votes/open-voting";
import { castBallot, withdrawBallot } from "@/lib/votes/cast-ballot";
import { bindRoute } from "@/lib/api/handle";
import { listProposalsRoute } from "@/lib/api/v1/routes/proposals";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

let t: TestDatabase;
let slug: string;
let communityId: string;
let owner: TestPerson;
let members: TestPerson[];
let outsider: TestPerson;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  outsider = await createPerson(t.db, { actorKind: "PUBLIC" });
  slug = unique("list").toLowerCase();
  ({ id: communityId } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Liste",
      slug,
      summary: "Une communauté qui liste.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  }));
  // Unweighted, so that a secret vote opens with small colleges (tests/integration/secret-ballots.test.ts).
  await t.db.community.update({ where: { id: communityId }, data: { weightingEnabled: false } });
  members = [];
  for (const name of ["Zoé", "Ali", "Chloé"]) {
    const person = await createPerson(t.db, { actorKind: "CIVIL_SOCIETY" });
    await t.db.user.update({ where: { id: person.id }, data: { displayName: name } });
    await t.db.membership.create({ data: { communityId, userId: person.id, college: "CIVIL_SOCIETY", status: "ACTIVE" } });
    members.push(person);
  }
  await t.db.user.update({ where: { id: owner.id }, data: { displayName: "Owner" } });
  const make = async (
    key: string,
    title: string,
    body: string,
    day: number,
    extra: { kind?: "GENERAL" | "CHARTER_AMENDMENT"; status?: "DISCUSSION" | "CLOSED"; secret?: boolean } = {},
  ) => {
    const p = await t.db.proposal.create({
      data: {
        communityId,
        authorId: owner.id,
        title,
        body,
        kind: extra.kind ?? "GENERAL",
        status: extra.status ?? "DISCUSSION",
        secret: extra.secret ?? false,
        method: "THRESHOLD",
        threshold: "simple",
        quorumPercent: 0,
        ...(extra.kind === "CHARTER_AMENDMENT" ? { amendment: [] } : {}),
        createdAt: new Date(Date.UTC(2026, 10, day)),
      },
    });
    ids[key] = p.id;
  };
  await make("oldest", "Adopter la licence ouverte", "Pour les données du cadastre.", 1);
  await make("middle", "Changer la charte", "Le quorum passe à 20 %.", 2, { kind: "CHARTER_AMENDMENT" });
  await make("public", "Choisir le format d'échange", "GeoPackage ou FlatGeobuf ?", 3);
  await make("secret", "Élire le comité", "Vote secret sur le comité.", 4, { secret: true });
  await make("newest", "Renouveler la LICENCE du cadastre", "", 5);
  for (const key of ["public", "secret"])
    await openVoting(t.db, { proposalId: ids[key]!, closesAt: new Date(Date.now() + 3600_000) });
  // In the public vote, Zoé voted, Ali voted then withdrew: Ali, Chloé and the owner have not voted.
  await castBallot(t.db, { actorId: members[0]!.id, proposalId: ids.public!, choice: { choice: "for" } });
  await castBallot(t.db, { actorId: members[1]!.id, proposalId: ids.public!, choice: { choice: "against" } });
  await withdrawBallot(t.db, { actorId: members[1]!.id, proposalId: ids.public! });
});
afterAll(async () => {
  await t.drop();
});

const titles = async (filters: Parameters<typeof listProposals>[1]) =>
  (await listProposals(t.db, filters)).data.map((p) => p.title);

describe("the proposals list", () => {
  it("is newest first by default, oldest first on request, page after page", async () => {
    const { filters } = parseProposalListQuery({});
    expect(filters.sort).toBe("newest");
    const all = await titles({ actor: owner, slug, ...filters });
    expect(all).toEqual([
      "Renouveler la LICENCE du cadastre",
      "Élire le comité",
      "Choisir le format d'échange",
      "Changer la charte",
      "Adopter la licence ouverte",
    ]);
    for (const sort of ["newest", "oldest"] as const) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const page = await listProposals(t.db, { actor: owner, slug, sort, after, limit: 2 });
        seen.push(...page.data.map((p) => p.title));
        after = page.nextCursor ? parseProposalListQuery({ cursor: page.nextCursor }).filters.after : undefined;
      } while (after);
      expect(seen).toEqual(sort === "newest" ? all : [...all].reverse());
    }
  });

  it("searches every word in the title or the text, whatever the case, and filters by state and kind", async () => {
    const search = (q: string) => titles({ actor: owner, slug, ...parseProposalListQuery({ q }).filters });
    expect(await search("licence")).toEqual(["Renouveler la LICENCE du cadastre", "Adopter la licence ouverte"]);
    expect(await search("  licence   CADASTRE ")).toEqual(["Renouveler la LICENCE du cadastre", "Adopter la licence ouverte"]);
    expect(await search("licence ouverte")).toEqual(["Adopter la licence ouverte"]);
    expect(await search("flatgeobuf")).toEqual(["Choisir le format d'échange"]);
    expect(await search("20 %")).toEqual(["Changer la charte"]);
    expect(await search("introuvable")).toEqual([]);
    expect(await titles({ actor: owner, slug, sort: "newest", kind: "CHARTER_AMENDMENT" })).toEqual(["Changer la charte"]);
    expect(await titles({ actor: owner, slug, sort: "newest", status: "VOTING" })).toEqual([
      "Élire le comité",
      "Choisir le format d'échange",
    ]);
  });

  it("drops bad query values with a message at their field and applies the others", () => {
    const parsed = parseProposalListQuery({
      q: "licence\u0000",
      status: "OPEN",
      kind: ["GENERAL", "CHARTER_AMENDMENT"],
      sort: "random",
      cursor: "%%%",
    });
    expect(parsed.errors).toEqual({
      q: "results.list.invalid",
      status: "results.list.invalid",
      kind: "results.list.invalid",
      sort: "results.list.invalid",
      cursor: "results.list.invalid",
    });
    expect(parsed.filters).toEqual({ sort: "newest" });
    expect(parsed.values.q).toBe("licence");
    expect(parseProposalListQuery({ q: "x".repeat(201) }).errors.q).toBe("results.list.queryTooLong");
    expect(parseProposalListQuery({ status: "CLOSED", kind: "GENERAL", sort: "oldest" })).toMatchObject({
      filters: { status: "CLOSED", kind: "GENERAL", sort: "oldest" },
      errors: {},
    });
  });

  it("tolerates a cursor naming no proposal and LIKE wildcards in the search", async () => {
    expect(await titles({ actor: owner, slug, sort: "newest", after: "nope" })).toEqual([]);
    expect(parseProposalListQuery({ cursor: encodeCursor("nope") }).filters.after).toBe("nope");
    expect(await titles({ actor: owner, slug, sort: "newest", q: "_" })).toEqual([]);
  });

  it("shows members who has not voted yet in an open public vote, never visitors, never for a secret vote", async () => {
    const pendingOf = async (actor: TestPerson | null) =>
      Object.fromEntries(
        (await listProposals(t.db, { actor, slug, sort: "newest" })).data.map((p) => [p.title, p.pendingElectors]),
      );
    const seenByMember = await pendingOf(members[0]!);
    expect(seenByMember["Choisir le format d'échange"]).toEqual(["Ali", "Chloé", "Owner"]);
    expect(seenByMember["Élire le comité"]).toBeNull();
    expect(seenByMember["Changer la charte"]).toBeNull();
    for (const visitor of [null, outsider]) {
      const seen = await pendingOf(visitor);
      expect(seen["Choisir le format d'échange"]).toBeNull();
    }
  });

  it("are the API's filters too: words, kind and date order, and a bad value is a 400 naming its field", async () => {
    const handler = bindRoute(listProposalsRoute, () => ({
      db: t.db,
      appUrl: "http://localhost:3000",
      sessionCookieName: "gc.session",
    }));
    const get = (query: string) =>
      handler(
        new Request(`http://localhost:3000/api/v1/communities/${slug}/proposals?${query}`, {
          headers: { "accept-language": "en" },
        }),
        {
          params: Promise.resolve({ slug }),
        },
      );
    const ok = await get("q=licence&sort=newest&kind=GENERAL");
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { data: { title: string }[] };
    expect(body.data.map((p) => p.title)).toEqual(["Renouveler la LICENCE du cadastre", "Adopter la licence ouverte"]);
    for (const bad of ["q=licence%00", "sort=random", "kind=OTHER"]) {
      const response = await get(bad);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await response.json()) as { errors: { field: string }[] };
      expect(problem.errors.map((e) => e.field)).toEqual([bad.split("=")[0]]);
    }
  });
});
