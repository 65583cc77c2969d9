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

/** SHA-256 of JSON.stringify(the published list), computed by PostgreSQL from the ballots. */
export async function digestOfBallots(db: DbTx, proposalId: string): Promise<string> {
  const [row] = await db.$queryRaw<{ digest: string }[]>`
    SELECT encode(sha256(convert_to('[' || coalesce(string_agg(
      '[' || to_json(b."receipt")::text || ',' || (
        CASE
          WHEN b."choice" ? 'choice' THEN
            '{"choice":' || to_json(b."choice"->>'choice')::text
              || CASE WHEN b."choice" ? 'reason' THEN ',"reason":' || to_json(b."choice"->>'reason')::text ELSE '' END || '}'
          WHEN b."choice" ? 'approve' THEN
            '{"approve":[' || coalesce((SELECT string_agg(to_json(a.v)::text, ',' ORDER BY a.i)
              FROM jsonb_array_elements_text(b."choice"->'approve') WITH ORDINALITY AS a(v, i)), '') || ']}'
          WHEN b."choice" ? 'grades' THEN
            '{"grades":{' || coalesce((SELECT string_agg(to_json(g.k)::text || ':' || to_json(g.v)::text, ',' ORDER BY g.i)
              FROM jsonb_each_text(b."choice"->'grades') WITH ORDINALITY AS g(k, v, i)), '') || '}}'
        END) || ']',
      ',' ORDER BY b."receipt" COLLATE "C"), '') || ']', 'UTF8')), 'hex') AS "digest"
    FROM "Ballot" b WHERE b."proposalId" = ${proposalId} AND b."withdrawnAt" IS NULL`;
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
