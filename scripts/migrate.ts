/**
 * Apply pending Prisma migrations to $DATABASE_URL without the native schema engine (which the
 * `prisma` CLI would download). Same effect and bookkeeping as `prisma migrate deploy`.
 *
 *   DATABASE_URL=postgresql://... npx tsx scripts/migrate.ts
 */
import path from "node:path";
import { applyMigrations } from "../lib/db/schema-engine";

async function main(): Promise<number> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    console.error("DATABASE_URL is not set: export the PostgreSQL connection string to migrate.");
    return 1;
  }
  const root = process.cwd();
  const { applied } = await applyMigrations({
    connectionString,
    migrationsDir: path.join(root, "prisma/migrations"),
    schemaPath: path.join(root, "prisma/schema.prisma"),
    log: (line) => console.log(line),
  });
  console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "No pending migrations");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
