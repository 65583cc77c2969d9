import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { checkHealth, defaultMigrationsDir } from "@/lib/db/health";

export const dynamic = "force-dynamic";

/** 200 with database and migration status; 503 when the database cannot be reached. */
export async function GET() {
  const health = await checkHealth(db(), { migrationsDir: defaultMigrationsDir() });
  const pendingMigrations = health.ok && health.migrations.pending.length > 0;
  return NextResponse.json(
    { status: health.ok && !pendingMigrations ? "ok" : health.ok ? "degraded" : "unavailable", ...health },
    { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
