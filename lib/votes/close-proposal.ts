/**
 * Closing a proposal, exactly once: the proposal row is locked FOR UPDATE and its status checked
 * inside the transaction, so two workers (or a worker and a person) racing to close it produce one
 * decision. Counts come from GROUP BY queries in PostgreSQL; the tallying rules (thresholds, colleges'
 * weights, tie-breaks) are the pure functions of ./tally. The decision stores the published list of
 * [receipt, choice] pairs (never names) sorted by receipt, and the SHA-256 of that list.
 */
import { createHash } from "node:crypto";
import type { Db, DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProposalOutcome, VotingMethod } from "@/lib/generated/prisma/enums";
import { tallyThresholdByCollege, type Choice, type Threshold } from "./tally/threshold";
import { tallyConsent, type ConsentChoice } from "./tally/consent";
import { tallyApprovalByCollege } from "./tally/approval";
import { grades, tallyMajorityJudgmentByCollege, type Grade } from "./tally/majority-judgment";
import { emitEvent } from "@/lib/events/emit";
import { applyAmendment } from "@/lib/charter/apply-amendment";
import { isAppError } from "@/lib/errors";

type LockedProposal = {
  id: string;
  communityId: string;
  kind: string;
  amendment: unknown;
  status: string;
  method: VotingMethod;
  threshold: string | null;
  quorumPercent: number;
  collegeQuorumPercent: number;
  weighted: boolean;
  collegeWeights: Record<string, number>;
};

export function digestOf(ballots: readonly (readonly [string, unknown])[]): string {
  return createHash("sha256").update(JSON.stringify(ballots)).digest("hex");
}

const ALL = "ALL";

/** Per-college counts from the database, expanded into ballots with the same marginals for the tally functions. */
async function countsByCollege(tx: DbTx, proposal: LockedProposal, optionIds: string[]) {
  const voters = await tx.$queryRaw<{ college: string; voters: number }[]>`
    SELECT "college"::text, count(*)::int AS voters FROM "Ballot"
    WHERE "proposalId" = ${proposal.id} AND "withdrawnAt" IS NULL GROUP BY 1`;
  const group = (college: string) => (proposal.weighted ? college : ALL);
  const votersByCollege: Record<string, number> = {};
  for (const row of voters) votersByCollege[group(row.college)] = (votersByCollege[group(row.college)] ?? 0) + row.voters;

  if (proposal.method === "THRESHOLD" || proposal.method === "CONSENT") {
    const rows = await tx.$queryRaw<{ college: string; value: string; n: number }[]>`
      SELECT "college"::text, "choice"->>'choice' AS value, count(*)::int AS n FROM "Ballot"
      WHERE "proposalId" = ${proposal.id} AND "withdrawnAt" IS NULL GROUP BY 1, 2`;
    const choices: Record<string, string[]> = {};
    for (const row of rows) (choices[group(row.college)] ??= []).push(...Array<string>(row.n).fill(row.value));
    return { votersByCollege, choices };
  }
  if (proposal.method === "APPROVAL") {
    const rows = await tx.$queryRaw<{ college: string; option: string; n: number }[]>`
      SELECT b."college"::text, a.option, count(*)::int AS n
      FROM "Ballot" b, jsonb_array_elements_text(b."choice"->'approve') AS a(option)
      WHERE b."proposalId" = ${proposal.id} AND b."withdrawnAt" IS NULL GROUP BY 1, 2`;
    const approvals: Record<string, string[][]> = {};
    for (const [college, n] of Object.entries(votersByCollege)) approvals[college] = Array.from({ length: n }, () => []);
    for (const row of rows) {
      const ballots = approvals[group(row.college)]!;
      // Same approvals per option and the same number of voters: all the approval rule looks at.
      let filled = 0;
      for (const ballot of ballots) {
        if (filled === row.n) break;
        if (!ballot.includes(row.option)) {
          ballot.push(row.option);
          filled++;
        }
      }
    }
    return { votersByCollege, approvals };
  }
  const rows = await tx.$queryRaw<{ college: string; option: string; grade: string; n: number }[]>`
    SELECT b."college"::text, g.key AS option, g.value AS grade, count(*)::int AS n
    FROM "Ballot" b, jsonb_each_text(b."choice"->'grades') AS g
    WHERE b."proposalId" = ${proposal.id} AND b."withdrawnAt" IS NULL GROUP BY 1, 2, 3`;
  const gradesByOption: Record<string, Record<string, Grade[]>> = {};
  for (const row of rows)
    ((gradesByOption[group(row.college)] ??= {})[row.option] ??= []).push(...Array<Grade>(row.n).fill(row.grade as Grade));
  const ballots: Record<string, Record<string, Grade>[]> = {};
  for (const [college, n] of Object.entries(votersByCollege)) {
    ballots[college] = Array.from({ length: n }, (_, i) =>
      Object.fromEntries(
        optionIds.map((id) => [
          id,
          [...(gradesByOption[college]?.[id] ?? [])].sort((a, b) => grades.indexOf(a) - grades.indexOf(b))[i] ?? "reject",
        ]),
      ),
    );
  }
  return { votersByCollege, ballots };
}

export async function closeProposal(
  db: Db,
  input: { proposalId: string; now?: Date },
): Promise<{ closed: boolean; outcome?: ProposalOutcome }> {
  return db.$transaction((tx) => closeProposalIn(tx, input));
}

/** The same inside a caller's transaction (e.g. with the audit entry of an early close). */
export async function closeProposalIn(
  tx: DbTx,
  { proposalId, now = new Date() }: { proposalId: string; now?: Date },
): Promise<{ closed: boolean; outcome?: ProposalOutcome }> {
  const [proposal] = await tx.$queryRaw<LockedProposal[]>`
    SELECT "id", "communityId", "kind", "amendment", "status", "method", "threshold", "quorumPercent", "collegeQuorumPercent", "weighted", "collegeWeights"
    FROM "Proposal" WHERE "id" = ${proposalId} FOR UPDATE`;
  if (!proposal || proposal.status !== "VOTING") return { closed: false };

  const optionIds = (
    await tx.proposalOption.findMany({ where: { proposalId }, orderBy: { position: "asc" }, select: { id: true } })
  ).map((o) => o.id);
  const electors = await tx.$queryRaw<{ college: string; n: number }[]>`
    SELECT "college"::text, count(*)::int AS n FROM "ElectorMember" WHERE "proposalId" = ${proposalId} GROUP BY 1`;
  const electorateSize = electors.reduce((sum, row) => sum + row.n, 0);
  const counted = await countsByCollege(tx, proposal, optionIds);
  const turnout = Object.values(counted.votersByCollege).reduce((a, b) => a + b, 0);
  const weights = proposal.weighted ? proposal.collegeWeights : { [ALL]: 100 };

  // Quorum: overall, and in every college that has electors.
  const quorumMet =
    turnout * 100 >= proposal.quorumPercent * electorateSize &&
    electors.every((row) => {
      const voted = proposal.weighted ? (counted.votersByCollege[row.college] ?? 0) : turnout;
      const size = proposal.weighted ? row.n : electorateSize;
      return voted * 100 >= proposal.collegeQuorumPercent * size;
    });

  let result: Prisma.InputJsonObject;
  let adopted: boolean;
  switch (proposal.method) {
    case "THRESHOLD": {
      const tally = tallyThresholdByCollege(
        counted.choices as Record<string, Choice[]>,
        weights,
        (proposal.threshold ?? "simple") as Threshold,
      );
      adopted = tally.adopted;
      result = { ...tally, threshold: proposal.threshold ?? "simple" } as unknown as Prisma.InputJsonObject;
      break;
    }
    case "CONSENT": {
      const tally = tallyConsent(Object.values(counted.choices!).flat() as ConsentChoice[]);
      adopted = tally.adopted;
      result = tally as unknown as Prisma.InputJsonObject;
      break;
    }
    case "APPROVAL": {
      const tally = tallyApprovalByCollege(optionIds, counted.approvals!, weights);
      adopted = tally.winners.length === 1;
      result = tally as unknown as Prisma.InputJsonObject;
      break;
    }
    case "MAJORITY_JUDGMENT": {
      const tally = tallyMajorityJudgmentByCollege(optionIds, counted.ballots!, weights);
      adopted = tally.winners.length === 1;
      result = tally as unknown as Prisma.InputJsonObject;
      break;
    }
  }
  const outcome: ProposalOutcome = !quorumMet ? "VOID" : adopted ? "ADOPTED" : "REJECTED";

  // An adopted charter amendment becomes the next charter version with the decision, or not at all.
  // Changes that no longer apply (a rule repealed meanwhile) leave the decision recorded as adopted
  // but not applied, with the reason.
  let amendmentResult: Prisma.InputJsonObject | undefined;
  if (outcome === "ADOPTED" && proposal.kind === "CHARTER_AMENDMENT") {
    try {
      const { version } = await applyAmendment(tx, {
        communityId: proposal.communityId,
        proposalId,
        changes: proposal.amendment,
        actorId: null,
      });
      amendmentResult = { applied: true, version };
    } catch (error) {
      if (!isAppError(error)) throw error;
      amendmentResult = { applied: false, code: error.code };
    }
  }

  const published = await tx.$queryRaw<{ receipt: string; choice: unknown }[]>`
    SELECT "receipt", "choice" FROM "Ballot" WHERE "proposalId" = ${proposalId} AND "withdrawnAt" IS NULL ORDER BY "receipt"`;
  const ballots = published.map((row) => [row.receipt, row.choice] as const);
  await tx.decision.create({
    data: {
      proposalId,
      method: proposal.method,
      electorateSize,
      turnout,
      outcome,
      result: {
        ...result,
        quorumMet,
        weights,
        electorsByCollege: Object.fromEntries(electors.map((r) => [r.college, r.n])),
        ...(amendmentResult ? { amendment: amendmentResult } : {}),
      },
      ballots: ballots as unknown as Prisma.InputJsonArray,
      digest: digestOf(ballots),
    },
  });
  await tx.proposal.update({ where: { id: proposalId }, data: { status: "CLOSED", closedAt: now, outcome } });
  await emitEvent(tx, {
    type: "proposal.closed",
    communityId: proposal.communityId,
    proposalId,
    payload: { outcome, electorateSize, turnout, digest: digestOf(ballots) },
  });
  return { closed: true, outcome };
}

/** For the worker: closes every proposal whose time has come (each exactly once, see closeProposal). */
export async function closeDueProposals(db: Db, now = new Date()): Promise<number> {
  const due = await db.proposal.findMany({
    where: { status: "VOTING", votingClosesAt: { lte: now } },
    select: { id: true },
    take: 50,
  });
  let closed = 0;
  for (const { id } of due) if ((await closeProposal(db, { proposalId: id, now })).closed) closed++;
  return closed;
}

/** After the close, a voter checks that their receipt is published with the choice they made. */
export async function verifyReceipt(db: Db, { proposalId, receipt }: { proposalId: string; receipt: string }) {
  const decision = await db.decision.findUnique({ where: { proposalId }, select: { ballots: true, digest: true } });
  if (!decision) return null;
  const entry = (decision.ballots as [string, unknown][]).find(([r]) => r === receipt);
  return {
    found: Boolean(entry),
    choice: entry?.[1] ?? null,
    digest: decision.digest,
    digestValid: digestOf(decision.ballots as [string, unknown][]) === decision.digest,
  };
}
