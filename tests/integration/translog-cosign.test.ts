/**
 * A log and its witness, each on its own database: the log's job asks the witness to co-sign its
 * checkpoints, the checkpoint then carries the cosignature, and a verifier that requires that witness
 * passes; once the operator forks the history, the witness refuses to co-sign and even a verifier that
 * never saw the log before rejects the forked checkpoint.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { witnessHandler } from "@/lib/api/v1/routes/log";
import { resetConfigCache } from "@/lib/core/config";
import { issueCheckpoint, logOrigin, logVerifierKey } from "@/lib/translog/checkpoint";
import { requestCosignatures } from "@/lib/translog/cosignatures";
import { appendToLog } from "@/lib/translog/log";
import { completeSubtreeHashes, leafHash, rootOf } from "@/lib/translog/merkle";
import { witnessName, witnessVerifierKey } from "@/lib/translog/witness";
import { runVerify } from "@/scripts/verify";
import { decisionFinality } from "@/lib/translog/queries";
import { createCommunity } from "@/lib/communities/create-community";
import { foundCharter } from "@/lib/charter/found-charter";
import { defaultCharterParameters } from "@/lib/charter/parameters";
import { castBallot } from "@/lib/votes/cast-ballot";
import { openVoting } from "@/lib/votes/open-voting";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { createPerson } from "../support/factories";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { startInstance } from "../support/translog-instance";

const WITNESS_URL = "http://witness.example";
let log: TestDatabase;
let witness: TestDatabase;
let instance: { baseUrl: string; close: () => Promise<void> };
let witnessKey: string;
const stateDir = mkdtempSync(path.join(tmpdir(), "gc-cosign-"));

const fetcher = ((input: string | URL | Request, init?: RequestInit) =>
  witnessHandler(() => witness.db)(new Request(input, init))) as typeof fetch;

beforeAll(async () => {
  [log, witness] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  process.env.DATABASE_URL = log.url;
  process.env.AUTH_SECRET ??= "x".repeat(32);
  instance = await startInstance(log.db);
  process.env.APP_URL = instance.baseUrl;
  resetConfigCache();
  // Each operator registers the other: the witness follows the log, the log asks the witness.
  await witness.db.witnessedLog.create({
    data: { origin: await logOrigin(log.db), verifierKey: await logVerifierKey(log.db) },
  });
  witnessKey = await witnessVerifierKey(witness.db);
  await log.db.logWitness.create({
    data: { name: await witnessName(witness.db), url: `${WITNESS_URL}/api/v1/log/witness`, verifierKey: witnessKey },
  });
});
afterAll(async () => {
  await instance.close();
  await Promise.all([log.drop(), witness.drop()]);
});

const grow = async (n: number) => {
  for (let i = 0; i < n; i++) {
    await log.db.$transaction((tx) =>
      appendToLog(tx, { kind: "signingKey.created", communityId: null, payload: { kid: `k${i}`, jwk: {} } }),
    );
  }
};

async function verify(state: string) {
  const lines: string[] = [];
  const code = await runVerify(
    { url: instance.baseUrl, statePath: path.join(stateDir, state), witnesses: [witnessKey] },
    { fetch, log: (line) => lines.push(line) },
  );
  return { code, output: lines.join("\n") };
}

describe("witness cosignatures", () => {
  it("are requested by the log, served with its checkpoint and required by the verifier", async () => {
    await grow(3);
    expect(await requestCosignatures(log.db, { fetcher })).toEqual([
      { witness: await witnessName(witness.db), status: "cosigned" },
    ]);
    const first = await verify("honest.json");
    expect(first.output).toMatch(/ok {4}co-signed by the witness geocommuns-witness\/[0-9a-f]{16}/);
    expect(first.code).toBe(0);

    await grow(4);
    expect((await requestCosignatures(log.db, { fetcher }))[0]!.status).toBe("cosigned");
    expect(await log.db.logWitness.findFirstOrThrow()).toMatchObject({ size: 7n });
    expect((await verify("honest.json")).code).toBe(0);
  });

  it("make a decision final once as many witnesses as its charter required co-signed it", async () => {
    const owner = await createPerson(log.db, { actorKind: "PUBLIC" });
    const slug = unique("final").toLowerCase();
    const { id: communityId } = await createCommunity(log.db, {
      actor: owner,
      input: {
        name: "Témoins",
        slug,
        summary: "Des décisions contresignées.",
        description: "",
        visibility: "PUBLIC",
        joinPolicy: "OPEN",
      },
    });
    await foundCharter(log.db, {
      actor: owner,
      slug,
      rules: [{ title: "Témoins", text: "Une décision est définitive une fois contresignée.", principle: 7 }],
      parameters: { ...defaultCharterParameters, quorumPercent: 0, witnessesRequired: 1 },
    });
    const proposal = await log.db.proposal.create({
      data: { communityId, authorId: owner.id, title: "Décider", method: "THRESHOLD", threshold: "simple", secret: false },
    });
    await openVoting(log.db, { proposalId: proposal.id, closesAt: new Date(Date.now() + 3600_000) });
    await castBallot(log.db, { actorId: owner.id, proposalId: proposal.id, choice: { choice: "for" } });
    await closeProposal(log.db, { proposalId: proposal.id });

    expect(await decisionFinality(log.db, proposal.id)).toMatchObject({ witnessesRequired: 1, cosignedBy: [], final: false });
    expect((await requestCosignatures(log.db, { fetcher }))[0]!.status).toBe("cosigned");
    expect(await decisionFinality(log.db, proposal.id)).toMatchObject({
      cosignedBy: [await witnessName(witness.db)],
      final: true,
    });
  });

  it("are refused to a forked history, which a verifier requiring the witness rejects at first sight", async () => {
    const entries = await log.db.logEntry.findMany({ orderBy: { index: "asc" } });
    const forged = entries[1]!.payload.replace(/"kid":"k\d"/, '"kid":"forged"');
    const leaves = entries.map((e, i) => (i === 1 ? leafHash(Buffer.from(forged)) : new Uint8Array(e.leafHash)));
    const client = new pg.Client({ connectionString: log.url });
    await client.connect();
    try {
      await client.query("SET session_replication_role = replica");
      await client.query(`UPDATE "LogEntry" SET "payload" = $1, "leafHash" = $2 WHERE "index" = 1`, [
        forged,
        Buffer.from(leaves[1]!),
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
    } finally {
      await client.end();
    }
    await grow(1);
    const forkedCheckpoint = await issueCheckpoint(log.db);
    const [outcome] = await requestCosignatures(log.db, { fetcher, checkpoint: forkedCheckpoint });
    expect(outcome).toMatchObject({ status: "refused", detail: expect.stringMatching(/^422/) });
    expect(await witness.db.witnessRefusal.findMany({ select: { reason: true } })).toEqual([{ reason: "inconsistent" }]);

    const newcomer = await verify("newcomer.json");
    expect(newcomer.output).toMatch(/FAIL {2}the witness geocommuns-witness\/[0-9a-f]{16} did not co-sign this checkpoint/);
    expect(newcomer.code).toBe(1);
  });
  it("refuses, keeps and logs a witness's answer whose cosignature does not verify", async () => {
    await log.db.logWitness.create({ data: { name: "liar", url: "http://liar.example", verifierKey: witnessKey } });
    const lying = ((input: string | URL | Request, init?: RequestInit) =>
      String(input).startsWith("http://liar.example")
        ? Promise.resolve(new Response(`\u2014 ${witnessKey.split("+")[0]} ${Buffer.alloc(76, 7).toString("base64")}\n`))
        : fetcher(input, init)) as typeof fetch;
    await grow(1);
    const outcomes = await requestCosignatures(log.db, { fetcher: lying });
    expect(outcomes.find((o) => o.witness === "liar")).toMatchObject({
      status: "refused",
      detail: "no valid cosignature in the answer",
    });
    expect(await witness.db.witnessRefusal.count({ where: { reason: "bad_cosignature" } })).toBe(0);
    expect(await log.db.witnessRefusal.findMany({ where: { origin: "liar" }, select: { reason: true } })).toEqual([
      { reason: "bad_cosignature" },
    ]);
  });
});
