/**
 * Webhook secrets (issue 16). HMAC verification needs the secret itself, so it is kept, encrypted
 * with AES-256-GCM under a key derived from AUTH_SECRET; the steward sees it once, at creation or
 * rotation, and afterwards only its last four characters.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { linkSettings } from "@/lib/core/config";

const PREFIX = "whsec_";

/** A new secret: 32 random bytes, base64url, with a recognisable prefix. */
export function generateSecret(): string {
  return PREFIX + randomBytes(32).toString("base64url");
}

function key(): Buffer {
  return createHash("sha256").update(`geocommuns:connectors:${linkSettings().secret}`).digest();
}

/** `v1.<iv>.<tag>.<ciphertext>`, all base64url. */
export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** null when the value was not made by encryptSecret under the current AUTH_SECRET. */
export function decryptSecret(stored: string): string | null {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

export const secretHint = (secret: string) => secret.slice(-4);

/** Constant-time equality of two strings of any length (their SHA-256 digests are compared). */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash("sha256").update(a, "utf8").digest();
  const db = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(da, db);
}
