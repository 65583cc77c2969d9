/**
 * The commons endpoints of the JSON API v1 through their route handlers, with bearer tokens, over a
 * real PostgreSQL: propose (field errors, nothing stored), find with filters and cursor pagination
 * (accents ignored, map extent, kind, licence, community), a bbox that is not four numbers in range
 * (localized field error), read one, record a contribution (not in the future), review it (never
 * one's own: nothing stored), anonymity of people who opted out, and the OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindRoute } from "@/lib/api/handle";
import type { ApiRoute } from "@/lib/api/route";
import { openApiDocument } from "@/lib/api/v1/registry";
import {
  getCommonsRoute,
  listCommonsRoute,
  listContributionsRoute,
  proposeCommonsRoute,
  recordContributionRoute,
  reviewContributionRoute,
} from "@/lib/api/v1/routes/commons";
import { createCommunity } from "@/lib/communities/create-community";
import type { ActorKind, Visibility } from "@/lib/generated/prisma/enums";
import { createApiToken } from "@/lib/tokens/create-token";
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

type Problem = { status: number; code: string; errors?: { field: string; code: string; message: string }[] };

async function call(
  route: ApiRoute,
  {
    path,
    params = {},
    secret,
    body,
    language = "fr",
  }: { path: string; params?: Record<string, string>; secret?: string; body?: unknown; language?: string },
) {
  const handler = bindRoute(route, () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session" }));
  const headers: Record<string, string> = { "accept-language": language };
  if (secret) headers.authorization = `Bearer ${secret}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await handler(
    new Request(`${APP_URL}${path}`, {
      method: route.method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, type: response.headers.get("content-type") ?? "", json: (await response.json()) as never };
}

async function member(communityId: string, college: ActorKind, { listedByName = true } = {}) {
  const name = unique("m");
  const user = await t.db.user.create({
    data: {
      email: `${name}@example.org`,
      displayName: `Membre ${name}`,
      actorKind: college,
      onboardedAt: new Date(),
      listedByName,
    },
    select: { id: true, displayName: true },
  });
  await t.db.membership.create({ data: { communityId, userId: user.id, college, status: "ACTIVE" } });
  const { secret } = await createApiToken(t.db, { userId: user.id, input: { name: "script", scopes: ["read", "write"] } });
  return { id: user.id, name: user.displayName as string, secret };
}

async function community(visibility: Visibility = "PUBLIC") {
  const owner = await createPerson(t.db);
  const slug = unique("api-c").toLowerCase();
  const { id } = await createCommunity(t.db, {
    actor: owner,
    input: { name: `Communauté ${slug}`, slug, summary: "Des communs.", description: "", visibility, joinPolicy: "OPEN" },
  });
  return { id, slug };
}

const square = (lon: number, lat: number, size = 0.5) => ({
  type: "Polygon",
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

const tag = unique("w")
  .toLowerCase()
  .replace(/[^a-z]/g, "");

const commonsBody = (overrides: Record<string, unknown> = {}) => ({
  slug: unique("c").toLowerCase(),
  title: `Base ${tag}`,
  summary: "Un commun.",
  kind: "DATASET",
  licence: "etalab-2.0",
  status: "PROPOSED",
  ...overrides,
});

describe("commons API", () => {
  let pub: { id: string; slug: string };
  let alice: Awaited<ReturnType<typeof member>>;
  let bruno: Awaited<ReturnType<typeof member>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    pub = await community();
    alice = await member(pub.id, "PUBLIC");
    bruno = await member(pub.id, "RESEARCH", { listedByName: false });
    const propose = async (key: string, body: Record<string, unknown>) => {
      const created = await call(proposeCommonsRoute, {
        path: `/api/v1/communities/${pub.slug}/commons`,
        params: { slug: pub.slug },
        secret: alice.secret,
        body: commonsBody(body),
      });
      expect(created.status).toBe(201);
      ids[key] = (created.json as { id: string }).id;
    };
    await propose("lyon", { title: `Réseau cyclable ${tag}`, coverage: square(4.7, 45.6), kind: "MAP" });
    await propose("brest", { title: `Adresses ${tag}`, coverage: square(-4.6, 48.3), licence: "ODbL-1.0" });
    await propose("code", { title: `Outil ${tag}`, kind: "SOFTWARE", licence: "EUPL-1.2" });
    const closed = await community("MEMBERS");
    const insider = await member(closed.id, "PUBLIC");
    const secret = await call(proposeCommonsRoute, {
      path: `/api/v1/communities/${closed.slug}/commons`,
      params: { slug: closed.slug },
      secret: insider.secret,
      body: commonsBody({ title: `Réservé ${tag}`, coverage: square(4.8, 45.7) }),
    });
    ids.closed = (secret.json as { id: string }).id;
  });

  it("refuses an unknown licence and a bad coverage at their field, storing nothing", async () => {
    const before = await t.db.commons.count({ where: { communityId: pub.id } });
    const path = `/api/v1/communities/${pub.slug}/commons`;
    const licence = await call(proposeCommonsRoute, {
      path,
      params: { slug: pub.slug },
      secret: alice.secret,
      body: commonsBody({ licence: "WTFPL" }),
    });
    expect(licence.status).toBe(400);
    expect(licence.type).toContain("application/problem+json");
    expect((licence.json as Problem).errors).toEqual([
      { field: "licence", code: "commons.errors.licenceInvalid", message: expect.stringMatching(/licence/i) },
    ]);
    const bowTie = {
      type: "Polygon",
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const geometry = await call(proposeCommonsRoute, {
      path,
      params: { slug: pub.slug },
      secret: alice.secret,
      body: commonsBody({ coverage: bowTie }),
    });
    expect(geometry.status).toBe(400);
    expect((geometry.json as Problem).errors?.[0]).toMatchObject({
      field: "coverage",
      code: "commons.errors.geometry.selfIntersection",
    });
    const anonymous = await call(proposeCommonsRoute, { path, params: { slug: pub.slug }, body: commonsBody() });
    expect(anonymous.status).toBe(401);
    expect(await t.db.commons.count({ where: { communityId: pub.id } })).toBe(before);
  });

  it("finds commons by a word without its accents, by kind, licence, community and map extent", async () => {
    const list = async (query: string, secret?: string) => {
      const response = await call(listCommonsRoute, { path: `/api/v1/commons?${query}`, secret });
      expect(response.status).toBe(200);
      return (response.json as { data: { id: string; bbox: number[] | null; url: string }[] }).data;
    };
    expect((await list(`q=reseau ${tag}`)).map((c) => c.id)).toEqual([ids.lyon]);
    expect((await list(`q=${tag}&kind=SOFTWARE`)).map((c) => c.id)).toEqual([ids.code]);
    expect((await list(`q=${tag}&licence=ODbL-1.0`)).map((c) => c.id)).toEqual([ids.brest]);
    expect((await list(`q=${tag}&community=${pub.slug}`)).map((c) => c.id).sort()).toEqual(
      [ids.lyon, ids.brest, ids.code].sort(),
    );
    const brittany = await list(`q=${tag}&bbox=-5.5,47.5,-3,49`);
    expect(brittany.map((c) => c.id)).toEqual([ids.brest]);
    expect(brittany[0]?.bbox).toEqual([-4.6, 48.3, -4.1, 48.8]);
    expect(brittany[0]?.url).toMatch(new RegExp(`^${APP_URL}/communities/${pub.slug}/commons/`));
    expect((await list(`q=${tag}&sort=title`)).map((c) => c.id)).toEqual([ids.brest, ids.code, ids.lyon]);
    expect(await list(`q=${tag}&actorKind=RESEARCH`)).toEqual([]);
    expect((await list(`q=${tag}&actorKind=PUBLIC`)).length).toBe(3);
    // The members-only community's commons: for its members only.
    expect((await list(`q=${tag}&bbox=4.5,45.5,5.5,46.5`)).map((c) => c.id)).toEqual([ids.lyon]);
  });

  it("matches a bbox with the coverages themselves, not their bounding boxes (the Rennes case)", async () => {
    const other = unique("r")
      .toLowerCase()
      .replace(/[^a-z]/g, "");
    const created = await call(proposeCommonsRoute, {
      path: `/api/v1/communities/${pub.slug}/commons`,
      params: { slug: pub.slug },
      secret: alice.secret,
      body: commonsBody({
        title: `Bocage ${other}`,
        coverage: {
          type: "Polygon",
          coordinates: [
            [
              [-2, 47],
              [-1, 47],
              [-2, 48],
              [-2, 47],
            ],
          ],
        },
      }),
    });
    expect(created.status).toBe(201);
    const id = (created.json as { id: string }).id;
    const list = async (bbox: string) => {
      const response = await call(listCommonsRoute, { path: `/api/v1/commons?q=${other}&bbox=${bbox}` });
      expect(response.status).toBe(200);
      return (response.json as { data: { id: string }[] }).data.map((c) => c.id);
    };
    // The triangle's bounding box covers this box near Rennes; the triangle does not reach it.
    expect(await list("-1.2,47.8,-1.1,47.9")).toEqual([]);
    expect(await list("-1.6,47.4,-1.4,47.45")).toEqual([id]);
  });

  it("pages with an opaque cursor", async () => {
    const first = await call(listCommonsRoute, { path: `/api/v1/commons?q=${tag}&limit=2` });
    const page1 = first.json as { data: { id: string }[]; nextCursor: string | null };
    expect(page1.data).toHaveLength(2);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await call(listCommonsRoute, { path: `/api/v1/commons?q=${tag}&limit=2&cursor=${page1.nextCursor}` });
    const page2 = second.json as { data: { id: string }[]; nextCursor: string | null };
    expect(page2.nextCursor).toBeNull();
    expect([...page1.data, ...page2.data].map((c) => c.id).sort()).toEqual([ids.lyon, ids.brest, ids.code].sort());
    const bad = await call(listCommonsRoute, { path: `/api/v1/commons?cursor=nope!` });
    expect(bad.status).toBe(400);
    // A well-formed cursor that decodes to a NUL character is refused, not sent to PostgreSQL.
    const nul = Buffer.from(JSON.stringify({ after: "\u0000" })).toString("base64url");
    const hostile = await call(listCommonsRoute, { path: `/api/v1/commons?cursor=${nul}` });
    expect(hostile.status).toBe(400);
    expect((hostile.json as Problem).errors?.[0]?.field).toBe("cursor");
  });

  it("answers a bbox that is not four numbers in range with a localized field error", async () => {
    const cases: [string, string][] = [
      ["1,2,3", "opendata.errors.bboxFormat"],
      ["a,b,c,d", "opendata.errors.bboxFormat"],
      ["1,2,3,4,5", "opendata.errors.bboxFormat"],
      ["-200,0,1,1", "opendata.errors.bboxRange"],
      ["0,0,1,95", "opendata.errors.bboxRange"],
      ["0,5,1,1", "opendata.errors.bboxOrder"],
    ];
    for (const [bbox, code] of cases) {
      const response = await call(listCommonsRoute, { path: `/api/v1/commons?bbox=${encodeURIComponent(bbox)}` });
      expect(response.status, bbox).toBe(400);
      expect((response.json as Problem).errors, bbox).toEqual([{ field: "bbox", code, message: expect.any(String) }]);
    }
    const fr = await call(listCommonsRoute, { path: "/api/v1/commons?bbox=1,2,3" });
    const en = await call(listCommonsRoute, { path: "/api/v1/commons?bbox=1,2,3", language: "en" });
    expect((fr.json as Problem).errors?.[0]?.message).toMatch(/exactement quatre nombres/);
    expect((en.json as Problem).errors?.[0]?.message).toMatch(/exactly four/);
  });

  it("refuses an unknown licence, kind or community in the filters", async () => {
    for (const [query, field, code] of [
      ["licence=WTFPL", "licence", "opendata.errors.licenceUnknown"],
      ["kind=PIZZA", "kind", "opendata.errors.kindUnknown"],
      ["community=nulle-part-du-tout", "community", "opendata.errors.communityUnknown"],
      ["sort=random", "sort", "opendata.errors.sortUnknown"],
      ["actorKind=ALIENS", "actorKind", "opendata.errors.actorKindUnknown"],
    ] as const) {
      const response = await call(listCommonsRoute, { path: `/api/v1/commons?${query}` });
      expect(response.status, query).toBe(400);
      expect((response.json as Problem).errors, query).toEqual([{ field, code, message: expect.any(String) }]);
    }
  });

  it("reads one commons, with its coverage and open-data addresses; 404 when not visible", async () => {
    const response = await call(getCommonsRoute, { path: `/api/v1/commons/${ids.lyon}`, params: { id: ids.lyon! } });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      id: ids.lyon,
      kind: "MAP",
      licence: "etalab-2.0",
      coverage: square(4.7, 45.6),
      bbox: [4.7, 45.6, 5.2, 46.1],
      stewards: [{ kind: "person", name: alice.name, actorKind: "PUBLIC" }],
      exports: { contributionsCsv: `${APP_URL}/api/commons/${ids.lyon}/contributions.csv` },
    });
    const hidden = await call(getCommonsRoute, { path: `/api/v1/commons/${ids.closed}`, params: { id: ids.closed! } });
    expect(hidden.status).toBe(404);
    const missing = await call(getCommonsRoute, { path: "/api/v1/commons/nope", params: { id: "nope" } });
    expect(missing.status).toBe(404);
  });

  it("records a contribution, refuses one in the future, and lets another member validate it, never its author", async () => {
    const id = ids.brest!;
    const path = `/api/v1/commons/${id}/contributions`;
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const future = await call(recordContributionRoute, {
      path,
      params: { id },
      secret: bruno.secret,
      body: { type: "CORRECTION", description: "Adresses vérifiées", date: tomorrow },
    });
    expect(future.status).toBe(400);
    expect((future.json as Problem).errors).toEqual([
      { field: "date", code: "ledger.errors.dateInFuture", message: "La date ne peut pas être dans le futur." },
    ]);
    expect(await t.db.contribution.count({ where: { commonsId: id } })).toBe(0);

    const recorded = await call(recordContributionRoute, {
      path,
      params: { id },
      secret: bruno.secret,
      body: { type: "CORRECTION", description: "1 200 adresses vérifiées", date: "2026-01-15", quantity: 1200, unit: "adresses" },
    });
    expect(recorded.status).toBe(201);
    const { id: contributionId, state } = recorded.json as { id: string; state: string };
    expect(state).toBe("PENDING");

    const review = (secret: string, body: unknown) =>
      call(reviewContributionRoute, {
        path: `/api/v1/contributions/${contributionId}/review`,
        params: { id: contributionId },
        secret,
        body,
      });
    const own = await review(bruno.secret, { decision: "VALIDATED" });
    expect(own.status).toBe(403);
    expect((own.json as Problem).code).toBe("own_contribution");
    const stored = await t.db.contribution.findUniqueOrThrow({ where: { id: contributionId } });
    expect([stored.state, stored.validatorId]).toEqual(["PENDING", null]);
    expect(await t.db.auditEntry.count({ where: { communityId: pub.id, action: "contribution.validated" } })).toBe(0);

    const badDecision = await review(alice.secret, { decision: "MAYBE" });
    expect(badDecision.status).toBe(400);
    expect((badDecision.json as Problem).errors?.[0]?.field).toBe("decision");
    const validated = await review(alice.secret, { decision: "VALIDATED", comment: "Vérifié sur le terrain." });
    expect(validated).toMatchObject({ status: 200, json: { id: contributionId, state: "VALIDATED" } });
    expect((await review(alice.secret, { decision: "REJECTED" })).status).toBe(409);

    // The ledger: Bruno asked not to be listed by name, so he is anonymous to others.
    const ledger = await call(listContributionsRoute, { path, params: { id } });
    expect(ledger.status).toBe(200);
    const entries = (ledger.json as { data: Record<string, unknown>[] }).data;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: contributionId,
      type: "CORRECTION",
      date: "2026-01-15",
      quantity: 1200,
      unit: "adresses",
      state: "VALIDATED",
      author: { name: null, anonymous: true, organization: null, college: "RESEARCH" },
      validator: { name: alice.name, anonymous: false },
    });
    const validatedOnly = await call(listContributionsRoute, { path: `${path}?state=PENDING`, params: { id } });
    expect((validatedOnly.json as { data: unknown[] }).data).toEqual([]);
  });

  it("pages a ledger with an opaque cursor", async () => {
    const id = ids.code!;
    const path = `/api/v1/commons/${id}/contributions`;
    for (const day of ["2026-02-01", "2026-02-02", "2026-02-03"]) {
      const r = await call(recordContributionRoute, {
        path,
        params: { id },
        secret: alice.secret,
        body: { type: "CODE", description: `Correctifs du ${day}`, date: day, hours: 2 },
      });
      expect(r.status).toBe(201);
    }
    const first = (await call(listContributionsRoute, { path: `${path}?limit=2`, params: { id } })).json as {
      data: { date: string }[];
      nextCursor: string;
    };
    expect(first.data.map((c) => c.date)).toEqual(["2026-02-03", "2026-02-02"]);
    const second = (await call(listContributionsRoute, { path: `${path}?limit=2&cursor=${first.nextCursor}`, params: { id } }))
      .json as { data: { date: string }[]; nextCursor: string | null };
    expect(second).toEqual({ data: [expect.objectContaining({ date: "2026-02-01" })], nextCursor: null });
    const hidden = await call(listContributionsRoute, {
      path: `/api/v1/commons/${ids.closed}/contributions`,
      params: { id: ids.closed! },
    });
    expect(hidden.status).toBe(404);
  });

  it("is described in the OpenAPI document", () => {
    const document = openApiDocument({ serverUrl: APP_URL, sessionCookieName: "gc.session" });
    expect(Object.keys(document.paths["/api/v1/commons"] ?? {})).toContain("get");
    expect(Object.keys(document.paths["/api/v1/commons/{id}"] ?? {})).toContain("get");
    expect(Object.keys(document.paths["/api/v1/communities/{slug}/commons"] ?? {})).toContain("post");
    expect(Object.keys(document.paths["/api/v1/commons/{id}/contributions"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(document.paths["/api/v1/contributions/{id}/review"] ?? {})).toContain("post");
    const list = document.paths["/api/v1/commons"]?.get as { parameters: { name: string }[] };
    expect(list.parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(["q", "bbox", "kind", "licence", "community", "cursor", "limit"]),
    );
  });
});
