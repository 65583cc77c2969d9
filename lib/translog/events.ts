/**
 * The governance events the log records, each written by one call inside the transaction of the use
 * case that makes it (charter versions, the opening and the close of a vote, sanctions, appeal
 * decisions, signing keys). Payloads hold hashes and public figures only: ids of communities,
 * proposals and sanctions (opaque), never a person's name, email or id — people appear only inside
 * salted hashes (lib/translog/log.ts saltedHash), whose salts an erasure may delete.
 */
import type { Db, DbTx } from "@/lib/db/client";
import { ballotBoxOf } from "./ballots";
import { issueCheckpoint } from "./checkpoint";
import { appendToLog, hashOf, saltedHash } from "./log";
import { toHex } from "./merkle";

/** What a charter version's hash covers; the verifier rebuilds it from GET …/charter?version=N. */
export function charterVersionContent(version: { number: number; rules: unknown; parameters: unknown; changes: unknown }) {
  return { number: version.number, rules: version.rules, parameters: version.parameters, changes: version.changes };
}

/** A charter version just written (founding or adopted amendment). */
export async function logCharterVersion(tx: DbTx, { communityId, number }: { communityId: string; number: number }) {
  const version = await tx.charterVersion.findFirstOrThrow({
    where: { number, charter: { communityId } },
    select: { number: true, rules: true, parameters: true, changes: true, proposalId: true },
  });
  await appendToLog(tx, {
    kind: "charter.version",
    communityId,
    payload: { version: number, proposalId: version.proposalId, contentHash: hashOf(charterVersionContent(version)) },
  });
}

/** Voting opened: the ballot's definition, and the frozen electorate as a salted hash. */
export async function logVotingOpened(tx: DbTx, { proposalId }: { proposalId: string }) {
  const proposal = await tx.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: {
      communityId: true,
      kind: true,
      title: true,
      body: true,
      method: true,
      threshold: true,
      quorumPercent: true,
      collegeQuorumPercent: true,
      secret: true,
      weighted: true,
      collegeWeights: true,
      amendment: true,
      commonsId: true,
      votingOpensAt: true,
      votingClosesAt: true,
      options: { orderBy: { position: "asc" }, select: { id: true, label: true } },
    },
  });
  const electors = await tx.electorMember.findMany({
    where: { proposalId },
    orderBy: { userId: "asc" },
    select: { userId: true, college: true },
  });
  const weights = proposal.collegeWeights as Record<string, number>;
  const byCollege: Record<string, number> = {};
  for (const e of electors) byCollege[e.college] = (byCollege[e.college] ?? 0) + 1;
  const { communityId, votingOpensAt, votingClosesAt, ...definition } = proposal;
  await appendToLog(tx, {
    kind: "proposal.votingOpened",
    communityId,
    payload: {
      proposalId,
      definitionHash: hashOf({
        ...definition,
        votingOpensAt: votingOpensAt?.toISOString() ?? null,
        votingClosesAt: votingClosesAt?.toISOString() ?? null,
      }),
      method: proposal.method,
      threshold: proposal.threshold,
      quorumPercent: proposal.quorumPercent,
      collegeQuorumPercent: proposal.collegeQuorumPercent,
      secret: proposal.secret,
      weighted: proposal.weighted,
      collegeWeights: weights,
      options: proposal.options.map((o) => o.id),
      closesAt: votingClosesAt?.toISOString() ?? null,
      electorateSize: electors.length,
      electorsByCollege: byCollege,
      electorateHash: await saltedHash(tx, `electorate:${proposalId}`, {
        electors: electors.map((e) => [e.userId, e.college, proposal.weighted ? (weights[e.college] ?? 0) : 1]),
      }),
    },
  });
}

/**
 * The published [receipt, choice] pairs of a closed vote: the decision's stored copy when it holds
 * one, else the (frozen) ballots themselves. The box hashes each choice's canonical JSON, so the order
 * of a choice's keys as stored does not matter.
 */
export async function publishedBallotsOf(tx: DbTx, proposalId: string, stored: unknown): Promise<Array<[string, unknown]>> {
  if (Array.isArray(stored)) return stored as Array<[string, unknown]>;
  const rows = await tx.ballot.findMany({
    where: { proposalId, withdrawnAt: null },
    select: { receipt: true, choice: true },
  });
  return rows.map((row) => [row.receipt, row.choice]);
}

/**
 * The close, in its transaction: the outcome, turnout, digest of the published ballots and hash of the
 * stored result, then a checkpoint that includes it (committed with it). Nothing here reads the
 * ballots, so closing costs the same with the log (the ballot box follows, see logBallotBox).
 */
export async function logProposalClosed(
  tx: DbTx,
  { proposalId, witnessesRequired = 0 }: { proposalId: string; witnessesRequired?: number },
) {
  const proposal = await tx.proposal.findUniqueOrThrow({
    where: { id: proposalId },
    select: {
      communityId: true,
      method: true,
      decision: { select: { electorateSize: true, turnout: true, outcome: true, result: true, digest: true } },
    },
  });
  const decision = proposal.decision;
  if (!decision) throw new Error(`proposal ${proposalId} has no decision to log`);
  const closed = await appendToLog(tx, {
    kind: "proposal.closed",
    communityId: proposal.communityId,
    payload: {
      proposalId,
      method: proposal.method,
      outcome: decision.outcome,
      electorateSize: decision.electorateSize,
      turnout: decision.turnout,
      ballotsDigest: decision.digest,
      resultHash: hashOf(decision.result),
      // The charter's witnessesRequired when it closed: cosignatures needed before it is shown as final.
      witnessesRequired,
    },
  });
  // The checkpoint that includes the decision commits with it.
  await issueCheckpoint(tx, { head: closed.head });
}

/**
 * The ballot box of a closed vote, as one entry: the RFC 9162 root over its sorted ballot commitments.
 * Written right after the close by the sweep of lib/jobs/definitions/log-ballot-boxes.ts, out of the
 * closing transaction (hashing 100 000 ballots there would double the close's time): the ballots it
 * reads are those the close published, frozen by a trigger from that commit on. Once per proposal,
 * however many sweeps race: the check runs under the log's head lock.
 */
export async function logBallotBox(db: Db, proposalId: string): Promise<boolean> {
  const decision = await db.decision.findUnique({ where: { proposalId }, select: { ballots: true } });
  if (!decision) return false;
  const box = ballotBoxOf(proposalId, await publishedBallotsOf(db, proposalId, decision.ballots));
  const { communityId } = await db.proposal.findUniqueOrThrow({ where: { id: proposalId }, select: { communityId: true } });
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT "size" FROM "LogState" WHERE "id" = 1 FOR UPDATE`;
    const logged = await tx.logEntry.findFirst({ where: { proposalId, kind: "proposal.ballotBox" }, select: { index: true } });
    if (logged) return false;
    await appendToLog(tx, {
      kind: "proposal.ballotBox",
      communityId,
      payload: { proposalId, ballots: box.commitments.length, root: toHex(box.root) },
    });
    return true;
  });
}

/** Every decided vote whose ballot box is not in the log yet; then a checkpoint when some were added. */
export async function logMissingBallotBoxes(db: Db, { limit = 20 }: { limit?: number } = {}): Promise<number> {
  const missing = await db.$queryRaw<Array<{ proposalId: string }>>`
    SELECT d."proposalId" FROM "Decision" d
    WHERE NOT EXISTS (SELECT 1 FROM "LogEntry" e WHERE e."proposalId" = d."proposalId" AND e."kind" = 'proposal.ballotBox')
    ORDER BY d."createdAt" LIMIT ${limit}`;
  let logged = 0;
  for (const { proposalId } of missing) if (await logBallotBox(db, proposalId)) logged++;
  if (logged > 0) await issueCheckpoint(db);
  return logged;
}

/**
 * An erasure (GDPR): the salts of the member's subject hashes are deleted, so the sanctions and appeal
 * decisions the log keeps can no longer be linked to them, while every entry and proof stays valid.
 */
export async function forgetSubjectSalts(tx: DbTx, userId: string): Promise<number> {
  const { count } = await tx.logSalt.deleteMany({ where: { id: { startsWith: "subject:", endsWith: `:${userId}` } } });
  return count;
}

/** A sanction, without the member: a salted hash of them, the kind and the dates. */
export async function logSanction(
  tx: DbTx,
  {
    communityId,
    sanctionId,
    userId,
    kind,
    until,
  }: { communityId: string; sanctionId: string; userId: string; kind: string; until: Date | null },
) {
  await appendToLog(tx, {
    kind: "moderation.sanction",
    communityId,
    payload: {
      sanctionId,
      kind,
      until: until?.toISOString() ?? null,
      subjectHash: await saltedHash(tx, `subject:${communityId}:${userId}`, { userId }),
    },
  });
}

export async function logAppealDecided(
  tx: DbTx,
  {
    communityId,
    sanctionId,
    appealId,
    outcome,
    userId,
  }: { communityId: string; sanctionId: string; appealId: string; outcome: string; userId: string },
) {
  await appendToLog(tx, {
    kind: "moderation.appealDecided",
    communityId,
    payload: {
      sanctionId,
      appealId,
      outcome,
      subjectHash: await saltedHash(tx, `subject:${communityId}:${userId}`, { userId }),
    },
  });
}

/**
 * Logs a decision-signing key once (by its kid): for a key the operator configures
 * (SIGNING_KEY_ED25519) rather than one created here, so a rotation shows in the history and the
 * verifier accepts records signed by it. In the caller's transaction, or its own.
 */
export async function logSigningKeyOnce(
  db: DbTx,
  key: { keyId: string; jwk: { kty: string; crv: string; x: string } },
): Promise<boolean> {
  const run = async (tx: DbTx) => {
    await tx.$queryRaw`SELECT "size" FROM "LogState" WHERE "id" = 1 FOR UPDATE`;
    const [logged] = await tx.$queryRaw<unknown[]>`
      SELECT 1 FROM "LogEntry" WHERE "kind" = 'signingKey.created' AND ("payload"::jsonb -> 'payload' ->> 'kid') = ${key.keyId}`;
    if (logged) return false;
    await logSigningKeyCreated(tx, key);
    return true;
  };
  const client = db as Partial<Db>;
  return typeof client.$transaction === "function" ? client.$transaction((tx) => run(tx)) : run(db);
}

/** A key that signs decision records, published so that a replaced key shows in the history. */
export async function logSigningKeyCreated(
  tx: DbTx,
  { keyId, jwk }: { keyId: string; jwk: { kty: string; crv: string; x: string } },
) {
  await appendToLog(tx, { kind: "signingKey.created", communityId: null, payload: { kid: keyId, jwk } });
}
