/**
 * The shape of a token secret: `gct_` then 32 random bytes in base64url. Only its SHA-256 is stored,
 * with a short prefix that lets a person tell tokens apart in a list.
 */
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "gct_";
const SECRET_PATTERN = /^gct_[A-Za-z0-9_-]{43}$/;
/** `gct_` and the first 8 random characters: enough to recognise a token, far too few to guess it. */
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 8;

export function generateTokenSecret(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function displayPrefixOf(secret: string): string {
  return secret.slice(0, DISPLAY_PREFIX_LENGTH);
}

/** Cheap check before any database lookup. */
export function looksLikeTokenSecret(value: string): boolean {
  return SECRET_PATTERN.test(value);
}
