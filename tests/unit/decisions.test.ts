/**
 * Decision records, offline: canonical JSON, Ed25519 sign/verify, and tampering with any single
 * field (or the signature, or the key) breaks verification.
 */
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/decisions/canonical-json";
import { decisionDocumentSchema, type DecisionRecord } from "@/lib/decisions/schemas";
import { keyPairOf, publishedKeyOf, signDecisionRecord, verifyDecisionRecord } from "@/lib/decisions/signature";

describe("canonicalJson", () => {
  it("sorts keys at every depth, keeps array order and writes no whitespace", () => {
    expect(canonicalJson({ b: 1, a: [3, { d: true, c: null }], "": "x" })).toBe('{"":"x","a":[3,{"c":null,"d":true}],"b":1}');
  });

  it("writes strings and numbers as JSON.stringify does (RFC 8785)", () => {
    expect(canonicalJson({ t: "Élu « à » l'unanimité\n\u2028", n: [0.1, 1e21, -0, 100, 0.5, 1 / 3] })).toBe(
      `{"n":[0.1,1e+21,0,100,0.5,${JSON.stringify(1 / 3)}],"t":${JSON.stringify("Élu « à » l'unanimité\n\u2028")}}`,
    );
    // Sorted by UTF-16 code units, as RFC 8785 says: uppercase before lowercase, "é" after "z".
    expect(canonicalJson({ é: 1, z: 2, Z: 3, a: 4 })).toBe('{"Z":3,"a":4,"z":2,"é":1}');
  });

  it("does not depend on key order, and survives a round trip through a file", () => {
    const value = { x: { q: [1, "2"], p: { s: 1, r: 2 } }, w: false };
    const shuffled = { w: false, x: { p: { r: 2, s: 1 }, q: [1, "2"] } };
    expect(canonicalJson(shuffled)).toBe(canonicalJson(value));
    expect(canonicalJson(JSON.parse(JSON.stringify(value, null, 2)))).toBe(canonicalJson(value));
  });

  it("drops undefined fields and refuses what is not JSON", () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    for (const bad of [Number.NaN, Infinity, new Date(0), new Map(), [undefined], () => 1, 1n, Symbol("s")]) {
      expect(() => canonicalJson(bad), String(typeof bad)).toThrow(TypeError);
    }
  });
});

function newKey() {
  return keyPairOf(generateKeyPairSync("ed25519").privateKey);
}

function sampleRecord(key: ReturnType<typeof newKey>): DecisionRecord {
  return {
    version: 1,
    type: "geocommuns.decision",
    community: { slug: "adresses-finistere", name: "Adresses du Finistère" },
    proposal: {
      id: "cm0proposal",
      title: "Adopter la Licence Ouverte 2.0",
      kind: "COMMONS_ADOPTION",
      method: "THRESHOLD",
      secret: true,
      weighted: true,
      collegeWeights: { PUBLIC: 50, CIVIL_SOCIETY: 50 },
      votingOpensAt: "2026-11-01T09:00:00.000Z",
      votingClosesAt: "2026-11-08T09:00:00.000Z",
      closedAt: "2026-11-08T09:00:01.000Z",
    },
    options: [],
    decision: {
      electorateSize: 3,
      turnout: 2,
      outcome: "ADOPTED",
      result: { counts: { for: 2, against: 0, abstain: 0 }, forShare: 1, quorumMet: true },
      digest: "0".repeat(64),
      ballots: [
        ["r1", { choice: "for" }],
        ["r2", { choice: "for" }],
      ],
    },
    issuedAt: "2026-11-09T10:00:00.000Z",
    publicKey: { alg: "Ed25519", kid: key.kid, jwk: key.jwk },
  };
}

/** Every leaf of a JSON value, as a path. */
function leaves(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, Array.isArray(value) ? Number(k) : k]));
  }
  return [at];
}

function mutate(value: unknown): unknown {
  if (typeof value === "string") return `${value}x`;
  if (typeof value === "number") return value + 1;
  if (typeof value === "boolean") return !value;
  return "x";
}

function withChange(
  document: object,
  at: (string | number)[],
  change: (parent: Record<string | number, unknown>, key: string | number) => void,
) {
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  change(parent, at[at.length - 1]!);
  return copy;
}

describe("signed decision records", () => {
  it("verify with the signing key given as KeyObject, PEM or JWK, after a round trip through a file", () => {
    const key = newKey();
    const document = signDecisionRecord(sampleRecord(key), key);
    const published = publishedKeyOf(key);
    const file = JSON.parse(JSON.stringify(document, null, 2)) as unknown;
    expect(decisionDocumentSchema.parse(file)).toEqual(document);
    expect(verifyDecisionRecord(file, key.publicKey)).toMatchObject({ valid: true });
    expect(verifyDecisionRecord(file, published.pem)).toMatchObject({ valid: true });
    expect(verifyDecisionRecord(file, published.jwk)).toMatchObject({ valid: true });
    expect(published.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses a record with any single field changed, removed or added", () => {
    const key = newKey();
    const document = signDecisionRecord(sampleRecord(key), key);
    const paths = leaves(document.record).map((at) => ["record", ...at]);
    expect(paths.length).toBeGreaterThan(25);
    for (const at of paths) {
      const changed = withChange(document, at, (parent, k) => (parent[k] = mutate(parent[k])));
      expect(verifyDecisionRecord(changed, key.publicKey).valid, `changed ${at.join(".")}`).toBe(false);
      const removed = withChange(document, at, (parent, k) => {
        if (Array.isArray(parent)) parent.splice(Number(k), 1);
        else delete parent[k];
      });
      expect(verifyDecisionRecord(removed, key.publicKey).valid, `removed ${at.join(".")}`).toBe(false);
    }
    const added = withChange(document, ["record", "decision", "voters"], (parent, k) => (parent[k] = ["Alice"]));
    expect(verifyDecisionRecord(added, key.publicKey)).toEqual({ valid: false, reason: "bad_signature" });
    const reordered = withChange(document, ["record", "decision", "ballots"], (parent, k) => {
      parent[k] = [...(parent[k] as unknown[])].reverse();
    });
    expect(verifyDecisionRecord(reordered, key.publicKey)).toEqual({ valid: false, reason: "bad_signature" });
  });

  it("refuses a changed signature, another key, and what is not a document", () => {
    const key = newKey();
    const document = signDecisionRecord(sampleRecord(key), key);
    const flipped = (document.signature[0] === "A" ? "B" : "A") + document.signature.slice(1);
    expect(verifyDecisionRecord({ ...document, signature: flipped }, key.publicKey)).toEqual({
      valid: false,
      reason: "bad_signature",
    });
    expect(verifyDecisionRecord({ ...document, signature: `${document.signature}==` }, key.publicKey).valid).toBe(false);
    expect(verifyDecisionRecord(document, newKey().publicKey)).toEqual({ valid: false, reason: "other_key" });
    // A forger who re-signs with their own key and names it in the record is still refused.
    const forger = newKey();
    const forged = signDecisionRecord(
      { ...sampleRecord(forger), decision: { ...document.record.decision, outcome: "REJECTED" } },
      forger,
    );
    expect(verifyDecisionRecord(forged, key.publicKey)).toEqual({ valid: false, reason: "other_key" });
    expect(verifyDecisionRecord(null, key.publicKey)).toEqual({ valid: false, reason: "malformed" });
    expect(verifyDecisionRecord({ ...document, record: { ...document.record, version: 2 } }, key.publicKey)).toEqual({
      valid: false,
      reason: "unsupported",
    });
    expect(() => signDecisionRecord(sampleRecord(forger), key)).toThrow();
  });

  it("refuses a key that is not Ed25519", () => {
    expect(() => keyPairOf(generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey)).toThrow(TypeError);
  });

  it("verifies with the node recipe of lib/decisions/signature.ts, as written there", () => {
    const source = readFileSync(path.resolve(import.meta.dirname, "../../lib/decisions/signature.ts"), "utf8");
    const lines = source.split("\n");
    const start = lines.findIndex((line) => line.includes('import { readFileSync } from "node:fs";'));
    const end = lines.findIndex((line, i) => i > start && line.includes('console.log(ok ? "valid" : "INVALID");'));
    expect(start).toBeGreaterThan(0);
    const script = lines
      .slice(start, end + 1)
      .map((line) => line.replace(/^ \*   /, ""))
      .join("\n");
    const key = newKey();
    const document = signDecisionRecord(sampleRecord(key), key);
    const dir = mkdtempSync(path.join(os.tmpdir(), "gc-decision-"));
    writeFileSync(path.join(dir, "verify.mjs"), script);
    writeFileSync(path.join(dir, "decision.json"), JSON.stringify(document, null, 2));
    writeFileSync(path.join(dir, "key.pem"), publishedKeyOf(key).pem);
    const run = () => execFileSync(process.execPath, ["verify.mjs", "decision.json", "key.pem"], { cwd: dir, encoding: "utf8" });
    expect(run().trim()).toBe("valid");
    const tampered = { ...document, record: { ...document.record, decision: { ...document.record.decision, turnout: 3 } } };
    writeFileSync(path.join(dir, "decision.json"), JSON.stringify(tampered));
    expect(run().trim()).toBe("INVALID");
  });

  it.skipIf(!hasOpenSsl())("verifies with the OpenSSL recipe of lib/decisions/signature.ts", () => {
    const key = newKey();
    const document = signDecisionRecord(sampleRecord(key), key);
    const dir = mkdtempSync(path.join(os.tmpdir(), "gc-decision-"));
    const file = (name: string) => path.join(dir, name);
    writeFileSync(file("decision.json"), JSON.stringify(document, null, 2));
    writeFileSync(file("key.pem"), publishedKeyOf(key).pem);
    const shell = (script: string) => execFileSync("sh", ["-c", script], { cwd: dir, encoding: "utf8" });
    if (hasJq()) {
      // The canonical bytes from jq equal ours for this record.
      expect(shell("jq -cjS .record decision.json")).toBe(canonicalJson(document.record));
    }
    writeFileSync(file("record.json"), canonicalJson(document.record));
    shell(
      `printf '%s==' "$(node -e 'console.log(JSON.parse(require("fs").readFileSync("decision.json","utf8")).signature)' | tr '_-' '/+')" | base64 -d > record.sig`,
    );
    const verify = "openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in record.json -sigfile record.sig";
    expect(shell(verify)).toMatch(/Signature Verified Successfully/);
    writeFileSync(file("record.json"), canonicalJson({ ...document.record, issuedAt: "2030-01-01T00:00:00.000Z" }));
    expect(() => shell(`${verify} 2>&1`)).toThrow();
  });
});

function hasOpenSsl(): boolean {
  try {
    return /^OpenSSL 3/.test(execFileSync("openssl", ["version"], { encoding: "utf8" }));
  } catch {
    return false;
  }
}

function hasJq(): boolean {
  try {
    execFileSync("jq", ["--version"]);
    return true;
  } catch {
    return false;
  }
}
