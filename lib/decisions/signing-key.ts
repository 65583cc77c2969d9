/**
 * The Ed25519 key that signs decision records: SIGNING_KEY_ED25519 when the operator configures one,
 * else the one kept in the database, else a new one stored there. Several instances starting at once
 * each generate a candidate, but only the first insert lands (ON CONFLICT DO NOTHING) and every
 * instance then reads back that same row, so a record signed by any instance verifies with the one
 * published key. Cached per process (per Prisma client). `configuredPem: null` skips the configuration
 * (tests, tools).
 */
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { config } from "@/lib/core/config";
import type { DbTx } from "@/lib/db/client";
import { logSigningKeyCreated, logSigningKeyOnce } from "@/lib/translog/events";
import { keyPairOf, type Ed25519KeyPair } from "./signature";

export const SIGNING_KEY_ID = "decisions-ed25519";
const ALGORITHM = "Ed25519";

/** Environment files often carry a PEM on one line with literal "\n". */
function parsePem(pem: string): Ed25519KeyPair {
  return keyPairOf(createPrivateKey(pem.includes("\\n") ? pem.replaceAll("\\n", "\n") : pem));
}

/** The stored key, or a new one inserted unless another instance got there first. Not cached. */
export async function ensureSigningKey(db: DbTx): Promise<Ed25519KeyPair> {
  const existing = await db.signingKey.findUnique({ where: { id: SIGNING_KEY_ID } });
  if (existing) return fromStored(existing);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const privatePem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const publicPem = publicKey.export({ format: "pem", type: "spki" }).toString();
  const inserted = await db.$executeRaw`
    INSERT INTO "SigningKey" ("id", "algorithm", "publicKey", "privateKey")
    VALUES (${SIGNING_KEY_ID}, ${ALGORITHM}, ${publicPem}, ${privatePem})
    ON CONFLICT ("id") DO NOTHING`;
  // Whoever won the insert, this is now the key.
  const key = fromStored(await db.signingKey.findUniqueOrThrow({ where: { id: SIGNING_KEY_ID } }));
  // The winner records the new key in the governance log, so a later replacement shows there.
  if (inserted === 1) await logSigningKeyCreated(db, { keyId: key.kid, jwk: key.jwk });
  return key;
}

function fromStored(row: { algorithm: string; privateKey: string }): Ed25519KeyPair {
  if (row.algorithm !== ALGORITHM) throw new Error(`SigningKey ${SIGNING_KEY_ID} is ${row.algorithm}, expected ${ALGORITHM}`);
  return parsePem(row.privateKey);
}

const cache = new WeakMap<DbTx, Promise<Ed25519KeyPair>>();
const configured = new Map<string, Ed25519KeyPair>();

export async function getSigningKey(
  db: DbTx,
  { configuredPem = config().SIGNING_KEY_ED25519 }: { configuredPem?: string | null } = {},
): Promise<Ed25519KeyPair> {
  if (configuredPem) {
    let key = configured.get(configuredPem);
    if (!key) {
      key = parsePem(configuredPem);
      // The operator's key enters the governance log on first use (once), so a rotation shows there.
      await logSigningKeyOnce(db, { keyId: key.kid, jwk: key.jwk });
      configured.set(configuredPem, key);
    }
    return key;
  }
  let pending = cache.get(db);
  if (!pending) {
    pending = ensureSigningKey(db);
    cache.set(db, pending);
    // A failure (database down) must not stick: the next call tries again.
    pending.catch(() => cache.delete(db));
  }
  return pending;
}
