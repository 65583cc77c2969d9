/**
 * What the log's API serves: entries by range, proofs with their bounds checked (a size beyond the
 * tree → 400, an entry the tree does not hold → 404), a receipt's path from the voter's ballot to a
 * signed checkpoint, and the checkpoint that includes a decision. Policy (who may read which
 * proposal) is the caller's: the API route asks lib/proposals before calling these.
 */
import { AppError } from "@/lib/core/errors";
import { invalidField } from "@/lib/core/validation";
import type { DbTx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { ballotBoxOf, ballotCommitment, ballotInBox } from "./ballots";
import { checkpointCovering, currentCheckpoint } from "./checkpoint";
import { publishedBallotsOf } from "./events";
import { consistencyProofAt, inclusionProofAt, readHead, rootAt } from "./log";
import { toBase64, toHex } from "./merkle";

export const MAX_ENTRIES_PER_PAGE = 1000;

const notFound = () => new AppError("not_found", "errors.notFound", 404);

export async function listEntries(db: DbTx, { start, end }: { start: number; end?: number }) {
  const { size } = await readHead(db);
  const last = Math.min(end ?? start + MAX_ENTRIES_PER_PAGE, size);
  if (start > size) throw invalidField("start", "translog.errors.sizeBeyondTree", { size });
  if (end !== undefined && end > size) throw invalidField("end", "translog.errors.sizeBeyondTree", { size });
  if (end !== undefined && end < start) throw invalidField("end", "translog.errors.firstAfterSecond");
  if (last - start > MAX_ENTRIES_PER_PAGE)
    throw invalidField("end", "translog.errors.rangeTooLong", { max: MAX_ENTRIES_PER_PAGE });
  const rows = await db.logEntry.findMany({
    where: { index: { gte: BigInt(start), lt: BigInt(last) } },
    orderBy: { index: "asc" },
  });
  return {
    treeSize: size,
    entries: rows.map((row) => ({
      index: Number(row.index),
      kind: row.kind,
      communityId: row.communityId,
      data: row.payload,
      leafHash: toBase64(row.leafHash),
      createdAt: row.createdAt.toISOString(),
    })),
  };
}

async function checkSize(db: DbTx, field: string, size: number) {
  const head = await readHead(db);
  if (size > head.size) throw invalidField(field, "translog.errors.sizeBeyondTree", { size: head.size });
  return head;
}

export async function inclusionProof(db: DbTx, { index, size }: { index: number; size?: number }) {
  const head = await readHead(db);
  if (index >= head.size) throw notFound();
  const treeSize = size ?? head.size;
  if (treeSize > head.size) throw invalidField("size", "translog.errors.sizeBeyondTree", { size: head.size });
  if (index >= treeSize) throw invalidField("index", "translog.errors.indexNotBelowSize");
  const entry = await db.logEntry.findUniqueOrThrow({ where: { index: BigInt(index) }, select: { leafHash: true } });
  return {
    index,
    treeSize,
    leafHash: toBase64(entry.leafHash),
    rootHash: toBase64(await rootAt(db, treeSize)),
    proof: (await inclusionProofAt(db, index, treeSize)).map(toBase64),
  };
}

export async function consistencyProof(db: DbTx, { first, second }: { first: number; second?: number }) {
  const head = await checkSize(db, "second", second ?? 0);
  const to = second ?? head.size;
  if (first > to) throw invalidField("first", "translog.errors.firstAfterSecond");
  return {
    first,
    second: to,
    firstRoot: toBase64(await rootAt(db, first)),
    secondRoot: toBase64(await rootAt(db, to)),
    proof: (await consistencyProofAt(db, first, to)).map(toBase64),
  };
}

/** The entry of a kind about a proposal (e.g. its ballot box or its close), or null. */
async function proposalEntry(db: DbTx, kind: string, proposalId: string) {
  const entry = await db.logEntry.findFirst({ where: { proposalId, kind }, orderBy: { index: "asc" }, select: { index: true } });
  return entry ? Number(entry.index) : null;
}

/** An entry with its inclusion proof against the first checkpoint that covers it (the current one if none). */
async function entryWithCheckpoint(db: DbTx, index: number) {
  const checkpoint = (await checkpointCovering(db, index)) ?? (await currentCheckpoint(db));
  const entry = await db.logEntry.findUniqueOrThrow({ where: { index: BigInt(index) } });
  return {
    index,
    data: entry.payload,
    leafHash: toBase64(entry.leafHash),
    checkpoint: checkpoint.note,
    treeSize: checkpoint.size,
    proof: (await inclusionProofAt(db, index, checkpoint.size)).map(toBase64),
  };
}

/**
 * A receipt's path to a signed checkpoint: the ballot's commitment, its position and inclusion proof
 * in the ballot box (the RFC 9162 tree over the sorted commitments), and the box's log entry with its
 * inclusion proof against a checkpoint. null before the close or when no published ballot has it.
 */
export async function receiptProof(db: DbTx, { proposalId, receipt }: { proposalId: string; receipt: string }) {
  const decision = await db.decision.findUnique({ where: { proposalId }, select: { ballots: true } });
  if (!decision) return null;
  const ballots = await publishedBallotsOf(db, proposalId, decision.ballots);
  // As typed or read aloud: case, spaces and dashes do not matter (receipts are XXXX-XXXX-XXXX).
  const bare = receipt.toUpperCase().replace(/[\s\-\u2010-\u2015\u2212]/g, "");
  const spelled = /^[A-Z2-9]{12}$/.test(bare) ? `${bare.slice(0, 4)}-${bare.slice(4, 8)}-${bare.slice(8)}` : receipt;
  const ballot = ballots.find(([r]) => r === receipt || r === spelled);
  if (!ballot) return null;
  const box = ballotBoxOf(proposalId, ballots);
  const commitment = ballotCommitment(proposalId, ballot[0], ballot[1]);
  const inBox = ballotInBox(box, commitment)!;
  const boxIndex = await proposalEntry(db, "proposal.ballotBox", proposalId);
  if (boxIndex === null) return null;
  return {
    proposalId,
    receipt: ballot[0],
    choice: ballot[1],
    commitment,
    ballotBox: {
      size: box.commitments.length,
      root: toHex(box.root),
      position: inBox.position,
      proof: inBox.proof.map(toBase64),
    },
    entry: await entryWithCheckpoint(db, boxIndex),
  };
}

/**
 * Whether a decision is final: its close is in the log, and the checkpoints that include it are
 * co-signed by at least the witnesses its charter required when it closed (recorded in the entry).
 * A cosignature of a later checkpoint counts: the witness checked that it extends the earlier ones.
 */
export async function decisionFinality(db: DbTx, proposalId: string) {
  // One statement: the proposal page shows it.
  const [row] = await db.$queryRaw<Array<{ finality: FinalityRow | null }>>`
    SELECT ${finalitySql(Prisma.sql`${proposalId}`)} AS "finality"`;
  return finalityOf(row?.finality ?? null);
}

/** The close's log entry as {@link finalitySql} gives it. */
export type FinalityRow = { index: number; payload: string; cosignedBy: string[] };

/**
 * A scalar subquery (JSON, null when the close is not in the log) for the proposal whose id
 * `proposalId` gives: the proposal page reads it within its own statement, then {@link finalityOf}.
 */
export function finalitySql(proposalId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT json_build_object('index', e."index", 'payload', e."payload",
      'cosignedBy', ARRAY(SELECT DISTINCT c."witness" FROM "LogCosignature" c WHERE c."checkpointSize" > e."index" ORDER BY 1))
    FROM "LogEntry" e WHERE e."proposalId" = ${proposalId} AND e."kind" = 'proposal.closed'
    ORDER BY e."index" LIMIT 1)`;
}

export function finalityOf(row: FinalityRow | null) {
  if (!row) return null;
  const required = Number(
    (JSON.parse(row.payload) as { payload: { witnessesRequired?: unknown } }).payload.witnessesRequired ?? 0,
  );
  return {
    index: Number(row.index),
    witnessesRequired: required,
    cosignedBy: row.cosignedBy,
    final: row.cosignedBy.length >= required,
  };
}

export type DecisionFinality = ReturnType<typeof finalityOf>;

/** The decision's log entry (its close) with the checkpoint that includes it, and its finality. */
export async function decisionInLog(db: DbTx, proposalId: string) {
  const finality = await decisionFinality(db, proposalId);
  if (finality === null) throw notFound();
  const { index, ...rest } = finality;
  return { proposalId, entry: await entryWithCheckpoint(db, index), finality: rest };
}
