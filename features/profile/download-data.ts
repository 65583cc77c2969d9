/**
 * GET /profile/data: the signed-in person's data as a JSON file (lib/users/own-data.ts). Only for
 * the person themself: without a session, 401 and nothing else; never cached.
 */
import { db } from "@/lib/db/client";
import { exportOwnData } from "@/lib/users/own-data";
import { currentUser } from "@/lib/web/request";

const noStore = { "cache-control": "no-store" };

export async function downloadOwnData(): Promise<Response> {
  const user = await currentUser();
  const data = user ? await exportOwnData(db(), { userId: user.id }) : null;
  if (!user || !data) {
    return Response.json(
      { type: "about:blank", title: "Unauthorized", status: 401 },
      { status: 401, headers: { ...noStore, "content-type": "application/problem+json" } },
    );
  }
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      ...noStore,
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="geocommuns-mes-donnees-${day}.json"`,
    },
  });
}
