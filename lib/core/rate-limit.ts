/**
 * Fixed-window rate limiting kept in PostgreSQL, so the limit holds across every app instance.
 * One atomic upsert per hit: no read-then-write race between concurrent requests.
 */
import type { DbTx } from "@/lib/db/client";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

export async function consumeRateLimit(
  db: DbTx,
  { key, limit, windowSeconds }: { key: string; limit: number; windowSeconds: number },
): Promise<RateLimitResult> {
  const rows = await db.$queryRaw<{ count: number; retry: number }[]>`
    INSERT INTO "RateLimit" ("key", "count", "windowStart", "expiresAt")
    VALUES (${key}, 1, now(), now() + make_interval(secs => ${windowSeconds}))
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."expiresAt" <= now() THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimit"."expiresAt" <= now() THEN now() ELSE "RateLimit"."windowStart" END,
      "expiresAt" = CASE WHEN "RateLimit"."expiresAt" <= now()
        THEN now() + make_interval(secs => ${windowSeconds}) ELSE "RateLimit"."expiresAt" END
    RETURNING "count", CEIL(EXTRACT(EPOCH FROM ("expiresAt" - now())))::int AS retry`;
  const row = rows[0];
  if (!row) throw new Error("rate limit upsert returned no row");
  return { allowed: row.count <= limit, count: row.count, retryAfterSeconds: Math.max(1, row.retry) };
}

/** Expired windows are garbage; the worker calls this now and then. */
export async function purgeExpiredRateLimits(db: DbTx): Promise<number> {
  const result = await db.rateLimit.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return result.count;
}
