import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { formatDateTime } from "@/lib/i18n/core";
import { cursorParam, listNotifications, markRead } from "@/lib/notifications/inbox";
import { getTranslator } from "@/lib/web/i18n";
import { currentUser } from "@/lib/web/request";
import { markAllReadAction } from "@/features/notifications/actions";
import { redirectToSignIn } from "@/features/auth/return-to-server";
import { ActionForm } from "@/components/forms/action-form";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslator()).t("notifications.list.title") };
}

/**
 * The person's notifications, newest first, a page at a time (cursor). Those shown are marked read
 * as they are shown; they still say "new" on this view so the person sees what they had missed.
 */
export async function NotificationsPage({ searchParams }: Props) {
  const user = await currentUser();
  if (!user) return redirectToSignIn();
  const query = await searchParams;
  const { t, locale } = await getTranslator();
  const page = await listNotifications(db(), { userId: user.id, locale, after: cursorParam(query.cursor) });
  const unread = page.data.filter((n) => !n.readAt).map((n) => n.id);
  if (unread.length > 0) await markRead(db(), { userId: user.id, input: { ids: unread } });

  return (
    <>
      <h1>{t("notifications.list.title")}</h1>
      <p>{t("notifications.list.intro")}</p>
      <p className="fr-mb-2w">
        <Link className="fr-link fr-icon-settings-5-line fr-link--icon-left" href="/profile/notifications">
          {t("notifications.list.preferences")}
        </Link>
      </p>
      {unread.length > 0 && page.nextCursor && (
        <ActionForm action={markAllReadAction} className="fr-mb-3w">
          <button type="submit" className="fr-btn fr-btn--sm fr-btn--tertiary">
            {t("notifications.list.markAllRead")}
          </button>
        </ActionForm>
      )}
      {page.data.length === 0 ? (
        <p data-testid="notifications-empty">{t("notifications.list.empty")}</p>
      ) : (
        <ul data-testid="notifications-list">
          {page.data.map((n) => (
            <li key={n.id} className="fr-mb-2w" data-testid="notification">
              {!n.readAt && (
                <>
                  <span className="fr-badge fr-badge--sm fr-badge--new fr-mr-1w" data-testid="notification-new">
                    {t("notifications.list.unread")}
                  </span>{" "}
                </>
              )}
              <Link href={n.path}>{n.text}</Link>
              <br />
              <span className="fr-text--xs fr-mb-0">
                <time dateTime={n.createdAt.toISOString()}>{formatDateTime(locale, n.createdAt)}</time>
              </span>
            </li>
          ))}
        </ul>
      )}
      {page.nextCursor && (
        <Link
          className="fr-link fr-icon-arrow-right-line fr-link--icon-right"
          href={`/notifications?cursor=${encodeURIComponent(page.nextCursor)}`}
          data-testid="notifications-more"
        >
          {t("notifications.list.more")}
        </Link>
      )}
    </>
  );
}
