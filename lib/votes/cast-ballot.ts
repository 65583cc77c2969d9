/**
 * Casting or changing a ballot. One ballot per member per proposal is the database's unique
 * constraint (an upsert, so racing requests from one member leave one row holding the last choice).
 * The proposal row is read FOR SHARE: closing takes it FOR UPDATE, so a ballot racing the close is
 * either committed before the tally or refused after it, never half-written.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { ValidationError, fieldIssuesOf } from "@/lib/core/validation";
import { ballotSchemaFor, type BallotChoice } from "./schemas";

const RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I: receipts are read aloud and retyped

export function newReceipt(): string {
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length])
    .join("")
    .replace(/(.{4})(?=.)/g, "$1-");
}

type ProposalForBallot = {
  status: string;
  votingClosesAt: Date | null;
  method: "THRESHOLD" | "CONSENT" | "APPROVAL" | "MAJORITY_JUDGMENT";
};

export async function castBallot(
  db: Db,
  { actorId, proposalId, choice, now = new Date() }: { actorId: string; proposalId: string; choice: BallotChoice; now?: Date },
): Promise<{ receipt: string; changed: boolean }> {
  return db.$transaction(async (tx) => {
    // One read: the proposal locked FOR SHARE (a ballot racing the close is counted or refused), the
    // voter's frozen college if they are an elector, and the options their choice may name.
    const [proposal] = await tx.$queryRaw<(ProposalForBallot & { college: string | null; optionIds: string[] | null })[]>`
      SELECT p."status", p."votingClosesAt", p."method",
        (SELECT e."college"::text FROM "ElectorMember" e WHERE e."proposalId" = p."id" AND e."userId" = ${actorId}) AS "college",
        (SELECT array_agg(o."id") FROM "ProposalOption" o WHERE o."proposalId" = p."id") AS "optionIds"
      FROM "Proposal" p WHERE p."id" = ${proposalId} FOR SHARE OF p`;
    if (!proposal) throw new AppError("not_found", "errors.notFound", 404);
    if (proposal.status !== "VOTING" || (proposal.votingClosesAt && proposal.votingClosesAt <= now)) {
      throw new AppError(
        "voting_closed",
        proposal.status === "VOTING" || proposal.status === "CLOSED" ? "votes.errors.closed" : "votes.errors.notOpen",
        409,
      );
    }
    if (!proposal.college) throw new AppError("not_elector", "votes.errors.notElector", 403);
    // The choice was parsed at the boundary; whether it fits this proposal (its method, its options)
    // only the proposal can tell: the form's own schema for it, errors at the same fields.
    const parsed = ballotSchemaFor(proposal.method, proposal.optionIds ?? []).safeParse(choice);
    if (!parsed.success) throw new ValidationError(fieldIssuesOf(parsed.error, { root: "choice" }));

    // One write: the ballot upserted (one per member, the unique constraint decides) and its change
    // recorded, in one statement.
    const value = JSON.stringify(parsed.data);
    const [ballot] = await tx.$queryRaw<{ id: string; receipt: string; inserted: boolean }[]>`
      WITH "b" AS (
        INSERT INTO "Ballot" ("id", "proposalId", "userId", "college", "choice", "receipt", "castAt", "updatedAt")
        VALUES (${randomBytes(12).toString("hex")}, ${proposalId}, ${actorId}, ${proposal.college}::"ActorKind", ${value}::jsonb, ${newReceipt()}, ${now}, ${now})
        ON CONFLICT ("proposalId", "userId") DO UPDATE SET "choice" = EXCLUDED."choice", "updatedAt" = EXCLUDED."updatedAt", "withdrawnAt" = NULL
        RETURNING "id", "receipt", (xmax = 0) AS "inserted"
      ), "c" AS (
        INSERT INTO "BallotChange" ("id", "ballotId", "at", "kind")
        SELECT ${randomBytes(12).toString("hex")}, "b"."id", ${now}, CASE WHEN "b"."inserted" THEN 'cast' ELSE 'changed' END FROM "b"
      )
      SELECT "id", "receipt", "inserted" FROM "b"`;
    if (!ballot) throw new Error("ballot upsert returned no row");
    return { receipt: ballot.receipt, changed: !ballot.inserted };
  });
}

export async function withdrawBallot(
  db: Db,
  { actorId, proposalId, now = new Date() }: { actorId: string; proposalId: string; now?: Date },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const [proposal] = await tx.$queryRaw<ProposalForBallot[]>`
      SELECT "status", "votingClosesAt", "method" FROM "Proposal" WHERE "id" = ${proposalId} FOR SHARE`;
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
  });
}
