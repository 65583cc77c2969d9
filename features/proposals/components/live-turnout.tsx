"use client";
/**
 * The turnout of an open vote, updated in place as ballots are cast on any app instance (lib/live,
 * through useLive): no reload. When the vote closes, or when a public ballot's live counts moved,
 * the page's server components are refreshed (at most every REFRESH_MS), so the results follow too.
 */
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import { useLive } from "@/components/live/use-live";

type LiveEvent = { id: string; status: string; turnout: number; electorate: number; counts: unknown };

const REFRESH_MS = 3_000;

export function LiveTurnout({
  proposalId,
  turnout,
  electorate,
  live,
}: {
  proposalId: string;
  turnout: number;
  electorate: number;
  /** Follow the vote (while it is open). */
  live: boolean;
}) {
  const t = useT();
  const router = useRouter();
  // The latest pushed figures; until the first push, what the server rendered.
  const [pushed, setPushed] = useState<{ turnout: number; electorate: number } | null>(null);
  const figures = pushed ?? { turnout, electorate };
  const seen = useRef<string | null>(null);
  const lastRefresh = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  const refresh = () => {
    if (pending.current) return;
    const wait = Math.max(0, lastRefresh.current + REFRESH_MS - Date.now());
    pending.current = setTimeout(() => {
      pending.current = null;
      lastRefresh.current = Date.now();
      router.refresh();
    }, wait);
  };
  useLive<LiveEvent>(live ? `/api/live/proposals/${encodeURIComponent(proposalId)}` : null, "proposal", (event) => {
    // The first event is the state the page was rendered with (or newer): later ones are changes.
    const changed = seen.current !== null && seen.current !== event.id;
    seen.current = event.id;
    setPushed({ turnout: event.turnout, electorate: event.electorate });
    if (event.status !== "VOTING" || (changed && event.counts)) refresh();
  });
  return (
    <li data-testid="turnout" aria-live="polite" aria-atomic="true">
      {t("votes.page.turnout", { count: figures.turnout, total: figures.electorate })}
    </li>
  );
}
