/**
 * Database sessions. The cookie holds a random token; the row is the truth, so deleting it signs
 * the person out on their next request (revocation). next-auth's Prisma adapter writes the same
 * rows for OpenID Connect sign-ins.
 */
import { randomBytes } from "node:crypto";
import type { DbTx } from "@/lib/db/client";
import { AppError } from "@/lib/core/errors";
import { dateOf, epochMs, readRows } from "@/lib/db/read";
import { Prisma } from "@/lib/generated/prisma/client";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

/**
 * Every sign-in ends here (email link, demo; OpenID Connect through the adapter's rows, which
 * findSessionUser reads the same way). An erased account is never signed into again: its row stays
 * only as a pseudonym for the records (lib/admin/accounts.ts).
 */
export async function createSession(db: DbTx, userId: string): Promise<{ sessionToken: string; expires: Date }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { erasedAt: true } });
  if (!user || user.erasedAt) throw new AppError("account_erased", "errors.forbidden", 403);
  const sessionToken = randomBytes(32).toString("base64url");
  const expires = new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  await db.session.create({ data: { sessionToken, userId, expires } });
  return { sessionToken, expires };
}

export async function deleteSession(db: DbTx, sessionToken: string): Promise<void> {
  await db.session.deleteMany({ where: { sessionToken } });
}

/** Revoke every session of a person (ban, erase, "sign out everywhere"). */
export async function revokeSessionsOf(db: DbTx, userId: string): Promise<number> {
  const result = await db.session.deleteMany({ where: { userId } });
  return result.count;
}

export type SessionUser = {
  id: string;
  email: string | null;
  displayName: string | null;
  locale: "fr" | "en";
  onboarded: boolean;
  isPlatformAdmin: boolean;
  isDemo: boolean;
  /** Suspended everywhere by a platform administrator until then (reads only). */
  suspendedUntil: Date | null;
};

type SessionUserRow = {
  id: string;
  email: string | null;
  displayName: string | null;
  name: string | null;
  locale: "fr" | "en";
  onboarded: boolean;
  isPlatformAdmin: boolean;
  isDemo: boolean;
  platformSuspendedUntil: number | null;
};

export async function findSessionUser(db: DbTx, sessionToken: string): Promise<SessionUser | null> {
  // One statement (every page runs it): the person through a live session of theirs. An erased
  // account has no session (erasing deletes them); one written since by any path counts for nothing.
  // On the postgres.js pool when the client has one (lib/db/read.ts): every page and API call runs this,
  // and Prisma's own work per query cost more than this one-row join (issue 15).
  const [user] = await readRows<SessionUserRow>(
    db,
    Prisma.sql`SELECT u."id", u."email", u."displayName", u."name", u."locale"::text AS "locale",
        u."onboardedAt" IS NOT NULL AS "onboarded", u."isPlatformAdmin", u."isDemo",
        ${epochMs(Prisma.raw('u."platformSuspendedUntil"'))} AS "platformSuspendedUntil"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
      WHERE s."sessionToken" = ${sessionToken} AND s."expires" > (now() AT TIME ZONE 'UTC') AND u."erasedAt" IS NULL`,
  );
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName ?? user.name,
    locale: user.locale,
    onboarded: user.onboarded,
    isPlatformAdmin: user.isPlatformAdmin,
    isDemo: user.isDemo,
    suspendedUntil: dateOf(user.platformSuspendedUntil),
  };
}
