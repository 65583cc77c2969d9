/**
 * GET /api/live/proposals/{id}: a Server-Sent-Events stream of the proposal's live figures
 * (lib/live/proposal-live.ts), fed by PostgreSQL LISTEN/NOTIFY through this instance's hub
 * (lib/live/hub.ts), so a ballot cast on any instance reaches followers on every instance.
 *
 * Authorized like the proposal's page (same session cookie or bearer token, same policy; 404 for
 * those who may not read it), and checked again at every heartbeat: the stream ends when the session
 * ends or access is lost. `Last-Event-ID` (or `?after=`, for the page's first connection) resumes:
 * the current snapshot is sent only when it differs from the one the browser has.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { sessionCookie } from "@/lib/auth/session-cookie";
import { authenticate, type Principal } from "@/lib/api/authenticate";
import { negotiateLocale } from "@/lib/api/locale";
import { problemResponse, toProblem } from "@/lib/api/problem";
import { NotFoundError } from "@/lib/policy/can";
import { liveHub } from "@/lib/live/hub";
import { authorizeProposalLive, proposalLive, type ProposalLive } from "@/lib/live/proposal-live";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 20_000;

type Context = { params: Promise<{ id: string }> };

const sameUser = (a: Principal, b: Principal) => (a.user?.id ?? null) === (b.user?.id ?? null);

export async function GET(request: Request, context: Context): Promise<Response> {
  const requestId = request.headers.get("x-request-id") ?? randomUUID();
  const url = new URL(request.url);
  const locale = negotiateLocale(request.headers.get("accept-language"));
  const database = db();
  const sessionCookieName = sessionCookie().name;
  let principal: Principal;
  let proposalId: string;
  let snapshot: ProposalLive | null;
  try {
    ({ id: proposalId } = await context.params);
    if (!/^[a-z0-9]{1,60}$/i.test(proposalId)) throw new NotFoundError();
    principal = await authenticate(database, request, { sessionCookieName });
    await authorizeProposalLive(database, { actor: principal.user, proposalId });
    snapshot = await proposalLive(database, proposalId);
  } catch (error) {
    return problemResponse(toProblem(error, { locale, requestId, instance: url.pathname }), requestId);
  }
  const known = request.headers.get("last-event-id") ?? url.searchParams.get("after");
  const hub = liveHub(database);
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
      const send = (event: ProposalLive) => {
        if (event.id === lastSent) return;
        lastSent = event.id;
        write(`id: ${event.id}\nevent: proposal\ndata: ${JSON.stringify(event)}\n\n`);
      };
      let unfollow = () => {};
      const heartbeat = setInterval(() => {
        // The session may have ended, or access been lost (left, banned, hidden): check as the page would.
        void (async () => {
          try {
            const now = await authenticate(database, request, { sessionCookieName });
            if (!sameUser(now, principal)) throw new Error("session changed");
            await authorizeProposalLive(database, { actor: now.user, proposalId });
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
      if (snapshot) send(snapshot);
      try {
        unfollow = await hub.follow(proposalId, send);
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
