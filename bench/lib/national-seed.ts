/**
 * The national scale of the benchmark (issue 15): "bench" grown to 50 000 members over its four
 * colleges, 30 000 proposals, 5 000 000 ballots and 1 000 000 contributions, in large set-based
 * statements (INSERT … SELECT generate_series, one statement per chunk of thousands of rows).
 *
 * Nothing is dropped from the schema: every index, constraint and trigger stays on. The ballots of
 * the bulk proposals are therefore written while those proposals are VOTING (the trigger
 * "Ballot_frozen_after_close" refuses ballots of a CLOSED proposal), then the decisions are inserted
 * (append-only) and only then are the proposals marked CLOSED. The two proposals whose pages are
 * measured go through the use cases (openVoting, closeProposal), with every member voting.
 *
 * BENCH_NATIONAL_FACTOR (default 1) shrinks every count, to try the seeding quickly.
 */
import type pg from "pg";
import type { Db } from "@/lib/db/client";
import { closeProposal } from "@/lib/proposals/close-proposal";
import {
  COMMONS_KINDS,
  CONTRIBUTION_TYPES,
  KINDS,
  LICENCES,
  createProposal,
  insertBallotsForElectors,
  openVote,
  type Fixture,
} from "./seed";

const FACTOR = Math.min(1, Math.max(0.001, Number(process.env.BENCH_NATIONAL_FACTOR ?? 1)));
export const NATIONAL = {
  factor: FACTOR,
  members: Math.round(50_000 * FACTOR),
  proposals: Math.max(10, Math.round(30_000 * FACTOR)),
  ballots: Math.round(5_000_000 * FACTOR),
  contributions: Math.round(1_000_000 * FACTOR),
  commons: Math.max(20, Math.round(5_000 * FACTOR)),
};

/** National users: nu0000001…; commons nc…, proposals np…, ballots nb…, contributions nk…. */
const id = (prefix: string, expr: string, width = 7) => `'${prefix}' || lpad((${expr})::text, ${width}, '0')`;

export type NationalResult = {
  seconds: number;
  steps: Record<string, number>;
  rows: Record<string, number>;
  liveProposalId: string;
  closedProposalId: string;
};

export async function seedNational(
  db: Db,
  pool: pg.Pool,
  fixture: Fixture,
  log: (line: string) => void,
): Promise<NationalResult> {
  const started = performance.now();
  const steps: Record<string, number> = {};
  const step = async (name: string, run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    steps[name] = (performance.now() - t0) / 1000;
    log(`  ${name}: ${steps[name]!.toFixed(1)} s`);
  };
  const { rows: present } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "Membership" WHERE "communityId" = $1`, [
    fixture.communityId,
  ]);
  // New members: whatever the earlier scales left, up to NATIONAL.members in all.
  const added = Math.max(1, NATIONAL.members - Number(present[0]!.n));
  const chunkMembers = 25_000;
  await step(`members +${added} → ${NATIONAL.members}`, async () => {
    for (let from = 1; from <= added; from += chunkMembers) {
      const to = Math.min(added, from + chunkMembers - 1);
      await pool.query(
        `INSERT INTO "User" ("id", "email", "displayName", "actorKind", "onboardedAt", "updatedAt")
         SELECT ${id("nu", "i")}, 'nu' || i || '@bench.example', 'Membre national ' || i, ${KINDS}[1 + i % 4], now(), now()
         FROM generate_series($1::int, $2::int) i`,
        [from, to],
      );
      await pool.query(
        `INSERT INTO "Membership" ("id", "communityId", "userId", "college", "status", "role")
         SELECT ${id("nm", "i")}, $3, ${id("nu", "i")}, ${KINDS}[1 + i % 4], 'ACTIVE', 'MEMBER'
         FROM generate_series($1::int, $2::int) i`,
        [from, to, fixture.communityId],
      );
    }
  });

  // Bulk proposals: each with `perProposal` distinct electors who all voted.
  const bulk = NATIONAL.proposals - 2; // the live and the closed one below
  const perProposal = Math.max(1, Math.min(added, Math.floor(NATIONAL.ballots / NATIONAL.proposals)));
  await step(`proposals +${bulk} (VOTING)`, () =>
    pool.query(
      `INSERT INTO "Proposal" ("id", "communityId", "authorId", "title", "body", "status", "method", "threshold",
         "secret", "weighted", "collegeWeights", "openedAt", "votingOpensAt", "votingClosesAt", "createdAt")
       SELECT ${id("np", "i")}, $2, $3, 'Proposition nationale numéro ' || i, 'Texte de la proposition ' || i,
         'VOTING', 'THRESHOLD', 'simple', true, false, '{"ALL": 100}', t, t, t + interval '7 days', t - interval '7 days'
       FROM generate_series(1, $1::int) i, LATERAL (SELECT now() - (i * interval '20 minutes') - interval '8 days' AS t) x`,
      [bulk, fixture.communityId, fixture.ownerId],
    ),
  );
  // About 167 000 electors and as many ballots per statement at full size.
  const chunk = Math.max(1, Math.floor(170_000 / perProposal));
  await step(`electors + ballots ${bulk} × ${perProposal}`, async () => {
    for (let from = 1; from <= bulk; from += chunk) {
      const to = Math.min(bulk, from + chunk - 1);
      // Distinct members per proposal: consecutive j from a proposal-dependent start, modulo `added`.
      const voters = `generate_series($1::int, $2::int) i, generate_series(0, $3::int - 1) j,
         LATERAL (SELECT 1 + ((i * 7919 + j) % $4::int) AS u) x`;
      await pool.query(
        `INSERT INTO "ElectorMember" ("proposalId", "userId", "college")
         SELECT ${id("np", "i")}, ${id("nu", "u")}, ${KINDS}[1 + u % 4] FROM ${voters}`,
        [from, to, perProposal, added],
      );
      await pool.query(
        `INSERT INTO "Ballot" ("id", "proposalId", "userId", "college", "choice", "receipt", "castAt", "updatedAt")
         SELECT 'nb' || lpad(i::text, 6, '0') || lpad(j::text, 5, '0'), ${id("np", "i")}, ${id("nu", "u")},
           ${KINDS}[1 + u % 4], jsonb_build_object('choice', (ARRAY['for','for','against','abstain'])[1 + (i * 31 + j * 17) % 4]),
           upper(substr(md5('n' || i || ':' || j), 1, 20)), now() - interval '10 days', now() - interval '10 days'
         FROM ${voters}`,
        [from, to, perProposal, added],
      );
      if (Math.floor(to / 5_000) !== Math.floor((to - (to - from + 1)) / 5_000) || to === bulk)
        log(`    ${to}/${bulk} proposals`);
    }
  });
  // Decisions as closeProposal writes them since issue 15: no stored list, the digest of the list
  // served from the frozen ballots (the same text as digestOfBallots for threshold choices).
  await step("decisions (digests in SQL), then proposals CLOSED", async () => {
    const decisionChunk = 2_000;
    for (let from = 1; from <= bulk; from += decisionChunk) {
      const to = Math.min(bulk, from + decisionChunk - 1);
      await pool.query(
        `INSERT INTO "Decision" ("id", "proposalId", "method", "electorateSize", "turnout", "outcome", "result", "digest")
         SELECT 'nd' || substr(id, 3), id, 'THRESHOLD', n, n,
           (CASE WHEN 2 * f > f + a THEN 'ADOPTED' ELSE 'REJECTED' END)::"ProposalOutcome",
           jsonb_build_object('counts', jsonb_build_object('for', f, 'against', a, 'abstain', n - f - a),
             'forShare', f::float8 / nullif(f + a, 0), 'adopted', 2 * f > f + a,
             'byCollege', jsonb_build_object('ALL', jsonb_build_object('counts', jsonb_build_object('for', f, 'against', a, 'abstain', n - f - a),
               'forShare', f::float8 / nullif(f + a, 0), 'adopted', 2 * f > f + a)),
             'effectiveWeights', '{"ALL": 1}'::jsonb, 'threshold', 'simple', 'quorumMet', true, 'weights', '{"ALL": 100}'::jsonb,
             'electorsByCollege', jsonb_build_object('ALL', n)),
           encode(sha256(convert_to('[' || list || ']', 'UTF8')), 'hex')
         FROM (SELECT "proposalId" AS id, count(*)::int AS n,
                 count(*) FILTER (WHERE "choice"->>'choice' = 'for')::int AS f,
                 count(*) FILTER (WHERE "choice"->>'choice' = 'against')::int AS a,
                 string_agg('[' || to_json("receipt")::text || ',{"choice":' || to_json("choice"->>'choice')::text || '}]',
                   ',' ORDER BY "receipt" COLLATE "C") AS list
               FROM "Ballot" WHERE "proposalId" BETWEEN ${id("np", "$1::int")} AND ${id("np", "$2::int")}
               GROUP BY 1) s`,
        [from, to],
      );
    }
    await pool.query(
      `UPDATE "Proposal" p SET "status" = 'CLOSED', "outcome" = d."outcome", "closedAt" = p."votingClosesAt"
       FROM "Decision" d WHERE d."proposalId" = p."id" AND p."id" LIKE 'np%'`,
    );
  });

  await step(`commons +${NATIONAL.commons}`, () =>
    pool.query(
      `INSERT INTO "Commons" ("id", "communityId", "slug", "title", "summary", "kind", "licence", "coverage",
         "minLon", "minLat", "maxLon", "maxLat", "status", "proposerId")
       SELECT ${id("nc", "i")}, $2, 'commun-national-' || i, 'Commun national ' || i,
         'Référentiel national de test numéro ' || i, ${COMMONS_KINDS}[1 + i % 6], ${LICENCES}[1 + i % 3],
         jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
           jsonb_build_array(x, y), jsonb_build_array(x + 0.1, y), jsonb_build_array(x + 0.1, y + 0.1),
           jsonb_build_array(x, y + 0.1), jsonb_build_array(x, y)))),
         x, y, x + 0.1, y + 0.1, 'ADOPTED', $3
       FROM (SELECT i, round((-4.5 + (i * 7907 % 1000) / 1000.0 * 12)::numeric, 3)::float8 AS x,
                    round((42.5 + (i * 104723 % 1000) / 1000.0 * 8)::numeric, 3)::float8 AS y
             FROM generate_series(1, $1::int) i) s`,
      [NATIONAL.commons, fixture.communityId, fixture.ownerId],
    ),
  );
  await step(`contributions +${NATIONAL.contributions}`, async () => {
    for (let from = 1; from <= NATIONAL.contributions; from += 200_000) {
      const to = Math.min(NATIONAL.contributions, from + 199_999);
      await pool.query(
        `INSERT INTO "Contribution" ("id", "commonsId", "authorId", "type", "description", "date", "hours", "state",
           "validatorId", "validatedAt")
         SELECT 'nk' || lpad(i::text, 8, '0'), ${id("nc", "1 + i % $3")}, ${id("nu", "1 + i % $4")},
           ${CONTRIBUTION_TYPES}[1 + i % 8], 'Contribution nationale ' || i, now() - (i % 700) * interval '1 day', 1 + i % 8,
           'VALIDATED', ${id("nu", "1 + (i + 1) % $4")}, now()
         FROM generate_series($1::int, $2::int) i`,
        [from, to, NATIONAL.commons, added],
      );
    }
  });

  // Fresh statistics before the use cases run their queries on tables grown 50-fold (without them,
  // openVoting's electorate snapshot once took 116 s instead of 2 s, depending on autovacuum).
  await step("ANALYZE", () => pool.query("ANALYZE"));

  // The two proposals measured: every member of the community is an elector, and voted.
  let liveProposalId = "";
  let closedProposalId = "";
  await step(`live proposal, ${NATIONAL.members} ballots (openVoting)`, async () => {
    const live = await createProposal(db, {
      communityId: fixture.communityId,
      authorId: fixture.ownerId,
      title: "Vote national en cours",
      liveResults: true,
    });
    await openVote(db, live.id);
    await insertBallotsForElectors(pool, live.id, NATIONAL.members, "threshold");
    liveProposalId = live.id;
  });
  await step(`closed proposal, ${NATIONAL.members} ballots (openVoting, closeProposal)`, async () => {
    const closed = await createProposal(db, {
      communityId: fixture.communityId,
      authorId: fixture.ownerId,
      title: "Vote national clos",
    });
    await openVote(db, closed.id);
    await insertBallotsForElectors(pool, closed.id, NATIONAL.members, "threshold");
    const { closed: done } = await closeProposal(db, { proposalId: closed.id });
    if (!done) throw new Error("closeProposal did not close the national proposal");
    closedProposalId = closed.id;
  });
  await step("VACUUM ANALYZE", () => pool.query("VACUUM ANALYZE"));

  const rows: Record<string, number> = {};
  for (const table of ["User", "Membership", "Proposal", "ElectorMember", "Ballot", "Decision", "Commons", "Contribution"]) {
    const { rows: found } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`);
    rows[table] = Number(found[0]!.n);
  }
  return { seconds: (performance.now() - started) / 1000, steps, rows, liveProposalId, closedProposalId };
}
