/**
 * One Server-Sent-Events response for every live stream (app/api/live/**): the current snapshot
 * first (unless the browser already has it: `Last-Event-ID`, or `?after=` on the page's first
 * connection), then each pushed snapshot whose id differs from the last one sent, a comment line
 * at every heartbeat, and `retry: 3000` so EventSource reconnects quickly.
 *
 * At every heartbeat `recheck` runs the stream's authorization again (the session still there and
 * the same person, access not lost); when it throws, the stream ends. So signing out, a revoked
 * session, leaving the community or losing the moderator role closes every stream within one
 * heartbeat (EventSource then reconnects and gets the 401/403/404 a fresh request would).
 */
export const HEARTBEAT_MS = 20_000;

export type LiveStreamEvent = { id: string };

export function liveResponse<E extends LiveStreamEvent>({
  request,
  requestId,
  eventName,
  initial,
  follow,
  recheck,
}: {
  request: Request;
  requestId: string;
  eventName: string;
  initial: E | null;
  /** Starts following; returns the function that stops. */
  follow: (send: (event: E) => void) => Promise<() => void>;
  /** Throws when the stream must end (session ended, access lost). */
  recheck: () => Promise<void>;
}): Response {
  const known = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after");
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let lastSent = known;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const send = (event: E) => {
        if (event.id === lastSent) return;
        lastSent = event.id;
        write(`id: ${event.id}\nevent: ${eventName}\ndata: ${JSON.stringify(event)}\n\n`);
      };
      let unfollow = () => {};
      const heartbeat = setInterval(() => {
        void (async () => {
          try {
            await recheck();
            write(": ping\n\n");
          } catch {
            stop();
          }
        })();
      }, HEARTBEAT_MS);
      stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unfollow();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", () => stop());
      write("retry: 3000\n\n");
      if (initial) send(initial);
      try {
        unfollow = await follow(send);
        if (closed) unfollow();
      } catch {
        stop();
      }
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: no compression layer may buffer the stream.
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
      vary: "Authorization, Cookie",
      "x-request-id": requestId,
    },
  });
}
