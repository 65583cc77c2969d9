"use client";
/**
 * Keeps the moderation queue page current without a reload: the community's queue stream
 * (/api/live/communities/{slug}/moderation, lib/live) says when a report or an appeal was filed or
 * handled on any app instance; the page's server components are then refreshed (at most every
 * REFRESH_MS), so new reports and appeals appear and handled ones leave, as the moderator's own
 * authorization reads them. The change is said once in a polite live region.
 */
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import { useLive } from "@/components/live/use-live";

const REFRESH_MS = 2_000;

export function LiveQueue({ slug, stamp }: { slug: string; /** The queue's stamp when the page was rendered. */ stamp: string }) {
  const t = useT();
  const router = useRouter();
  const [said, setSaid] = useState("");
  const seen = useRef(stamp);
  const lastRefresh = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  // A newer render (after a refresh or the moderator's own action) is the new reference.
  useEffect(() => {
    seen.current = stamp;
  }, [stamp]);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  useLive<{ id: string; openReports: number }>(
    `/api/live/communities/${encodeURIComponent(slug)}/moderation`,
    "queue",
    (event) => {
      // Any stamp other than the page's (even the first event's: a report filed while the page
      // loaded) is a change.
      const changed = seen.current !== event.id;
      seen.current = event.id;
      if (!changed) return;
      setSaid(t("live.queue.updated", { count: event.openReports }));
      if (pending.current) return;
      pending.current = setTimeout(
        () => {
          pending.current = null;
          lastRefresh.current = Date.now();
          router.refresh();
        },
        Math.max(0, lastRefresh.current + REFRESH_MS - Date.now()),
      );
    },
  );
  return (
    <p className="fr-sr-only" role="status" aria-atomic="true" data-testid="queue-live">
      {said}
    </p>
  );
}
