/**
 * Integration tests run against a real PostgreSQL: TEST_DATABASE_URL (a server where the tests may
 * create databases) when set, else an embedded one started for this run. Migrations are applied once
 * to a template database; each test file clones it (tests/support/db.ts), so files stay isolated.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";

export const TEMPLATE_DATABASE = "gc_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), "gc-test-pg-")), "data");
    const database = await startEmbeddedDatabase({ dataDir, persistent: false, port: undefined });
    adminUrl = database.adminUrl;
    stop = async () => {
      await database.stop();
      await rm(path.dirname(dataDir), { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  await applyMigrations({
    connectionString: withDatabase(adminUrl, TEMPLATE_DATABASE),
    migrationsDir: path.resolve("prisma/migrations"),
    schemaPath: path.resolve("prisma/schema.prisma"),
  });
  process.env.TEST_DATABASE_URL = adminUrl;
  project.provide("adminUrl", adminUrl);
  project.provide("templateDatabase", TEMPLATE_DATABASE);
  return async () => {
    await stop?.();
  };
}
