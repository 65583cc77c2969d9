/**
 * The governance log against a real PostgreSQL: appends keep the stored root equal to a recomputation
 * from the entries, proofs read from the stored subtrees verify, two database clients appending at
 * once (as two app instances would) produce one log with no gap and no fork, and the tables refuse
 * rewriting.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { appendToLog, consistencyProofAt, inclusionProofAt, readHead, rootAt } from "@/lib/translog/log";
import { leafHash, rootOf, toHex, verifyConsistency, verifyInclusion } from "@/lib/translog/merkle";
import { createTestDatabase, type TestDatabase } from "../support/db";

let t: TestDatabase;
let second: Db;

beforeAll(async () => {
  t = await createTestDatabase();
  second = createDb(t.url, 10);
});
afterAll(async () => {
  await second.$disconnect();
  await t.drop();
});

const event = (n: number) => ({ kind: "charter.version" as const, communityId: null, payload: { n, textHash: `h${n}` } });

async function storedLeaves(db: Db) {
  const entries = await db.logEntry.findMany({ orderBy: { index: "asc" } });
  return entries.map((entry, i) => {
    expect(Number(entry.index)).toBe(i);
    // The stored leaf hash is the hash of the stored payload.
    expect(toHex(leafHash(Buffer.from(entry.payload, "utf8")))).toBe(toHex(entry.leafHash));
    return new Uint8Array(entry.leafHash);
  });
}

describe("appending", () => {
  it("keeps the head's root equal to the root recomputed from the entries, at every size", async () => {
    for (let n = 0; n < 37; n++) {
      const { index, head } = await t.db.$transaction((tx) => appendToLog(tx, event(n)));
      expect(index).toBe(n);
      expect(head.size).toBe(n + 1);
    }
    const leaves = await storedLeaves(t.db);
    const head = await readHead(t.db);
    expect(head.size).toBe(37);
    expect(toHex(head.root)).toBe(toHex(rootOf(leaves)));
    for (const size of [1, 2, 5, 16, 17, 36, 37])
      expect(toHex(await rootAt(t.db, size))).toBe(toHex(rootOf(leaves.slice(0, size))));
  });

  it("answers inclusion and consistency proofs from the stored subtrees", async () => {
    const leaves = await storedLeaves(t.db);
    const size = leaves.length;
    const root = await rootAt(t.db, size);
    for (const index of [0, 1, 13, size - 1]) {
      const proof = await inclusionProofAt(t.db, index, size);
      expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(size)));
      expect(verifyInclusion(index, size, leaves[index]!, proof, root)).toBe(true);
    }
    for (const first of [1, 3, 16, 20, size]) {
      const proof = await consistencyProofAt(t.db, first, size);
      expect(verifyConsistency(first, size, await rootAt(t.db, first), root, proof)).toBe(true);
    }
  });

  it("rolls the entry back with the caller's transaction", async () => {
    const before = await readHead(t.db);
    await expect(
      t.db.$transaction(async (tx) => {
        await appendToLog(tx, event(999));
        throw new Error("the event failed");
      }),
    ).rejects.toThrow("the event failed");
    const after = await readHead(t.db);
    expect(after.size).toBe(before.size);
    expect(await t.db.logEntry.count()).toBe(before.size);
  });

  it("gives one log, no gap and no fork, when two clients append at once", async () => {
    const before = (await readHead(t.db)).size;
    let release!: () => void;
    const barrier = new Promise<void>((resolve) => (release = resolve));
    const calls = Array.from({ length: 24 }, (_, i) => async () => {
      await barrier;
      const client = i % 2 === 0 ? t.db : second;
      // Each transaction holds for a moment after appending, so the others really wait on the head.
      return client.$transaction(async (tx) => {
        const result = await appendToLog(tx, event(1000 + i));
        await tx.$queryRaw`SELECT pg_sleep(0.01)::text`;
        return result.index;
      });
    });
    const running = calls.map((call) => call());
    release();
    const indexes = await Promise.all(running);
    expect([...indexes].sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => before + i));
    const leaves = await storedLeaves(t.db);
    expect(leaves).toHaveLength(before + 24);
    expect(toHex((await readHead(second)).root)).toBe(toHex(rootOf(leaves)));
  });
});

describe("restarts", () => {
  it("keeps no state outside the database: after every connection is cut, a new process appends on the same tree", async () => {
    const before = await readHead(t.db);
    const admin = new pg.Client({ connectionString: t.url });
    await admin.connect();
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    await admin.end();
    const restarted = createDb(t.url, 2);
    try {
      await restarted.$transaction((tx) => appendToLog(tx, event(5000)));
      const leaves = await storedLeaves(restarted);
      expect(leaves).toHaveLength(before.size + 1);
      expect(toHex((await readHead(restarted)).root)).toBe(toHex(rootOf(leaves)));
      const proof = await consistencyProofAt(restarted, before.size, before.size + 1);
      expect(verifyConsistency(before.size, before.size + 1, before.root, rootOf(leaves), proof)).toBe(true);
    } finally {
      await restarted.$disconnect();
    }
  });
});

describe("append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE of entries, nodes and checkpoints", async () => {
    await expect(t.db.$executeRaw`UPDATE "LogEntry" SET "payload" = '{}' WHERE "index" = 0`).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRaw`DELETE FROM "LogEntry" WHERE "index" = 0`).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRaw`TRUNCATE "LogEntry"`).rejects.toThrow(/append-only/);
    await expect(
      t.db.$executeRaw`UPDATE "LogNode" SET "hash" = decode('00', 'hex') WHERE "level" = 0 AND "index" = 0`,
    ).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRaw`DELETE FROM "LogNode"`).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRaw`TRUNCATE "LogNode"`).rejects.toThrow(/append-only/);
    await t.db.$executeRaw`INSERT INTO "LogCheckpoint" ("size", "root", "note") VALUES (1, decode('00', 'hex'), 'n')`;
    await expect(t.db.$executeRaw`DELETE FROM "LogCheckpoint"`).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRaw`UPDATE "LogCheckpoint" SET "note" = 'm'`).rejects.toThrow(/append-only/);
    // And the head cannot be pointed back.
    await expect(t.db.$executeRaw`UPDATE "LogState" SET "size" = -1`).rejects.toThrow();
    await expect(t.db.$executeRaw`INSERT INTO "LogState" ("id", "root") VALUES (2, decode('00', 'hex'))`).rejects.toThrow();
  });
});
