/**
 * Checks a bearer secret: looked up by hash, refused when revoked. `lastUsedAt` is written at most
 * once a minute per token, so a busy script does not turn every read into a write.
 */
import type { DbTx } from "@/lib/db/client";
import { maybeSqlOf } from "@/lib/db/sql";
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

const instant = (ms: number | null) => (ms === null ? null : new Date(ms));

async function findToken(db: DbTx, tokenHash: string): Promise<TokenRow | undefined> {
  const sql = maybeSqlOf(db);
  if (sql) {
    // Instants as epoch milliseconds: the columns hold UTC without a zone (see lib/db/sql.ts).
    const [row] = await sql<
      (Omit<TokenRow, "revokedAt" | "lastUsedAt" | "onboardedAt" | "platformSuspendedUntil"> & {
        revokedAt: number | null;
        lastUsedAt: number | null;
        onboardedAt: number | null;
        platformSuspendedUntil: number | null;
      })[]
    >`
      SELECT t."id", t."scopes", (extract(epoch FROM t."revokedAt") * 1000)::float8 AS "revokedAt",
        (extract(epoch FROM t."lastUsedAt") * 1000)::float8 AS "lastUsedAt", u."id" AS "userId",
        (extract(epoch FROM u."onboardedAt") * 1000)::float8 AS "onboardedAt", u."isPlatformAdmin",
        u."locale"::text AS "locale", (extract(epoch FROM u."platformSuspendedUntil") * 1000)::float8 AS "platformSuspendedUntil"
      FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
      WHERE t."tokenHash" = ${tokenHash}`;
    return row
      ? {
          ...row,
          revokedAt: instant(row.revokedAt),
          lastUsedAt: instant(row.lastUsedAt),
          onboardedAt: instant(row.onboardedAt),
          platformSuspendedUntil: instant(row.platformSuspendedUntil),
        }
      : undefined;
  }
  const [row] = await db.$queryRaw<TokenRow[]>`
    SELECT t."id", t."scopes", t."revokedAt", t."lastUsedAt", u."id" AS "userId", u."onboardedAt", u."isPlatformAdmin",
      u."locale"::text AS "locale", u."platformSuspendedUntil"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
    WHERE t."tokenHash" = ${tokenHash}`;
  return row;
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
