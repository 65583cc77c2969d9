/**
 * The migration that stores who hid an item (moderation_hidden_by) classifies rows hidden before it
 * by the rule the code used to infer: no reason (and, on comments, no moderator) was the charter's
 * automatic hiding; anything else a moderator's, whose id comes from the comment itself or from the
 * latest audit entry naming an actor. Run on a database migrated up to the one before, with rows
 * written as the old code wrote them, then the migration itself.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";

const MIGRATION = "20261203081113_moderation_hidden_by";
const migrationsDir = path.resolve("prisma/migrations");
const sqlOf = (name: string) => readFile(path.join(migrationsDir, name, "migration.sql"), "utf8");

let db: pg.Client;
let name: string;
const adminUrl = () => inject("adminUrl");

beforeAll(async () => {
  name = `gc_test_mig_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const before = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory() && entry.name < MIGRATION)
    .map((entry) => entry.name)
    .sort();
  for (const migration of before) await db.query(await sqlOf(migration));
});

afterAll(async () => {
  await db?.end();
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

const hiding = async (table: string, id: string) =>
  (
    await db.query<{ hiddenAt: Date | null; hiddenBy: string | null; hiddenById: string | null }>(
      `SELECT "hiddenAt", "hiddenBy"::text AS "hiddenBy", "hiddenById" FROM "${table}" WHERE "id" = $1`,
      [id],
    )
  ).rows[0];

describe("the moderation_hidden_by migration", () => {
  it("stores AUTOMATIC or MODERATOR (with the moderator) for rows hidden before it", async () => {
    await db.query(`
      INSERT INTO "User" ("id", "updatedAt") VALUES ('author', now()), ('mod', now()), ('oldmod', now());
      INSERT INTO "Community" ("id", "slug", "name", "summary") VALUES ('c1', 'c1', 'C', 'S');
      INSERT INTO "Proposal" ("id", "communityId", "authorId", "title", "hiddenAt", "hiddenReason") VALUES
        ('p-visible', 'c1', 'author', 'T', NULL, NULL),
        ('p-auto', 'c1', 'author', 'T', now(), NULL),
        ('p-mod', 'c1', 'author', 'T', now(), 'Spam');
      INSERT INTO "ProposalComment" ("id", "proposalId", "authorId", "body", "hiddenAt", "hiddenById", "hiddenReason") VALUES
        ('k-auto', 'p-visible', 'author', 'B', now(), NULL, NULL),
        ('k-mod', 'p-visible', 'author', 'B', now(), 'mod', 'Insulte'),
        ('k-thread', 'p-visible', 'author', 'B', now(), 'mod', NULL),
        ('k-ghost', 'p-visible', 'author', 'B', now(), 'nobody', 'Spam'),
        ('k-stale', 'p-visible', 'author', 'B', NULL, 'mod', NULL);
      INSERT INTO "Commons" ("id", "communityId", "slug", "title", "summary", "kind", "licence", "proposerId", "hiddenAt", "hiddenReason") VALUES
        ('m-auto', 'c1', 'm-auto', 'T', 'S', 'DATASET', 'ODbL-1.0', 'author', now(), NULL),
        ('m-mod', 'c1', 'm-mod', 'T', 'S', 'DATASET', 'ODbL-1.0', 'author', now(), 'Doublon');
      INSERT INTO "Contribution" ("id", "commonsId", "authorId", "type", "description", "date", "hiddenAt", "hiddenReason") VALUES
        ('n-auto', 'm-auto', 'author', 'CODE', 'D', now(), now(), NULL),
        ('n-mod', 'm-auto', 'author', 'CODE', 'D', now(), now(), 'Hors sujet');
      INSERT INTO "AuditEntry" ("id", "at", "actorId", "communityId", "action", "details") VALUES
        ('a1', now() - interval '2 days', 'oldmod', 'c1', 'moderation.hidden', '{"targetKind":"PROPOSAL","targetId":"p-mod"}'),
        ('a2', now() - interval '1 day', NULL, 'c1', 'moderation.hidden', '{"targetKind":"PROPOSAL","targetId":"p-mod"}'),
        ('a3', now() - interval '1 hour', 'mod', 'c1', 'moderation.hidden', '{"targetKind":"PROPOSAL","targetId":"p-mod"}'),
        ('a4', now(), 'mod', 'c1', 'moderation.hidden', '{"targetKind":"COMMONS","targetId":"m-mod"}'),
        ('a5', now(), 'oldmod', 'c1', 'moderation.hidden', '{"targetKind":"CONTRIBUTION","targetId":"n-mod"}'),
        ('a6', now(), 'oldmod', 'c1', 'moderation.hidden', '{"targetKind":"COMMENT","targetId":"k-ghost"}'),
        ('a7', now(), 'oldmod', 'c1', 'moderation.hidden', '{"targetKind":"PROPOSAL","targetId":"p-auto"}');
    `);

    await db.query(await sqlOf(MIGRATION));

    expect(await hiding("Proposal", "p-visible")).toMatchObject({ hiddenAt: null, hiddenBy: null, hiddenById: null });
    // An automatic hiding keeps no moderator, even if an older audit entry named one.
    expect(await hiding("Proposal", "p-auto")).toMatchObject({ hiddenBy: "AUTOMATIC", hiddenById: null });
    // The latest audit entry naming an actor is the moderator who hid it.
    expect(await hiding("Proposal", "p-mod")).toMatchObject({ hiddenBy: "MODERATOR", hiddenById: "mod" });
    expect(await hiding("ProposalComment", "k-auto")).toMatchObject({ hiddenBy: "AUTOMATIC", hiddenById: null });
    expect(await hiding("ProposalComment", "k-mod")).toMatchObject({ hiddenBy: "MODERATOR", hiddenById: "mod" });
    // Hidden from the thread (a moderator, no reason): a moderator's hiding, not an automatic one.
    expect(await hiding("ProposalComment", "k-thread")).toMatchObject({ hiddenBy: "MODERATOR", hiddenById: "mod" });
    // A moderator id naming no one is replaced by the audit log's.
    expect(await hiding("ProposalComment", "k-ghost")).toMatchObject({ hiddenBy: "MODERATOR", hiddenById: "oldmod" });
    expect(await hiding("ProposalComment", "k-stale")).toMatchObject({ hiddenAt: null, hiddenBy: null, hiddenById: null });
    expect(await hiding("Commons", "m-auto")).toMatchObject({ hiddenBy: "AUTOMATIC", hiddenById: null });
    expect(await hiding("Commons", "m-mod")).toMatchObject({ hiddenBy: "MODERATOR", hiddenById: "mod" });
    expect(await hiding("Contribution", "n-auto")).toMatchObject({ hiddenBy: "AUTOMATIC", hiddenById: null });
    expect(await hiding("Contribution", "n-mod")).toMatchObject({ hiddenBy: "MODERATOR", hiddenById: "oldmod" });
  });

  it("keeps the marker with hiddenAt: none on a visible row, no moderator on an automatic hiding", async () => {
    const refused = (sql: string) =>
      db.query(sql).then(
        () => null,
        (error: { code?: string }) => error.code,
      );
    expect(await refused(`UPDATE "Proposal" SET "hiddenBy" = 'MODERATOR' WHERE "id" = 'p-visible'`)).toBe("23514");
    expect(await refused(`UPDATE "Commons" SET "hiddenById" = 'mod' WHERE "id" = 'm-auto'`)).toBe("23514");
    expect(await refused(`UPDATE "ProposalComment" SET "hiddenById" = 'nobody' WHERE "id" = 'k-mod'`)).toBe("23503");
    // Clearing hiddenAt alone is refused too: showing an item again clears who hid it.
    expect(await refused(`UPDATE "Contribution" SET "hiddenAt" = NULL WHERE "id" = 'n-mod'`)).toBe("23514");
  });
});
