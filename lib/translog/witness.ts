/**
 * This instance as a witness of other logs (c2sp.org/tlog-witness): a log (another Géocommuns, or any
 * C2SP log) submits `old <size>`, a consistency proof, a blank line and its new signed checkpoint; the
 * witness co-signs (c2sp.org/tlog-cosignature, cosignature/v1, Ed25519) only a checkpoint signed by
 * the log's registered key and consistent with the last one it co-signed for that origin. Checking the
 * old size and recording the new checkpoint happen under the origin's row lock, so two submissions
 * racing never roll the recorded size back. Refusals of a known origin (bad signature, inconsistent
 * proof, same size with another root) are kept in WitnessRefusal: they may be evidence of a fork.
 *
 * Logs to witness are registered by the operator (a WitnessedLog row: origin and C2SP verifier key).
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { logger } from "@/lib/core/log";
import type { Db, DbTx } from "@/lib/db/client";
import { identityOf } from "./checkpoint";
import { fromBase64, verifyConsistency, type Hash } from "./merkle";
import { COSIGNATURE_TYPE, cosign, NoteError, openCheckpoint, parseVerifierKey, verifierKeyOf } from "./note";

export const WITNESS_KEY_ID = "translog-witness-ed25519";
const MAX_PROOF_LINES = 63;
const MAX_BODY = 64 * 1024;
const MAX_UNSIGNED_REFUSALS_PER_MINUTE = 10;

/** The witness's name (its key name), derived from its key like the log's origin. */
export async function witnessName(db: DbTx): Promise<string> {
  return identityOf("geocommuns-witness", await witnessKey(db));
}

async function witnessKey(db: DbTx): Promise<KeyObject> {
  const existing = await db.signingKey.findUnique({ where: { id: WITNESS_KEY_ID } });
  if (existing) return createPrivateKey(existing.privateKey);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  await db.$executeRaw`
    INSERT INTO "SigningKey" ("id", "algorithm", "publicKey", "privateKey")
    VALUES (${WITNESS_KEY_ID}, 'Ed25519', ${publicKey.export({ format: "pem", type: "spki" }).toString()},
      ${privateKey.export({ format: "pem", type: "pkcs8" }).toString()})
    ON CONFLICT ("id") DO NOTHING`;
  return createPrivateKey((await db.signingKey.findUniqueOrThrow({ where: { id: WITNESS_KEY_ID } })).privateKey);
}

/** The witness's verifier key (type 0x04, timestamped cosignatures), for logs to check its cosignatures. */
export async function witnessVerifierKey(db: DbTx): Promise<string> {
  const key = await witnessKey(db);
  return verifierKeyOf(identityOf("geocommuns-witness", key), key, COSIGNATURE_TYPE);
}

export type WitnessAnswer = { status: 200 | 400 | 403 | 404 | 409 | 422; contentType: string; body: string };

const text = (status: WitnessAnswer["status"], body: string): WitnessAnswer => ({
  status,
  contentType: "text/plain; charset=utf-8",
  body: body.endsWith("\n") ? body : `${body}\n`,
});

type Request = { oldSize: number; proof: Hash[]; note: string };

function parseRequest(body: string): Request | null {
  if (body.length > MAX_BODY) return null;
  const blank = body.indexOf("\n\n");
  if (blank < 0) return null;
  const head = body.slice(0, blank).split("\n");
  const note = body.slice(blank + 2);
  const match = /^old (0|[1-9][0-9]*)$/.exec(head[0] ?? "");
  if (!match || head.length - 1 > MAX_PROOF_LINES) return null;
  const oldSize = Number(match[1]);
  if (!Number.isSafeInteger(oldSize)) return null;
  try {
    const proof = head.slice(1).map(fromBase64);
    if (proof.some((h) => h.length !== 32)) return null;
    return { oldSize, proof, note };
  } catch {
    return null;
  }
}

function originOf(note: string): string | null {
  const line = note.split("\n", 1)[0];
  return line && line.length > 0 ? line : null;
}

/** add-checkpoint: the C2SP answer (status, content type, body). */
export async function addCheckpoint(db: Db, body: string, { now = new Date() }: { now?: Date } = {}): Promise<WitnessAnswer> {
  const request = parseRequest(body);
  if (!request) return text(400, "malformed add-checkpoint request");
  const origin = originOf(request.note);
  if (!origin) return text(400, "malformed checkpoint");
  const refuse = async (tx: DbTx, reason: string, answer: WitnessAnswer, details: Record<string, string | number> = {}) => {
    // Anyone may post a badly signed note: past a few a minute per origin, those are not kept (a fork
    // or an inconsistent proof needs the log's own signature, so those are always kept).
    const recent =
      reason === "bad_signature"
        ? await tx.witnessRefusal.count({ where: { origin, reason, at: { gt: new Date(now.getTime() - 60_000) } } })
        : 0;
    if (recent < MAX_UNSIGNED_REFUSALS_PER_MINUTE) {
      await tx.witnessRefusal.create({ data: { origin, reason, details: { ...details, note: request.note } } });
    }
    logger.warn({ origin, reason, ...details }, "witness: checkpoint refused");
    return answer;
  };
  return db.$transaction(async (tx) => {
    const [log] = await tx.$queryRaw<Array<{ verifierKey: string; size: bigint; root: Uint8Array | null }>>`
      SELECT "verifierKey", "size", "root" FROM "WitnessedLog" WHERE "origin" = ${origin} FOR UPDATE`;
    if (!log) return text(404, "unknown log origin");
    let checkpoint;
    try {
      checkpoint = openCheckpoint(request.note, parseVerifierKey(log.verifierKey));
    } catch (error) {
      if (error instanceof NoteError)
        return refuse(tx, "bad_signature", text(403, "no valid signature by the log's key"), { error: error.message });
      throw error;
    }
    if (request.oldSize > checkpoint.size) return text(400, "old size beyond the checkpoint");
    const known = Number(log.size);
    if (request.oldSize !== known) return { status: 409, contentType: "text/x.tlog.size", body: `${known}\n` };
    const knownRoot = log.root ? new Uint8Array(log.root) : null;
    if (checkpoint.size === known && known > 0) {
      if (!knownRoot || Buffer.compare(Buffer.from(knownRoot), Buffer.from(checkpoint.root)) !== 0) {
        return refuse(tx, "fork", text(409, "same size, another root: the log forked"), { size: known });
      }
    } else if (known > 0 || request.proof.length > 0) {
      const consistent =
        knownRoot !== null && verifyConsistency(known, checkpoint.size, knownRoot, checkpoint.root, request.proof);
      if (!consistent) {
        return refuse(tx, "inconsistent", text(422, "the consistency proof does not verify"), {
          oldSize: known,
          size: checkpoint.size,
        });
      }
    }
    await tx.witnessedLog.update({
      where: { origin },
      data: { size: BigInt(checkpoint.size), root: new Uint8Array(checkpoint.root) as Uint8Array<ArrayBuffer>, updatedAt: now },
    });
    const key = await witnessKey(tx);
    const line = cosign(checkpoint.text, identityOf("geocommuns-witness", key), key, Math.floor(now.getTime() / 1000));
    return { status: 200, contentType: "text/plain; charset=utf-8", body: line };
  });
}
