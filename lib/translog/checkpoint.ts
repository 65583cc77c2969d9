/**
 * Checkpoints of the governance log: the C2SP tlog-checkpoint body (origin, size, base64 root)
 * signed as a C2SP signed note with the log's own Ed25519 key (kept in SigningKey beside the decision
 * key, created once whatever the number of instances racing). One checkpoint per tree size, never
 * rewritten (trigger): a second issue at the same size returns the first. Issued in the closing
 * transaction of each decision (so the decision's entries and the checkpoint that covers them commit
 * together) and on a schedule (lib/jobs/definitions/issue-checkpoint.ts).
 */
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import type { DbTx } from "@/lib/db/client";
import { readHead, type Head } from "./log";
import { checkpointText, rawPublicKey, signNote, verifierKeyOf } from "./note";

export const LOG_KEY_ID = "translog-ed25519";

/**
 * A stable name for a key: `<prefix>/<first 16 hex digits of SHA-256(public key)>`. Derived from the
 * key, not from APP_URL, so every instance sharing the database, and the same instance after a change
 * of address, signs under the same origin.
 */
export function identityOf(prefix: string, key: KeyObject): string {
  return `${prefix}/${createHash("sha256").update(rawPublicKey(key)).digest("hex").slice(0, 16)}`;
}

/** The log's origin line and key name. */
export async function logOrigin(db: DbTx): Promise<string> {
  return identityOf("geocommuns-log", await logKey(db));
}

async function ensureLogKey(db: DbTx): Promise<KeyObject> {
  const existing = await db.signingKey.findUnique({ where: { id: LOG_KEY_ID } });
  if (existing) return createPrivateKey(existing.privateKey);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const privatePem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const publicPem = publicKey.export({ format: "pem", type: "spki" }).toString();
  await db.$executeRaw`
    INSERT INTO "SigningKey" ("id", "algorithm", "publicKey", "privateKey")
    VALUES (${LOG_KEY_ID}, 'Ed25519', ${publicPem}, ${privatePem})
    ON CONFLICT ("id") DO NOTHING`;
  return createPrivateKey((await db.signingKey.findUniqueOrThrow({ where: { id: LOG_KEY_ID } })).privateKey);
}

/** The log's signing key (not cached: a transaction that created it may still roll back). */
export const logKey = (db: DbTx) => ensureLogKey(db);

/** The log's verifier key (C2SP vkey), as published at /api/v1/log/key. */
export async function logVerifierKey(db: DbTx): Promise<string> {
  const key = await logKey(db);
  return verifierKeyOf(identityOf("geocommuns-log", key), key);
}

export type StoredCheckpoint = { size: number; root: Uint8Array; note: string; createdAt: Date };

const toCheckpoint = (row: { size: bigint; root: Uint8Array; note: string; createdAt: Date }): StoredCheckpoint => ({
  size: Number(row.size),
  root: new Uint8Array(row.root),
  note: row.note,
  createdAt: row.createdAt,
});

/**
 * Signs and stores the checkpoint of `head` (the current head when omitted). Inside a transaction that
 * just appended, pass the head it returned: the checkpoint commits with the entries.
 */
export async function issueCheckpoint(db: DbTx, { head }: { head?: Head } = {}): Promise<StoredCheckpoint> {
  const { size, root } = head ?? (await readHead(db));
  const key = await logKey(db);
  const origin = identityOf("geocommuns-log", key);
  const note = signNote(checkpointText({ origin, size, root }), origin, key);
  await db.$executeRaw`
    INSERT INTO "LogCheckpoint" ("size", "root", "note") VALUES (${BigInt(size)}, ${new Uint8Array(root) as Uint8Array<ArrayBuffer>}, ${note})
    ON CONFLICT ("size") DO NOTHING`;
  return toCheckpoint(await db.logCheckpoint.findUniqueOrThrow({ where: { size: BigInt(size) } }));
}

/** The latest checkpoint, issuing one first when the log has grown since (or none exists). */
export async function currentCheckpoint(db: DbTx): Promise<StoredCheckpoint> {
  const head = await readHead(db);
  const latest = await db.logCheckpoint.findFirst({ orderBy: { size: "desc" } });
  if (latest && Number(latest.size) >= head.size) return toCheckpoint(latest);
  return issueCheckpoint(db, { head });
}

/** The first checkpoint that includes entry `index`, or null when none does yet. */
export async function checkpointCovering(db: DbTx, index: number): Promise<StoredCheckpoint | null> {
  const row = await db.logCheckpoint.findFirst({ where: { size: { gt: BigInt(index) } }, orderBy: { size: "asc" } });
  return row ? toCheckpoint(row) : null;
}

export async function checkpointAt(db: DbTx, size: number): Promise<StoredCheckpoint | null> {
  const row = await db.logCheckpoint.findUnique({ where: { size: BigInt(size) } });
  return row ? toCheckpoint(row) : null;
}
