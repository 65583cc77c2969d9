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
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/policy/can";
import { authorizeProposalLive, proposalLive } from "@/lib/live/proposal-live";
import { openLive } from "../../open-live";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, context: Context): Promise<Response> {
  const { id: proposalId } = await context.params;
  return openLive(request, {
    kind: "proposal",
    authorize: async (principal) => {
      if (!/^[a-z0-9]{1,60}$/i.test(proposalId)) throw new NotFoundError();
      await authorizeProposalLive(db(), { actor: principal.user, proposalId });
      return proposalId;
    },
    snapshot: (id) => proposalLive(db(), id),
  });
}
