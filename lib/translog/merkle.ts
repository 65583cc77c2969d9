/**
 * RFC 9162 (Certificate Transparency 2.0) Merkle tree hashing and proofs, §2.1. Pure: node:crypto
 * only and no import from the app, so the standalone verifier (scripts/verify.ts) runs this very
 * file. Hashes are 32-byte Uint8Arrays; sizes and indexes are plain numbers (exact up to 2^53).
 *
 * - leafHash(d) = SHA-256(0x00 ‖ d), nodeHash(l, r) = SHA-256(0x01 ‖ l ‖ r), the empty tree's hash
 *   is SHA-256 of nothing.
 * - A proof is a list of hashes of sub-ranges of the log; `inclusionRanges` / `consistencyRanges`
 *   say which ranges (RFC 9162 PATH and PROOF), and `hashRange` computes a range from the complete
 *   subtrees it splits into, so a store keeping every complete subtree hash (level, index) answers
 *   any proof with O(log n) reads (`completeSubtreesOf` lists them).
 * - `Frontier` is the compact right edge of a tree (one complete subtree per bit of its size): it
 *   appends a leaf and gives the new root in O(log n), and says which complete subtrees the append
 *   just completed, which is what a store writes.
 */
import { createHash } from "node:crypto";

export type Hash = Uint8Array;
export const HASH_SIZE = 32;

function sha256(...parts: Uint8Array[]): Hash {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
}

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

export const emptyRoot = (): Hash => sha256();
export const leafHash = (data: Uint8Array): Hash => sha256(LEAF_PREFIX, data);
export const nodeHash = (left: Hash, right: Hash): Hash => sha256(NODE_PREFIX, left, right);

export function equalHashes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

export const toHex = (hash: Uint8Array): string => Buffer.from(hash).toString("hex");
export const toBase64 = (hash: Uint8Array): string => Buffer.from(hash).toString("base64");
export function fromBase64(text: string): Hash {
  // Node's decoder skips stray characters: only the exact canonical form is accepted.
  const bytes = Buffer.from(text, "base64");
  if (bytes.toString("base64") !== text) throw new TypeError("not canonical base64");
  return new Uint8Array(bytes);
}

const isSize = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** The largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPowerOfTwo = (n: number) => n > 0 && splitPoint(n * 2) === n;

/** A range [start, end) of leaves. */
export type Range = readonly [start: number, end: number];

/** A complete subtree: 2^level leaves starting at index · 2^level. */
export type NodeId = { level: number; index: number };

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), as the ranges whose hashes make the proof, leaf side first. */
export function inclusionRanges(index: number, size: number): Range[] {
  if (!isSize(index) || !isSize(size) || index >= size) throw new RangeError(`no leaf ${index} in a tree of ${size}`);
  const path: Range[] = [];
  const walk = (m: number, start: number, end: number) => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, start, start + k);
      path.push([start + k, end]);
    } else {
      walk(m - k, start + k, end);
      path.push([start, start + k]);
    }
  };
  walk(index, 0, size);
  return path;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]), as ranges; empty when 0 ≤ first = second or first = 0. */
export function consistencyRanges(first: number, second: number): Range[] {
  if (!isSize(first) || !isSize(second) || first > second) throw new RangeError(`no consistency from ${first} to ${second}`);
  if (first === 0 || first === second) return [];
  const proof: Range[] = [];
  const sub = (m: number, start: number, end: number, whole: boolean) => {
    const n = end - start;
    if (m === n) {
      if (!whole) proof.push([start, end]);
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      sub(m, start, start + k, whole);
      proof.push([start + k, end]);
    } else {
      sub(m - k, start + k, end, false);
      proof.push([start, start + k]);
    }
  };
  sub(first, 0, second, true);
  return proof;
}

/** The complete subtrees whose hashes `hashRange` needs for [start, end), left to right. */
export function completeSubtreesOf([start, end]: Range): NodeId[] {
  const n = end - start;
  if (n <= 0) throw new RangeError("empty range");
  if (isPowerOfTwo(n) && start % n === 0) return [{ level: Math.log2(n), index: start / n }];
  const k = splitPoint(n);
  return [...completeSubtreesOf([start, start + k]), ...completeSubtreesOf([start + k, end])];
}

/** MTH(D[start:end]) from the complete subtree hashes (`node(level, index)`). */
export function hashRange([start, end]: Range, node: (id: NodeId) => Hash): Hash {
  const n = end - start;
  if (n <= 0) throw new RangeError("empty range");
  if (isPowerOfTwo(n) && start % n === 0) return node({ level: Math.log2(n), index: start / n });
  const k = splitPoint(n);
  return nodeHash(hashRange([start, start + k], node), hashRange([start + k, end], node));
}

/** Every complete subtree hash of a list of leaf hashes, keyed `level:index` (in-memory stores, tests). */
export function completeSubtreeHashes(leaves: readonly Hash[]): Map<string, Hash> {
  const nodes = new Map<string, Hash>();
  let level = 0;
  let row = [...leaves];
  while (row.length > 0) {
    row.forEach((hash, index) => nodes.set(`${level}:${index}`, hash));
    const next: Hash[] = [];
    for (let i = 0; i + 1 < row.length; i += 2) next.push(nodeHash(row[i]!, row[i + 1]!));
    row = next;
    level++;
  }
  return nodes;
}

function lookup(nodes: Map<string, Hash>) {
  return ({ level, index }: NodeId): Hash => {
    const hash = nodes.get(`${level}:${index}`);
    if (!hash) throw new RangeError(`no node ${level}:${index}`);
    return hash;
  };
}

/** MTH(D[n]) of a list of leaf hashes (RFC 9162 §2.1.1). */
export function rootOf(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return emptyRoot();
  return hashRange([0, leaves.length], lookup(completeSubtreeHashes(leaves)));
}

/** In-memory inclusion proof of leaf `index` in the tree of the first `size` leaves. */
export function inclusionProof(leaves: readonly Hash[], index: number, size = leaves.length): Hash[] {
  if (size > leaves.length) throw new RangeError("size beyond the leaves");
  const node = lookup(completeSubtreeHashes(leaves.slice(0, size)));
  return inclusionRanges(index, size).map((range) => hashRange(range, node));
}

/** In-memory consistency proof between the trees of the first `first` and `second` leaves. */
export function consistencyProof(leaves: readonly Hash[], first: number, second = leaves.length): Hash[] {
  if (second > leaves.length) throw new RangeError("size beyond the leaves");
  const node = lookup(completeSubtreeHashes(leaves.slice(0, second)));
  return consistencyRanges(first, second).map((range) => hashRange(range, node));
}

const validHashes = (hashes: readonly Uint8Array[]) => hashes.every((h) => h.length === HASH_SIZE);

/** RFC 9162 §2.1.3.2: the root that an inclusion proof leads to, or null when it cannot be a proof. */
export function rootFromInclusionProof(index: number, size: number, leaf: Hash, proof: readonly Hash[]): Hash | null {
  if (!isSize(index) || !isSize(size) || index >= size) return null;
  if (leaf.length !== HASH_SIZE || !validHashes(proof)) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

export function verifyInclusion(index: number, size: number, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  const computed = rootFromInclusionProof(index, size, leaf, proof);
  return computed !== null && root.length === HASH_SIZE && equalHashes(computed, root);
}

/** RFC 9162 §2.1.4.2. A tree of size 0 is consistent with every tree; equal sizes need equal roots. */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Hash,
  secondRoot: Hash,
  proof: readonly Hash[],
): boolean {
  if (!isSize(first) || !isSize(second) || first > second) return false;
  if (!validHashes(proof)) return false;
  if (first === 0) return proof.length === 0;
  if (firstRoot.length !== HASH_SIZE || secondRoot.length !== HASH_SIZE) return false;
  if (first === second) return proof.length === 0 && equalHashes(firstRoot, secondRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalHashes(fr, firstRoot) && equalHashes(sr, secondRoot);
}

/** The nodes of the right edge of a tree of `size` leaves, largest first (one per bit of size). */
export function frontierNodes(size: number): NodeId[] {
  const ids: NodeId[] = [];
  for (let level = Math.floor(Math.log2(Math.max(size, 1))) + 1; level >= 0; level--) {
    const width = 2 ** level;
    if (Math.floor(size / width) % 2 === 1) ids.push({ level, index: Math.floor(size / width) - 1 });
  }
  return ids;
}

/**
 * The compact right edge of a tree: the hashes of `frontierNodes(size)`. Appending a leaf pushes it
 * and merges equal-sized neighbours; the root folds the edge from the right.
 */
export class Frontier {
  private constructor(
    private _size: number,
    private readonly hashes: Hash[],
  ) {}

  static empty(): Frontier {
    return new Frontier(0, []);
  }

  /** From the hashes of frontierNodes(size), in that order. */
  static of(size: number, hashes: readonly Hash[]): Frontier {
    if (!isSize(size) || frontierNodes(size).length !== hashes.length || !validHashes(hashes)) {
      throw new RangeError(`a frontier of size ${size} has one hash per bit of its size`);
    }
    return new Frontier(size, [...hashes]);
  }

  get size(): number {
    return this._size;
  }

  get nodes(): Hash[] {
    return [...this.hashes];
  }

  /** Appends a leaf hash; returns the complete subtrees it completed (the leaf first). */
  append(leaf: Hash): Array<NodeId & { hash: Hash }> {
    if (leaf.length !== HASH_SIZE) throw new TypeError("a leaf hash is 32 bytes");
    const index = this._size;
    const created: Array<NodeId & { hash: Hash }> = [{ level: 0, index, hash: leaf }];
    let hash = leaf;
    let level = 0;
    // Each trailing 1 bit of the old size is a left sibling to merge with.
    while (Math.floor(index / 2 ** level) % 2 === 1) {
      hash = nodeHash(this.hashes.pop()!, hash);
      level++;
      created.push({ level, index: Math.floor(index / 2 ** level), hash });
    }
    this.hashes.push(hash);
    this._size++;
    return created;
  }

  root(): Hash {
    if (this.hashes.length === 0) return emptyRoot();
    let root = this.hashes[this.hashes.length - 1]!;
    for (let i = this.hashes.length - 2; i >= 0; i--) root = nodeHash(this.hashes[i]!, root);
    return root;
  }
}
