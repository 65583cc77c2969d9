/**
 * Each forge's own way of proving a delivery comes from it (issue 16), checked on the raw bytes
 * before anything is parsed or stored:
 * - GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`;
 * - GitLab: `X-Gitlab-Token: <secret>` (compared in constant time);
 * - Gitea / Forgejo: `X-Gitea-Signature` / `X-Forgejo-Signature: <hex HMAC-SHA256(secret, body)>`;
 * - generic: `X-Geocommuns-Timestamp: <unix seconds>` and
 *   `X-Geocommuns-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`, refused outside
 *   a five-minute window (a replayed delivery).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/core/errors";
import type { ContributionSourceKind } from "@/lib/generated/prisma/enums";
import { safeEqual } from "./secret";

/** Deliveries signed more than this far from now (either way) are refused as replays. */
export const GENERIC_TOLERANCE_SECONDS = 300;

export class BadSignatureError extends AppError {
  constructor() {
    super("bad_signature", "connectors.errors.badSignature", 401);
  }
}

export class ReplayError extends AppError {
  constructor() {
    super("replayed_delivery", "connectors.errors.replay", 401);
  }
}

const hmacHex = (secret: string, ...parts: (string | Buffer)[]) => {
  const mac = createHmac("sha256", secret);
  for (const part of parts) mac.update(part);
  return mac.digest("hex");
};

/** Compares a received hex digest with the expected one in constant time; malformed hex fails. */
function sameHex(received: string | null | undefined, expected: string): boolean {
  if (!received || !/^[0-9a-f]{64}$/i.test(received)) return false;
  return timingSafeEqual(Buffer.from(received.toLowerCase(), "hex"), Buffer.from(expected, "hex"));
}

/** The signature headers a sender (or a test) sets for the generic scheme. */
export function signGeneric(secret: string, body: string | Buffer, timestamp: number): Record<string, string> {
  const ts = String(Math.floor(timestamp));
  return {
    "x-geocommuns-timestamp": ts,
    "x-geocommuns-signature": `sha256=${hmacHex(secret, `${ts}.`, body)}`,
  };
}

export function signHex(secret: string, body: string | Buffer): string {
  return hmacHex(secret, body);
}

/** Throws BadSignatureError (or ReplayError) unless the delivery is authentic. */
export function verifyDelivery(
  kind: ContributionSourceKind,
  headers: Headers,
  body: Buffer,
  secret: string,
  now: Date = new Date(),
): void {
  switch (kind) {
    case "GITHUB": {
      const header = headers.get("x-hub-signature-256");
      if (!header?.startsWith("sha256=") || !sameHex(header.slice(7), hmacHex(secret, body))) throw new BadSignatureError();
      return;
    }
    case "GITLAB": {
      const token = headers.get("x-gitlab-token");
      if (token === null || !safeEqual(token, secret)) throw new BadSignatureError();
      return;
    }
    case "GITEA": {
      const header = headers.get("x-forgejo-signature") ?? headers.get("x-gitea-signature");
      if (!sameHex(header, hmacHex(secret, body))) throw new BadSignatureError();
      return;
    }
    case "GENERIC": {
      const ts = headers.get("x-geocommuns-timestamp");
      const signature = headers.get("x-geocommuns-signature");
      if (!ts || !/^\d{1,12}$/.test(ts) || !signature?.startsWith("sha256=")) throw new BadSignatureError();
      if (!sameHex(signature.slice(7), hmacHex(secret, `${ts}.`, body))) throw new BadSignatureError();
      // Checked after the signature, so that an attacker cannot learn the window from unsigned probes.
      if (Math.abs(now.getTime() / 1000 - Number(ts)) > GENERIC_TOLERANCE_SECONDS) throw new ReplayError();
      return;
    }
    default:
      // Imports (OSM, STAC) take no deliveries.
      throw new BadSignatureError();
  }
}
