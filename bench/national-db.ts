/**
 * A persistent national-scale database to profile queries against (issue 15): starts an embedded
 * PostgreSQL on NATIONAL_DB_PORT (default 4899) in NATIONAL_DB_DIR (default /tmp/gc-national-pg),
 * applies the migrations and, if it is empty, seeds the small fixture then the national scale
 * (BENCH_NATIONAL_FACTOR shrinks it). Keeps running until interrupted; prints the URL and the ids
 * of the measured proposals (also written to <dir>/ids.json).
 *
 *   npx tsx bench/national-db.ts           # then EXPLAIN against the printed URL
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";
import { seedNational } from "./lib/national-seed";
import { seedSmall } from "./lib/seed";

const root = process.cwd();
const dir = process.env.NATIONAL_DB_DIR ?? "/tmp/gc-national-pg";
const port = Number(process.env.NATIONAL_DB_PORT ?? 4899);

async function main() {
  const database = await startEmbeddedDatabase({ dataDir: path.join(dir, "data"), port, database: "bench", persistent: true });
  const stop = async () => {
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  console.log(`url ${database.url}`);
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    LOG_LEVEL: "warn",
  });
  await applyMigrations({
    connectionString: database.url,
    migrationsDir: path.join(root, "prisma/migrations"),
    schemaPath: path.join(root, "prisma/schema.prisma"),
  });
  const idsFile = path.join(dir, "ids.json");
  if (!existsSync(idsFile)) {
    const db = createDb(database.url, 4);
    const pool = new pg.Pool({ connectionString: database.url, max: 4 });
    const fixture = await seedSmall(db, pool);
    const seed = await seedNational(db, pool, fixture, (line) => console.log(line));
    writeFileSync(idsFile, JSON.stringify({ ...fixture, tokens: fixture.tokens.slice(0, 3), national: seed }, null, 2));
    await pool.end();
  }
  console.log(readFileSync(idsFile, "utf8").slice(0, 2000));
  console.log("ready");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
