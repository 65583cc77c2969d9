/**
 * GET /api/live/me: a Server-Sent-Events stream of the signed-in person's unread notification count
 * (lib/live/user-live.ts), for the header's badge. The count is re-read for that person each time
 * one of their notifications is created or read on any instance (a NOTIFY naming their id only).
 * Anonymous → 401; the stream ends at the first heartbeat after the session ends.
 */
import { db } from "@/lib/db/client";
import { UnauthenticatedError } from "@/lib/policy/can";
import { userLive } from "@/lib/live/user-live";
import { openLive } from "../open-live";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return openLive(request, {
    kind: "user",
    authorize: async (principal) => {
      if (!principal.user) throw new UnauthenticatedError();
      return principal.user.id;
    },
    snapshot: (userId) => userLive(db(), userId),
  });
}
