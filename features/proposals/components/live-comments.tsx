"use client";
/**
 * Keeps the comment thread current without a reload: when the proposal's live stream (lib/live) says
 * the thread changed (a comment added, edited, deleted or hidden, on any app instance), the page's
 * server components are refreshed, at most every REFRESH_MS, so each reader sees what the policy
 * lets them see. Renders nothing; shares the stream with the live turnout.
 */
import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { useLive } from "@/components/live/use-live";

const REFRESH_MS = 2_000;

export function LiveComments({ proposalId }: { proposalId: string }) {
  const router = useRouter();
  const seen = useRef<string | null>(null);
  const lastRefresh = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );
  useLive<{ comments: string }>(`/api/live/proposals/${encodeURIComponent(proposalId)}`, "proposal", (event) => {
    const changed = seen.current !== null && seen.current !== event.comments;
    seen.current = event.comments;
    if (!changed || pending.current) return;
    pending.current = setTimeout(
      () => {
        pending.current = null;
        lastRefresh.current = Date.now();
        router.refresh();
      },
      Math.max(0, lastRefresh.current + REFRESH_MS - Date.now()),
    );
  });
  return null;
}
