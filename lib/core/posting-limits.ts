/**
 * Abuse limits on what a person posts: proposals, comments, reports and invitations, per person and
 * per hour (lib/core/config.ts RATE_LIMIT_*_PER_HOUR), counted in PostgreSQL so every instance shares them.
 * Called by the use cases before they write anything: beyond the limit, a 429 and nothing stored.
 */
import type { DbTx } from "@/lib/db/client";
import { actionRateLimits, type ActionRateLimits } from "@/lib/core/config";
import { RateLimitedError } from "@/lib/core/errors";
import { consumeRateLimit } from "@/lib/core/rate-limit";

export type LimitedAction = keyof ActionRateLimits;

const HOUR = 3600;

export async function enforceRateLimit(
  db: DbTx,
  { action, userId, limits = actionRateLimits() }: { action: LimitedAction; userId: string; limits?: ActionRateLimits },
): Promise<void> {
  const result = await consumeRateLimit(db, { key: `user:${action}:${userId}`, limit: limits[action], windowSeconds: HOUR });
  if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
}
