"use client";
/**
 * Follows a Server-Sent-Events stream of JSON events (e.g. /api/live/proposals/{id}, lib/live):
 * EventSource reconnects by itself and resumes with Last-Event-ID; `onEvent` gets each event's data.
 * Components of a page following the same URL share one stream; none is left open once they are gone.
 *
 * A tab hidden for HIDDEN_CLOSE_MS closes its streams and opens them again when shown: browsers
 * allow about six HTTP/1.1 connections per host across all tabs, and every signed-in page holds the
 * unread-count stream, so background tabs must not keep theirs. Every event carries the whole state,
 * so the reopened stream's first event brings the tab up to date.
 */
import { useEffect, useRef } from "react";

type Listener = { eventName: string; fn: (event: MessageEvent<string>) => void };
type Entry = { source: EventSource | null; listeners: Set<Listener> };

const HIDDEN_CLOSE_MS = 10_000;

const streams = new Map<string, Entry>();
let watchingVisibility = false;
let hiddenTimer: ReturnType<typeof setTimeout> | null = null;

function open(url: string, entry: Entry): void {
  const source = new EventSource(url);
  for (const { eventName, fn } of entry.listeners) source.addEventListener(eventName, fn);
  entry.source = source;
}

function onVisibilityChange(): void {
  if (hiddenTimer) clearTimeout(hiddenTimer);
  hiddenTimer = null;
  if (document.visibilityState === "hidden") {
    hiddenTimer = setTimeout(() => {
      hiddenTimer = null;
      for (const entry of streams.values()) {
        entry.source?.close();
        entry.source = null;
      }
    }, HIDDEN_CLOSE_MS);
  } else {
    for (const [url, entry] of streams) if (!entry.source) open(url, entry);
  }
}

function acquire(url: string, listener: Listener): void {
  if (!watchingVisibility) {
    document.addEventListener("visibilitychange", onVisibilityChange);
    watchingVisibility = true;
  }
  let entry = streams.get(url);
  if (!entry) {
    streams.set(url, (entry = { source: null, listeners: new Set() }));
    entry.listeners.add(listener);
    if (document.visibilityState !== "hidden") open(url, entry);
    return;
  }
  entry.listeners.add(listener);
  entry.source?.addEventListener(listener.eventName, listener.fn);
}

function release(url: string, listener: Listener): void {
  const entry = streams.get(url);
  if (!entry) return;
  entry.listeners.delete(listener);
  entry.source?.removeEventListener(listener.eventName, listener.fn);
  if (entry.listeners.size > 0) return;
  entry.source?.close();
  streams.delete(url);
}

export function useLive<T>(url: string | null, eventName: string, onEvent: (data: T) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    if (!url || typeof EventSource === "undefined") return;
    const listener: Listener = {
      eventName,
      fn: (event: MessageEvent<string>) => {
        try {
          handler.current(JSON.parse(event.data) as T);
        } catch {
          // A malformed event is skipped; the next one carries the whole state again.
        }
      },
    };
    acquire(url, listener);
    return () => release(url, listener);
  }, [url, eventName]);
}
