/**
 * Framework floor for `npm run bench`: a route handler that does no work, so the benchmark can
 * compare the real endpoints with what Next.js itself costs on the same server. 404 unless the
 * server runs with BENCH_ENDPOINTS=1.
 */
import { config } from "@/lib/core/config";

export const dynamic = "force-dynamic";

const body = JSON.stringify({ ok: true });

function floor(): Response {
  if (!config().BENCH_ENDPOINTS) return new Response(null, { status: 404 });
  return new Response(body, { status: 200, headers: { "content-type": "application/json", "cache-control": "no-store" } });
}

export const GET = floor;
export const PUT = floor;
