/**
 * C2SP tlog-witness between two instances, each on its own database: the witness co-signs a log's
 * checkpoints while they stay consistent with the last one it co-signed, answers 409 with its size to
 * a stale submission, and refuses (and records) a fork, an inconsistent proof or a bad signature; two
 * submissions racing never roll its recorded size back.
 */
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { witnessHandler } from "@/lib/api/v1/routes/log";
import { issueCheckpoint, logOrigin, logVerifierKey, logKey } from "@/lib/translog/checkpoint";
import { appendToLog, consistencyProofAt } from "@/lib/translog/log";
import { leafHash, toBase64 } from "@/lib/translog/merkle";
import { checkpointText, parseVerifierKey, signNote, verifyCosignature } from "@/lib/translog/note";
import { witnessVerifierKey } from "@/lib/translog/witness";
import { createTestDatabase, type TestDatabase } from "../support/db";

const WITNESS_URL = "http://witness.example";
let log: TestDatabase;
let witness: TestDatabase;

beforeAll(async () => {
  [log, witness] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  // The witness's operator registers the log it follows.
  await witness.db.witnessedLog.create({
    data: { origin: await logOrigin(log.db), verifierKey: await logVerifierKey(log.db) },
  });
});
afterAll(async () => {
  await Promise.all([log.drop(), witness.drop()]);
});

const submit = async (body: string) => {
  const response = await witnessHandler(() => witness.db)(
    new Request(`${WITNESS_URL}/api/v1/log/witness/add-checkpoint`, { method: "POST", body }),
  );
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
};

async function grow(n: number) {
  for (let i = 0; i < n; i++) {
    await log.db.$transaction((tx) =>
      appendToLog(tx, { kind: "charter.version", communityId: null, payload: { i, at: Date.now() } }),
    );
  }
  return issueCheckpoint(log.db);
}

const request = (oldSize: number, proof: Uint8Array[], note: string) =>
  `old ${oldSize}\n${proof.map((h) => `${toBase64(h)}\n`).join("")}\n${note}`;

describe("a witness", () => {
  it("co-signs consistent checkpoints, and its cosignature verifies with its published key", async () => {
    const key = parseVerifierKey(await witnessVerifierKey(witness.db));
    const first = await grow(5);
    const one = await submit(request(0, [], first.note));
    expect(one.status).toBe(200);
    expect(
      verifyCosignature(checkpointText({ origin: await logOrigin(log.db), size: 5, root: first.root }), one.text, key),
    ).not.toBeNull();

    const second = await grow(4);
    const two = await submit(request(5, await consistencyProofAt(log.db, 5, 9), second.note));
    expect(two.status).toBe(200);
    expect(
      verifyCosignature(checkpointText({ origin: await logOrigin(log.db), size: 9, root: second.root }), two.text, key),
    ).not.toBeNull();
    expect(await witness.db.witnessedLog.findUniqueOrThrow({ where: { origin: await logOrigin(log.db) } })).toMatchObject({
      size: 9n,
    });
  });

  it("answers a stale old size with 409 and the size it holds", async () => {
    const current = await grow(1);
    const stale = await submit(request(5, await consistencyProofAt(log.db, 5, current.size), current.note));
    expect(stale).toEqual({ status: 409, type: "text/x.tlog.size", text: "9\n" });
  });

  it("refuses and records a fork, an inconsistent proof and a bad signature", async () => {
    const origin = await logOrigin(log.db);
    const key = await logKey(log.db);
    const forgedRoot = leafHash(Buffer.from("another history"));
    // The log's own key signing another tree of the size the witness holds: a fork.
    const fork = await submit(request(9, [], signNote(checkpointText({ origin, size: 9, root: forgedRoot }), origin, key)));
    expect(fork.status).toBe(409);
    // A larger tree that does not extend the one co-signed.
    const detour = signNote(checkpointText({ origin, size: 12, root: forgedRoot }), origin, key);
    const inconsistent = await submit(request(9, await consistencyProofAt(log.db, 9, 10), detour));
    expect(inconsistent.status).toBe(422);
    // Signed by someone else under the log's name.
    const stranger = generateKeyPairSync("ed25519").privateKey;
    const badlySigned = await submit(
      request(9, [], signNote(checkpointText({ origin, size: 12, root: forgedRoot }), origin, stranger)),
    );
    expect(badlySigned.status).toBe(403);
    expect(
      (
        await submit(
          request(0, [], signNote(checkpointText({ origin: "elsewhere/log", size: 1, root: forgedRoot }), "elsewhere/log", key)),
        )
      ).status,
    ).toBe(404);
    expect((await submit("nonsense")).status).toBe(400);

    const refusals = await witness.db.witnessRefusal.findMany({ where: { origin }, orderBy: { at: "asc" } });
    expect(refusals.map((r) => r.reason)).toEqual(["fork", "inconsistent", "bad_signature"]);
    // Nothing moved: the witness still holds the last consistent checkpoint.
    expect(await witness.db.witnessedLog.findUniqueOrThrow({ where: { origin } })).toMatchObject({ size: 9n });
  });

  it("co-signs one of two racing submissions from the same old size and never goes back", async () => {
    const a = await grow(2);
    const b = await grow(3);
    const answers = await Promise.all([
      submit(request(9, await consistencyProofAt(log.db, 9, a.size), a.note)),
      submit(request(9, await consistencyProofAt(log.db, 9, b.size), b.note)),
    ]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
    const held = await witness.db.witnessedLog.findUniqueOrThrow({ where: { origin: await logOrigin(log.db) } });
    expect([BigInt(a.size), BigInt(b.size)]).toContain(held.size);
  });
});
