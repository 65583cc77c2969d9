"use client";
/**
 * The header's link to the notifications with the unread count, kept current without a reload: the
 * count the server rendered, then each count pushed by the person's live stream (/api/live/me,
 * lib/live), which follows notifications created or read on any app instance. The link's text (its
 * accessible name) changes with the count; the desktop copy also says a new count once in a polite
 * live region, only for changes after the page was shown. Both header copies share one stream.
 */
import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { useT } from "@/components/i18n/i18n-provider";
import { useLive } from "./use-live";

export function LiveUnreadLink({
  unread,
  current,
  testId,
  announce,
}: {
  /** The count the server rendered. */
  unread: number;
  /** The notifications page is the current page. */
  current: boolean;
  testId?: string;
  /** Say changes in a live region (one copy of the header only). */
  announce: boolean;
}) {
  const t = useT();
  const [pushed, setPushed] = useState<number | null>(null);
  const [said, setSaid] = useState("");
  // A new server render (navigation, refresh) is newer than what was pushed before it.
  const [rendered, setRendered] = useState(unread);
  if (rendered !== unread) {
    setRendered(unread);
    setPushed(null);
  }
  const count = pushed ?? unread;
  const shown = useRef(count);
  useEffect(() => {
    shown.current = count;
  });
  useLive<{ unread: number }>("/api/live/me", "user", (event) => {
    if (typeof event.unread !== "number") return;
    if (announce && event.unread !== shown.current) setSaid(t("live.unread.announce", { count: event.unread }));
    setPushed(event.unread);
  });
  return (
    <>
      <Link
        className="fr-btn fr-icon-notification-3-line"
        href="/notifications"
        aria-current={current ? "page" : undefined}
        data-testid={testId}
      >
        {count > 0 ? t("notifications.header.unread", { count }) : t("notifications.header.link")}
      </Link>
      {announce ? (
        <span className="fr-sr-only" role="status" aria-atomic="true">
          {said}
        </span>
      ) : null}
    </>
  );
}
