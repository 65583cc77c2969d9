/**
 * A person deletes their own account, in two steps so that a borrowed session or a slip cannot do it:
 * asking sends a one-time link to their address (hashed token and email through the outbox, in one
 * transaction, like sign-in links: lib/auth/email-link.ts); confirming spends the link, signed in as
 * that same person, and erases the account exactly as an administrator's erasure does (pseudonymise
 * in ./accounts.ts: sessions deleted, name, address and reachability gone, records kept coherent).
 * Refused while they alone administer a community (someone must take over first) or are a platform
 * administrator (another one erases them).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError, RateLimitedError } from "@/lib/core/errors";
import { consumeRateLimit } from "@/lib/core/rate-limit";
import { createTranslator, type Locale } from "@/lib/i18n/core";
import { enqueueEmail } from "@/lib/mail/outbox";
import { buttonWithLink, escapeHtml, layout, type RenderedEmail } from "@/lib/mail/render";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/communities/access";
import { lockTarget, pseudonymise, soleAdministrations } from "./accounts";

export const DELETION_LINK_MINUTES = 60;
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const identifierOf = (userId: string) => `account-deletion:${userId}`;

function renderDeletionEmail({ locale, url, minutes }: { locale: Locale; url: string; minutes: number }): RenderedEmail {
  const t = createTranslator(locale);
  const lines = [t("pages.deleteAccount.email.greeting"), t("pages.deleteAccount.email.body", { minutes })];
  const ignore = t("pages.deleteAccount.email.ignore");
  const signature = t("pages.deleteAccount.email.signature");
  return {
    subject: t("pages.deleteAccount.email.subject"),
    text: [...lines, url, "", ignore, "", signature].join("\n"),
    html: layout(
      locale,
      `${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join("")}${buttonWithLink(url, t("pages.deleteAccount.email.button"))}<p>${escapeHtml(ignore)}</p><p>${escapeHtml(signature)}</p>`,
    ),
  };
}

async function refuseIfNotErasable(db: Db, actor: Actor) {
  if (actor.isPlatformAdmin) throw new AppError("platform_admin", "pages.deleteAccount.errors.platformAdmin", 403);
  const sole = await soleAdministrations(db, actor.id);
  if (sole.length > 0) {
    throw new AppError("sole_administrator", "admin.errors.soleAdministrator", 409, {
      communities: sole.map((c) => c.name).join(", "),
    });
  }
}

/** Sends the confirmation link to the person's address; returns that address (to say where it went). */
export async function requestOwnAccountDeletion(
  db: Db,
  { actor, appUrl, now = new Date() }: { actor: Actor; appUrl: string; now?: Date },
): Promise<{ email: string }> {
  const user = await db.user.findFirst({ where: { id: actor.id, erasedAt: null }, select: { email: true, locale: true } });
  if (!user) throw new AppError("not_found", "errors.notFound", 404);
  if (!user.email) throw new AppError("no_email", "pages.deleteAccount.errors.noEmail", 409);
  await refuseIfNotErasable(db, actor);
  const limit = await consumeRateLimit(db, { key: `account-deletion:${actor.id}`, limit: 3, windowSeconds: 3600 });
  if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
  const token = randomBytes(32).toString("base64url");
  const url = new URL("/profile/delete", appUrl);
  url.searchParams.set("token", token);
  const email = user.email;
  await db.$transaction(async (tx) => {
    // One link at a time: a new request replaces the previous one.
    await tx.verificationToken.deleteMany({ where: { identifier: identifierOf(actor.id) } });
    await tx.verificationToken.create({
      data: {
        identifier: identifierOf(actor.id),
        token: hashToken(token),
        expires: new Date(now.getTime() + DELETION_LINK_MINUTES * 60_000),
      },
    });
    await enqueueEmail(tx, {
      to: email,
      locale: user.locale,
      email: renderDeletionEmail({ locale: user.locale, url: url.toString(), minutes: DELETION_LINK_MINUTES }),
    });
  });
  return { email };
}

/** Spends the link (once, before it expires, by the person it was sent to) and erases the account. */
export async function confirmOwnAccountDeletion(
  db: Db,
  { actor, token, now = new Date() }: { actor: Actor; token: string; now?: Date },
): Promise<void> {
  await refuseIfNotErasable(db, actor);
  await db.$transaction(async (tx) => {
    const target = await lockTarget(tx, actor.id);
    // DELETE … in one statement: two clicks racing cannot both succeed.
    const spent = await tx.verificationToken.deleteMany({
      where: { identifier: identifierOf(actor.id), token: hashToken(token), expires: { gt: now } },
    });
    if (spent.count !== 1) throw new AppError("link_invalid", "pages.deleteAccount.errors.linkInvalid", 400);
    // Again under the row lock: no community may have been left without its administrator since.
    const sole = await soleAdministrations(tx, actor.id);
    if (sole.length > 0) {
      throw new AppError("sole_administrator", "admin.errors.soleAdministrator", 409, {
        communities: sole.map((c) => c.name).join(", "),
      });
    }
    await tx.verificationToken.deleteMany({ where: { identifier: identifierOf(actor.id) } });
    await pseudonymise(tx, { target, now });
    await recordAudit(tx, {
      actorId: actor.id,
      communityId: null,
      action: "account.erased",
      details: { userId: actor.id, reason: "deleted by the person themself" },
    });
  });
}
