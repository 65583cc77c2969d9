/**
 * The standalone verifier (scripts/verify.ts) against a real instance: the app's route handlers behind
 * a node HTTP server on the test database. It passes on honest data and fails on each tampering done
 * the way an operator would, with a superuser connection that switches the append-only triggers off:
 * a changed ballot, a changed log entry, a removed entry, a rewritten charter version, and a forked
 * history served with a validly signed checkpoint to a client that saw the earlier one.
 */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommunity } from "@/lib/communities/create-community";
import { foundCharter } from "@/lib/charter/found-charter";
import { defaultCharterParameters } from "@/lib/charter/parameters";
import { resetConfigCache } from "@/lib/core/config";
import { castBallot } from "@/lib/votes/cast-ballot";
import { openVoting } from "@/lib/votes/open-voting";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { issueCheckpoint } from "@/lib/translog/checkpoint";
import { logMissingBallotBoxes } from "@/lib/translog/events";
import { appendToLog } from "@/lib/translog/log";
import { completeSubtreeHashes, leafHash, rootOf } from "@/lib/translog/merkle";
import { runVerify, type VerifyOptions } from "@/scripts/verify";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson } from "../support/factories";
import { startInstance } from "../support/translog-instance";

let t: TestDatabase;
let close: () => Promise<void>;
let baseUrl: string;
let slug: string;
let proposalId: string;
let receipts: string[];
const stateDir = mkdtempSync(path.join(tmpdir(), "gc-verify-"));

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.AUTH_SECRET ??= "x".repeat(32);
  delete process.env.SIGNING_KEY_ED25519;
  resetConfigCache();
  ({ baseUrl, close } = await startInstance(t.db));
  // The instance's own URL names its log (the checkpoints' origin).
  process.env.APP_URL = baseUrl;
  resetConfigCache();
  await scenario();
}, 60_000);
afterAll(async () => {
  await close();
  await t.drop();
});

async function scenario() {
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  slug = unique("verify").toLowerCase();
  const { id: communityId } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Vérifiable",
      slug,
      summary: "Une histoire vérifiable.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  });
  await t.db.community.update({ where: { id: communityId }, data: { weightingEnabled: false } });
  await foundCharter(t.db, {
    actor: owner,
    slug,
    rules: [{ title: "Licence", text: "Les données sont sous Licence Ouverte.", principle: 7 }],
    parameters: defaultCharterParameters,
  });
  const people = [owner];
  for (const actorKind of ["CIVIL_SOCIETY", "RESEARCH"] as const) {
    const person = await createPerson(t.db, { actorKind });
    await t.db.membership.create({ data: { communityId, userId: person.id, college: actorKind, status: "ACTIVE" } });
    people.push(person);
  }
  const proposal = await t.db.proposal.create({
    data: {
      communityId,
      authorId: owner.id,
      title: "Adopter la licence",
      method: "THRESHOLD",
      threshold: "simple",
      secret: true,
    },
  });
  proposalId = proposal.id;
  await openVoting(t.db, { proposalId, closesAt: new Date(Date.now() + 3600_000) });
  receipts = [];
  for (const [i, person] of people.entries()) {
    receipts.push(
      (await castBallot(t.db, { actorId: person.id, proposalId, choice: { choice: i === 2 ? "against" : "for" } })).receipt,
    );
  }
  await closeProposal(t.db, { proposalId });
  // A majority judgment and an approval vote too, whose counts the verifier recomputes.
  for (const method of ["MAJORITY_JUDGMENT", "APPROVAL"] as const) {
    const other = await t.db.proposal.create({
      data: {
        communityId,
        authorId: owner.id,
        title: `Choisir (${method})`,
        method,
        secret: false,
        options: { create: ["Licence Ouverte", "ODbL"].map((label, position) => ({ label, position })) },
      },
      include: { options: { orderBy: { position: "asc" } } },
    });
    await openVoting(t.db, { proposalId: other.id, closesAt: new Date(Date.now() + 3600_000) });
    const [lo, odbl] = other.options.map((o) => o.id) as [string, string];
    for (const [i, person] of people.entries()) {
      const choice: Parameters<typeof castBallot>[1]["choice"] =
        method === "APPROVAL"
          ? { approve: i === 0 ? [lo, odbl] : [lo] }
          : { grades: i === 2 ? { [lo]: "good", [odbl]: "reject" } : { [lo]: "excellent", [odbl]: "passable" } };
      await castBallot(t.db, { actorId: person.id, proposalId: other.id, choice });
    }
    await closeProposal(t.db, { proposalId: other.id });
  }
  await logMissingBallotBoxes(t.db);
}

async function verify(options: Partial<VerifyOptions> & { state: string }) {
  const lines: string[] = [];
  const code = await runVerify(
    {
      url: baseUrl,
      community: slug,
      proposal: proposalId,
      receipt: receipts[2],
      statePath: path.join(stateDir, options.state),
      ...options,
    },
    { fetch, log: (line) => lines.push(line) },
  );
  return { code, output: lines.join("\n") };
}

/** The operator's own powers: a superuser session with the append-only triggers switched off. */
async function asOperator(work: (client: pg.Client) => Promise<void>) {
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    await client.query("SET session_replication_role = replica");
    await work(client);
  } finally {
    await client.end();
  }
}

async function tampered(sql: string, restore: string, params: unknown[] = []) {
  await asOperator(async (client) => void (await client.query(sql, params)));
  try {
    return await verify({ state: `tamper-${unique("s")}.json` });
  } finally {
    await asOperator(async (client) => void (await client.query(restore, params)));
  }
}

describe("the verifier", () => {
  it("passes on honest data, and again once the log has grown", async () => {
    const first = await verify({ state: "honest.json" });
    expect(first.output).toContain("VERDICT: the history checks out.");
    expect(first.output).toMatch(/ok {4}charter version 1 is the one recorded/);
    expect(first.output.match(/ok {4}decision .* \(\w+, 3 ballots\) matches the log and its ballots/g)).toHaveLength(3);
    expect(first.output).toMatch(/ok {4}receipt .*"against".* is in the ballot box/);
    expect(first.code).toBe(0);
    await t.db.$transaction((tx) =>
      appendToLog(tx, { kind: "signingKey.created", communityId: null, payload: { kid: "later", jwk: {} } }),
    );
    const second = await verify({ state: "honest.json" });
    expect(second.output).toMatch(/consistent with the checkpoint seen before/);
    expect(second.code).toBe(0);
  });

  it("fails on a changed ballot", async () => {
    const { code, output } = await tampered(
      `UPDATE "Ballot" SET "choice" = '{"choice":"for"}' WHERE "receipt" = $1`,
      `UPDATE "Ballot" SET "choice" = '{"choice":"against"}' WHERE "receipt" = $1`,
      [receipts[2]],
    );
    expect(output).toMatch(/FAIL {2}decision .*ballot box/);
    expect(code).toBe(1);
  });

  it("fails on a rewritten outcome, which its ballots contradict", async () => {
    const { code, output } = await tampered(
      `UPDATE "Decision" SET "outcome" = 'REJECTED' WHERE "proposalId" = $1`,
      `UPDATE "Decision" SET "outcome" = 'ADOPTED' WHERE "proposalId" = $1`,
      [proposalId],
    );
    expect(output).toMatch(
      /FAIL {2}decision .*its outcome differs from the log; its ballots give ADOPTED, the record says REJECTED/,
    );
    expect(code).toBe(1);
  });

  it("fails on a rewritten electorate size", async () => {
    const { code, output } = await tampered(
      `UPDATE "Decision" SET "electorateSize" = "electorateSize" + 5 WHERE "proposalId" = $1`,
      `UPDATE "Decision" SET "electorateSize" = "electorateSize" - 5 WHERE "proposalId" = $1`,
      [proposalId],
    );
    expect(output).toMatch(/FAIL {2}decision .*its electorate differs from the one frozen when voting opened/);
    expect(code).toBe(1);
  });

  it("fails on a changed log entry", async () => {
    const { code, output } = await tampered(
      `UPDATE "LogEntry" SET "payload" = replace("payload", '"version":1', '"version":2') WHERE "kind" = 'charter.version'`,
      `UPDATE "LogEntry" SET "payload" = replace("payload", '"version":2', '"version":1') WHERE "kind" = 'charter.version'`,
    );
    expect(output).toMatch(/FAIL {2}.*(do not hash|root)/);
    expect(code).toBe(1);
  });

  it("fails on a removed entry", async () => {
    const [row] = (await t.db.$queryRaw<{ index: bigint }[]>`SELECT max("index") AS index FROM "LogEntry"`) as [
      { index: bigint },
    ];
    const saved = await t.db.logEntry.findUniqueOrThrow({ where: { index: row.index } });
    await asOperator(
      async (client) => void (await client.query(`DELETE FROM "LogEntry" WHERE "index" = $1`, [String(row.index)])),
    );
    try {
      const { code, output } = await verify({ state: "removed.json" });
      expect(output).toMatch(/FAIL {2}the instance serves \d+ entries, its checkpoint says \d+/);
      expect(code).toBe(1);
    } finally {
      await t.db.logEntry.create({ data: saved });
    }
  });

  it("fails on a rewritten charter version", async () => {
    const { code, output } = await tampered(
      `UPDATE "CharterVersion" SET "rules" = replace("rules"::text, 'Licence Ouverte', 'licence propriétaire')::jsonb`,
      `UPDATE "CharterVersion" SET "rules" = replace("rules"::text, 'licence propriétaire', 'Licence Ouverte')::jsonb`,
    );
    expect(output).toMatch(/FAIL {2}charter version 1 differs from the one recorded/);
    expect(code).toBe(1);
  });

  it("runs as a command of its own, without the app", async () => {
    const run = promisify(execFile);
    const { stdout } = await run(
      "npx",
      ["tsx", "scripts/verify.ts", baseUrl, "--community", slug, "--state", path.join(stateDir, "cli.json")],
      { cwd: path.resolve(import.meta.dirname, "../..") },
    );
    expect(stdout).toContain("VERDICT: the history checks out.");
    await expect(
      run("npx", ["tsx", "scripts/verify.ts", "not a url"], { cwd: path.resolve(import.meta.dirname, "../..") }),
    ).rejects.toMatchObject({
      code: 2,
    });
  });

  it("fails on a forked history shown with a validly signed checkpoint to a client that saw the earlier one", async () => {
    const before = await verify({ state: "fork.json" });
    expect(before.code).toBe(0);
    // The operator rewrites an old entry and rebuilds the whole tree, then signs a new checkpoint.
    const entries = await t.db.logEntry.findMany({ orderBy: { index: "asc" } });
    const forged = entries[0]!.payload.replace(/"at":"[^"]+"/, '"at":"2000-01-01T00:00:00.000Z"');
    const leaves = entries.map((e, i) => (i === 0 ? leafHash(Buffer.from(forged)) : new Uint8Array(e.leafHash)));
    await asOperator(async (client) => {
      await client.query(`UPDATE "LogEntry" SET "payload" = $1, "leafHash" = $2 WHERE "index" = 0`, [
        forged,
        Buffer.from(leaves[0]!),
      ]);
      await client.query(`DELETE FROM "LogNode"`);
      for (const [id, hash] of completeSubtreeHashes(leaves)) {
        const [level, index] = id.split(":");
        await client.query(`INSERT INTO "LogNode" ("level", "index", "hash") VALUES ($1, $2, $3)`, [
          level,
          index,
          Buffer.from(hash),
        ]);
      }
      await client.query(`UPDATE "LogState" SET "root" = $1`, [Buffer.from(rootOf(leaves))]);
    });
    const { head } = await t.db.$transaction((tx) =>
      appendToLog(tx, { kind: "signingKey.created", communityId: null, payload: { kid: "fork", jwk: {} } }),
    );
    await issueCheckpoint(t.db, { head });

    const after = await verify({ state: "fork.json" });
    expect(after.output).toMatch(/FAIL {2}the checkpoint is not an extension of the one seen before/);
    expect(after.code).toBe(1);
    // A newcomer holding a receipt is shown the checkpoint signed at the close: the fork contradicts it.
    const withReceipt = await verify({ state: "newcomer.json" });
    expect(withReceipt.output).toMatch(/FAIL {2}receipt .*the checkpoint given is not part of this history/);
    expect(withReceipt.code).toBe(1);
    // So is one checking the community: the checkpoint signed at its decision's close contradicts it.
    const community = await verify({ state: "newcomer.json", receipt: undefined, proposal: undefined });
    expect(community.output).toMatch(/FAIL {2}decision .*its checkpoint is not part of this history/);
    // Holding nothing signed before the fork, a newcomer cannot tell: what witnesses and pinned checkpoints are for.
    const bare = await verify({ state: "newcomer.json", receipt: undefined, proposal: undefined, community: undefined });
    expect(bare.code).toBe(0);
  });
});
