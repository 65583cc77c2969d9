/**
 * The governance log in the database: one global RFC 9162 Merkle tree of every community's governance
 * events. `appendToLog` runs inside the caller's transaction (the event and its entry commit or roll
 * back together): it locks the head row (LogState, FOR UPDATE), so concurrent appenders, from this
 * process or another instance, take turns and the sequence never forks; it reads the right edge of
 * the tree (one complete subtree per bit of the size), appends the leaf, writes the complete subtrees
 * the append completed and moves the head. O(log n) rows per append, none rewritten: the entry and
 * node tables refuse UPDATE and DELETE (triggers in the migration).
 *
 * Proofs read the complete subtrees they need in one query (`readNodes`), O(log n) rows.
 */
import { createHash, randomBytes } from "node:crypto";
import type { DbTx } from "@/lib/db/client";
import { canonical, type Json } from "./canonical";
import {
  completeSubtreesOf,
  consistencyRanges,
  emptyRoot,
  Frontier,
  frontierNodes,
  hashRange,
  inclusionRanges,
  leafHash,
  type Hash,
  type NodeId,
  type Range,
} from "./merkle";

/** What the log records; a payload holds public facts and hashes, never a person's name, email or id. */
export const logEntryKinds = [
  "charter.version",
  "proposal.votingOpened",
  "proposal.ballotBox",
  "proposal.closed",
  "moderation.sanction",
  "moderation.appealDecided",
  "signingKey.created",
] as const;
export type LogEntryKind = (typeof logEntryKinds)[number];

export type LogEvent = { kind: LogEntryKind; communityId: string | null; payload: { [key: string]: Json } };

export const LEAF_VERSION = 1;

/** The leaf's data: canonical JSON of the entry (version, kind, community, time, payload). */
export function leafDataOf(event: LogEvent, at: Date): string {
  return canonical({
    v: LEAF_VERSION,
    kind: event.kind,
    community: event.communityId,
    at: at.toISOString(),
    payload: event.payload,
  });
}

export type Head = { size: number; root: Hash };

const toBytes = (hash: Hash) => new Uint8Array(hash) as Uint8Array<ArrayBuffer>;

export async function readNodes(tx: DbTx, ids: readonly NodeId[]): Promise<Map<string, Hash>> {
  const nodes = new Map<string, Hash>();
  if (ids.length === 0) return nodes;
  const rows = await tx.$queryRaw<Array<{ level: number; index: bigint; hash: Uint8Array }>>`
    SELECT n."level", n."index", n."hash"
    FROM unnest(${ids.map((id) => id.level)}::int[], ${ids.map((id) => BigInt(id.index))}::bigint[]) AS wanted("level", "index")
    JOIN "LogNode" n ON n."level" = wanted."level" AND n."index" = wanted."index"`;
  for (const row of rows) nodes.set(`${row.level}:${Number(row.index)}`, new Uint8Array(row.hash));
  return nodes;
}

function lookup(nodes: Map<string, Hash>) {
  return ({ level, index }: NodeId): Hash => {
    const hash = nodes.get(`${level}:${index}`);
    if (!hash) throw new Error(`the log lacks node ${level}:${index}`);
    return hash;
  };
}

/** The hashes of several ranges of the log, reading their complete subtrees in one query. */
export async function hashRanges(tx: DbTx, ranges: readonly Range[]): Promise<Hash[]> {
  const ids = ranges.flatMap((range) => completeSubtreesOf(range));
  const node = lookup(await readNodes(tx, ids));
  return ranges.map((range) => hashRange(range, node));
}

/** Appends one event inside the caller's transaction; returns its index and the new head. */
export async function appendToLog(tx: DbTx, event: LogEvent): Promise<{ index: number; head: Head; leafHash: Hash }> {
  const [state] = await tx.$queryRaw<Array<{ size: bigint }>>`
    SELECT "size" FROM "LogState" WHERE "id" = 1 FOR UPDATE`;
  if (!state) throw new Error("the log's head row is missing (migration not applied?)");
  const size = Number(state.size);
  const edge = frontierNodes(size);
  const known = lookup(await readNodes(tx, edge));
  const frontier = Frontier.of(size, edge.map(known));
  const at = new Date();
  const data = leafDataOf(event, at);
  const leaf = leafHash(Buffer.from(data, "utf8"));
  const created = frontier.append(leaf);
  const root = frontier.root();
  await tx.logEntry.create({
    data: {
      index: BigInt(size),
      communityId: event.communityId,
      kind: event.kind,
      proposalId: typeof event.payload.proposalId === "string" ? event.payload.proposalId : null,
      payload: data,
      leafHash: toBytes(leaf),
      createdAt: at,
    },
  });
  await tx.logNode.createMany({ data: created.map((n) => ({ level: n.level, index: BigInt(n.index), hash: toBytes(n.hash) })) });
  await tx.$executeRaw`
    UPDATE "LogState" SET "size" = ${BigInt(size + 1)}, "root" = ${toBytes(root)}, "updatedAt" = now() WHERE "id" = 1`;
  return { index: size, head: { size: size + 1, root }, leafHash: leaf };
}

/** The current head (size and root), without locking. */
export async function readHead(tx: DbTx): Promise<Head> {
  const state = await tx.logState.findUnique({ where: { id: 1 } });
  if (!state) return { size: 0, root: emptyRoot() };
  return { size: Number(state.size), root: new Uint8Array(state.root) };
}

/** The root of the tree of the first `size` entries (size ≤ the head's). */
export async function rootAt(tx: DbTx, size: number): Promise<Hash> {
  if (size === 0) return emptyRoot();
  const [root] = await hashRanges(tx, [[0, size]]);
  return root!;
}

export async function inclusionProofAt(tx: DbTx, index: number, size: number): Promise<Hash[]> {
  return hashRanges(tx, inclusionRanges(index, size));
}

export async function consistencyProofAt(tx: DbTx, first: number, second: number): Promise<Hash[]> {
  return hashRanges(tx, consistencyRanges(first, second));
}

/**
 * A salted SHA-256 (hex) of personal facts (an electorate, a sanctioned member). The salt is drawn
 * once per `saltId` and kept in LogSalt: whoever holds it can check the hash; deleting it (erasure)
 * leaves the log intact but the hash unlinkable.
 */
export async function saltedHash(tx: DbTx, saltId: string, value: unknown): Promise<string> {
  await tx.$executeRaw`
    INSERT INTO "LogSalt" ("id", "salt") VALUES (${saltId}, ${toBytes(randomBytes(32))}) ON CONFLICT ("id") DO NOTHING`;
  const { salt } = await tx.logSalt.findUniqueOrThrow({ where: { id: saltId } });
  return createHash("sha256").update(salt).update(canonical(value), "utf8").digest("hex");
}

/** SHA-256 (hex) of a value's canonical JSON: for public facts (a charter text, a ballot definition). */
export const hashOf = (value: unknown): string => createHash("sha256").update(canonical(value), "utf8").digest("hex");
