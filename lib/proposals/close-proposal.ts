/**
 * Closing a proposal, exactly once: the proposal row is locked FOR UPDATE and its status checked
 * inside the transaction, so two workers (or a worker and a person) racing to close it produce one
 * decision. Counts come from GROUP BY queries in PostgreSQL; the tally is tallyVote of lib/votes/tally (one
 * rule with or without colleges, the one results pages use too). What the outcome does beyond the
 * decision (apply an amendment, adopt a commons) is the proposal kind's applyOutcome, looked up in
 * the registry (lib/proposals/kinds) and run in this transaction. The decision stores the SHA-256 of
 * the published list of [receipt, choice] pairs (never names) sorted by receipt; the list itself is
 * served from the ballots, frozen by the close (lib/votes/published-ballots.ts).
 *
 * A tie (tallyVote's `tie`, with quorum met) adopts nothing: the outcome is REJECTED and the decision
 * states the charter's `tieRule` in `result.tie` ({ rule, options }). Under `secondRound` this
 * transaction also drafts the second round (see draftSecondRound), whose id the decision records.
 */
import { randomBytes } from "node:crypto";
import { LIVE_CHANNEL, liveTopic } from "@/lib/db/sql";
import type { Db, DbTx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProposalKind, ProposalOutcome, VotingMethod } from "@/lib/generated/prisma/enums";
import type { ApprovalCounts } from "@/lib/votes/tally/approval";
import { gradeIndex, grades, type Grade, type MajorityJudgmentCounts } from "@/lib/votes/tally/majority-judgment";
import { ALL_COLLEGE, tallyVote, type CountsByCollege } from "@/lib/votes/tally";
import { emitEvent } from "@/lib/events/emit";
import { charterParametersSchema, defaultCharterParameters, type CharterParameters } from "@/lib/charter/parameters";
import { recordAudit } from "@/lib/audit/record";
import { mergeForTally } from "@/lib/votes/secret-ballot";
import { proposalKind } from "@/lib/proposals/kinds/registry";
import { digestOf, digestOfBallots, publishedChoice } from "@/lib/votes/published-ballots";
import { logProposalClosed } from "@/lib/translog/events";

type LockedProposal = {
  id: string;
  communityId: string;
  kind: ProposalKind;
  amendment: unknown;
  commonsId: string | null;
  status: string;
  method: VotingMethod;
  threshold: string | null;
  quorumPercent: number;
  collegeQuorumPercent: number;
  weighted: boolean;
  collegeWeights: Record<string, number>;
  secret: boolean;
};

/** SHA-256 of JSON.stringify of a published list (kept here for its callers). */
export { digestOf };

const ALL = ALL_COLLEGE;

/**
 * Per-college counts straight from one GROUP BY over the proposal's ballots in PostgreSQL, in the
 * shape tallyVote takes, so closing costs the same whatever the number of ballots (no ballot is
 * rebuilt in memory). Grouped by the college enum itself (cast to text afterwards, on a few rows).
 * Approval and majority judgment read the voters per college in the same pass: each ballot's
 * approvals or grades are joined with their ordinality, LEFT so that an empty ballot still yields a
 * row, and the rows numbered 1 (or the empty one) count the ballots, one per ballot.
 */
async function countsByCollege(
  tx: DbTx,
  proposal: LockedProposal,
  optionIds: string[],
): Promise<{ votersByCollege: Record<string, number>; counted: CountsByCollege }> {
  const group = (college: string) => (proposal.weighted ? college : ALL);
  const votersByCollege: Record<string, number> = {};
  if (proposal.method === "THRESHOLD" || proposal.method === "CONSENT") {
    // One choice per ballot: the voters per college are the sums of these counts.
    const rows = await tx.$queryRaw<{ college: string; value: string; n: number }[]>`
      SELECT "college"::text AS "college", "choice"->>'choice' AS "value", count(*)::int AS "n" FROM "Ballot"
      WHERE "proposalId" = ${proposal.id} AND "withdrawnAt" IS NULL GROUP BY "college", 2`;
    const choices: Record<string, Record<string, number>> = {};
    for (const row of rows) {
      const college = group(row.college);
      const counts = (choices[college] ??= {});
      if (row.value !== null) counts[row.value] = (counts[row.value] ?? 0) + row.n;
      votersByCollege[college] = (votersByCollege[college] ?? 0) + row.n;
    }
    const of = (college: string, key: string) => choices[college]![key] ?? 0;
    const colleges = Object.keys(choices);
    const counted: CountsByCollege =
      proposal.method === "THRESHOLD"
        ? {
            method: "THRESHOLD",
            colleges: Object.fromEntries(
              colleges.map((c) => [c, { for: of(c, "for"), against: of(c, "against"), abstain: of(c, "abstain") }]),
            ),
          }
        : {
            method: "CONSENT",
            colleges: Object.fromEntries(
              colleges.map((c) => [c, { agree: of(c, "agree"), object: of(c, "object"), block: of(c, "block") }]),
            ),
          };
    return { votersByCollege, counted };
  }
  if (proposal.method === "APPROVAL") {
    const rows = await tx.$queryRaw<{ college: string; option: string | null; n: number; voters: number }[]>`
      SELECT b."college"::text AS "college", a.option, count(a.option)::int AS "n",
        count(*) FILTER (WHERE a.i IS NULL OR a.i = 1)::int AS "voters"
      FROM "Ballot" b LEFT JOIN LATERAL jsonb_array_elements_text(b."choice"->'approve') WITH ORDINALITY AS a(option, i) ON true
      WHERE b."proposalId" = ${proposal.id} AND b."withdrawnAt" IS NULL GROUP BY b."college", a.option`;
    for (const row of rows) votersByCollege[group(row.college)] = (votersByCollege[group(row.college)] ?? 0) + row.voters;
    const approvals: Record<string, ApprovalCounts> = {};
    for (const [college, n] of Object.entries(votersByCollege)) approvals[college] = { voters: n, approvals: {} };
    for (const row of rows) {
      if (row.option === null) continue;
      const college = approvals[group(row.college)]!;
      // Ballots are validated without duplicates; capped anyway, as approving twice counts once.
      college.approvals[row.option] = Math.min(college.voters, (college.approvals[row.option] ?? 0) + row.n);
    }
    return { votersByCollege, counted: { method: "APPROVAL", colleges: approvals } };
  }
  const rows = await tx.$queryRaw<{ college: string; option: string | null; grade: string | null; n: number; voters: number }[]>`
    SELECT b."college"::text AS "college", g.key AS "option", g.value AS "grade", count(g.key)::int AS "n",
      count(*) FILTER (WHERE g.i IS NULL OR g.i = 1)::int AS "voters"
    FROM "Ballot" b LEFT JOIN LATERAL jsonb_each_text(b."choice"->'grades') WITH ORDINALITY AS g(key, value, i) ON true
    WHERE b."proposalId" = ${proposal.id} AND b."withdrawnAt" IS NULL GROUP BY b."college", g.key, g.value`;
  for (const row of rows) votersByCollege[group(row.college)] = (votersByCollege[group(row.college)] ?? 0) + row.voters;
  const gradeCounts: Record<string, MajorityJudgmentCounts> = {};
  for (const [college, n] of Object.entries(votersByCollege))
    gradeCounts[college] = {
      voters: n,
      counts: Object.fromEntries(optionIds.map((id) => [id, grades.map(() => 0)])),
    };
  for (const row of rows) {
    if (row.option === null) continue;
    const counts = gradeCounts[group(row.college)]!.counts[row.option];
    const grade = gradeIndex[row.grade as Grade];
    // Options or grades that are not the proposal's are ignored, as the ballot schema refuses them.
    if (counts && grade !== undefined) counts[grade]! += row.n;
  }
  // Options a voter left ungraded count as "reject" (tallyMajorityJudgmentCounts adds them).
  return { votersByCollege, counted: { method: "MAJORITY_JUDGMENT", colleges: gradeCounts } };
}

/**
 * What a secret weighted decision states about rule 3 of lib/votes/secret-ballot.ts: the minimum,
 * the colleges merged, the weights the tally used (byCollege then holds each group's counts, so
 * tallyVote on byCollege and groupWeights gives the outcome back), and ballots per college.
 */
function secrecyRecord(
  secret: ReturnType<typeof mergeForTally>,
  ballotsByCollege: Record<string, number>,
): Prisma.InputJsonValue {
  return {
    rule: "secretBallotMinCollegeSize",
    minBallots: secret.minBallots,
    publishedColleges: secret.published,
    mergedColleges: secret.merged,
    groupWeights: secret.weights,
    ballotsByCollege,
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The second round of a tied vote, drafted in the closing transaction: a DRAFT of the same kind and
 * method by the same author, with the same text and rules, and only the tied options (all of them for
 * a threshold vote, which has none), planned with the charter's minimum discussion and default voting
 * length; its author opens it like any draft. Only GENERAL proposals get one: an amendment or an
 * adoption carries a charter change or a commons whose state the first round has just decided
 * (a rejected adoption rejects its commons), so a second round of those is a new proposal of their
 * own, and the decision says so (`secondRound: null`, with the reason).
 */
async function draftSecondRound(
  tx: DbTx,
  proposal: LockedProposal,
  tiedOptions: readonly string[],
  charter: CharterParameters,
  now: Date,
): Promise<{ secondRound: string | null; reason?: string }> {
  if (proposal.kind !== "GENERAL") return { secondRound: null, reason: "kindWithoutSecondRound" };
  const first = await tx.proposal.findUniqueOrThrow({
    where: { id: proposal.id },
    select: {
      authorId: true,
      title: true,
      body: true,
      secret: true,
      liveResults: true,
      options: { orderBy: { position: "asc" }, select: { id: true, label: true } },
    },
  });
  const options = first.options.filter((option) => tiedOptions.includes(option.id));
  const plannedOpen = new Date(now.getTime() + charter.minDiscussionDays * DAY_MS);
  const votingDays = Math.max(charter.defaultVotingDays, charter.minVotingDays);
  const second = await tx.proposal.create({
    data: {
      communityId: proposal.communityId,
      authorId: first.authorId,
      kind: proposal.kind,
      title: first.title,
      body: first.body,
      method: proposal.method,
      threshold: proposal.threshold,
      quorumPercent: proposal.quorumPercent,
      collegeQuorumPercent: proposal.collegeQuorumPercent,
      secret: first.secret,
      liveResults: first.liveResults,
      votingOpensAt: plannedOpen,
      votingClosesAt: new Date(plannedOpen.getTime() + votingDays * DAY_MS),
      options: { create: options.map((option, position) => ({ position, label: option.label })) },
    },
    select: { id: true },
  });
  // Drafted by the platform on the author's behalf, as the charter says: no person acted.
  await recordAudit(tx, {
    actorId: null,
    communityId: proposal.communityId,
    action: "proposal.created",
    details: {
      proposalId: second.id,
      title: first.title,
      kind: proposal.kind,
      method: proposal.method,
      authorId: first.authorId,
      secondRoundOf: proposal.id,
    },
  });
  return { secondRound: second.id };
}

export async function closeProposal(
  db: Db,
  input: { proposalId: string; now?: Date },
): Promise<{ closed: boolean; outcome?: ProposalOutcome }> {
  // Prisma's default (5 s) is too short for a vote of 100 000 ballots on a busy machine.
  return db.$transaction((tx) => closeProposalIn(tx, input), { timeout: 60_000 });
}

/**
 * The same inside a caller's transaction (e.g. with the audit entry of an early close). `record`
 * adds entries to the decision's result, e.g. the charter rule and the reason of an early close.
 */
export async function closeProposalIn(
  tx: DbTx,
  { proposalId, now = new Date(), record }: { proposalId: string; now?: Date; record?: Record<string, Prisma.InputJsonValue> },
): Promise<{ closed: boolean; outcome?: ProposalOutcome }> {
  // The row locked, with what the close needs besides the ballots, in one round trip (a close under
  // load waits on each): the options in their order, the frozen electorate per college (an
  // index-only scan of (proposalId, college), grouped by the enum) and the charter's parameters
  // (its current version's, read as getCharterParameters reads them).
  const [proposal] = await tx.$queryRaw<
    (LockedProposal & { optionIds: string[]; electors: Record<string, number> | null; charterParameters: unknown })[]
  >`
    SELECT p."id", p."communityId", p."kind", p."amendment", p."commonsId", p."status", p."method", p."threshold", p."quorumPercent",
      p."collegeQuorumPercent", p."weighted", p."collegeWeights", p."secret",
      (SELECT coalesce(array_agg(o."id" ORDER BY o."position"), '{}') FROM "ProposalOption" o WHERE o."proposalId" = p."id") AS "optionIds",
      (SELECT json_object_agg(e."college"::text, e."n") FROM (
        SELECT m."college", count(*)::int AS "n" FROM "ElectorMember" m WHERE m."proposalId" = p."id" GROUP BY m."college"
      ) e) AS "electors",
      (SELECT v."parameters" FROM "Charter" c JOIN "CharterVersion" v ON v."charterId" = c."id" AND v."number" = c."currentVersion"
        WHERE c."communityId" = p."communityId" AND c."currentVersion" <> 0) AS "charterParameters"
    FROM "Proposal" p WHERE p."id" = ${proposalId} FOR UPDATE OF p`;
  if (!proposal || proposal.status !== "VOTING") return { closed: false };
  const optionIds = proposal.optionIds;
  const electors = Object.entries(proposal.electors ?? {}).map(([college, n]) => ({ college, n }));
  const electorateSize = electors.reduce((sum, row) => sum + row.n, 0);
  const parsedCharter = charterParametersSchema.safeParse(proposal.charterParameters);
  const charter: CharterParameters = parsedCharter.success ? parsedCharter.data : defaultCharterParameters;
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

  // A secret weighted vote: colleges with fewer ballots than the charter's minimum are merged into
  // one group, for the tally and what is published, so every published figure is recomputable and
  // none isolates a small college's choices (lib/votes/secret-ballot.ts).
  const secret =
    proposal.secret && proposal.weighted
      ? mergeForTally(counted.counted, proposal.collegeWeights, counted.votersByCollege, charter.secretBallotMinCollegeSize)
      : null;
  const tally = tallyVote({
    options: optionIds,
    threshold: proposal.threshold,
    weights: proposal.weighted ? (secret?.weights ?? proposal.collegeWeights) : null,
    counted: secret?.counted ?? counted.counted,
  });
  const outcome: ProposalOutcome = !quorumMet ? "VOID" : tally.adopted ? "ADOPTED" : "REJECTED";
  // A tie (only once the quorum is met: otherwise the vote is void whatever the counts) is rejected
  // under either rule; the second round, when the charter asks for one, is drafted in this transaction.
  const tie =
    quorumMet && tally.tie
      ? {
          rule: charter.tieRule,
          options: tally.tie.options,
          ...(charter.tieRule === "secondRound" ? await draftSecondRound(tx, proposal, tally.tie.options, charter, now) : {}),
        }
      : null;

  // The kind's part of the outcome, in this transaction and before the (immutable) decision, which
  // records what it returns (e.g. whether an amendment could be applied).
  const applied = await proposalKind(proposal.kind).applyOutcome(tx, {
    proposal: {
      id: proposal.id,
      communityId: proposal.communityId,
      kind: proposal.kind,
      amendment: proposal.amendment,
      commonsId: proposal.commonsId,
    },
    decision: { method: proposal.method, quorumMet, result: tally.result },
    outcome,
  });

  // The published list is the ballots themselves, frozen from this commit on (a trigger refuses any
  // change once the proposal is CLOSED) and served from there (lib/votes/published-ballots.ts); the
  // decision keeps only its digest, computed by PostgreSQL without the list leaving the database, so
  // closing a vote of 100 000 ballots costs about its GROUP BY counts rather than 4.7 MB of JSON.
  const digest = await digestOfBallots(tx, proposalId);
  const decisionResult = {
    ...tally.result,
    quorumMet,
    weights,
    electorsByCollege: Object.fromEntries(electors.map((r) => [r.college, r.n])),
    ...(secret ? { secrecy: secrecyRecord(secret, counted.votersByCollege) } : {}),
    // After a tie, the rule applied (replaces approval's own boolean `tie`, which it implies).
    ...(tie ? { tie } : {}),
    ...(applied ?? {}),
    ...(record ?? {}),
  };
  // The decision, the proposal closed, and pages following the vote live told (lib/live, on
  // commit): one statement. The UPDATE joins the inserted row, so it runs only with the decision.
  await tx.$queryRaw`
    WITH "decision" AS (
      INSERT INTO "Decision" ("id", "proposalId", "method", "electorateSize", "turnout", "outcome", "result", "digest")
      VALUES (${randomBytes(12).toString("hex")}, ${proposalId}, ${proposal.method}::"VotingMethod", ${electorateSize}, ${turnout},
        ${outcome}::"ProposalOutcome", ${JSON.stringify(decisionResult)}::jsonb, ${digest})
      RETURNING "proposalId"
    )
    UPDATE "Proposal" p SET "status" = 'CLOSED', "outcome" = ${outcome}::"ProposalOutcome",
      "closedAt" = (${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'),
      "updatedAt" = (${new Date().toISOString()}::timestamptz AT TIME ZONE 'UTC')
    FROM "decision" d WHERE p."id" = d."proposalId"
    RETURNING pg_notify(${LIVE_CHANNEL}, ${liveTopic(proposalId)})::text AS "sent"`;
  await emitEvent(tx, {
    type: "proposal.closed",
    communityId: proposal.communityId,
    proposalId,
    payload: { outcome, electorateSize, turnout, digest },
  });
  await logProposalClosed(tx, { proposalId, witnessesRequired: charter.witnessesRequired });
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

/**
 * After the close, a voter checks that their receipt is published with the choice they made, and
 * that the published list still has the digest the decision recorded (and signed).
 */
export async function verifyReceipt(db: Db, { proposalId, receipt }: { proposalId: string; receipt: string }) {
  const decision = await db.decision.findUnique({ where: { proposalId }, select: { ballots: true, digest: true } });
  if (!decision) return null;
  const stored = decision.ballots;
  const [{ found, choice }, digest] = await Promise.all([
    publishedChoice(db, { proposalId, receipt, stored }),
    Array.isArray(stored) ? digestOf(stored as [string, unknown][]) : digestOfBallots(db, proposalId),
  ]);
  return { found, choice, digest: decision.digest, digestValid: digest === decision.digest };
}
