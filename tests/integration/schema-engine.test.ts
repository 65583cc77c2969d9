/**
 * The offline migration tool (lib/db/schema-engine.ts) against a real PostgreSQL.
 *
 * Needs TEST_DATABASE_URL: a connection string to any database of a server where this test may
 * CREATE DATABASE. The test creates its own uniquely named database there and drops it afterwards.
 *
 *   TEST_DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/postgres npx vitest run tests/integration/schema-engine.test.ts
 */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, createMigration, diffSchemas, migrationStatus } from "../../lib/db/schema-engine";

const SCHEMA_V1 = `generator client {
  provider = "prisma-client"
  output   = "../generated"
}

datasource db {
  provider = "postgresql"
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  posts Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])
}
`;
const SCHEMA_V2 = SCHEMA_V1.replace("  email String @unique\n", "  email String @unique\n  bio   String?\n");

/** A fixed clock: both generated migrations get the same second, which must still sort in order. */
const NOW = new Date("2024-01-01T00:00:00Z");

// Checked at load time so that a missing URL fails the file outright instead of reporting skipped tests.
const adminUrl = process.env.TEST_DATABASE_URL ?? "";
if (!adminUrl) {
  throw new Error(
    "TEST_DATABASE_URL is not set. Point it at a PostgreSQL server where this test may create a database, " +
      "e.g. TEST_DATABASE_URL=postgresql://postgres:postgres@127.0.0.1:5432/postgres",
  );
}

let databaseName = "";
let connectionString = "";
let workDir = "";
let schemaPath = "";
let migrationsDir = "";

async function query<T extends pg.QueryResultRow>(sql: string, url = connectionString): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function tableExists(name: string): Promise<boolean> {
  const rows = await query<{ exists: boolean }>(`SELECT to_regclass('public."${name}"') IS NOT NULL AS exists`);
  return rows[0]?.exists === true;
}

/** A hand-written migration (data fixes, functions…), as a developer would add next to generated ones. */
async function writeMigration(name: string, sql: string): Promise<void> {
  await mkdir(path.join(migrationsDir, name), { recursive: true });
  await writeFile(path.join(migrationsDir, name, "migration.sql"), sql);
  await writeFile(path.join(migrationsDir, name, "schema.prisma"), await readFile(schemaPath, "utf8"));
}

function apply(log?: (line: string) => void) {
  return applyMigrations({ connectionString, migrationsDir, schemaPath, log });
}

/** SQL statements of a migration script, comments dropped. */
function statements(sql: string): string[] {
  return sql
    .split(";")
    .map((part) => part.replace(/--.*$/gm, "").trim())
    .filter(Boolean);
}

beforeAll(async () => {
  databaseName = `schema_engine_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await query(`CREATE DATABASE "${databaseName}"`, adminUrl);
  const target = new URL(adminUrl);
  target.pathname = `/${databaseName}`;
  connectionString = target.toString();

  workDir = await mkdtemp(path.join(os.tmpdir(), "schema-engine-test-"));
  schemaPath = path.join(workDir, "prisma", "schema.prisma");
  migrationsDir = path.join(workDir, "prisma", "migrations");
  await mkdir(path.dirname(schemaPath), { recursive: true });
}, 30_000);

afterAll(async () => {
  // Every pool of the module under test is closed by now; FORCE also ends a session a failed test left.
  if (databaseName) await query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`, adminUrl);
  if (workDir) await rm(workDir, { recursive: true, force: true });
}, 30_000);

describe("diffSchemas", () => {
  it("returns an empty string when nothing changed, and the ALTER otherwise", async () => {
    expect(await diffSchemas({ from: SCHEMA_V1, to: SCHEMA_V1 })).toBe("");
    expect(statements(await diffSchemas({ from: SCHEMA_V1, to: SCHEMA_V2 }))).toEqual([
      'ALTER TABLE "User" ADD COLUMN     "bio" TEXT',
    ]);
  });

  it("reports schema errors", async () => {
    await expect(diffSchemas({ from: null, to: `${SCHEMA_V1}\nmodel Broken {` })).rejects.toThrow(/Error validating/);
  });
});

describe("migrations against PostgreSQL", () => {
  it("creates the first migration from an empty database, then nothing while the schema is unchanged", async () => {
    await writeFile(schemaPath, SCHEMA_V1);
    const first = await createMigration({ schemaPath, migrationsDir, name: "init", now: NOW });
    expect(first.directory && path.basename(first.directory)).toBe("20240101000000_init");
    expect(first.sql).toContain('CREATE TABLE "User"');
    expect(first.sql).toContain('CREATE TABLE "Post"');
    // A new database already has `public`; creating it would need CREATE on the database.
    expect(first.sql).not.toContain("CREATE SCHEMA");
    expect(await readFile(path.join(migrationsDir, "20240101000000_init", "schema.prisma"), "utf8")).toBe(SCHEMA_V1);
    expect(await readFile(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');

    const again = await createMigration({ schemaPath, migrationsDir, name: "again", now: NOW });
    expect(again.directory).toBeNull();
    expect((await readdir(migrationsDir)).sort()).toEqual(["20240101000000_init", "migration_lock.toml"]);
  });

  it("applies pending migrations once, recording them like prisma migrate deploy", async () => {
    expect(await migrationStatus({ connectionString, migrationsDir })).toEqual({
      applied: 0,
      pending: ["20240101000000_init"],
      failed: [],
    });

    expect(await apply()).toEqual({ applied: ["20240101000000_init"] });
    expect(await tableExists("User")).toBe(true);
    expect(await apply()).toEqual({ applied: [] });

    expect(await migrationStatus({ connectionString, migrationsDir })).toEqual({ applied: 1, pending: [], failed: [] });
    const rows = await query<{ migration_name: string; finished: boolean }>(
      "SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations",
    );
    expect(rows).toEqual([{ migration_name: "20240101000000_init", finished: true }]);
  }, 30_000);

  it("writes a second migration holding only the ALTER, and applies it", async () => {
    await writeFile(schemaPath, SCHEMA_V2);
    const second = await createMigration({ schemaPath, migrationsDir, name: "add user-bio", now: NOW });
    // Same clock second as the first migration: the timestamp moves on so folders still sort in order.
    expect(second.directory && path.basename(second.directory)).toBe("20240101000001_add_user_bio");
    expect(statements(second.sql)).toEqual(['ALTER TABLE "User" ADD COLUMN     "bio" TEXT']);

    expect(await apply()).toEqual({ applied: ["20240101000001_add_user_bio"] });
    const columns = await query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'User' ORDER BY ordinal_position",
    );
    expect(columns.map((c) => c.column_name)).toEqual(["id", "email", "bio"]);
  }, 30_000);

  it("serialises concurrent runs, even when a migration outlasts the engine's own 10 s lock timeout", async () => {
    const name = "20240102000000_slow_data_fix";
    await writeMigration(
      name,
      `-- A slow data migration.\nSELECT pg_sleep(11);\nUPDATE "User" SET "bio" = NULL WHERE "bio" = '';\n`,
    );

    const logs: string[] = [];
    const results = await Promise.all([apply((l) => logs.push(l)), apply((l) => logs.push(l))]);
    expect(results.map((r) => r.applied).sort()).toEqual([[], [name]]);
    expect(logs.some((l) => l.startsWith("Another migration run holds the lock"))).toBe(true);

    const rows = await query<{ count: string }>(`SELECT count(*) FROM _prisma_migrations WHERE migration_name = '${name}'`);
    expect(rows[0]?.count).toBe("1");
  }, 60_000);

  it("runs each script whole: semicolons inside literals and function bodies survive", async () => {
    const name = "20240103000000_greet_function";
    await writeMigration(
      name,
      [
        `CREATE FUNCTION greet(who text) RETURNS text LANGUAGE plpgsql AS $$`,
        `BEGIN`,
        `  RETURN 'hello; ' || who;`,
        `END;`,
        `$$;`,
        `COMMENT ON TABLE "User" IS 'people; and their posts';`,
        ``,
      ].join("\n"),
    );
    expect(await apply()).toEqual({ applied: [name] });
    expect(await query<{ greet: string }>("SELECT greet('you')")).toEqual([{ greet: "hello; you" }]);
  }, 30_000);

  it("rolls a failing migration back entirely and reports it as failed", async () => {
    const name = "20240104000000_broken";
    await writeMigration(name, `CREATE TABLE "Partial" ("id" INTEGER);\nSELECT 1/0;\n`);

    await expect(apply()).rejects.toThrow(/division by zero/);
    // One implicit transaction, like the native engine: the first statement did not survive.
    expect(await tableExists("Partial")).toBe(false);
    expect(await migrationStatus({ connectionString, migrationsDir })).toEqual({ applied: 4, pending: [], failed: [name] });
    // As with `prisma migrate deploy`, nothing more is applied until the failure is resolved.
    await expect(apply()).rejects.toThrow(/failed migrations/);
  }, 30_000);
});
