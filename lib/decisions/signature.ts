/**
 * Signing and verifying decision records with Ed25519. Pure functions: verifyDecisionRecord is what
 * an outside body (a prefecture, a court, a funder) does offline with the downloaded document and
 * the key published at GET /api/v1/signing-key; nothing here touches the database.
 *
 * What is signed: the bytes of canonicalJson(document.record) (sorted keys, no whitespace: RFC 8785
 * for JSON data), so the file's own layout does not matter. The signature is base64url (64 bytes).
 *
 * Offline verification, with node alone (save as verify.mjs; `node verify.mjs decision-<id>.json key.pem`):
 *
 *   import { readFileSync } from "node:fs";
 *   import { createPublicKey, verify } from "node:crypto";
 *   const canonical = (v) =>
 *     Array.isArray(v) ? `[${v.map(canonical).join(",")}]`
 *     : v !== null && typeof v === "object"
 *       ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`
 *       : JSON.stringify(v);
 *   const document = JSON.parse(readFileSync(process.argv[2], "utf8"));
 *   const key = createPublicKey(readFileSync(process.argv[3]));
 *   const ok = verify(null, Buffer.from(canonical(document.record)), key, Buffer.from(document.signature, "base64url"));
 *   console.log(ok ? "valid" : "INVALID");
 *
 * With OpenSSL 3 and jq (`jq -cjS` sorts keys and drops whitespace: the same bytes, except that jq
 * escapes the DEL control character in texts; the node lines above always match):
 *
 *   curl -s "$APP_URL/api/v1/signing-key" | jq -r .pem > geocommuns-ed25519.pem
 *   jq -cjS .record decision-<id>.json > record.json
 *   printf '%s==' "$(jq -r .signature decision-<id>.json | tr '_-' '/+')" | base64 -d > record.sig
 *   openssl pkeyutl -verify -pubin -inkey geocommuns-ed25519.pem -rawin -in record.json -sigfile record.sig
 *
 * Then compare the key itself with one obtained another way (the operator's letter, a copy kept
 * when the decision was taken): `kid` is its RFC 7638 thumbprint. The ballots can be checked too:
 * `decision.digest` is the SHA-256 (hex) of JSON.stringify(decision.ballots), and each voter finds
 * their receipt in `decision.ballots` with the choice they made. And the outcome: the counts in
 * `decision.result.byCollege` add up to those of `decision.ballots`, and the method's rule
 * (lib/votes/tally, tallyVote) on them with `proposal.collegeWeights` gives it back. A secret weighted
 * vote publishes groups instead of small colleges: `byCollege` then holds each published college and
 * the group `MERGED`, and the weights to use are `decision.result.secrecy.groupWeights`
 * (lib/votes/secret-ballot.ts says why).
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { canonicalJson } from "./canonical-json";
import {
  DECISION_RECORD_TYPE,
  DECISION_RECORD_VERSION,
  type DecisionDocument,
  type DecisionRecord,
  type PublishedKey,
} from "./schemas";

export type Ed25519Jwk = { kty: "OKP"; crv: "Ed25519"; x: string };
export type Ed25519KeyPair = { kid: string; privateKey: KeyObject; publicKey: KeyObject; jwk: Ed25519Jwk };

export function publicJwkOf(publicKey: KeyObject): Ed25519Jwk {
  const jwk = publicKey.export({ format: "jwk" });
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw new TypeError("not an Ed25519 key");
  return { kty: "OKP", crv: "Ed25519", x: jwk.x };
}

/** RFC 7638 thumbprint: SHA-256 of the required members in lexicographic order, base64url. */
export function keyIdOf(jwk: Ed25519Jwk): string {
  return createHash("sha256").update(`{"crv":"${jwk.crv}","kty":"${jwk.kty}","x":"${jwk.x}"}`).digest("base64url");
}

export function keyPairOf(privateKey: KeyObject): Ed25519KeyPair {
  if (privateKey.type !== "private" || privateKey.asymmetricKeyType !== "ed25519") {
    throw new TypeError("the decision signing key must be an Ed25519 private key");
  }
  const publicKey = createPublicKey(privateKey);
  const jwk = publicJwkOf(publicKey);
  return { kid: keyIdOf(jwk), privateKey, publicKey, jwk };
}

export function publishedKeyOf(key: Ed25519KeyPair): PublishedKey {
  return {
    alg: "Ed25519",
    kid: key.kid,
    jwk: { ...key.jwk, kid: key.kid, alg: "EdDSA", use: "sig" },
    pem: key.publicKey.export({ format: "pem", type: "spki" }).toString(),
  };
}

export function signDecisionRecord(record: DecisionRecord, key: Ed25519KeyPair): DecisionDocument {
  if (record.publicKey.kid !== key.kid) throw new Error("the record names another signing key");
  const signature = sign(null, Buffer.from(canonicalJson(record), "utf8"), key.privateKey).toString("base64url");
  return { record, signature, kid: key.kid };
}

export type VerificationResult =
  { valid: true; record: DecisionRecord } | { valid: false; reason: "malformed" | "unsupported" | "other_key" | "bad_signature" };

const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * Checks a downloaded document against a public key obtained independently (PEM, JWK or KeyObject).
 * Valid means: this exact record, every field of it, was signed by that key.
 */
export function verifyDecisionRecord(document: unknown, publicKey: KeyObject | string | Ed25519Jwk): VerificationResult {
  if (!isObject(document) || !isObject(document.record) || typeof document.signature !== "string") {
    return { valid: false, reason: "malformed" };
  }
  const { record, signature, kid } = document;
  if (record.type !== DECISION_RECORD_TYPE || record.version !== DECISION_RECORD_VERSION) {
    return { valid: false, reason: "unsupported" };
  }
  let key: KeyObject;
  let expectedKid: string;
  let canonical: string;
  try {
    key =
      typeof publicKey === "string"
        ? createPublicKey(publicKey)
        : "kty" in publicKey
          ? createPublicKey({ key: publicKey, format: "jwk" })
          : publicKey;
    expectedKid = keyIdOf(publicJwkOf(key.type === "private" ? createPublicKey(key) : key));
    canonical = canonicalJson(record);
  } catch {
    return { valid: false, reason: "malformed" };
  }
  const named = isObject(record.publicKey) ? record.publicKey.kid : undefined;
  if (kid !== expectedKid || named !== expectedKid) return { valid: false, reason: "other_key" };
  // Node decodes base64url leniently (skips stray characters): only the exact 64-byte form counts.
  if (!SIGNATURE.test(signature)) return { valid: false, reason: "bad_signature" };
  const ok = verify(null, Buffer.from(canonical, "utf8"), key, Buffer.from(signature, "base64url"));
  return ok ? { valid: true, record: record as DecisionRecord } : { valid: false, reason: "bad_signature" };
}
