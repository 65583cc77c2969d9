/**
 * Data for the benchmark, in the benchmark's own database. The small fixture goes through the use
 * cases where they matter (community, tokens, sessions, opening and closing votes); the bulk seeder
 * writes rows with multi-row INSERT … SELECT generate_series (one statement per chunk, no round trip
 * per row), so 10 000 members, 2 000 proposals, ~1 000 000 ballots and 100 000 contributions take
 * minutes.
 *
 * Everything is in one community ("bench"), so the pages measured at small scale are the same pages
 * at full scale, with more around and in them. Closing a vote of 100 000 ballots has its own
 * community ("cloture", 100 000 members).
 */
import type pg from "pg";
import type { Db } from "@/lib/db/client";
import type { VotingMethod } from "@/lib/generated/prisma/enums";
import { createCommunity } from "@/lib/communities/create-community";
import { createApiToken } from "@/lib/tokens/create-token";
import { createSession } from "@/lib/auth/sessions";
import { openVotingIn } from "@/lib/votes/open-voting";
import { closeProposal } from "@/lib/proposals/close-proposal";

export const KINDS = `(ARRAY['PUBLIC','PRIVATE','RESEARCH','CIVIL_SOCIETY']::"ActorKind"[])`;
export const COMMONS_KINDS = `(ARRAY['DATASET','SOFTWARE','SERVICE_API','MAP','SPECIFICATION','OTHER']::"CommonsKind"[])`;
export const CONTRIBUTION_TYPES = `(ARRAY['DATA_PRODUCTION','CORRECTION','CODE','DOCUMENTATION','REVIEW','ANIMATION','FUNDING','OTHER']::"ContributionType"[])`;
export const LICENCES = `(ARRAY['etalab-2.0','ODbL-1.0','MIT'])`;
const userId = (prefix: string, expr: string) => `'${prefix}' || lpad((${expr})::text, 7, '0')`;

/** How many voters hold an API token (the ballot load rotates over them). */
export const TOKEN_HOLDERS = 200;
/** Members of "bench" at small scale (owner included), and at full scale. */
export const SMALL_MEMBERS = 200;
/** BENCH_SCALE (default 1) shrinks the full scale for a quick try of the benchmark itself. */
const SCALE = Math.min(1, Math.max(0.01, Number(process.env.BENCH_SCALE ?? 1)));
export const FULL_MEMBERS = Math.round(10_000 * SCALE);
export const FULL_PROPOSALS = Math.round(2_000 * SCALE);
export const FULL_BALLOTS_PER_BULK_PROPOSAL = Math.round(500 * SCALE);
export const FULL_COMMONS = Math.round(2_000 * SCALE);
export const FULL_CONTRIBUTIONS = Math.round(100_000 * SCALE);
export const CLOSE_VOTERS = Math.round(100_000 * SCALE);
const SMALL_COMMONS = 10;
const SMALL_CONTRIBUTIONS = 100;

export type Fixture = {
  communityId: string;
  slug: string;
  ownerId: string;
  /** Session cookie of an ordinary member, for the pages. */
  cookie: string;
  /** Bearer secrets of TOKEN_HOLDERS voters. */
  tokens: string[];
  voterIds: string[];
  /** Open proposal with live results: the ballot load and the live-tally page. */
  liveProposalId: string;
  /** Closed proposal: the results page. */
  closedProposalId: string;
};

async function insertMembers(pool: pg.Pool, communityId: string, from: number, to: number) {
  await pool.query(
    `INSERT INTO "User" ("id", "email", "displayName", "actorKind", "onboardedAt", "updatedAt")
     SELECT ${userId("bu", "i")}, 'bu' || i || '@bench.example', 'Membre ' || i, ${KINDS}[1 + i % 4], now(), now()
     FROM generate_series($1::int, $2::int) i`,
    [from, to],
  );
  await pool.query(
    `INSERT INTO "Membership" ("id", "communityId", "userId", "college", "status", "role")
     SELECT ${userId("bm", "i")}, $3, ${userId("bu", "i")}, ${KINDS}[1 + i % 4], 'ACTIVE', 'MEMBER'
     FROM generate_series($1::int, $2::int) i`,
    [from, to, communityId],
  );
}

async function insertCommons(pool: pg.Pool, communityId: string, proposerId: string, from: number, to: number) {
  // Square coverages spread over metropolitan France, with their bounding box in columns.
  await pool.query(
    `INSERT INTO "Commons" ("id", "communityId", "slug", "title", "summary", "kind", "licence", "coverage",
       "minLon", "minLat", "maxLon", "maxLat", "status", "proposerId")
     SELECT ${userId("bc", "i")}, $3, 'commun-' || i, 'Commun géographique ' || i,
       'Référentiel de test numéro ' || i || ' pour le banc de mesure', ${COMMONS_KINDS}[1 + i % 6], ${LICENCES}[1 + i % 3],
       jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
         jsonb_build_array(x, y), jsonb_build_array(x + 0.2, y), jsonb_build_array(x + 0.2, y + 0.2),
         jsonb_build_array(x, y + 0.2), jsonb_build_array(x, y)))),
       x, y, x + 0.2, y + 0.2, 'ADOPTED', $4
     FROM (SELECT i, round((-4.5 + (i * 7919 % 1000) / 1000.0 * 12)::numeric, 3)::float8 AS x,
                  round((42.5 + (i * 104729 % 1000) / 1000.0 * 8)::numeric, 3)::float8 AS y
           FROM generate_series($1::int, $2::int) i) s`,
    [from, to, communityId, proposerId],
  );
}

async function insertContributions(pool: pg.Pool, from: number, to: number, commons: number, members: number) {
  await pool.query(
    `INSERT INTO "Contribution" ("id", "commonsId", "authorId", "type", "description", "date", "hours", "state",
       "validatorId", "validatedAt")
     SELECT 'bk' || lpad(i::text, 8, '0'), ${userId("bc", `1 + i % $3`)}, ${userId("bu", `1 + i % $4`)},
       ${CONTRIBUTION_TYPES}[1 + i % 8], 'Contribution numéro ' || i, now() - (i % 700) * interval '1 day', 1 + i % 8,
       'VALIDATED', ${userId("bu", `1 + (i + 1) % $4`)}, now()
     FROM generate_series($1::int, $2::int) i`,
    [from, to, commons, members],
  );
}

/** Ballots for the first `count` electors of a proposal (a deterministic mix of choices). */
export async function insertBallotsForElectors(
  pool: pg.Pool,
  proposalId: string,
  count: number,
  choice: "threshold" | "grades",
  options: string[] = [],
) {
  const choiceSql =
    choice === "threshold"
      ? `jsonb_build_object('choice', (ARRAY['for','for','against','abstain'])[1 + n % 4])`
      : `jsonb_build_object('grades', jsonb_build_object(${options
          .map(
            (id, k) =>
              `'${id}', (ARRAY['reject','insufficient','passable','fair','good','veryGood','excellent'])[1 + (n * ${k + 3} + ${k}) % 7]`,
          )
          .join(", ")}))`;
  await pool.query(
    `INSERT INTO "Ballot" ("id", "proposalId", "userId", "college", "choice", "receipt", "castAt", "updatedAt")
     SELECT replace(gen_random_uuid()::text, '-', ''), $1, e."userId", e."college", ${choiceSql},
       upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 20)), now(), now()
     FROM (SELECT "userId", "college", row_number() OVER (ORDER BY "userId") AS n
           FROM "ElectorMember" WHERE "proposalId" = $1 ORDER BY "userId" LIMIT $2) e`,
    [proposalId, count],
  );
}

/** Opens voting through the use case, in a transaction long enough for a large electorate. */
export async function openVote(db: Db, proposalId: string) {
  await db.$transaction((tx) => openVotingIn(tx, { proposalId, closesAt: new Date(Date.now() + 7 * 86_400_000) }), {
    timeout: 600_000,
    maxWait: 60_000,
  });
}

export async function createProposal(
  db: Db,
  {
    communityId,
    authorId,
    title,
    liveResults = false,
    method = "THRESHOLD",
    options = [],
  }: { communityId: string; authorId: string; title: string; liveResults?: boolean; method?: VotingMethod; options?: string[] },
) {
  return db.proposal.create({
    data: {
      communityId,
      authorId,
      title,
      body: "Texte de la proposition, en **Markdown**, pour le banc de mesure.",
      status: "DISCUSSION",
      method,
      threshold: method === "THRESHOLD" ? "simple" : null,
      secret: true,
      liveResults,
      options: { create: options.map((label, position) => ({ label, position })) },
    },
    select: { id: true, options: { orderBy: { position: "asc" }, select: { id: true } } },
  });
}

export async function seedSmall(db: Db, pool: pg.Pool): Promise<Fixture> {
  const owner = await db.user.create({
    data: { email: "fondatrice@bench.example", displayName: "Fondatrice", actorKind: "PUBLIC", onboardedAt: new Date() },
  });
  const actor = { id: owner.id, onboarded: true, isPlatformAdmin: false };
  const { id: communityId, slug } = await createCommunity(db, {
    actor,
    input: {
      name: "Banc de mesure",
      slug: "bench",
      summary: "La communauté du banc de mesure.",
      description: "Une communauté **publique** qui grandit pendant la mesure.",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  await insertMembers(pool, communityId, 1, SMALL_MEMBERS - 1);
  const voterIds = Array.from({ length: TOKEN_HOLDERS }, (_, i) => `bu${String(i + 1).padStart(7, "0")}`).slice(
    0,
    SMALL_MEMBERS - 1,
  );
  voterIds.push(owner.id);
  const tokens: string[] = [];
  for (const id of voterIds) {
    const { secret } = await createApiToken(db, { userId: id, input: { name: "banc", scopes: ["read", "write"] } });
    tokens.push(secret);
  }
  const { sessionToken } = await createSession(db, voterIds[0]!);

  const live = await createProposal(db, { communityId, authorId: owner.id, title: "Vote en cours", liveResults: true });
  await openVote(db, live.id);
  await insertBallotsForElectors(pool, live.id, Math.floor(SMALL_MEMBERS * 0.75), "threshold");
  const closed = await createProposal(db, { communityId, authorId: owner.id, title: "Vote clos" });
  await openVote(db, closed.id);
  await insertBallotsForElectors(pool, closed.id, SMALL_MEMBERS, "threshold");
  await closeProposal(db, { proposalId: closed.id });
  for (const title of ["Brouillon", "En discussion", "Autre discussion"])
    await createProposal(db, { communityId, authorId: owner.id, title });

  await insertCommons(pool, communityId, owner.id, 1, SMALL_COMMONS);
  await insertContributions(pool, 1, SMALL_CONTRIBUTIONS, SMALL_COMMONS, SMALL_MEMBERS - 1);
  await pool.query("VACUUM ANALYZE");
  return {
    communityId,
    slug,
    ownerId: owner.id,
    cookie: `gc.session=${sessionToken}`,
    tokens,
    voterIds,
    liveProposalId: live.id,
    closedProposalId: closed.id,
  };
}

export type BulkResult = {
  seconds: number;
  steps: Record<string, number>;
  rows: Record<string, number>;
  liveProposalId: string;
  closedProposalId: string;
};

/** Grows "bench" to full scale; the measured pages then show the grown data. */
export async function seedBulk(db: Db, pool: pg.Pool, fixture: Fixture, log: (line: string) => void): Promise<BulkResult> {
  const started = performance.now();
  const steps: Record<string, number> = {};
  const step = async (name: string, run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    steps[name] = (performance.now() - t0) / 1000;
    log(`  ${name}: ${steps[name]!.toFixed(1)} s`);
  };
  const members = FULL_MEMBERS - 1; // bu0000001…bu0009999, plus the owner
  await step(`members → ${FULL_MEMBERS}`, () => insertMembers(pool, fixture.communityId, SMALL_MEMBERS, members));

  // Closed proposals, each with FULL_BALLOTS_PER_BULK_PROPOSAL ballots from distinct members, their
  // electorate, and a decision whose published list and digest follow closeProposal's format. They are
  // inserted as VOTING and closed once their decisions exist: a trigger freezes a closed proposal's ballots.
  const bulk = FULL_PROPOSALS - 7; // 5 from the small fixture, 2 below
  const perProposal = FULL_BALLOTS_PER_BULK_PROPOSAL;
  await step(`proposals +${bulk}`, () =>
    pool.query(
      `INSERT INTO "Proposal" ("id", "communityId", "authorId", "title", "body", "status", "method", "threshold",
         "secret", "weighted", "collegeWeights", "openedAt", "votingOpensAt", "votingClosesAt", "closedAt", "createdAt")
       SELECT 'bp' || lpad(i::text, 6, '0'), $2, $3, 'Proposition numéro ' || i, 'Texte de la proposition ' || i,
         'VOTING', 'THRESHOLD', 'simple', true, false, '{"ALL": 100}', t, t, t + interval '7 days', t + interval '7 days', t - interval '7 days'
       FROM generate_series(1, $1::int) i, LATERAL (SELECT now() - (i * interval '3 hours') - interval '8 days' AS t) x`,
      [bulk, fixture.communityId, fixture.ownerId],
    ),
  );
  const chunk = 100;
  await step(`electors + ballots ${bulk} × ${perProposal}`, async () => {
    for (let from = 1; from <= bulk; from += chunk) {
      const to = Math.min(bulk, from + chunk - 1);
      const voters = `generate_series($1::int, $2::int) i, generate_series(0, $3::int - 1) j,
         LATERAL (SELECT 1 + ((i * 7919 + j) % ${members}) AS u) x`;
      await pool.query(
        `INSERT INTO "ElectorMember" ("proposalId", "userId", "college")
         SELECT 'bp' || lpad(i::text, 6, '0'), ${userId("bu", "u")}, ${KINDS}[1 + u % 4] FROM ${voters}`,
        [from, to, perProposal],
      );
      await pool.query(
        `INSERT INTO "Ballot" ("id", "proposalId", "userId", "college", "choice", "receipt", "castAt", "updatedAt")
         SELECT 'bb' || lpad(i::text, 6, '0') || lpad(j::text, 5, '0'), 'bp' || lpad(i::text, 6, '0'), ${userId("bu", "u")},
           ${KINDS}[1 + u % 4], jsonb_build_object('choice', (ARRAY['for','for','against','abstain'])[1 + (i * 31 + j * 17) % 4]),
           upper(substr(md5(i || ':' || j), 1, 20)), now() - interval '10 days', now() - interval '10 days'
         FROM ${voters}`,
        [from, to, perProposal],
      );
      if (to % 500 === 0 || to === bulk) log(`    ${to}/${bulk} proposals`);
    }
  });
  await step("decisions (published lists and digests in SQL)", async () => {
    for (let from = 1; from <= bulk; from += chunk) {
      const to = Math.min(bulk, from + chunk - 1);
      // jsonb text has ", " and ": " separators; without them it is JSON.stringify's output (receipts and
      // choices here hold no spaces), so the digest is what digestOf() computes.
      await pool.query(
        `INSERT INTO "Decision" ("id", "proposalId", "method", "electorateSize", "turnout", "outcome", "result", "ballots", "digest")
         SELECT 'bd' || substr(id, 3), id, 'THRESHOLD', n, n,
           (CASE WHEN 2 * f > f + a THEN 'ADOPTED' ELSE 'REJECTED' END)::"ProposalOutcome",
           jsonb_build_object('counts', jsonb_build_object('for', f, 'against', a, 'abstain', n - f - a),
             'forShare', f::float8 / nullif(f + a, 0), 'adopted', 2 * f > f + a,
             'byCollege', jsonb_build_object('ALL', jsonb_build_object('counts', jsonb_build_object('for', f, 'against', a, 'abstain', n - f - a),
               'forShare', f::float8 / nullif(f + a, 0), 'adopted', 2 * f > f + a)),
             'effectiveWeights', '{"ALL": 1}'::jsonb, 'threshold', 'simple', 'quorumMet', true, 'weights', '{"ALL": 100}'::jsonb,
             'electorsByCollege', jsonb_build_object('ALL', n)),
           list, encode(sha256(convert_to(replace(replace(list::text, ', ', ','), ': ', ':'), 'UTF8')), 'hex')
         FROM (SELECT "proposalId" AS id, count(*)::int AS n,
                 count(*) FILTER (WHERE "choice"->>'choice' = 'for')::int AS f,
                 count(*) FILTER (WHERE "choice"->>'choice' = 'against')::int AS a,
                 jsonb_agg(jsonb_build_array("receipt", "choice") ORDER BY "receipt") AS list
               FROM "Ballot" WHERE "proposalId" BETWEEN 'bp' || lpad($1::text, 6, '0') AND 'bp' || lpad($2::text, 6, '0')
               GROUP BY 1) s`,
        [from, to],
      );
    }
    await pool.query(
      `UPDATE "Proposal" p SET "status" = 'CLOSED', "outcome" = d."outcome" FROM "Decision" d WHERE d."proposalId" = p."id" AND p."id" LIKE 'bp%'`,
    );
  });

  // The two proposals measured at full scale: every one of the 10 000 members voted.
  let liveProposalId = "";
  let closedProposalId = "";
  await step("live proposal with 10 000 ballots (openVoting)", async () => {
    const live = await createProposal(db, {
      communityId: fixture.communityId,
      authorId: fixture.ownerId,
      title: "Grand vote en cours",
      liveResults: true,
    });
    await openVote(db, live.id);
    await insertBallotsForElectors(pool, live.id, FULL_MEMBERS, "threshold");
    liveProposalId = live.id;
  });
  await step("closed proposal with 10 000 ballots (openVoting, closeProposal)", async () => {
    const closed = await createProposal(db, {
      communityId: fixture.communityId,
      authorId: fixture.ownerId,
      title: "Grand vote clos",
    });
    await openVote(db, closed.id);
    await insertBallotsForElectors(pool, closed.id, FULL_MEMBERS, "threshold");
    await closeProposal(db, { proposalId: closed.id });
    closedProposalId = closed.id;
  });

  await step(`commons → ${FULL_COMMONS}`, () =>
    insertCommons(pool, fixture.communityId, fixture.ownerId, SMALL_COMMONS + 1, FULL_COMMONS),
  );
  await step(`contributions → ${FULL_CONTRIBUTIONS}`, async () => {
    for (let from = SMALL_CONTRIBUTIONS + 1; from <= FULL_CONTRIBUTIONS; from += 25_000)
      await insertContributions(pool, from, Math.min(FULL_CONTRIBUTIONS, from + 24_999), FULL_COMMONS, members);
  });
  await step("VACUUM ANALYZE", () => pool.query("VACUUM ANALYZE"));

  const rows: Record<string, number> = {};
  for (const table of ["User", "Membership", "Proposal", "ElectorMember", "Ballot", "Decision", "Commons", "Contribution"]) {
    const { rows: found } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    rows[table] = Number(found[0]!.n);
  }
  return { seconds: (performance.now() - started) / 1000, steps, rows, liveProposalId, closedProposalId };
}

export type CloseFixture = { thresholdId: string; majorityJudgmentId: string; approvalId: string; ballots: number };

/** "cloture": 100 000 members, and three open proposals where every one of them voted. */
export async function seedCloseFixture(db: Db, pool: pg.Pool, ownerId: string, voters: number): Promise<CloseFixture> {
  const { id: communityId } = await createCommunity(db, {
    actor: { id: ownerId, onboarded: true, isPlatformAdmin: false },
    input: {
      name: "Clôture",
      slug: "cloture",
      summary: "Cent mille votants.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  for (let from = 1; from <= voters - 1; from += 50_000) {
    const to = Math.min(voters - 1, from + 49_999);
    await pool.query(
      `INSERT INTO "User" ("id", "email", "displayName", "actorKind", "onboardedAt", "updatedAt")
       SELECT ${userId("cu", "i")}, 'cu' || i || '@bench.example', 'Votant ' || i, ${KINDS}[1 + i % 4], now(), now()
       FROM generate_series($1::int, $2::int) i`,
      [from, to],
    );
    await pool.query(
      `INSERT INTO "Membership" ("id", "communityId", "userId", "college", "status", "role")
       SELECT ${userId("cm", "i")}, $3, ${userId("cu", "i")}, ${KINDS}[1 + i % 4], 'ACTIVE', 'MEMBER'
       FROM generate_series($1::int, $2::int) i`,
      [from, to, communityId],
    );
  }
  const threshold = await createProposal(db, { communityId, authorId: ownerId, title: "Seuil, 100 000 votants" });
  const mj = await createProposal(db, {
    communityId,
    authorId: ownerId,
    title: "Jugement majoritaire, 100 000 votants",
    method: "MAJORITY_JUDGMENT",
    options: ["Option A", "Option B", "Option C"],
  });
  const approval = await createProposal(db, {
    communityId,
    authorId: ownerId,
    title: "Approbation, 100 000 votants",
    method: "APPROVAL",
    options: ["Option A", "Option B", "Option C"],
  });
  for (const p of [threshold, mj, approval]) await openVote(db, p.id);
  await insertBallotsForElectors(pool, threshold.id, voters, "threshold");
  await insertBallotsForElectors(
    pool,
    mj.id,
    voters,
    "grades",
    mj.options.map((o) => o.id),
  );
  const [a, b, c] = approval.options.map((o) => o.id);
  await pool.query(
    `INSERT INTO "Ballot" ("id", "proposalId", "userId", "college", "choice", "receipt", "castAt", "updatedAt")
     SELECT replace(gen_random_uuid()::text, '-', ''), $1, e."userId", e."college",
       jsonb_build_object('approve', (ARRAY[jsonb_build_array($2::text), jsonb_build_array($2::text, $3::text),
         jsonb_build_array($3::text, $4::text), jsonb_build_array($4::text), '[]'::jsonb])[1 + e.n % 5]),
       upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 20)), now(), now()
     FROM (SELECT "userId", "college", row_number() OVER (ORDER BY "userId") AS n FROM "ElectorMember" WHERE "proposalId" = $1) e`,
    [approval.id, a, b, c],
  );
  await pool.query("VACUUM ANALYZE");
  return { thresholdId: threshold.id, majorityJudgmentId: mj.id, approvalId: approval.id, ballots: voters };
}
