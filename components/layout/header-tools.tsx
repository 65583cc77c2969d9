/**
 * The header's tools: language, notifications, profile, sign-out or sign-in. Rendered twice, in the
 * desktop header and in the phone menu: DSFR's script copies them into the menu only outside React (in
 * React mode it leaves the duplication to the page: see DSFR's HeaderLinks), so below the large
 * breakpoint only the catalogue was reachable. The menu's copy carries no test ids, so nothing clashes
 * with the desktop copy (which is hidden on phones, as this one is on desktops). The unread count is
 * read once per request for both.
 */
import { cache } from "react";
import Link from "next/link";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/core/log";
import type { Locale, Translate } from "@/lib/i18n/core";
import type { SessionUser } from "@/lib/auth/sessions";
import { unreadCount } from "@/lib/notifications/inbox";
import { signOutAction, switchLocaleAction } from "@/features/auth/session-actions";
import { ActionForm } from "@/components/forms/action-form";
import { LiveUnreadLink } from "@/components/live/unread-link";
import { BackHereInput, SignInLinkHere } from "./here";

const unreadOf = cache(async (userId: string): Promise<number> => {
  try {
    return await unreadCount(db(), userId);
  } catch (error) {
    logger.warn({ err: error }, "unread count failed");
    return 0;
  }
});

export async function HeaderTools({
  t,
  locale,
  user,
  currentPath,
  inMenu = false,
}: {
  t: Translate;
  locale: Locale;
  user: SessionUser | null;
  currentPath: string;
  /** The phone menu's copy: no test ids. */
  inMenu?: boolean;
}) {
  const otherLocale: Locale = locale === "fr" ? "en" : "fr";
  const unread = user ? await unreadOf(user.id) : 0;
  return (
    <ul className="fr-btns-group">
      <li>
        <ActionForm action={switchLocaleAction} permalink={currentPath}>
          <input type="hidden" name="locale" value={otherLocale} />
          <BackHereInput requestPath={currentPath} />
          <button type="submit" className="fr-btn fr-icon-translate-2" lang={otherLocale} title={t("layout.switchToLabel")}>
            {t("layout.switchTo")}
          </button>
        </ActionForm>
      </li>
      {user ? (
        <>
          <li>
            {/* Kept current live (lib/live): the count moves when a notification arrives or is read. */}
            <LiveUnreadLink
              unread={unread}
              current={currentPath.startsWith("/notifications")}
              testId={inMenu ? undefined : "header-notifications"}
              announce={!inMenu}
            />
          </li>
          <li>
            <Link className="fr-btn fr-icon-account-circle-line" href="/profile">
              {user.displayName ?? t("layout.profile")}
            </Link>
          </li>
          <li>
            <ActionForm action={signOutAction} permalink={currentPath}>
              <button type="submit" className="fr-btn fr-icon-logout-box-r-line">
                {t("layout.signOut")}
              </button>
            </ActionForm>
          </li>
        </>
      ) : (
        <li>
          <SignInLinkHere className="fr-btn fr-icon-lock-line" requestPath={currentPath}>
            {t("layout.signIn")}
          </SignInLinkHere>
        </li>
      )}
    </ul>
  );
}
