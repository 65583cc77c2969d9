/**
 * The published list of a closed vote: its [receipt, choice] pairs (never names) sorted by receipt,
 * and the SHA-256 (hex) of `JSON.stringify(list)`, which the decision keeps and its signed record
 * carries. Since issue 15 the list is no longer copied into the decision inside the closing
 * transaction (4.7 MB of JSON for 100 000 ballots): it is read from the ballots themselves, which a
 * trigger freezes once the proposal is closed (migration 20261203124214), and only its digest is
 * computed at the close, in PostgreSQL, from the same rows.
 *
 * The digest is computed in SQL over the exact text JSON.stringify gives for the list, rendered by
 * ballot shape ({choice[, reason]}, {approve: [...]}, {grades: {...}}: what lib/votes/schemas.ts
 * stores), strings escaped by to_json (which escapes as JSON.stringify does) and keys in jsonb's
 * order (the order the choice is read back in). tests/integration/published-ballots.test.ts checks it
 * against digestOf on awkward texts. Receipts are ordered bytewise (COLLATE "C"), whatever the
 * database's locale.
 */
import { createHash } from "node:crypto";
import type { DbTx } from "@/lib/db/client";

export type PublishedBallot = [receipt: string, choice: unknown];

export function digestOf(ballots: readonly (readonly [string, unknown])[]): string {
  return createHash("sha256").update(JSON.stringify(ballots)).digest("hex");
}

/**
 * SHA-256 of JSON.stringify(the published list), computed by PostgreSQL from the ballots: one
 * statement, no ballot leaves the database.
 *
 * Each element is `[receipt, choice]` in compact JSON. Rendering a choice key by key (a subquery per
 * ballot over its grades or approvals) cost 20 µs a ballot, most of the close of 100 000 judgments,
 * so a choice is rendered from jsonb's own text with its spaces removed whenever that is provably
 * the compact form; the key-by-key rendering stays for the others (a consent reason with spaces).
 * jsonb's output writes exactly one space after each key's colon and after each comma between
 * members or elements, and none elsewhere outside strings; its string escaping is JSON.stringify's
 * (escape_json, as to_json relies on, tested on awkward texts). So when the spaces counted in the text equal a LOWER
 * BOUND of those structural spaces, every space is structural and none is inside a string, and
 * removing them all gives JSON.stringify's text. The lower bounds, per shape:
 *   {"choice": …}                       1 (one colon), 3 with "reason" (two colons, one comma);
 *   {"approve": [n elements]}           1 + max(n − 1, 0), when "approve" is an array;
 *   {"grades": {k options' keys, …}}    2k (k ≥ 1; 1 when k = 0), when "grades" is an object holding
 *                                       every option of the proposal (so at least k keys).
 * Any other key, member or nesting only adds structural spaces, so the count is then larger and the
 * ballot takes the key-by-key rendering: a space inside a string can never be removed.
 *
 * The sort by receipt (100 000 rows) runs in memory: work_mem is raised to 64 MB until the end of
 * the transaction (set_config local: the close's remaining statements are small; outside a
 * transaction it changes nothing, and the sort only spills to disk). tests/integration/close-tally.test.ts
 * checks the digest against digestOf on random choices full of spaces, quotes, backslashes and
 * separators; where the transaction time of a close goes is printed by bench/close-profile.ts.
 */
export async function digestOfBallots(db: DbTx, proposalId: string): Promise<string> {
  await db.$queryRaw`SELECT set_config('work_mem', '64MB', true) AS "set"`;
  const [row] = await db.$queryRaw<{ digest: string }[]>`
    SELECT encode(sha256(convert_to('[' || coalesce(string_agg(
      '[' || to_json(b."receipt")::text || ',' || c."published" || ']', ',' ORDER BY b."receipt" COLLATE "C"
    ), '') || ']', 'UTF8')), 'hex') AS "digest"
    FROM (
      SELECT coalesce(array_agg("id"), '{}') AS "ids", count(*)::int AS "k" FROM "ProposalOption" WHERE "proposalId" = ${proposalId}
    ) o
    CROSS JOIN "Ballot" b
    -- The choice's published text depends on the choice alone: computed once per ballot (PostgreSQL
    -- memoizes it across identical choices), jsonb's text and its compact form once each (OFFSET 0).
    CROSS JOIN LATERAL (
      SELECT CASE
          WHEN b."choice" ? 'choice' THEN
            CASE WHEN s."spaces" = (CASE WHEN b."choice" ? 'reason' THEN 3 ELSE 1 END) THEN s."compact" ELSE
              '{"choice":' || to_json(b."choice"->>'choice')::text
                || CASE WHEN b."choice" ? 'reason' THEN ',"reason":' || to_json(b."choice"->>'reason')::text ELSE '' END || '}'
            END
          WHEN b."choice" ? 'approve' THEN
            CASE WHEN jsonb_typeof(b."choice"->'approve') = 'array'
              AND s."spaces" = 1 + greatest(jsonb_array_length(b."choice"->'approve') - 1, 0) THEN s."compact" ELSE
              '{"approve":[' || coalesce((SELECT string_agg(to_json(a.v)::text, ',' ORDER BY a.i)
                FROM jsonb_array_elements_text(b."choice"->'approve') WITH ORDINALITY AS a(v, i)), '') || ']}'
            END
          WHEN b."choice" ? 'grades' THEN
            CASE WHEN jsonb_typeof(b."choice"->'grades') = 'object' AND (b."choice"->'grades') ?& o."ids"
              AND s."spaces" = (CASE WHEN o."k" = 0 THEN 1 ELSE 2 * o."k" END) THEN s."compact" ELSE
              '{"grades":{' || coalesce((SELECT string_agg(to_json(g.k)::text || ':' || to_json(g.v)::text, ',' ORDER BY g.i)
                FROM jsonb_each_text(b."choice"->'grades') WITH ORDINALITY AS g(k, v, i)), '') || '}}'
            END
        END AS "published"
      FROM (
        SELECT x."compact", octet_length(x."text") - octet_length(x."compact") AS "spaces"
        FROM (SELECT y."text", replace(y."text", ' ', '') AS "compact" FROM (SELECT b."choice"::text AS "text" OFFSET 0) y OFFSET 0) x
      ) s
      OFFSET 0
    ) c
    WHERE b."proposalId" = ${proposalId} AND b."withdrawnAt" IS NULL`;
  return row!.digest;
}

/**
 * The list as published: the decision's stored copy for votes closed before issue 15, else the
 * frozen ballots in receipt order. One JSON text from PostgreSQL, decoded once.
 */
export async function publishedBallots(
  db: DbTx,
  { proposalId, stored }: { proposalId: string; stored: unknown },
): Promise<PublishedBallot[]> {
  if (Array.isArray(stored)) return stored as PublishedBallot[];
  const [row] = await db.$queryRaw<{ json: string }[]>`
    SELECT coalesce(json_agg(json_build_array("receipt", "choice") ORDER BY "receipt" COLLATE "C"), '[]')::text AS "json"
    FROM "Ballot" WHERE "proposalId" = ${proposalId} AND "withdrawnAt" IS NULL`;
  return JSON.parse(row!.json) as PublishedBallot[];
}

/** One receipt's published choice (null when no published ballot has it). */
export async function publishedChoice(
  db: DbTx,
  { proposalId, receipt, stored }: { proposalId: string; receipt: string; stored: unknown },
): Promise<{ found: boolean; choice: unknown }> {
  if (Array.isArray(stored)) {
    const entry = (stored as PublishedBallot[]).find(([r]) => r === receipt);
    return { found: Boolean(entry), choice: entry?.[1] ?? null };
  }
  const [row] = await db.$queryRaw<{ choice: unknown }[]>`
    SELECT "choice" FROM "Ballot" WHERE "proposalId" = ${proposalId} AND "receipt" = ${receipt} AND "withdrawnAt" IS NULL`;
  return { found: Boolean(row), choice: row?.choice ?? null };
}
