/**
 * Sign-in by email link. Requesting one writes the hashed token and the email to the outbox in a
 * single transaction; consuming deletes the token (so a link works once) and opens a session.
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Locale } from "@/lib/i18n/core";
import { AppError, RateLimitedError } from "@/lib/core/errors";
import { consumeRateLimit } from "@/lib/core/rate-limit";
import { enqueueEmail } from "@/lib/mail/outbox";
import { renderSignInEmail } from "@/lib/mail/render";
import { createSession } from "./sessions";

export const EMAIL_LINK_MINUTES = 15;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type RateLimits = { perAddress: number; perIp: number; windowSeconds: number };

export async function requestEmailLink(
  db: Db,
  input: { email: string; clientIp: string; locale: Locale; appUrl: string; limits: RateLimits },
): Promise<void> {
  const { email, clientIp, limits } = input;
  // Both counters are consumed so that a flood from one address or one IP is capped either way.
  const [byAddress, byIp] = await Promise.all([
    consumeRateLimit(db, { key: `email-link:addr:${email}`, limit: limits.perAddress, windowSeconds: limits.windowSeconds }),
    consumeRateLimit(db, { key: `email-link:ip:${clientIp}`, limit: limits.perIp, windowSeconds: limits.windowSeconds }),
  ]);
  if (!byAddress.allowed || !byIp.allowed) {
    const worst = [byAddress, byIp].filter((r) => !r.allowed).map((r) => r.retryAfterSeconds);
    throw new RateLimitedError(Math.max(...worst));
  }

  const token = randomBytes(32).toString("base64url");
  const url = new URL("/auth/email", input.appUrl);
  url.searchParams.set("token", token);
  url.searchParams.set("email", email);

  await db.$transaction(async (tx) => {
    // An existing person gets the email in the language they chose; a newcomer in the page's.
    const existing = await tx.user.findUnique({ where: { email }, select: { locale: true } });
    const locale = existing?.locale ?? input.locale;
    await tx.verificationToken.create({
      data: { identifier: email, token: hashToken(token), expires: new Date(Date.now() + EMAIL_LINK_MINUTES * 60_000) },
    });
    await enqueueEmail(tx, {
      to: email,
      locale,
      email: renderSignInEmail({ locale, url: url.toString(), minutes: EMAIL_LINK_MINUTES }),
    });
  });
}

export async function consumeEmailLink(
  db: Db,
  input: { email: string; token: string; locale: Locale },
): Promise<{ sessionToken: string; expires: Date; userId: string; onboarded: boolean }> {
  return db.$transaction(async (tx) => {
    // DELETE ... RETURNING in one statement: two clicks racing cannot both succeed.
    const deleted = await tx.verificationToken.deleteMany({
      where: { identifier: input.email, token: hashToken(input.token), expires: { gt: new Date() } },
    });
    if (deleted.count !== 1) throw new AppError("link_invalid", "signIn.errors.linkInvalid", 400);

    const user = await tx.user.upsert({
      where: { email: input.email },
      update: { emailVerified: new Date() },
      create: { email: input.email, emailVerified: new Date(), locale: input.locale },
      select: { id: true, onboardedAt: true },
    });
    const session = await createSession(tx, user.id);
    return { ...session, userId: user.id, onboarded: user.onboardedAt !== null };
  });
}

/** Expired links are useless; the worker purges them. */
export async function purgeExpiredEmailLinks(db: Db): Promise<number> {
  const result = await db.verificationToken.deleteMany({ where: { expires: { lt: new Date() } } });
  return result.count;
}
