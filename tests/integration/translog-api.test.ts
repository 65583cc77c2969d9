/**
 * The governance log end to end on a real PostgreSQL: a community founds its charter, votes and
 * closes; each step wrote its entry in its own transaction, no entry names a person, and the API
 * serves a signed checkpoint whose root the entries give back, proofs that verify, a receipt traced
 * to the checkpoint and the checkpoint that includes the decision; bad sizes and unknown entries are
 * refused with problems.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bindRoute } from "@/lib/api/handle";
import type { ApiRoute } from "@/lib/api/route";
import {
  asPlainText,
  getConsistencyProofRoute,
  getDecisionInLogRoute,
  getInclusionProofRoute,
  getLogCheckpointRoute,
  getLogKeyRoute,
  getReceiptProofRoute,
  listLogEntriesRoute,
} from "@/lib/api/v1/routes/log";
import { createCommunity } from "@/lib/communities/create-community";
import { foundCharter } from "@/lib/charter/found-charter";
import { defaultCharterParameters } from "@/lib/charter/parameters";
import { resetConfigCache } from "@/lib/core/config";
import { castBallot } from "@/lib/votes/cast-ballot";
import { openVoting } from "@/lib/votes/open-voting";
import { closeProposal } from "@/lib/proposals/close-proposal";
import { ballotCommitment } from "@/lib/translog/ballots";
import { logBallotBox, logMissingBallotBoxes, logSanction, logSigningKeyOnce } from "@/lib/translog/events";
import { eraseAccount } from "@/lib/admin/accounts";
import { appendToLog, readHead } from "@/lib/translog/log";
import { logBallotBoxesJob } from "@/lib/jobs/definitions/log-ballot-boxes";
import { issueCheckpointJob } from "@/lib/jobs/definitions/issue-checkpoint";
import { getSigningKey } from "@/lib/decisions/signing-key";
import { generateKeyPairSync } from "node:crypto";
import { createDb } from "@/lib/db/client";
import { fromBase64, leafHash, rootOf, toBase64, toHex, verifyConsistency, verifyInclusion } from "@/lib/translog/merkle";
import { openCheckpoint, parseVerifierKey } from "@/lib/translog/note";
import { createTestDatabase, unique, type TestDatabase } from "../support/db";
import { createPerson, type TestPerson } from "../support/factories";

const APP_URL = "http://localhost:3000";
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.AUTH_SECRET ??= "x".repeat(32);
  delete process.env.SIGNING_KEY_ED25519;
  resetConfigCache();
});
afterAll(async () => {
  await t.drop();
});

async function call(route: ApiRoute, path: string, params: Record<string, string> = {}) {
  const handler = bindRoute(route, () => ({ db: t.db, appUrl: APP_URL, sessionCookieName: "gc.session" }));
  const wrapped = route === getLogCheckpointRoute ? asPlainText(handler) : handler;
  return wrapped(new Request(`${APP_URL}${path}`), { params: Promise.resolve(params) });
}
const json = async <T>(response: Response) => (await response.json()) as T;
const hashes = (list: string[]) => list.map(fromBase64);

type Entry = { index: number; kind: string; communityId: string | null; data: string; leafHash: string };

let people: TestPerson[];
let proposalId: string;
let receipts: string[];
let communityId: string;

async function scenario() {
  const owner = await createPerson(t.db, { actorKind: "PUBLIC" });
  const slug = unique("log").toLowerCase();
  ({ id: communityId } = await createCommunity(t.db, {
    actor: owner,
    input: {
      name: "Journal",
      slug,
      summary: "Une communauté vérifiable.",
      description: "",
      visibility: "PUBLIC",
      joinPolicy: "OPEN",
    },
  }));
  await t.db.community.update({ where: { id: communityId }, data: { weightingEnabled: false } });
  await foundCharter(t.db, {
    actor: owner,
    slug,
    rules: [{ title: "Licence", text: "Les données sont sous Licence Ouverte.", principle: 7 }],
    parameters: defaultCharterParameters,
  });
  people = [owner];
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
    const { receipt } = await castBallot(t.db, {
      actorId: person.id,
      proposalId,
      choice: { choice: i === 2 ? "against" : "for" },
    });
    receipts.push(receipt);
  }
  await closeProposal(t.db, { proposalId });
  // Before the sweep that logs the ballot box, a receipt cannot be traced yet.
  const early = await call(getReceiptProofRoute, `/api/v1/log/proposals/${proposalId}/receipts/${receipts[0]}`, {
    proposalId,
    receipt: receipts[0]!,
  });
  expect(early.status).toBe(404);
  // The worker's sweep (lib/jobs/definitions/log-ballot-boxes.ts), twice: the box is logged once.
  expect(await logMissingBallotBoxes(t.db)).toBe(1);
  expect(await logMissingBallotBoxes(t.db)).toBe(0);
}

beforeAll(async () => {
  await scenario();
}, 60_000);

describe("what the use cases write", () => {
  it("logs the charter, the opening, the ballot box and the close, naming no one", async () => {
    const { entries } = await json<{ entries: Entry[] }>(await call(listLogEntriesRoute, "/api/v1/log/entries"));
    const ours = entries.filter((e) => e.communityId === communityId).map((e) => e.kind);
    expect(ours).toEqual(["charter.version", "proposal.votingOpened", "proposal.closed", "proposal.ballotBox"]);
    const users = await t.db.user.findMany({ where: { id: { in: people.map((p) => p.id) } } });
    const text = JSON.stringify(entries);
    for (const user of users)
      for (const revealing of [user.id, user.email, user.displayName]) expect(text).not.toContain(revealing);
    for (const receipt of receipts) expect(text).not.toContain(receipt);
    const opened = JSON.parse(entries.find((e) => e.kind === "proposal.votingOpened")!.data) as {
      payload: Record<string, unknown>;
    };
    expect(opened.payload).toMatchObject({ proposalId, method: "THRESHOLD", secret: true, electorateSize: 3 });
    expect(opened.payload.electorateHash).toMatch(/^[0-9a-f]{64}$/);
    // The box's root is the tree over the sorted commitments of the published ballots.
    const ballots = await t.db.ballot.findMany({ where: { proposalId }, select: { receipt: true, choice: true } });
    const commitments = ballots.map(({ receipt, choice }) => ballotCommitment(proposalId, receipt, choice)).sort();
    const box = JSON.parse(entries.find((e) => e.kind === "proposal.ballotBox")!.data) as {
      payload: { root: string; ballots: number };
    };
    expect(box.payload).toEqual({
      proposalId,
      ballots: 3,
      root: toHex(rootOf(commitments.map((c) => leafHash(Buffer.from(c, "hex"))))),
    });
  });
});

describe("the ballot box sweep", () => {
  it("logs a box once when two workers' sweeps race", async () => {
    const owner = people[0]!;
    const second = await t.db.proposal.create({
      data: { communityId, authorId: owner.id, title: "Second vote", method: "THRESHOLD", threshold: "simple", secret: false },
    });
    await openVoting(t.db, { proposalId: second.id, closesAt: new Date(Date.now() + 3600_000) });
    await castBallot(t.db, { actorId: owner.id, proposalId: second.id, choice: { choice: "for" } });
    await closeProposal(t.db, { proposalId: second.id });
    const other = createDb(t.url, 4);
    try {
      const results = await Promise.all([
        logBallotBox(t.db, second.id),
        logBallotBox(other, second.id),
        logBallotBox(t.db, second.id),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
    } finally {
      await other.$disconnect();
    }
    const boxes = await t.db.logEntry.findMany({ where: { kind: "proposal.ballotBox", payload: { contains: second.id } } });
    expect(boxes).toHaveLength(1);
  });
});

describe("signing keys", () => {
  it("logs a key the operator configures once, on first use, however many callers race", async () => {
    const pem = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const other = createDb(t.url, 4);
    try {
      const keys = await Promise.all([
        getSigningKey(t.db, { configuredPem: pem }),
        getSigningKey(other, { configuredPem: pem }),
        logSigningKeyOnce(other, { keyId: "x", jwk: { kty: "OKP", crv: "Ed25519", x: "x" } }),
      ]);
      const kid = (keys[0] as { kid: string }).kid;
      const logged = await t.db.logEntry.findMany({ where: { kind: "signingKey.created", payload: { contains: kid } } });
      expect(logged).toHaveLength(1);
      expect(
        await logSigningKeyOnce(t.db, { keyId: kid, jwk: (keys[0] as { jwk: { kty: string; crv: string; x: string } }).jwk }),
      ).toBe(false);
    } finally {
      await other.$disconnect();
    }
  });
});

describe("the log's jobs", () => {
  it("log the boxes of votes closed since, then sign a checkpoint of the grown log", async () => {
    const owner = people[0]!;
    const vote = await t.db.proposal.create({
      data: { communityId, authorId: owner.id, title: "Third vote", method: "THRESHOLD", threshold: "simple", secret: false },
    });
    await openVoting(t.db, { proposalId: vote.id, closesAt: new Date(Date.now() + 3600_000) });
    await castBallot(t.db, { actorId: owner.id, proposalId: vote.id, choice: { choice: "against" } });
    await closeProposal(t.db, { proposalId: vote.id });
    // No witness registered: nothing is asked over the network.
    const context = { db: t.db } as unknown as Parameters<typeof logBallotBoxesJob.handle>[1];
    expect(await logBallotBoxesJob.handle({}, context)).toEqual({ logged: 1, witnesses: [] });
    expect(await logBallotBoxesJob.handle({}, context)).toEqual({ logged: 0, witnesses: [] });
    await t.db.$transaction((tx) =>
      appendToLog(tx, { kind: "signingKey.created", communityId: null, payload: { kid: "job", jwk: {} } }),
    );
    const { size } = await readHead(t.db);
    expect(await issueCheckpointJob.handle({}, context)).toEqual({ size, witnesses: [] });
    expect(await t.db.logCheckpoint.count({ where: { size: BigInt(size) } })).toBe(1);
  });
});

describe("erasure", () => {
  it("deletes the salts of an erased member's subject hashes and leaves the log whole", async () => {
    const admin = await createPerson(t.db, { platformAdmin: true });
    const member = people[1]!;
    await t.db.$transaction((tx) =>
      logSanction(tx, { communityId, sanctionId: "sanction-x", userId: member.id, kind: "WARNING", until: null }),
    );
    const saltId = `subject:${communityId}:${member.id}`;
    expect(await t.db.logSalt.count({ where: { id: saltId } })).toBe(1);
    const before = await t.db.logEntry.findMany({ orderBy: { index: "asc" } });
    await eraseAccount(t.db, { actor: admin, userId: member.id, confirmation: "effacer", reason: "Demande RGPD" });
    expect(await t.db.logSalt.count({ where: { id: saltId } })).toBe(0);
    const after = await t.db.logEntry.findMany({ orderBy: { index: "asc" } });
    expect(after.map((e) => e.payload)).toEqual(before.map((e) => e.payload));
    expect(toHex((await readHead(t.db)).root)).toBe(toHex(rootOf(after.map((e) => new Uint8Array(e.leafHash)))));
  });
});

describe("the API", () => {
  it("serves a signed checkpoint whose root the entries give back", async () => {
    const response = await call(getLogCheckpointRoute, "/api/v1/log/checkpoint");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const note = await response.text();
    const { origin, verifierKey } = await json<{ origin: string; verifierKey: string }>(
      await call(getLogKeyRoute, "/api/v1/log/key"),
    );
    expect(origin).toMatch(/^geocommuns-log\/[0-9a-f]{16}$/);
    const checkpoint = openCheckpoint(note, parseVerifierKey(verifierKey));
    const { entries } = await json<{ entries: Entry[] }>(
      await call(listLogEntriesRoute, `/api/v1/log/entries?start=0&end=${checkpoint.size}`),
    );
    expect(entries).toHaveLength(checkpoint.size);
    const leaves = entries.map((e) => leafHash(Buffer.from(e.data, "utf8")));
    expect(leaves.map(toBase64)).toEqual(entries.map((e) => e.leafHash));
    expect(toHex(rootOf(leaves))).toBe(toHex(checkpoint.root));
  });

  it("serves inclusion and consistency proofs that verify", async () => {
    const { entries, treeSize } = await json<{ entries: Entry[]; treeSize: number }>(
      await call(listLogEntriesRoute, "/api/v1/log/entries"),
    );
    const root = rootOf(entries.map((e) => fromBase64(e.leafHash)));
    for (const index of [0, treeSize - 1]) {
      const proof = await json<{ proof: string[]; leafHash: string; rootHash: string }>(
        await call(getInclusionProofRoute, `/api/v1/log/proofs/inclusion?index=${index}&size=${treeSize}`),
      );
      expect(proof.rootHash).toBe(toBase64(root));
      expect(verifyInclusion(index, treeSize, fromBase64(proof.leafHash), hashes(proof.proof), root)).toBe(true);
    }
    const consistency = await json<{ proof: string[]; firstRoot: string; secondRoot: string }>(
      await call(getConsistencyProofRoute, `/api/v1/log/proofs/consistency?first=2&second=${treeSize}`),
    );
    const firstRoot = rootOf(entries.slice(0, 2).map((e) => fromBase64(e.leafHash)));
    expect(consistency.firstRoot).toBe(toBase64(firstRoot));
    expect(verifyConsistency(2, treeSize, firstRoot, root, hashes(consistency.proof))).toBe(true);
  });

  it("refuses sizes beyond the tree (400), unknown entries (404) and bad parameters (400) with problems", async () => {
    const { treeSize } = await json<{ treeSize: number }>(await call(listLogEntriesRoute, "/api/v1/log/entries"));
    const cases: Array<[ApiRoute, string, number]> = [
      [getInclusionProofRoute, `/api/v1/log/proofs/inclusion?index=0&size=${treeSize + 1}`, 400],
      [getInclusionProofRoute, `/api/v1/log/proofs/inclusion?index=${treeSize + 5}`, 404],
      [getInclusionProofRoute, `/api/v1/log/proofs/inclusion?index=2&size=2`, 400],
      [getInclusionProofRoute, `/api/v1/log/proofs/inclusion?index=abc`, 400],
      [getInclusionProofRoute, `/api/v1/log/proofs/inclusion?index=-1`, 400],
      [getConsistencyProofRoute, `/api/v1/log/proofs/consistency?first=1&second=${treeSize + 1}`, 400],
      [getConsistencyProofRoute, `/api/v1/log/proofs/consistency?first=3&second=2`, 400],
      [listLogEntriesRoute, `/api/v1/log/entries?start=${treeSize + 1}`, 400],
      [listLogEntriesRoute, `/api/v1/log/entries?start=0&end=x`, 400],
    ];
    for (const [route, path, status] of cases) {
      const response = await call(route, path);
      expect([path, response.status]).toEqual([path, status]);
      expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    }
    const problem = await json<{ errors: { field: string }[] }>(
      await call(getInclusionProofRoute, `/api/v1/log/proofs/inclusion?index=0&size=${treeSize + 1}`),
    );
    expect(problem.errors[0]!.field).toBe("size");
  });

  it("traces a receipt from the ballot to a signed checkpoint, and finds the decision's checkpoint", async () => {
    const key = parseVerifierKey(
      (await json<{ verifierKey: string }>(await call(getLogKeyRoute, "/api/v1/log/key"))).verifierKey,
    );
    const response = await call(getReceiptProofRoute, `/api/v1/log/proposals/${proposalId}/receipts/${receipts[2]}`, {
      proposalId,
      receipt: receipts[2]!,
    });
    expect(response.status).toBe(200);
    const proof = await json<{
      commitment: string;
      choice: unknown;
      ballotBox: { size: number; root: string; position: number; proof: string[] };
      entry: { index: number; data: string; checkpoint: string; treeSize: number; proof: string[] };
    }>(response);
    expect(proof.choice).toEqual({ choice: "against" });
    expect(proof.commitment).toBe(ballotCommitment(proposalId, receipts[2]!, { choice: "against" }));
    const boxRoot = Buffer.from(proof.ballotBox.root, "hex");
    const commitmentLeaf = leafHash(Buffer.from(proof.commitment, "hex"));
    expect(
      verifyInclusion(proof.ballotBox.position, proof.ballotBox.size, commitmentLeaf, hashes(proof.ballotBox.proof), boxRoot),
    ).toBe(true);
    expect(JSON.parse(proof.entry.data)).toMatchObject({ kind: "proposal.ballotBox", payload: { root: proof.ballotBox.root } });
    const checkpoint = openCheckpoint(proof.entry.checkpoint, key);
    expect(checkpoint.size).toBe(proof.entry.treeSize);
    const entryLeaf = leafHash(Buffer.from(proof.entry.data, "utf8"));
    expect(verifyInclusion(proof.entry.index, checkpoint.size, entryLeaf, hashes(proof.entry.proof), checkpoint.root)).toBe(true);

    // As typed without dashes, in lower case: the same ballot.
    const typed = receipts[2]!.replaceAll("-", "").toLowerCase();
    const retyped = await call(getReceiptProofRoute, `/api/v1/log/proposals/${proposalId}/receipts/${typed}`, {
      proposalId,
      receipt: typed,
    });
    expect(await json<{ receipt: string; commitment: string }>(retyped)).toMatchObject({
      receipt: receipts[2],
      commitment: proof.commitment,
    });

    const unknown = await call(getReceiptProofRoute, `/api/v1/log/proposals/${proposalId}/receipts/NOPE`, {
      proposalId,
      receipt: "NOPE",
    });
    expect(unknown.status).toBe(404);

    const decision = await json<{
      entry: { index: number; data: string; checkpoint: string; treeSize: number; proof: string[] };
    }>(await call(getDecisionInLogRoute, `/api/v1/log/proposals/${proposalId}/decision`, { proposalId }));
    expect(JSON.parse(decision.entry.data)).toMatchObject({ kind: "proposal.closed", payload: { proposalId, turnout: 3 } });
    const covering = openCheckpoint(decision.entry.checkpoint, key);
    // Issued in the closing transaction: the first checkpoint to include the decision ends right after it.
    expect(covering.size).toBe(decision.entry.index + 1);
    expect(
      verifyInclusion(
        decision.entry.index,
        covering.size,
        leafHash(Buffer.from(decision.entry.data)),
        hashes(decision.entry.proof),
        covering.root,
      ),
    ).toBe(true);
  });
});
