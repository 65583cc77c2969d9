/**
 * The daily digest: once per Paris calendar day, from DIGEST_HOUR on, each person receives one email
 * grouping their unread notifications meant for the digest that arrived before that day's
 * DIGEST_HOUR (later ones wait for the next day's); a digest that would be empty is not sent. Safe with several workers: the person's pending rows are locked (FOR UPDATE
 * SKIP LOCKED: a second worker skips them) and "already sent today" is checked after the lock, from
 * the rows marked emailed, in the same transaction as the email is queued and the rows marked.
 */
import type { Db, DbTx } from "@/lib/db/client";
import { enqueueEmail } from "@/lib/mail/outbox";
import { renderDigestEmail } from "@/lib/notifications/render-email";
import { announcesContent, isNotificationKind, kindSettings, type NotificationData } from "./kinds";
import { communityScope } from "@/lib/policy/scopes";
import { linkSettings, unsubscribePageUrl } from "./unsubscribe";
import { unsubscribeHeaders } from "./notify";

/** Digests go out from this hour (Europe/Paris) on. */
export const DIGEST_HOUR = 7;
const MAX_ITEMS = 100;

const parisDay = (date: Date) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(date);

/** Today's DIGEST_HOUR in Paris (daylight saving time included), as an instant. */
async function digestCutoff(db: DbTx, now: Date): Promise<Date> {
  const [row] = await db.$queryRaw<{ cutoff: Date }[]>`
    SELECT (date_trunc('day', ${now.toISOString()}::timestamptz AT TIME ZONE 'Europe/Paris')
      + make_interval(hours => ${DIGEST_HOUR})) AT TIME ZONE 'Europe/Paris' AS cutoff`;
  return new Date(row!.cutoff);
}

/** Sends one person's digest if due; returns whether an email was queued. */
export async function sendDigestFor(tx: DbTx, userId: string, now: Date, cutoff: Date): Promise<boolean> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Notification"
    WHERE "userId" = ${userId} AND "channel" = 'DIGEST' AND "emailedAt" IS NULL
      AND "createdAt" < (${cutoff.toISOString()}::timestamptz AT TIME ZONE 'UTC')
    ORDER BY "createdAt" DESC
    FOR UPDATE SKIP LOCKED`;
  if (locked.length === 0) return false;
  // Checked after taking the lock, so it sees a digest another worker has just committed.
  const last = await tx.notification.findFirst({
    where: { userId, channel: "DIGEST", emailedAt: { not: null } },
    orderBy: { emailedAt: "desc" },
    select: { emailedAt: true },
  });
  if (last?.emailedAt && parisDay(last.emailedAt) === parisDay(now)) return false;
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { email: true, locale: true, erasedAt: true, isPlatformAdmin: true, platformSuspendedUntil: true },
  });
  const ids = locked.map((row) => row.id);
  const rows = await tx.notification.findMany({
    where: { id: { in: ids } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, kind: true, data: true, readAt: true, communityId: true },
  });
  // Whether the person may still read what each row announces, asked now through the communities'
  // scope: someone who has left a members-only community since gets nothing more of it by email.
  const communities = [
    ...new Set(rows.filter((row) => announcesContent(row.kind, row.communityId)).map((row) => row.communityId!)),
  ];
  const viewer = user && { id: userId, isPlatformAdmin: user.isPlatformAdmin, suspendedUntil: user.platformSuspendedUntil };
  const readable = new Set(
    communities.length === 0 || !viewer
      ? []
      : (
          await tx.community.findMany({
            where: { AND: [{ id: { in: communities } }, communityScope.where(viewer, now)] },
            select: { id: true },
          })
        ).map((community) => community.id),
  );
  const mayRead = (row: { kind: string; communityId: string | null }) =>
    !announcesContent(row.kind, row.communityId) || readable.has(row.communityId);
  // The person's current choice wins: a kind moved off the digest since (or unsubscribed) is left out.
  const prefs = await tx.notificationPreference.findMany({ where: { userId }, select: { kind: true, channel: true } });
  const chosen = new Map(prefs.map((p) => [p.kind, p.channel]));
  const stillDigest = (kind: string) =>
    isNotificationKind(kind) && (chosen.get(kind) ?? kindSettings[kind].defaultChannel) === "DIGEST";
  // Already read in the app: nothing to tell by email.
  const items = rows.filter((row) => !row.readAt && stillDigest(row.kind) && mayRead(row)).slice(0, MAX_ITEMS);
  const sendable = Boolean(user?.email && !user.erasedAt) && items.length > 0;
  if (sendable && user?.email) {
    const { appUrl } = linkSettings();
    await enqueueEmail(tx, {
      to: user.email,
      locale: user.locale,
      email: renderDigestEmail({
        locale: user.locale,
        items: items.map((item) => ({ kind: item.kind, data: item.data as NotificationData })),
        links: { appUrl, unsubscribeUrl: unsubscribePageUrl(userId, "digest") },
      }),
      headers: unsubscribeHeaders(userId, "digest"),
    });
    await tx.notification.updateMany({ where: { id: { in: items.map((i) => i.id) } }, data: { emailedAt: now } });
  }
  // Rows that will never be emailed (read, moved off the digest, no address) leave the queue
  // without counting as a digest sent: their emailedAt stays null but their channel says why.
  const dropped = rows.filter((row) => !sendable || !items.some((i) => i.id === row.id)).map((row) => row.id);
  if (dropped.length > 0) {
    await tx.notification.updateMany({ where: { id: { in: dropped } }, data: { channel: "IN_APP" } });
  }
  return sendable;
}

/** For the worker: sends every digest that is due; returns how many were queued. */
export async function sendDailyDigests(db: Db, now = new Date(), { batchSize = 200 } = {}): Promise<number> {
  const cutoff = await digestCutoff(db, now);
  if (now < cutoff) return 0;
  // People who already had today's digest are left out here (and checked again under lock).
  const at = now.toISOString();
  const users = await db.$queryRaw<{ userId: string }[]>`
    SELECT DISTINCT n."userId" FROM "Notification" n
    WHERE n."channel" = 'DIGEST' AND n."emailedAt" IS NULL
      AND n."createdAt" < (${cutoff.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      AND NOT EXISTS (
        SELECT 1 FROM "Notification" d
        WHERE d."userId" = n."userId" AND d."channel" = 'DIGEST' AND d."emailedAt" IS NOT NULL
          AND ((d."emailedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/Paris')::date
            = (${at}::timestamptz AT TIME ZONE 'Europe/Paris')::date)
    LIMIT ${batchSize}`;
  let sent = 0;
  for (const { userId } of users) {
    if (await db.$transaction((tx) => sendDigestFor(tx, userId, now, cutoff))) sent++;
  }
  return sent;
}
