/**
 * notify(): the one way to tell people something. Called inside the transaction of the change it
 * announces (so a rolled-back change notifies nobody). For each recipient it resolves the preference
 * for the kind (the kind's default when there is none), skips "off" and those who may not read the
 * community's content it announces (kinds.ts announcesContent), writes every Notification row in
 * one insert, and for "email at once" queues the email in the outbox in the recipient's language,
 * with a signed unsubscribe link and the List-Unsubscribe headers (RFC 8058). Digest rows wait for
 * the daily digest (digest.ts); all rows are listed in the app.
 */
import type { DbTx } from "@/lib/db/client";
import type { NotificationChannel } from "@/lib/generated/prisma/enums";
import { enqueueEmail } from "@/lib/mail/outbox";
import { renderNotificationEmail } from "@/lib/notifications/render-email";
import { announcesContent, kindSettings, type NotificationData, type NotificationKind } from "./kinds";
import { readersAmong } from "./audience";
import { notifyUnreadChanged } from "./live";
import { linkSettings, unsubscribePageUrl, unsubscribeUrl, type UnsubscribeTopic } from "./unsubscribe";

export type NotifyInput = {
  userIds: string[];
  kind: NotificationKind;
  communityId?: string | null;
  data: NotificationData;
};

/** The List-Unsubscribe pair for one person and topic (one-click POST to the same URL). */
export function unsubscribeHeaders(userId: string, topic: UnsubscribeTopic): Record<string, string> {
  return {
    "List-Unsubscribe": `<${unsubscribeUrl(userId, topic)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

/** Each person's channel for a kind: their preference, else the kind's default (never a disallowed one). */
export async function channelsFor(
  tx: DbTx,
  userIds: string[],
  kind: NotificationKind,
): Promise<Map<string, NotificationChannel>> {
  const settings = kindSettings[kind];
  const prefs = await tx.notificationPreference.findMany({
    where: { kind, userId: { in: userIds } },
    select: { userId: true, channel: true },
  });
  const chosen = new Map(prefs.map((p) => [p.userId, p.channel]));
  return new Map(
    userIds.map((id) => {
      const channel = chosen.get(id);
      return [id, channel && settings.channels.includes(channel) ? channel : settings.defaultChannel];
    }),
  );
}

export async function notify(tx: DbTx, { userIds, kind, communityId = null, data }: NotifyInput): Promise<void> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  // Erased accounts receive nothing; content goes only to those who may read it, asked now.
  const readers = announcesContent(kind, communityId) ? await readersAmong(tx, communityId, ids) : null;
  const users = await tx.user.findMany({
    where: { id: { in: readers ? [...readers] : ids }, erasedAt: null },
    select: { id: true, email: true, locale: true },
  });
  if (users.length === 0) return;
  const channels = await channelsFor(
    tx,
    users.map((u) => u.id),
    kind,
  );
  const recipients = users.filter((u) => channels.get(u.id) !== "OFF");
  if (recipients.length === 0) return;
  const now = new Date();
  const emailNow = recipients.filter((u) => channels.get(u.id) === "EMAIL" && u.email);
  const emailed = new Set(emailNow.map((u) => u.id));
  await tx.notification.createMany({
    data: recipients.map((u) => ({
      userId: u.id,
      kind,
      communityId,
      data,
      channel: channels.get(u.id) ?? "IN_APP",
      emailedAt: emailed.has(u.id) ? now : null,
    })),
  });
  // Their headers' unread counts move, live, once this transaction commits.
  await notifyUnreadChanged(
    tx,
    recipients.map((u) => u.id),
  );
  if (emailNow.length === 0) return;
  const { appUrl } = linkSettings();
  for (const user of emailNow) {
    await enqueueEmail(tx, {
      to: user.email!,
      locale: user.locale,
      email: renderNotificationEmail({
        locale: user.locale,
        kind,
        data,
        links: { appUrl, unsubscribeUrl: unsubscribePageUrl(user.id, kind) },
      }),
      headers: unsubscribeHeaders(user.id, kind),
    });
  }
}
