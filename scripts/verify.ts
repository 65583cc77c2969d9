/**
 * `npm run verify -- <instance URL> [--community <slug>] [--proposal <id> --receipt <receipt>]
 *                    [--token <gct_…>] [--state <file>] [--key <vkey>] [--witness <vkey>]…`
 *
 * Checks a Géocommuns instance's governance history without trusting its operator. Standalone: node's
 * own modules and the pure files of lib/translog (RFC 9162 Merkle trees, C2SP signed notes, canonical
 * JSON, ballot commitments), no database, no configuration of the app. It
 *
 * 1. reads the log's verifier key (pinned in the state file on first use, or given with --key: a
 *    changed key is a failure) and the latest checkpoint, and checks its signature, and with
 *    --witness (repeatable) the cosignature of each witness named (c2sp.org/tlog-cosignature);
 * 2. downloads every entry, checks each leaf hash and recomputes the tree: its root must be the
 *    checkpoint's;
 * 3. checks that the checkpoint extends the last one this machine saw (state file): the same leaves,
 *    recomputed locally, and the server's consistency proof — a rolled-back or forked log fails;
 * 4. with --community: each charter version served now hashes to what the log recorded; each decision
 *    record is signed by the published key, its ballots give back the logged digest and ballot box,
 *    its counts add up to the ballots, and a plain majority vote's outcome is recomputed;
 * 5. with --receipt: the ballot's commitment is in the ballot box, the box in the log, the log in a
 *    signed checkpoint that this history extends.
 *
 * Prints one line per check and a verdict; exits 0 when everything holds, 1 on any mismatch, 2 when
 * the instance cannot be read.
 */
import { createHash, createPublicKey, verify as verifySignature } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ballotBoxOf, ballotCommitment } from "../lib/translog/ballots";
import { canonical } from "../lib/translog/canonical";
import {
  equalHashes,
  fromBase64,
  Frontier,
  leafHash,
  rootOf,
  toBase64,
  toHex,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from "../lib/translog/merkle";
import {
  openCheckpoint,
  parseNote,
  parseVerifierKey,
  verifyCosignature,
  type Checkpoint,
  type VerifierKey,
} from "../lib/translog/note";

export type VerifyOptions = {
  url: string;
  community?: string;
  proposal?: string;
  receipt?: string;
  token?: string;
  statePath: string;
  key?: string;
  witnesses?: string[];
};

type Io = { fetch: typeof fetch; log: (line: string) => void };

type StateFile = Record<string, { verifierKey: string; size: number; root: string }>;

class Unreachable extends Error {}

type Entry = { index: number; kind: string; communityId: string | null; data: string; leafHash: string };
type Leaf = { v: number; kind: string; community: string | null; at: string; payload: Record<string, unknown> };

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

export function parseArguments(argv: readonly string[]): VerifyOptions | string {
  const options: Partial<VerifyOptions> = {};
  const rest = [...argv];
  while (rest.length > 0) {
    const arg = rest.shift()!;
    const value = () => {
      const next = rest.shift();
      if (next === undefined || next.startsWith("--")) throw new Error(`${arg} needs a value`);
      return next;
    };
    try {
      if (arg === "--community") options.community = value();
      else if (arg === "--receipt") options.receipt = value();
      else if (arg === "--proposal") options.proposal = value();
      else if (arg === "--token") options.token = value();
      else if (arg === "--state") options.statePath = value();
      else if (arg === "--key") options.key = value();
      else if (arg === "--witness") options.witnesses = [...(options.witnesses ?? []), value()];
      else if (arg.startsWith("--")) return `unknown option ${arg}`;
      else if (options.url) return `unexpected argument ${arg}`;
      else options.url = arg;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (!options.url) return "the instance's URL is required";
  try {
    new URL(options.url);
  } catch {
    return `not a URL: ${options.url}`;
  }
  if (Boolean(options.receipt) !== Boolean(options.proposal)) return "--receipt goes with --proposal (the vote's id)";
  return { statePath: path.join(homedir(), ".geocommuns-verify.json"), ...options } as VerifyOptions;
}

export async function runVerify(options: VerifyOptions, io: Io): Promise<0 | 1 | 2> {
  const failures: string[] = [];
  const ok = (line: string) => io.log(`  ok    ${line}`);
  const fail = (line: string) => {
    failures.push(line);
    io.log(`  FAIL  ${line}`);
  };
  const note = (line: string) => io.log(`  note  ${line}`);
  const base = options.url.replace(/\/+$/, "");
  const get = async (pathname: string, { text = false, allow404 = false } = {}) => {
    let response: Response;
    try {
      response = await io.fetch(`${base}${pathname}`, {
        headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
      });
    } catch (error) {
      throw new Unreachable(`${pathname}: ${(error as Error).message}`);
    }
    if (allow404 && response.status === 404) return null;
    if (!response.ok) throw new Unreachable(`${pathname}: HTTP ${response.status}`);
    return text ? await response.text() : ((await response.json()) as unknown);
  };

  io.log(`Verifying the governance history of ${base}`);
  try {
    // 1. The key and the checkpoint.
    const state = readState(options.statePath);
    const published = (await get("/api/v1/log/key")) as { origin: string; verifierKey: string };
    const pinned = options.key ?? state[published.origin]?.verifierKey;
    if (pinned && pinned !== published.verifierKey) {
      fail(`the log's key changed: expected ${pinned}, the instance now shows ${published.verifierKey}`);
    }
    let key: VerifierKey;
    try {
      key = parseVerifierKey(pinned ?? published.verifierKey);
    } catch (error) {
      fail(`the log's key is malformed: ${(error as Error).message}`);
      return verdict(io, failures);
    }
    if (!pinned) note(`first visit: pinning the log's key ${published.verifierKey} (compare it with one obtained another way)`);
    let checkpoint: Checkpoint & { text: string };
    let served = "";
    try {
      served = (await get("/api/v1/log/checkpoint", { text: true })) as string;
      checkpoint = openCheckpoint(served, key);
      ok(`checkpoint signed by ${key.name}: ${checkpoint.size} entries, root ${toBase64(checkpoint.root)}`);
    } catch (error) {
      fail(`the checkpoint does not verify with the log's key: ${(error as Error).message}`);
      return verdict(io, failures);
    }

    // Witnesses: each one required must have co-signed this very checkpoint.
    for (const vkey of options.witnesses ?? []) {
      try {
        const witness = parseVerifierKey(vkey);
        const lines = parseNote(served).signatures.map((s) => s.line);
        if (lines.some((line) => verifyCosignature(checkpoint.text, line, witness) !== null))
          ok(`co-signed by the witness ${witness.name}`);
        else fail(`the witness ${witness.name} did not co-sign this checkpoint`);
      } catch (error) {
        fail(`witness key ${vkey} is malformed: ${(error as Error).message}`);
      }
    }

    // 2. Every entry, recomputed.
    const entries: Entry[] = [];
    while (entries.length < checkpoint.size) {
      const page = (await get(
        `/api/v1/log/entries?start=${entries.length}&end=${Math.min(entries.length + 1000, checkpoint.size)}`,
      )) as {
        entries: Entry[];
      };
      if (page.entries.length === 0) break;
      entries.push(...page.entries);
    }
    const leaves: Hash[] = [];
    const frontier = Frontier.empty();
    let badLeaves = 0;
    for (const [position, entry] of entries.entries()) {
      const leaf = leafHash(Buffer.from(entry.data, "utf8"));
      if (entry.index !== position || toBase64(leaf) !== entry.leafHash) badLeaves++;
      leaves.push(leaf);
      frontier.append(leaf);
    }
    if (entries.length !== checkpoint.size)
      fail(`the instance serves ${entries.length} entries, its checkpoint says ${checkpoint.size}`);
    else if (badLeaves > 0) fail(`${badLeaves} entries do not hash to the leaf hash shown, or are out of sequence`);
    else if (!equalHashes(frontier.root(), checkpoint.root))
      fail("the entries do not give back the checkpoint's root: the log was altered");
    else ok(`the ${entries.length} entries give back the checkpoint's root`);
    const parsed = entries.map((entry) => {
      try {
        return JSON.parse(entry.data) as Leaf;
      } catch {
        return null;
      }
    });

    // 3. Consistency with what this machine saw last time.
    const previous = state[key.name];
    if (previous) {
      const oldRoot = fromBase64(previous.root);
      if (previous.size > checkpoint.size) {
        fail(`the log went back: ${previous.size} entries seen before, ${checkpoint.size} now`);
      } else {
        const proof = (await get(`/api/v1/log/proofs/consistency?first=${previous.size}&second=${checkpoint.size}`)) as {
          proof: string[];
        };
        const byProof = verifyConsistency(previous.size, checkpoint.size, oldRoot, checkpoint.root, proof.proof.map(fromBase64));
        const local = previous.size <= leaves.length && equalHashes(rootOf(leaves.slice(0, previous.size)), oldRoot);
        if (byProof && local) ok(`consistent with the checkpoint seen before (${previous.size} entries)`);
        else fail(`the checkpoint is not an extension of the one seen before (${previous.size} entries): a fork or a rewrite`);
      }
    } else {
      note("no earlier checkpoint on this machine: the next run will check that the log only grew");
    }

    // 4. One community's charter versions and decisions.
    if (options.community) {
      const community = (await get(`/api/v1/log/communities/${encodeURIComponent(options.community)}`, { allow404: true })) as {
        communityId: string;
      } | null;
      if (!community) fail(`community ${options.community} not found (or not readable: give a --token)`);
      else await checkCommunity(community.communityId);
    }

    // 5. A receipt.
    if (options.receipt && options.proposal) await checkReceipt(options.proposal, options.receipt);

    if (failures.length === 0) {
      state[key.name] = { verifierKey: published.verifierKey, size: checkpoint.size, root: toBase64(checkpoint.root) };
      writeFileSync(options.statePath, `${JSON.stringify(state, null, 2)}\n`);
    }
    return verdict(io, failures);

    async function checkCommunity(communityId: string) {
      const ours = entries
        .map((entry, i) => ({ entry, leaf: parsed[i] }))
        .filter(({ entry }) => entry.communityId === communityId);
      note(`${ours.length} entries of ${options.community}`);
      // The server's own inclusion proofs of these entries, against the checkpoint.
      const unproven: number[] = [];
      for (const { entry } of ours) {
        const proof = (await get(`/api/v1/log/proofs/inclusion?index=${entry.index}&size=${checkpoint.size}`)) as {
          proof: string[];
        };
        if (!verifyInclusion(entry.index, checkpoint.size, leaves[entry.index]!, proof.proof.map(fromBase64), checkpoint.root))
          unproven.push(entry.index);
      }
      if (unproven.length > 0) fail(`the inclusion proofs of entries ${unproven.join(", ")} do not verify`);
      else if (ours.length > 0) ok(`the inclusion proofs of its ${ours.length} entries verify against the checkpoint`);
      const keys = new Set(
        parsed
          .filter((leaf) => leaf?.kind === "signingKey.created")
          .map((leaf) => String((leaf!.payload as { kid: unknown }).kid)),
      );
      const opened = new Map<string, Record<string, unknown>>();
      const boxes = new Map<string, string>();
      // The openings and ballot boxes first: a vote's box is logged right after its close.
      for (const { leaf } of ours) {
        if (leaf?.kind === "proposal.votingOpened" && isObject(leaf.payload))
          opened.set(String(leaf.payload.proposalId), leaf.payload);
        if (leaf?.kind === "proposal.ballotBox" && isObject(leaf.payload))
          boxes.set(String(leaf.payload.proposalId), String(leaf.payload.root));
      }
      for (const { entry, leaf } of ours) {
        if (!leaf || !isObject(leaf.payload)) {
          fail(`entry ${entry.index} is not a log entry`);
          continue;
        }
        const payload = leaf.payload;
        if (leaf.kind === "charter.version") {
          const version = (await get(
            `/api/v1/log/communities/${encodeURIComponent(options.community!)}/charters/${String(payload.version)}`,
            { allow404: true },
          )) as Record<string, unknown> | null;
          if (!version) fail(`charter version ${String(payload.version)} is in the log but no longer served`);
          else {
            const hash = sha256Hex(
              canonical({
                number: version.number,
                rules: version.rules,
                parameters: version.parameters,
                changes: version.changes,
              }),
            );
            if (hash === payload.contentHash) ok(`charter version ${String(payload.version)} is the one recorded`);
            else
              fail(
                `charter version ${String(payload.version)} differs from the one recorded in entry ${entry.index}: it was rewritten`,
              );
          }
        } else if (leaf.kind === "proposal.closed") {
          await checkDecision(payload, opened.get(String(payload.proposalId)), boxes.get(String(payload.proposalId)), keys);
        }
      }
    }

    async function checkDecision(
      payload: Record<string, unknown>,
      opening: Record<string, unknown> | undefined,
      loggedBox: string | undefined,
      keys: Set<string>,
    ) {
      const proposalId = String(payload.proposalId);
      const document = (await get(`/api/v1/decisions/${encodeURIComponent(proposalId)}/record`, { allow404: true })) as {
        record: Record<string, unknown> & { decision: Record<string, unknown>; publicKey: { kid: string } };
        signature: string;
      } | null;
      if (!document) {
        fail(`decision ${proposalId} is in the log but its record is not served`);
        return;
      }
      const { record } = document;
      const signingKey = (await get("/api/v1/signing-key")) as { kid: string; jwk: Record<string, unknown> };
      const signed = verifySignature(
        null,
        Buffer.from(canonical(record), "utf8"),
        createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: String(signingKey.jwk.x) }, format: "jwk" }),
        Buffer.from(document.signature, "base64url"),
      );
      if (!signed || record.publicKey.kid !== signingKey.kid)
        fail(`decision ${proposalId}: the record's signature does not verify`);
      if (keys.size > 0 && !keys.has(signingKey.kid)) fail(`decision ${proposalId}: signed by a key the log never recorded`);
      const ballots = record.decision.ballots as Array<[string, unknown]>;
      const digest = createHash("sha256").update(JSON.stringify(ballots)).digest("hex");
      const box = toHex(ballotBoxOf(proposalId, ballots).root);
      const problems: string[] = [];
      if (digest !== record.decision.digest || digest !== payload.ballotsDigest)
        problems.push("its published ballots do not give back the logged digest");
      if (loggedBox === undefined)
        note(`decision ${proposalId}: its ballot box is not in the log yet (logged within a minute of the close)`);
      else if (loggedBox !== box) problems.push("its ballots do not give back the logged ballot box");
      if (ballots.length !== payload.turnout || record.decision.turnout !== payload.turnout)
        problems.push("its turnout differs from the log");
      if (record.decision.outcome !== payload.outcome) problems.push("its outcome differs from the log");
      if (
        record.decision.electorateSize !== payload.electorateSize ||
        (opening && opening.electorateSize !== payload.electorateSize)
      )
        problems.push("its electorate differs from the one frozen when voting opened");
      const proposal = record.proposal as { method?: unknown; secret?: unknown } | undefined;
      if (opening && (proposal?.method !== opening.method || proposal?.secret !== opening.secret))
        problems.push("its method or secrecy differs from the ballot defined when voting opened");
      problems.push(...recount(record, ballots, opening));
      // The checkpoint the instance gives for this decision: signed, including it, part of this history.
      const inLog = (await get(`/api/v1/log/proposals/${encodeURIComponent(proposalId)}/decision`, { allow404: true })) as {
        entry: { index: number; data: string; checkpoint: string; treeSize: number; proof: string[] };
        finality: { witnessesRequired: number; cosignedBy: string[]; final: boolean };
      } | null;
      if (!inLog) problems.push("the instance does not give the checkpoint that includes it");
      else {
        try {
          const covering = openCheckpoint(inLog.entry.checkpoint, key);
          const leaf = leafHash(Buffer.from(inLog.entry.data, "utf8"));
          if (!verifyInclusion(inLog.entry.index, covering.size, leaf, inLog.entry.proof.map(fromBase64), covering.root))
            problems.push("its checkpoint's inclusion proof does not verify");
          if (covering.size > leaves.length || !equalHashes(rootOf(leaves.slice(0, covering.size)), covering.root))
            problems.push("its checkpoint is not part of this history");
        } catch (error) {
          problems.push(`its checkpoint does not verify: ${(error as Error).message}`);
        }
        const { witnessesRequired, cosignedBy, final } = inLog.finality;
        if (witnessesRequired > 0)
          note(
            `decision ${proposalId}: ${final ? "final" : "awaiting witnesses"} (${cosignedBy.length} of ${witnessesRequired} required)`,
          );
      }
      if (problems.length > 0) fail(`decision ${proposalId}: ${problems.join("; ")}`);
      else ok(`decision ${proposalId} (${String(payload.outcome)}, ${ballots.length} ballots) matches the log and its ballots`);
    }

    async function checkReceipt(proposalId: string, receipt: string) {
      const proof = (await get(
        `/api/v1/log/proposals/${encodeURIComponent(proposalId)}/receipts/${encodeURIComponent(receipt)}`,
        {
          allow404: true,
        },
      )) as {
        receipt: string;
        choice: unknown;
        commitment: string;
        ballotBox: { size: number; root: string; position: number; proof: string[] };
        entry: { index: number; data: string; checkpoint: string; treeSize: number; proof: string[] };
      } | null;
      if (!proof) {
        fail(`receipt ${receipt}: no published ballot carries it`);
        return;
      }
      const problems: string[] = [];
      // The receipt as published (XXXX-XXXX-XXXX) must be the one given, whatever its spelling.
      const bare = (text: string) => text.toUpperCase().replace(/[\s\-\u2010-\u2015\u2212]/g, "");
      if (bare(proof.receipt) !== bare(receipt)) problems.push("the instance answered for another receipt");
      if (ballotCommitment(proposalId, proof.receipt, proof.choice) !== proof.commitment)
        problems.push("the commitment is not that of the receipt and choice");
      const boxRoot = Buffer.from(proof.ballotBox.root, "hex");
      if (
        !verifyInclusion(
          proof.ballotBox.position,
          proof.ballotBox.size,
          leafHash(Buffer.from(proof.commitment, "hex")),
          proof.ballotBox.proof.map(fromBase64),
          boxRoot,
        )
      )
        problems.push("the ballot is not in the ballot box");
      const logged = entries[proof.entry.index];
      const leaf = logged ? (JSON.parse(logged.data) as Leaf) : null;
      if (
        !logged ||
        logged.data !== proof.entry.data ||
        leaf?.kind !== "proposal.ballotBox" ||
        leaf.payload.root !== proof.ballotBox.root
      )
        problems.push("the ballot box is not the one in the log");
      try {
        const covering = openCheckpoint(proof.entry.checkpoint, key);
        if (
          !verifyInclusion(
            proof.entry.index,
            covering.size,
            leafHash(Buffer.from(proof.entry.data, "utf8")),
            proof.entry.proof.map(fromBase64),
            covering.root,
          )
        )
          problems.push("the box's entry is not in the checkpoint given");
        if (covering.size > leaves.length || !equalHashes(rootOf(leaves.slice(0, covering.size)), covering.root))
          problems.push("the checkpoint given is not part of this history");
      } catch (error) {
        problems.push(`the checkpoint given does not verify: ${(error as Error).message}`);
      }
      if (problems.length > 0) fail(`receipt ${receipt}: ${problems.join("; ")}`);
      else ok(`receipt ${receipt}: ballot ${canonical(proof.choice)} is in the ballot box, logged at entry ${proof.entry.index}`);
    }
  } catch (error) {
    if (error instanceof Unreachable) {
      io.log(`  ERROR cannot read the instance: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

/** Counts per choice from the ballots against the record's, and a plain majority's outcome. */
/** The grades of majority judgment, worst first (lib/votes/tally/majority-judgment.ts); ungraded counts as the first. */
const GRADES = ["reject", "insufficient", "passable", "fair", "good", "veryGood", "excellent"];

/** Sums a per-college figure of the result: `pick` gives each college's flat counts (key → number). */
function sumByCollege(byCollege: unknown[], pick: (college: Record<string, unknown>) => Record<string, number>) {
  const total: Record<string, number> = {};
  for (const college of byCollege) {
    if (!isObject(college)) continue;
    for (const [key, n] of Object.entries(pick(college))) total[key] = (total[key] ?? 0) + n;
  }
  return total;
}

const numbers = (value: unknown): Record<string, number> =>
  isObject(value) ? Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === "number")) : {};

/**
 * The public tally recomputed from the published ballots: the counts per choice (threshold, consent),
 * approvals per option (approval) or grades per option (majority judgment) must be those the record's
 * colleges add up to; and a plain (unweighted) for/against vote's outcome follows from its counts.
 */
function recount(
  record: { decision: Record<string, unknown>; proposal?: unknown; options?: unknown },
  ballots: Array<[string, unknown]>,
  opening: Record<string, unknown> | undefined,
): string[] {
  const result = record.decision.result as Record<string, unknown> | undefined;
  const method = (record.proposal as { method?: unknown } | undefined)?.method;
  if (!isObject(result) || !isObject(result.byCollege)) return [];
  const byCollege = Object.values(result.byCollege);
  const optionIds = Array.isArray(record.options) ? record.options.map((o) => String((o as { id?: unknown }).id)) : [];
  const counted: Record<string, number> = {};
  const add = (key: string, n = 1) => (counted[key] = (counted[key] ?? 0) + n);
  let published: Record<string, number>;
  if (method === "THRESHOLD" || method === "CONSENT") {
    for (const [, choice] of ballots) add(isObject(choice) ? String(choice.choice) : "?");
    published = sumByCollege(byCollege, (college) => numbers(college.counts));
  } else if (method === "APPROVAL") {
    for (const option of optionIds) add(option, 0);
    for (const [, choice] of ballots) {
      const approved =
        isObject(choice) && Array.isArray(choice.approve) ? new Set(choice.approve.map(String)) : new Set<string>();
      for (const option of approved) if (optionIds.includes(option)) add(option);
    }
    published = sumByCollege(byCollege, (college) => numbers(college.approvals));
  } else if (method === "MAJORITY_JUDGMENT") {
    for (const option of optionIds) for (const grade of GRADES) add(`${option}:${grade}`, 0);
    for (const [, choice] of ballots) {
      const given = isObject(choice) && isObject(choice.grades) ? choice.grades : {};
      for (const option of optionIds) add(`${option}:${typeof given[option] === "string" ? String(given[option]) : GRADES[0]!}`);
    }
    published = sumByCollege(byCollege, (college) =>
      Object.fromEntries(
        Object.entries(isObject(college.counts) ? college.counts : {}).flatMap(([option, row]) =>
          Array.isArray(row) ? row.map((n, grade): [string, number] => [`${option}:${GRADES[grade] ?? grade}`, Number(n)]) : [],
        ),
      ),
    );
  } else {
    return [];
  }
  const problems: string[] = [];
  const keys = new Set([...Object.keys(counted), ...Object.keys(published)]);
  if ([...keys].some((k) => (counted[k] ?? 0) !== (published[k] ?? 0)))
    problems.push(`its counts ${canonical(published)} are not those of its ballots ${canonical(counted)}`);
  // A plain (unweighted, no college quorum) for/against vote: the outcome follows from the counts.
  if (method === "THRESHOLD" && opening && opening.weighted === false && opening.collegeQuorumPercent === 0) {
    const yes = counted.for ?? 0;
    const no = counted.against ?? 0;
    const needed = { simple: [1, 2], twoThirds: [2, 3], threeQuarters: [3, 4] }[String(opening.threshold)] ?? [1, 2];
    const [num, den] = needed as [number, number];
    const adopted = yes + no > 0 && (num * 2 === den ? yes > no : yes * den >= num * (yes + no));
    const quorum = ballots.length * 100 >= Number(opening.quorumPercent) * Number(record.decision.electorateSize);
    const outcome = !quorum ? "VOID" : adopted ? "ADOPTED" : "REJECTED";
    if (outcome !== record.decision.outcome)
      problems.push(`its ballots give ${outcome}, the record says ${String(record.decision.outcome)}`);
  }
  return problems;
}

function verdict(io: Io, failures: string[]): 0 | 1 {
  if (failures.length === 0) {
    io.log("VERDICT: the history checks out.");
    return 0;
  }
  io.log(`VERDICT: MISMATCH (${failures.length} ${failures.length === 1 ? "problem" : "problems"}): do not trust this history.`);
  return 1;
}

function readState(file: string): StateFile {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
    return isObject(parsed) ? (parsed as StateFile) : {};
  } catch {
    return {};
  }
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  if (typeof options === "string") {
    console.error(
      `${options}\nUsage: npm run verify -- <instance URL> [--community <slug>] [--proposal <id> --receipt <receipt>] [--token <gct_…>] [--state <file>] [--key <vkey>] [--witness <vkey>]…`,
    );
    return 2;
  }
  return runVerify(options, { fetch, log: (line) => console.log(line) });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
