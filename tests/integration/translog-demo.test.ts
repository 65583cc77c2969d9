/**
 * The verifier passes on the demo: the seed goes through the same use cases (and the same log hooks)
 * as people do, so every community's charter and every closed vote of the demo checks out, and a
 * receipt of a demo vote is traced to a signed checkpoint.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfigCache } from "@/lib/core/config";
import { seedDemo } from "@/lib/demo/seed";
import { logMissingBallotBoxes } from "@/lib/translog/events";
import { runVerify } from "@/scripts/verify";
import { createTestDatabase, type TestDatabase } from "../support/db";
import { startInstance } from "../support/translog-instance";

let t: TestDatabase;
let instance: { baseUrl: string; close: () => Promise<void> };

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.AUTH_SECRET ??= "x".repeat(32);
  delete process.env.SIGNING_KEY_ED25519;
  instance = await startInstance(t.db);
  process.env.APP_URL = instance.baseUrl;
  resetConfigCache();
  await seedDemo(t.db);
  // The worker's sweep logs the ballot boxes of the votes the seed closed.
  await logMissingBallotBoxes(t.db);
}, 120_000);
afterAll(async () => {
  await instance.close();
  await t.drop();
});

describe("the verifier on the demo", () => {
  it("finds every public community's history in order, and a demo receipt in a signed checkpoint", async () => {
    const statePath = path.join(mkdtempSync(path.join(tmpdir(), "gc-demo-")), "state.json");
    const communities = await t.db.community.findMany({ where: { visibility: "PUBLIC" }, select: { id: true, slug: true } });
    const decided = await t.db.decision.findMany({ select: { proposal: { select: { id: true, communityId: true } } } });
    expect(decided.length).toBeGreaterThan(0);
    const ballot = await t.db.ballot.findFirstOrThrow({
      where: { proposalId: { in: decided.map((d) => d.proposal.id) }, withdrawnAt: null },
      select: { proposalId: true, receipt: true },
    });
    let checked = 0;
    for (const { slug } of communities) {
      const lines: string[] = [];
      const code = await runVerify(
        { url: instance.baseUrl, community: slug, statePath },
        { fetch, log: (line) => lines.push(line) },
      );
      const output = lines.join("\n");
      expect([slug, output, code]).toEqual([slug, expect.stringContaining("VERDICT: the history checks out."), 0]);
      checked += (output.match(/ {2}ok {4}(charter version|decision)/g) ?? []).length;
    }
    expect(checked).toBeGreaterThanOrEqual(decided.length);
    const lines: string[] = [];
    const code = await runVerify(
      { url: instance.baseUrl, proposal: ballot.proposalId, receipt: ballot.receipt, statePath },
      { fetch, log: (line) => lines.push(line) },
    );
    expect(lines.join("\n")).toMatch(/ok {4}receipt .* is in the ballot box/);
    expect(code).toBe(0);
  });
});
