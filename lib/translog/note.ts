/**
 * C2SP signed notes (c2sp.org/signed-note), transparency log checkpoints (c2sp.org/tlog-checkpoint)
 * and Ed25519 witness cosignatures (c2sp.org/tlog-cosignature, cosignature/v1). Pure: node:crypto
 * only, shared by the app, the witness endpoint and the standalone verifier.
 *
 *   <origin>\n<tree size>\n<base64 root>\n          ← the checkpoint: the note's text
 *   \n
 *   — <key name> base64(key ID ‖ Ed25519 signature of the text)\n
 *
 * key ID = SHA-256(name ‖ 0x0A ‖ signature type ‖ 32-byte public key)[:4], type 0x01 for a note
 * signature and 0x04 for a timestamped cosignature. A verifier key ("vkey") is
 * `<name>+<key ID, 8 hex digits>+<base64(type ‖ public key)>`.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { fromBase64, HASH_SIZE, toBase64, type Hash } from "./merkle";

export const ED25519_TYPE = 0x01;
export const COSIGNATURE_TYPE = 0x04;
const EM_DASH = "\u2014";
const MAX_SIGNATURES = 64;

export class NoteError extends Error {}

export function rawPublicKey(key: KeyObject): Uint8Array {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  const jwk = publicKey.export({ format: "jwk" });
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw new NoteError("not an Ed25519 key");
  return new Uint8Array(Buffer.from(jwk.x, "base64url"));
}

function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new NoteError("an Ed25519 public key is 32 bytes");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(raw).toString("base64url") }, format: "jwk" });
}

const validName = (name: string) => name.length > 0 && !/[\s+]/u.test(name) && !/[\u0000-\u001f]/.test(name);

export function keyIdOf(name: string, type: number, raw: Uint8Array): number {
  const digest = createHash("sha256")
    .update(Buffer.from(`${name}\n`, "utf8"))
    .update(Uint8Array.of(type))
    .update(raw)
    .digest();
  return digest.readUInt32BE(0);
}

export type VerifierKey = { name: string; keyId: number; type: number; publicKey: KeyObject; raw: Uint8Array };

export function verifierKeyOf(name: string, key: KeyObject, type = ED25519_TYPE): string {
  if (!validName(name)) throw new NoteError("a key name has no space, no plus sign and no control character");
  const raw = rawPublicKey(key);
  const keyId = keyIdOf(name, type, raw);
  return `${name}+${keyId.toString(16).padStart(8, "0")}+${Buffer.concat([Uint8Array.of(type), raw]).toString("base64")}`;
}

export function parseVerifierKey(vkey: string): VerifierKey {
  const parts = vkey.trim().split("+");
  // The base64 part may itself contain "+": name and key ID are the first two fields.
  if (parts.length < 3) throw new NoteError("a verifier key is name+keyid+key");
  const [name, hexId] = parts as [string, string];
  const encoded = parts.slice(2).join("+");
  if (!validName(name) || !/^[0-9a-f]{8}$/.test(hexId)) throw new NoteError("malformed verifier key");
  const bytes = fromBase64(encoded);
  if (bytes.length !== 33) throw new NoteError("an Ed25519 verifier key holds 33 bytes");
  const type = bytes[0]!;
  if (type !== ED25519_TYPE && type !== COSIGNATURE_TYPE) throw new NoteError("unsupported signature type");
  const raw = bytes.subarray(1);
  const keyId = keyIdOf(name, type, raw);
  if (keyId !== Number.parseInt(hexId, 16)) throw new NoteError("the verifier key's ID does not match its key");
  return { name, keyId, type, publicKey: publicKeyFromRaw(raw), raw };
}

export type NoteSignature = { name: string; keyId: number; signature: Uint8Array; line: string };
export type Note = { text: string; signatures: NoteSignature[] };

export function parseNote(note: string): Note {
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new NoteError("control characters in the note");
  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) throw new NoteError("a signed note is text, a blank line, then signatures");
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split("\n");
  if (lines.length === 0 || lines.length > MAX_SIGNATURES) throw new NoteError("too few or too many signatures");
  const signatures = lines.map((line) => {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/.exec(line);
    if (!match) throw new NoteError("malformed signature line");
    const [, name, encoded] = match as unknown as [string, string, string];
    const bytes = fromBase64(encoded);
    if (bytes.length < 5) throw new NoteError("signature too short");
    return { name, keyId: Buffer.from(bytes).readUInt32BE(0), signature: bytes.subarray(4), line: `${line}\n` };
  });
  return { text, signatures };
}

export function signatureLine(name: string, keyId: number, signature: Uint8Array): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(keyId);
  return `${EM_DASH} ${name} ${Buffer.concat([id, signature]).toString("base64")}\n`;
}

/** Signs a note text (ending with a newline) with an Ed25519 key under `name`. */
export function signNote(text: string, name: string, privateKey: KeyObject): string {
  if (!text.endsWith("\n")) throw new NoteError("a note text ends with a newline");
  const keyId = keyIdOf(name, ED25519_TYPE, rawPublicKey(privateKey));
  const signature = sign(null, Buffer.from(text, "utf8"), privateKey);
  return `${text}\n${signatureLine(name, keyId, signature)}`;
}

/**
 * The note's text when a signature by `key` verifies (signatures of other keys are ignored), else a
 * NoteError. A signature that names the key but does not verify rejects the whole note.
 */
export function verifyNote(note: string, key: VerifierKey): string {
  const { text, signatures } = parseNote(note);
  if (key.type !== ED25519_TYPE) throw new NoteError("not a note signing key");
  const ours = signatures.filter((s) => s.name === key.name && s.keyId === key.keyId);
  if (ours.length === 0) throw new NoteError("no signature by the expected key");
  for (const s of ours) {
    if (s.signature.length !== 64 || !verify(null, Buffer.from(text, "utf8"), key.publicKey, s.signature)) {
      throw new NoteError("bad signature");
    }
  }
  return text;
}

export type Checkpoint = { origin: string; size: number; root: Hash; extensions: string[] };

export function checkpointText({ origin, size, root }: { origin: string; size: number; root: Hash }): string {
  return `${origin}\n${size}\n${toBase64(root)}\n`;
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith("\n")) throw new NoteError("a checkpoint ends with a newline");
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3 || lines.some((line) => line.length === 0)) throw new NoteError("a checkpoint has three non-empty lines");
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]];
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw new NoteError("malformed tree size");
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new NoteError("tree size too large");
  let root: Hash;
  try {
    root = fromBase64(rootLine);
  } catch {
    throw new NoteError("malformed root hash");
  }
  if (root.length !== HASH_SIZE) throw new NoteError("a root hash is 32 bytes");
  return { origin, size, root, extensions };
}

/** The signed note of a checkpoint, verified with the log's key; the key name must be the origin. */
export function openCheckpoint(note: string, logKey: VerifierKey): Checkpoint & { text: string } {
  const text = verifyNote(note, logKey);
  const checkpoint = parseCheckpoint(text);
  if (checkpoint.origin !== logKey.name) throw new NoteError("the checkpoint's origin is not the key's name");
  return { ...checkpoint, text };
}

const cosignedMessage = (text: string, timestamp: number) => Buffer.from(`cosignature/v1\ntime ${timestamp}\n${text}`, "utf8");

/** A witness's cosignature line (cosignature/v1, Ed25519, type 0x04) over a checkpoint text. */
export function cosign(text: string, name: string, privateKey: KeyObject, timestamp: number): string {
  const keyId = keyIdOf(name, COSIGNATURE_TYPE, rawPublicKey(privateKey));
  const stamp = Buffer.alloc(8);
  stamp.writeBigUInt64BE(BigInt(timestamp));
  const signature = sign(null, cosignedMessage(text, timestamp), privateKey);
  return signatureLine(name, keyId, Buffer.concat([stamp, signature]));
}

/** The cosignature's timestamp when `line` is a valid cosignature of `text` by the witness key, else null. */
export function verifyCosignature(text: string, line: string, key: VerifierKey): number | null {
  if (key.type !== COSIGNATURE_TYPE) return null;
  let parsed: NoteSignature;
  try {
    parsed = parseNote(`x\n\n${line.endsWith("\n") ? line : `${line}\n`}`).signatures[0]!;
  } catch {
    return null;
  }
  if (parsed.name !== key.name || parsed.keyId !== key.keyId || parsed.signature.length !== 72) return null;
  const timestamp = Number(Buffer.from(parsed.signature.subarray(0, 8)).readBigUInt64BE());
  const ok = verify(null, cosignedMessage(text, timestamp), key.publicKey, parsed.signature.subarray(8));
  return ok ? timestamp : null;
}
