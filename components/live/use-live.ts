"use client";
/**
 * Follows a Server-Sent-Events stream of JSON events (e.g. /api/live/proposals/{id}, lib/live):
 * EventSource reconnects by itself and resumes with Last-Event-ID; `onEvent` gets each event's data.
 * Components of a page following the same URL share one stream; none is left open once they are gone.
 */
import { useEffect, useRef } from "react";

const streams = new Map<string, { source: EventSource; users: number }>();

function acquire(url: string): EventSource {
  let entry = streams.get(url);
  if (!entry) streams.set(url, (entry = { source: new EventSource(url), users: 0 }));
  entry.users++;
  return entry.source;
}

function release(url: string): void {
  const entry = streams.get(url);
  if (!entry || --entry.users > 0) return;
  entry.source.close();
  streams.delete(url);
}

export function useLive<T>(url: string | null, eventName: string, onEvent: (data: T) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    if (!url || typeof EventSource === "undefined") return;
    const source = acquire(url);
    const listener = (event: MessageEvent<string>) => {
      try {
        handler.current(JSON.parse(event.data) as T);
      } catch {
        // A malformed event is skipped; the next one carries the whole state again.
      }
    };
    source.addEventListener(eventName, listener);
    return () => {
      source.removeEventListener(eventName, listener);
      release(url);
    };
  }, [url, eventName]);
}
