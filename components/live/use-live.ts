"use client";
/**
 * Follows a Server-Sent-Events stream of JSON events (e.g. /api/live/proposals/{id}, lib/live):
 * EventSource reconnects by itself and resumes with Last-Event-ID; `onEvent` gets each event's data.
 * No stream while `enabled` is false, and none left open once the component is gone.
 */
import { useEffect, useRef } from "react";

export function useLive<T>(url: string | null, eventName: string, onEvent: (data: T) => void): void {
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    if (!url || typeof EventSource === "undefined") return;
    const source = new EventSource(url);
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
      source.close();
    };
  }, [url, eventName]);
}
