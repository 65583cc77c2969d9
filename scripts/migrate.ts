/**
 * Apply pending Prisma migrations to $DATABASE_URL (else the embedded database in .data/) without
 * the native schema engine (which the `prisma` CLI would download). Same effect and bookkeeping as
 * `prisma migrate deploy`.
 *
 *   npm run db:migrate
 */
import path from "node:path";
import { applyMigrations } from "../lib/db/schema-engine";
import { withDatabase } from "./with-database";

async function main(): Promise<number> {
  const root = process.cwd();
  const { applied } = await withDatabase((connectionString) =>
    applyMigrations({
      connectionString,
      migrationsDir: path.join(root, "prisma/migrations"),
      schemaPath: path.join(root, "prisma/schema.prisma"),
      log: (line) => console.log(line),
    }),
  );
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
