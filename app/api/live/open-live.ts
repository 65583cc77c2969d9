/**
 * What every live stream route does (app/api/live/**): authenticate the request like the page it
 * belongs to (session cookie or bearer token), authorize it, read the current snapshot, then serve
 * Server-Sent Events (lib/live/sse.ts) from this instance's hub (lib/live/hub.ts). At each heartbeat
 * the same authentication and authorization run again: another person, no session any more, or
 * access lost ends the stream. Refusals are problem+json (401 anonymous or a bad token, 403 — also for
 * a token without the `read` scope —, 404).
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { authenticate, requireScope, type Principal } from "@/lib/api/authenticate";
import { negotiateLocale } from "@/lib/api/locale";
import { problemResponse, toProblem } from "@/lib/api/problem";
import { liveHub, type LiveEvents, type LiveKind } from "@/lib/live/hub";
import { liveResponse } from "@/lib/live/sse";

export async function openLive<K extends LiveKind>(
  request: Request,
  {
    kind,
    authorize,
    snapshot,
  }: {
    kind: K;
    /** Throws when refused; returns the topic's id (proposal, person, community). */
    authorize: (principal: Principal) => Promise<string>;
    snapshot: (topic: string) => Promise<LiveEvents[K] | null>;
  },
): Promise<Response> {
  const requestId = request.headers.get("x-request-id") ?? randomUUID();
  const url = new URL(request.url);
  const locale = negotiateLocale(request.headers.get("accept-language"));
  const database = db();
  const sessionCookieName = sessionCookie().name;
  let principal: Principal;
  let topic: string;
  let initial: LiveEvents[K] | null;
  try {
    principal = await authenticate(database, request, { sessionCookieName });
    // A personal access token follows a stream only with the scope that reads (as the API asks).
    requireScope(principal, "read");
    topic = await authorize(principal);
    initial = await snapshot(topic);
  } catch (error) {
    return problemResponse(toProblem(error, { locale, requestId, instance: url.pathname }), requestId);
  }
  const hub = liveHub(database);
  return liveResponse<LiveEvents[K]>({
    request,
    requestId,
    eventName: kind,
    initial,
    follow: (send) => hub.followTopic(kind, topic, send),
    recheck: async () => {
      const now = await authenticate(database, request, { sessionCookieName });
      if ((now.user?.id ?? null) !== (principal.user?.id ?? null)) throw new Error("session changed");
      if ((await authorize(now)) !== topic) throw new Error("topic changed");
    },
  });
}
