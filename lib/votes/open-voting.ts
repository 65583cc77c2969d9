/**
 * Opens voting: freezes the electorate (the active members at this moment, in their college) and
 * the colleges' weights, in one transaction with the status change. Later joins, suspended, banned
 * and pending members, accounts suspended everywhere and erased ones are not in it.
 */
import type { Db, DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { collegeWeights } from "@/lib/communities/colleges";
import { getCharterParameters } from "@/lib/charter/parameters";
import { undersizedColleges } from "@/lib/votes/secret-ballot";
import { emitEvent } from "@/lib/events/emit";
import { enqueueProposalClose } from "@/lib/votes/close-job";
import { currentEligibilityRule, eligibilityCondition } from "@/lib/votes/eligibility";
import { logVotingOpened } from "@/lib/translog/events";

export async function openVoting(
  db: Db,
  input: { proposalId: string; closesAt: Date; now?: Date },
): Promise<{ electorate: number }> {
  return db.$transaction((tx) => openVotingIn(tx, input));
}

/** The same inside a caller's transaction (e.g. with the audit entry of the person who opened it). */
export async function openVotingIn(
  tx: DbTx,
  { proposalId, closesAt, now = new Date() }: { proposalId: string; closesAt: Date; now?: Date },
): Promise<{ electorate: number }> {
  const [proposal] = await tx.$queryRaw<{ id: string; status: string; communityId: string; secret: boolean }[]>`
    SELECT "id", "status", "communityId", "secret" FROM "Proposal" WHERE "id" = ${proposalId} FOR UPDATE`;
  if (!proposal) throw new AppError("not_found", "errors.notFound", 404);
  if (proposal.status !== "DRAFT" && proposal.status !== "DISCUSSION")
    throw new AppError("not_open", "votes.errors.notOpenable", 409);
  if (closesAt <= now) throw new AppError("invalid_dates", "votes.errors.closesBeforeOpen", 400);
  const community = await tx.community.findUniqueOrThrow({
    where: { id: proposal.communityId },
    select: { weightingEnabled: true },
  });
  const weights = await collegeWeights(tx, proposal.communityId);
  // Accounts suspended everywhere (until after now) or erased may not vote: they are no electors,
  // so they do not inflate the quorum's denominator either.
  // The charter may add an eligibility rule (contribution days): applied here, frozen with the electorate.
  const rule = await currentEligibilityRule(tx, proposal.communityId);
  const electorate = await tx.$executeRaw`
    INSERT INTO "ElectorMember" ("proposalId", "userId", "college")
    SELECT ${proposalId}, m."userId", m."college" FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
    WHERE m."communityId" = ${proposal.communityId} AND m."status" = 'ACTIVE'
      AND u."erasedAt" IS NULL AND (u."platformSuspendedUntil" IS NULL OR u."platformSuspendedUntil" <= ${now})
      ${eligibilityCondition(rule, proposal.communityId, now)}`;
  // No figure of a secret ballot may give away a person's choice: a weighted college smaller than
  // the charter's minimum would publish its members' choices (lib/votes/secret-ballot.ts).
  const weighted = community.weightingEnabled && Object.values(weights).some((weight) => weight > 0);
  if (proposal.secret && weighted)
    await assertCollegesLargeEnough(tx, { proposalId, communityId: proposal.communityId, weights });
  await tx.proposal.update({
    where: { id: proposalId },
    data: {
      status: "VOTING",
      openedAt: now,
      votingOpensAt: now,
      votingClosesAt: closesAt,
      // No college configured (all weights 0) would make every weighted tally empty: one member, one vote then.
      weighted,
      collegeWeights: weights,
      ...(rule ? { eligibilityRule: rule } : {}),
    },
  });
  await emitEvent(tx, {
    type: "proposal.opened",
    communityId: proposal.communityId,
    proposalId,
    payload: { electorate, closesAt: closesAt.toISOString() },
  });
  // The close, due at closesAt, is a job that exists exactly when this opening commits (lib/jobs).
  await enqueueProposalClose(tx, { proposalId, closesAt });
  await logVotingOpened(tx, { proposalId });
  return { electorate };
}

/** Rule 1 of lib/votes/secret-ballot.ts, on the electorate just frozen (the transaction rolls back). */
async function assertCollegesLargeEnough(
  tx: DbTx,
  { proposalId, communityId, weights }: { proposalId: string; communityId: string; weights: Record<string, number> },
): Promise<void> {
  const { secretBallotMinCollegeSize: min } = await getCharterParameters(tx, communityId);
  const electors = await tx.$queryRaw<{ college: string; n: number }[]>`
    SELECT "college"::text, count(*)::int AS n FROM "ElectorMember" WHERE "proposalId" = ${proposalId} GROUP BY 1`;
  const undersized = undersizedColleges(weights, Object.fromEntries(electors.map((row) => [row.college, row.n])), min);
  const [first] = undersized;
  if (!first) return;
  throw new AppError("secret_college_too_small", "votes.errors.secretCollegeTooSmall", 409, {
    college: first.college,
    electors: first.electors,
    min,
    others: undersized.length - 1,
  });
}
