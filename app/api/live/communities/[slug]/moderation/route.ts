/**
 * GET /api/live/communities/{slug}/moderation: a Server-Sent-Events stream of the community's
 * moderation queue stamp (lib/live/queue-live.ts: open reports and pending appeals, no content),
 * pushed when a report or appeal is filed or handled on any instance, so the queue page refreshes.
 * Authorized like the queue page (lib/policy `moderation.queue`: anonymous → 401, a member or another
 * community's moderator → 403, a members-only community one may not read → 404), and again at every
 * heartbeat: losing the role or the session ends the stream.
 */
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/policy/can";
import { authorizeQueueLive, queueLive } from "@/lib/live/queue-live";
import { openLive } from "../../../open-live";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  const { slug } = await context.params;
  return openLive(request, {
    kind: "queue",
    authorize: async (principal) => {
      if (!/^[a-z0-9-]{1,80}$/.test(slug)) throw new NotFoundError();
      return authorizeQueueLive(db(), { actor: principal.user, slug });
    },
    snapshot: (communityId) => queueLive(db(), communityId),
  });
}
