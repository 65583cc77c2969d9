/**
 * Write a new migration from the changes to prisma/schema.prisma since the last migration, without
 * a database and without the native schema engine (`prisma migrate dev` would need both, plus a
 * shadow database). Each migration folder keeps a copy of the schema it leads to (schema.prisma),
 * which is what the next run diffs against; `prisma migrate deploy` ignores that file.
 *
 *   npx tsx scripts/migration-create.ts <name>
 */
import path from "node:path";
import { createMigration } from "../lib/db/schema-engine";

async function main(): Promise<number> {
  const name = process.argv[2];
  if (!name || process.argv.length > 3) {
    console.error("Usage: npx tsx scripts/migration-create.ts <name>   (e.g. add_user_bio)");
    return 1;
  }
  const root = process.cwd();
  const { directory, sql } = await createMigration({
    name,
    schemaPath: path.join(root, "prisma/schema.prisma"),
    migrationsDir: path.join(root, "prisma/migrations"),
  });
  if (!directory) {
    console.log("No changes");
    return 0;
  }
  console.log(sql.trimEnd());
  console.log(
    `\nCreated ${path.relative(root, path.join(directory, "migration.sql"))}. Review it, then apply with scripts/migrate.ts.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
