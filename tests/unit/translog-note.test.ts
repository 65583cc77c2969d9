import { createHash, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalJson } from "@/lib/decisions/canonical-json";
import { canonical } from "@/lib/translog/canonical";
import { leafHash } from "@/lib/translog/merkle";
import {
  checkpointText,
  cosign,
  COSIGNATURE_TYPE,
  openCheckpoint,
  parseCheckpoint,
  parseNote,
  parseVerifierKey,
  rawPublicKey,
  signNote,
  verifierKeyOf,
  verifyCosignature,
  verifyNote,
} from "@/lib/translog/note";

const keys = () => generateKeyPairSync("ed25519");
const root = leafHash(Buffer.from("x"));

describe("C2SP signed notes and checkpoints", () => {
  it("writes the key ID as SHA-256(name ‖ 0x0A ‖ 0x01 ‖ key)[:4] and round-trips the verifier key", () => {
    const { publicKey } = keys();
    const vkey = verifierKeyOf("example.org/log", publicKey);
    const raw = rawPublicKey(publicKey);
    const expected = createHash("sha256")
      .update(Buffer.concat([Buffer.from("example.org/log\n"), Buffer.of(0x01), raw]))
      .digest()
      .subarray(0, 4)
      .toString("hex");
    expect(vkey.split("+")[1]).toBe(expected);
    expect(parseVerifierKey(vkey).raw).toEqual(raw);
    expect(() => parseVerifierKey(vkey.replace(/\+[0-9a-f]{8}\+/, "+00000000+"))).toThrow();
  });

  it("signs a checkpoint that verifies with its key and fails with any change or another key", () => {
    const { privateKey, publicKey } = keys();
    const key = parseVerifierKey(verifierKeyOf("example.org/log", publicKey));
    const text = checkpointText({ origin: "example.org/log", size: 12, root });
    const note = signNote(text, "example.org/log", privateKey);
    expect(note.startsWith(`${text}\n\u2014 example.org/log `)).toBe(true);
    const opened = openCheckpoint(note, key);
    expect(opened.size).toBe(12);
    expect(opened.root).toEqual(root);
    expect(() => verifyNote(note.replace("\n12\n", "\n13\n"), key)).toThrow();
    const other = parseVerifierKey(verifierKeyOf("example.org/log", keys().publicKey));
    expect(() => verifyNote(note, other)).toThrow(/no signature/);
    // Unknown signatures are ignored; a known one that fails rejects the note.
    const extra = `${note}\u2014 someone.else AAAAAAAA\n`;
    expect(verifyNote(extra, key)).toBe(text);
    const [sigLine] = parseNote(note).signatures.map((s) => s.line);
    // Flip one bit inside the signature itself (editing a base64 character may only touch padding bits).
    const [prefix, encoded] = [sigLine!.slice(0, sigLine!.lastIndexOf(" ") + 1), sigLine!.slice(sigLine!.lastIndexOf(" ") + 1)];
    const bytes = Buffer.from(encoded!.trim(), "base64");
    bytes[10] = bytes[10]! ^ 0x01;
    const broken = note.replace(sigLine!, `${prefix}${bytes.toString("base64")}${encoded!.endsWith("\n") ? "\n" : ""}`);
    expect(() => verifyNote(broken, key)).toThrow();
  });

  it("parses checkpoints strictly", () => {
    expect(() => parseCheckpoint("o\n012\nAAAA\n")).toThrow();
    expect(() => parseCheckpoint("o\n12\n")).toThrow();
    expect(() => parseCheckpoint(`o\n12\n${Buffer.from(root).toString("base64")}`)).toThrow();
    expect(parseCheckpoint(`o\n0\n${Buffer.from(root).toString("base64")}\n`).size).toBe(0);
  });

  it("makes and checks timestamped witness cosignatures (cosignature/v1)", () => {
    const { privateKey, publicKey } = keys();
    const key = parseVerifierKey(verifierKeyOf("witness.example/w1", publicKey, COSIGNATURE_TYPE));
    const text = checkpointText({ origin: "example.org/log", size: 3, root });
    const line = cosign(text, "witness.example/w1", privateKey, 1_700_000_000);
    expect(verifyCosignature(text, line, key)).toBe(1_700_000_000);
    expect(verifyCosignature(text.replace("\n3\n", "\n4\n"), line, key)).toBeNull();
  });
});

describe("canonical JSON", () => {
  it("writes the same bytes as the decision records' canonical JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonical(value)).toBe(canonicalJson(value));
      }),
    );
  });
});
