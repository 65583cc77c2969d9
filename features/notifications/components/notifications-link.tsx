/**
 * The header's link to /notifications with the unread count: one COUNT on the (userId, readAt)
 * index per page view. A failing count never breaks the page: the link shows without it.
 */
import Link from "next/link";
import { db } from "@/lib/db/client";
import type { Translate } from "@/lib/i18n/core";
import { logger } from "@/lib/core/log";
import { unreadCount } from "@/lib/notifications/inbox";

export async function NotificationsLink({ t, userId, current }: { t: Translate; userId: string; current: boolean }) {
  let count = 0;
  try {
    count = await unreadCount(db(), userId);
  } catch (error) {
    logger.warn({ err: error }, "unread count failed");
  }
  const label = count > 0 ? t("notifications.header.unread", { count }) : t("notifications.header.link");
  return (
    <Link
      className="fr-btn fr-icon-notification-3-line"
      href="/notifications"
      aria-current={current ? "page" : undefined}
      data-testid="header-notifications"
    >
      {label}
    </Link>
  );
}
