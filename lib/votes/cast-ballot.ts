/**
 * Casting or changing a ballot, the platform's hot path, in two round trips on postgres.js
 * (lib/db/sql.ts, prepared statements) instead of Prisma's ten:
 *
 * 1. one read: the proposal, its community, the voter's membership (for the policy, asked by the
 *    caller through `authorize`), the voter's frozen college if they are an elector, and the options
 *    their choice may name; the choice is then checked against the proposal (the form's own schema);
 * 2. one statement, its own transaction: the proposal row locked FOR SHARE and still open (closing
 *    takes it FOR UPDATE, so a ballot racing the close is either committed before the tally or, once
 *    the close committed, re-checked by PostgreSQL and refused: never half-written), the voter still
 *    an elector, the ballot upserted (one per member per proposal: the unique constraint decides, so
 *    racing requests from one member leave one row holding the last choice) and the change recorded
 *    in its history (`BallotChange`), all or nothing.
 *
 * Live updates: the same statement NOTIFYs the proposal's channel (lib/live), delivered on commit.
 *
 * The receipt is drawn once, when the ballot is first cast, and stays with it. No audit entry names
 * the voter: the history records when a ballot changed, never who chose what.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { LIVE_CHANNEL, liveTopic, sqlOf, utc } from "@/lib/db/sql";
import { AppError } from "@/lib/core/errors";
import { ValidationError, fieldIssuesOf } from "@/lib/core/validation";
import type { JoinPolicy, MemberRole, MembershipStatus, Visibility } from "@/lib/generated/prisma/enums";
import { ballotSchemaFor, type BallotChoice } from "./schemas";

const RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: receipts are read aloud and retyped

export function newReceipt(): string {
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length])
    .join("")
    .replace(/(.{4})(?=.)/g, "$1-");
}

type Method = "THRESHOLD" | "CONSENT" | "APPROVAL" | "MAJORITY_JUDGMENT";

/** What the caller's policy check needs, read in the same query as the proposal. */
export type BallotAccess = {
  community: { id: string; visibility: Visibility; joinPolicy: JoinPolicy };
  membership: { role: MemberRole; status: MembershipStatus; suspendedUntil: Date | null } | null;
};

type AccessRow = {
  status: string;
  method: Method;
  open: boolean;
  communityId: string;
  visibility: Visibility;
  joinPolicy: JoinPolicy;
  role: MemberRole | null;
  memberStatus: MembershipStatus | null;
  memberSuspendedUntil: number | null;
  college: string | null;
  optionIds: string[] | null;
};

export async function castBallot(
  db: Db,
  {
    actorId,
    proposalId,
    choice,
    now = new Date(),
    authorize,
  }: {
    actorId: string;
    proposalId: string;
    choice: BallotChoice;
    now?: Date;
    /** The policy check (lib/proposals/ballots.ts): throws to refuse, before anything is written. */
    authorize?: (access: BallotAccess) => void;
  },
): Promise<{ receipt: string; changed: boolean }> {
  const sql = sqlOf(db);
  const at = utc(sql, now);
  const [row] = await sql<AccessRow[]>`
    SELECT p."status"::text AS "status", p."method"::text AS "method",
      (p."status" = 'VOTING' AND (p."votingClosesAt" IS NULL OR p."votingClosesAt" > ${at})) AS "open",
      c."id" AS "communityId", c."visibility"::text AS "visibility", c."joinPolicy"::text AS "joinPolicy",
      m."role"::text AS "role", m."status"::text AS "memberStatus",
      (extract(epoch FROM m."suspendedUntil") * 1000)::float8 AS "memberSuspendedUntil",
      e."college"::text AS "college",
      (SELECT array_agg(o."id" ORDER BY o."position") FROM "ProposalOption" o WHERE o."proposalId" = p."id") AS "optionIds"
    FROM "Proposal" p
    JOIN "Community" c ON c."id" = p."communityId"
    LEFT JOIN "Membership" m ON m."communityId" = c."id" AND m."userId" = ${actorId}
    LEFT JOIN "ElectorMember" e ON e."proposalId" = p."id" AND e."userId" = ${actorId}
    WHERE p."id" = ${proposalId}`;
  if (!row) throw new AppError("not_found", "errors.notFound", 404);
  authorize?.({
    community: { id: row.communityId, visibility: row.visibility, joinPolicy: row.joinPolicy },
    membership:
      row.role && row.memberStatus
        ? {
            role: row.role,
            status: row.memberStatus,
            suspendedUntil: row.memberSuspendedUntil === null ? null : new Date(row.memberSuspendedUntil),
          }
        : null,
  });
  const closed = () =>
    new AppError(
      "voting_closed",
      row.status === "VOTING" || row.status === "CLOSED" ? "votes.errors.closed" : "votes.errors.notOpen",
      409,
    );
  if (!row.open) throw closed();
  if (!row.college) throw new AppError("not_elector", "votes.errors.notElector", 403);
  // The choice was parsed at the boundary; whether it fits this proposal (its method, its options)
  // only the proposal can tell: the form's own schema for it, errors at the same fields.
  const parsed = ballotSchemaFor(row.method, row.optionIds ?? []).safeParse(choice);
  if (!parsed.success) throw new ValidationError(fieldIssuesOf(parsed.error, { root: "choice" }));

  // One statement, one transaction: nothing is written unless the proposal is still open (re-checked
  // under the share lock) and the voter is in its frozen electorate.
  const [ballot] = await sql<{ receipt: string | null; inserted: boolean | null }[]>`
    WITH "p" AS (
      SELECT "id" FROM "Proposal"
      WHERE "id" = ${proposalId} AND "status" = 'VOTING' AND ("votingClosesAt" IS NULL OR "votingClosesAt" > ${at})
      FOR SHARE
    ), "e" AS (
      SELECT e."college" FROM "ElectorMember" e JOIN "p" ON e."proposalId" = "p"."id" WHERE e."userId" = ${actorId}
    ), "b" AS (
      INSERT INTO "Ballot" ("id", "proposalId", "userId", "college", "choice", "receipt", "castAt", "updatedAt")
      SELECT ${randomBytes(12).toString("hex")}, ${proposalId}, ${actorId}, "e"."college", ${sql.json(parsed.data)}, ${newReceipt()}, ${at}, ${at}
      FROM "e"
      ON CONFLICT ("proposalId", "userId") DO UPDATE SET "choice" = EXCLUDED."choice", "updatedAt" = EXCLUDED."updatedAt", "withdrawnAt" = NULL
      RETURNING "id", "receipt", (xmax = 0) AS "inserted"
    ), "c" AS (
      INSERT INTO "BallotChange" ("id", "ballotId", "at", "kind")
      SELECT ${randomBytes(12).toString("hex")}, "b"."id", ${at}, CASE WHEN "b"."inserted" THEN 'cast' ELSE 'changed' END FROM "b"
    ), "n" AS (
      -- Live updates (lib/live): delivered on commit, naming the proposal only.
      SELECT pg_notify(${LIVE_CHANNEL}, ${liveTopic(proposalId)}) AS "sent" FROM "b"
    )
    SELECT "b"."receipt", "b"."inserted", (SELECT count(*) FROM "n") AS "notified"
    FROM (SELECT 1) AS "one" LEFT JOIN "b" ON true`;
  // No row written: the proposal closed between the read and the write (the electorate is frozen
  // before voting opens, so an elector stays one).
  if (!ballot?.receipt) throw closed();
  return { receipt: ballot.receipt, changed: !ballot.inserted };
}

export async function withdrawBallot(
  db: Db,
  { actorId, proposalId, now = new Date() }: { actorId: string; proposalId: string; now?: Date },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const [proposal] = await tx.$queryRaw<{ status: string; votingClosesAt: Date | null }[]>`
      SELECT "status", "votingClosesAt" FROM "Proposal" WHERE "id" = ${proposalId} FOR SHARE`;
    if (!proposal) throw new AppError("not_found", "errors.notFound", 404);
    if (proposal.status !== "VOTING" || (proposal.votingClosesAt && proposal.votingClosesAt <= now))
      throw new AppError("voting_closed", "votes.errors.closed", 409);
    const ballot = await tx.ballot.findUnique({
      where: { proposalId_userId: { proposalId, userId: actorId } },
      select: { id: true, withdrawnAt: true },
    });
    if (!ballot || ballot.withdrawnAt) throw new AppError("no_ballot", "votes.errors.noBallot", 404);
    await tx.ballot.update({ where: { id: ballot.id }, data: { withdrawnAt: now } });
    await tx.ballotChange.create({ data: { ballotId: ballot.id, at: now, kind: "withdrawn" } });
    await tx.$queryRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${liveTopic(proposalId)})::text AS "sent"`;
  });
}
