/** Database and migration status for /api/health, with a short timeout so an outage answers fast. */
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Db } from "./client";

export type Health =
  | { ok: true; database: "up"; migrations: { applied: number; pending: string[] } }
  | { ok: false; database: "down"; error: string };

export async function checkHealth(
  db: Db,
  { migrationsDir, timeoutMs = 3000 }: { migrationsDir: string; timeoutMs?: number },
): Promise<Health> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("database timeout")), timeoutMs).unref());
  try {
    const applied = await Promise.race([
      db.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      timeout,
    ]);
    const names = new Set(applied.map((row) => row.migration_name));
    const onDisk = (await readdir(migrationsDir, { withFileTypes: true }).catch(() => []))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    return { ok: true, database: "up", migrations: { applied: names.size, pending: onDisk.filter((n) => !names.has(n)) } };
  } catch (error) {
    return { ok: false, database: "down", error: error instanceof Error ? error.message.split("\n")[0]! : "unreachable" };
  }
}

export const defaultMigrationsDir = () => path.join(process.cwd(), "prisma", "migrations");
