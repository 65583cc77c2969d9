/**
 * Checks a bearer secret: looked up by hash, refused when revoked. `lastUsedAt` is written at most
 * once a minute per token, so a busy script does not turn every read into a write.
 */
import type { DbTx } from "@/lib/db/client";
import { dateOf, epochMs, readRows } from "@/lib/db/read";
import { Prisma } from "@/lib/generated/prisma/client";
import { isTokenScope, type TokenScope } from "./schemas";
import { hashTokenSecret, looksLikeTokenSecret } from "./secret";

export const LAST_USED_PRECISION_MS = 60_000;

export type TokenUser = {
  id: string;
  onboarded: boolean;
  isPlatformAdmin: boolean;
  locale: "fr" | "en";
  suspendedUntil: Date | null;
};
export type VerifiedToken = { tokenId: string; scopes: TokenScope[]; user: TokenUser };

type TokenRow = {
  id: string;
  scopes: string[];
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  userId: string;
  onboardedAt: Date | null;
  isPlatformAdmin: boolean;
  locale: "fr" | "en";
  platformSuspendedUntil: Date | null;
};

type TokenRowMs = Omit<TokenRow, "revokedAt" | "lastUsedAt" | "onboardedAt" | "platformSuspendedUntil"> & {
  revokedAt: number | null;
  lastUsedAt: number | null;
  onboardedAt: number | null;
  platformSuspendedUntil: number | null;
};

async function findToken(db: DbTx, tokenHash: string): Promise<TokenRow | undefined> {
  // Runs on every API call: on the postgres.js pool when the client has one (lib/db/read.ts).
  const [row] = await readRows<TokenRowMs>(
    db,
    Prisma.sql`
      SELECT t."id", t."scopes", ${epochMs(Prisma.raw('t."revokedAt"'))} AS "revokedAt",
        ${epochMs(Prisma.raw('t."lastUsedAt"'))} AS "lastUsedAt", u."id" AS "userId",
        ${epochMs(Prisma.raw('u."onboardedAt"'))} AS "onboardedAt", u."isPlatformAdmin", u."locale"::text AS "locale",
        ${epochMs(Prisma.raw('u."platformSuspendedUntil"'))} AS "platformSuspendedUntil"
      FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
      WHERE t."tokenHash" = ${tokenHash}`,
  );
  return row
    ? {
        ...row,
        revokedAt: dateOf(row.revokedAt),
        lastUsedAt: dateOf(row.lastUsedAt),
        onboardedAt: dateOf(row.onboardedAt),
        platformSuspendedUntil: dateOf(row.platformSuspendedUntil),
      }
    : undefined;
}

export async function verifyApiToken(db: DbTx, secret: string, now = new Date()): Promise<VerifiedToken | null> {
  if (!looksLikeTokenSecret(secret)) return null;
  // One statement (token and person joined): this runs on every API call, so on the postgres.js pool
  // (a prepared statement, lib/db/sql.ts) when the client has one, else through Prisma.
  const row = await findToken(db, hashTokenSecret(secret));
  const token = row
    ? {
        id: row.id,
        scopes: row.scopes,
        revokedAt: row.revokedAt,
        lastUsedAt: row.lastUsedAt,
        user: {
          id: row.userId,
          onboardedAt: row.onboardedAt,
          isPlatformAdmin: row.isPlatformAdmin,
          locale: row.locale,
          platformSuspendedUntil: row.platformSuspendedUntil,
        },
      }
    : null;
  if (!token || token.revokedAt) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_PRECISION_MS);
  if (!token.lastUsedAt || token.lastUsedAt < staleBefore) {
    // Conditional: of several requests arriving together, one writes.
    await db.apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  const { user } = token;
  return {
    tokenId: token.id,
    scopes: token.scopes.filter(isTokenScope),
    user: {
      id: user.id,
      onboarded: user.onboardedAt !== null,
      isPlatformAdmin: user.isPlatformAdmin,
      locale: user.locale,
      suspendedUntil: user.platformSuspendedUntil,
    },
  };
}
