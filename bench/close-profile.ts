/**
 * Where closing a vote of 100 000 ballots spends its time (issue 15), statement by statement.
 *   npx tsx bench/close-profile.ts            (RUNS=3, METHODS=THRESHOLD,MAJORITY_JUDGMENT,APPROVAL)
 * Keeps a PostgreSQL of its own in CLOSE_PROFILE_DIR (default /tmp/gc-close-pg, port BENCH_PORT + 7),
 * seeded once with the benchmark's "cloture" fixture (bench/lib/seed.ts). Each run closes the three
 * votes in a transaction that is rolled back, with log_min_duration_statement = 0 in that
 * transaction, and prints the bare GROUP BY floor of npm run bench (median of 5), the close, their
 * ratio, and each statement of the close that took a millisecond or more, as PostgreSQL timed it.
 */
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/schema-engine";
import { closeProposalIn } from "@/lib/proposals/close-proposal";
import { seedCloseFixture, CLOSE_VOTERS } from "./lib/seed";

const root = process.cwd();
const dir = process.env.CLOSE_PROFILE_DIR ?? "/tmp/gc-close-pg";
const port = Number(process.env.BENCH_PORT ?? 4810) + 7;
const runs = Number(process.env.RUNS ?? 3);
const methods = (process.env.METHODS ?? "THRESHOLD,MAJORITY_JUDGMENT,APPROVAL").split(",");

/** The floors of bench/run.ts (measureClose), the same statements. */
const FLOORS: Record<string, string> = {
  THRESHOLD: `SELECT "college"::text, "choice"->>'choice', count(*)::int FROM "Ballot"
    WHERE "proposalId" = $1 AND "withdrawnAt" IS NULL GROUP BY 1, 2`,
  MAJORITY_JUDGMENT: `SELECT b."college"::text, g.key, g.value, count(*)::int FROM "Ballot" b, jsonb_each_text(b."choice"->'grades') g
    WHERE b."proposalId" = $1 AND b."withdrawnAt" IS NULL GROUP BY 1, 2, 3`,
  APPROVAL: `SELECT b."college"::text, a.option, count(*)::int FROM "Ballot" b, jsonb_array_elements_text(b."choice"->'approve') a(option)
    WHERE b."proposalId" = $1 AND b."withdrawnAt" IS NULL GROUP BY 1, 2`,
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  let captured: string[] | null = null;
  const database = await startEmbeddedDatabase({
    dataDir: path.join(dir, "data"),
    port,
    database: "closing",
    persistent: true,
    onLog: (line) => {
      if (captured && line.includes("duration:")) captured.push(line);
    },
  });
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "x".repeat(43),
    LOG_LEVEL: "warn",
  });
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const db = createDb(database.url, 4);
  try {
    await applyMigrations({
      connectionString: database.url,
      migrationsDir: path.join(root, "prisma/migrations"),
      schemaPath: path.join(root, "prisma/schema.prisma"),
    });
    const existing = await pool.query<{ id: string; method: string }>(
      `SELECT p."id", p."method"::text AS "method" FROM "Proposal" p JOIN "Community" c ON c."id" = p."communityId"
       WHERE c."slug" = 'cloture' AND p."status" = 'VOTING'`,
    );
    let ids = Object.fromEntries(existing.rows.map((row) => [row.method, row.id]));
    if (existing.rows.length === 0) {
      const owner = await db.user.create({
        data: { email: "fondatrice@close.example", displayName: "Fondatrice", actorKind: "PUBLIC", onboardedAt: new Date() },
      });
      const started = performance.now();
      const fixture = await seedCloseFixture(db, pool, owner.id, CLOSE_VOTERS);
      console.log(`seeded ${fixture.ballots} ballots per vote in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      ids = { THRESHOLD: fixture.thresholdId, MAJORITY_JUDGMENT: fixture.majorityJudgmentId, APPROVAL: fixture.approvalId };
    }
    console.log(
      `load average ${os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(" ")}, ${os.cpus().length} CPUs`,
    );
    for (const method of methods) {
      const proposalId = ids[method]!;
      const floors: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await pool.query(FLOORS[method]!, [proposalId]);
        floors.push(performance.now() - started);
      }
      const floor = median(floors);
      for (let run = 0; run < runs; run++) {
        captured = [];
        let elapsed = 0;
        await db
          .$transaction(
            async (tx) => {
              await tx.$executeRawUnsafe("SET LOCAL log_min_duration_statement = 0");
              const started = performance.now();
              await closeProposalIn(tx, { proposalId });
              elapsed = performance.now() - started;
              throw new RolledBack();
            },
            { timeout: 600_000 },
          )
          .catch((error: unknown) => {
            if (!(error instanceof RolledBack)) throw error;
          });
        const lines = captured;
        captured = null;
        let sql = 0;
        const slow: string[] = [];
        for (const line of lines) {
          const match = /duration: ([\d.]+) ms\s+(?:statement|execute [^:]*): (.*)/s.exec(line);
          if (!match) continue;
          sql += Number(match[1]);
          if (Number(match[1]) >= 1)
            slow.push(`    ${Number(match[1]).toFixed(1).padStart(7)} ms  ${match[2]!.replace(/\s+/g, " ").slice(0, 110)}`);
        }
        console.log(
          `${method}: floor ${floor.toFixed(1)} ms, close ${elapsed.toFixed(1)} ms (${(elapsed / floor).toFixed(2)}×), SQL ${sql.toFixed(1)} ms`,
        );
        for (const line of slow) console.log(line);
      }
    }
  } finally {
    await pool.end();
    await db.$disconnect();
    await database.stop();
  }
}

class RolledBack extends Error {}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
