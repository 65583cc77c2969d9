/**
 * EXPLAIN (ANALYZE, BUFFERS) of every statement the community home, proposals list, catalogue and
 * map API queries run, against the national database of bench/national-db.ts (issue 15).
 *   npx tsx bench/profile-queries.ts [home|proposals|catalogue|map|live|results] …
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

const dir = process.env.NATIONAL_DB_DIR ?? "/tmp/gc-national-pg";
const url = process.env.NATIONAL_DB_URL ?? "postgresql://geocommuns:geocommuns@127.0.0.1:4899/bench";
process.env.DATABASE_URL = url;
process.env.AUTH_SECRET ??= "x".repeat(43);

type Captured = { query: string; params: unknown[]; ms: number };

async function main() {
  const ids = JSON.parse(readFileSync(path.join(dir, "ids.json"), "utf8"));
  const captured: Captured[] = [];
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 2 }),
    log: [{ emit: "event", level: "query" }],
  });
  client.$on("query" as never, (e: { query: string; params: string; duration: number }) => {
    captured.push({ query: e.query, params: JSON.parse(e.params), ms: e.duration });
  });
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const db = client as never;
  const { loadCommunityAccess } = await import("@/lib/communities/access");
  const { collegeOverview } = await import("@/lib/communities/queries/community-overview");
  const { listCommunityCommons } = await import("@/lib/commons/read");
  const { listProposals, getProposalView } = await import("@/lib/proposals/queries");
  const { searchCommons, catalogueCommunities } = await import("@/lib/commons/search");
  const { rows: users } = await pool.query(
    `SELECT "id", "onboardedAt" IS NOT NULL AS "onboarded", "isPlatformAdmin" FROM "User" WHERE "id" = $1`,
    [ids.voterIds[0]],
  );
  const actor = { id: users[0].id, onboarded: users[0].onboarded, isPlatformAdmin: users[0].isPlatformAdmin };
  const which = process.argv.slice(2);
  const runs: Record<string, () => Promise<unknown>> = {
    home: async () => {
      const access = await loadCommunityAccess(db, { slug: ids.slug, actor });
      await collegeOverview(db, access!.community.id, actor);
      await listCommunityCommons(db, { communityId: access!.community.id, viewer: actor, take: 4 });
    },
    proposals: () => listProposals(db, { actor, slug: ids.slug, sort: "newest", limit: 30 }),
    catalogue: async () => {
      await catalogueCommunities(db, actor);
      await searchCommons(db, { viewer: actor, sort: "recent", limit: 20 });
    },
    map: () => searchCommons(db, { viewer: actor, bbox: { minLon: -5.5, minLat: 41, maxLon: 10, maxLat: 51.5 }, limit: 10 }),
    live: () => getProposalView(db, { actor, proposalId: ids.national.liveProposalId }),
    results: () => getProposalView(db, { actor, proposalId: ids.national.closedProposalId }),
  };
  for (const name of which.length ? which : Object.keys(runs)) {
    await runs[name]!(); // warm
    captured.length = 0;
    const t0 = performance.now();
    await runs[name]!();
    console.log(`\n######## ${name}: ${(performance.now() - t0).toFixed(1)} ms, ${captured.length} statements`);
    for (const c of [...captured]) {
      const sql = c.query.replace(/\$(\d+)/g, (_, n) => `$${n}`);
      try {
        const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, c.params as unknown[]);
        const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
        const exec = /Execution Time: ([\d.]+)/.exec(plan)?.[1];
        console.log(`\n--- ${exec} ms (prisma ${c.ms} ms) ${sql.slice(0, 3000)}\n${JSON.stringify(c.params).slice(0, 300)}`);
        if (process.env.PLANS !== "0") console.log(plan);
      } catch (error) {
        console.log(`\n--- (explain failed: ${(error as Error).message}) ${sql.slice(0, 400)}`);
      }
    }
  }
  await client.$disconnect();
  await pool.end();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
