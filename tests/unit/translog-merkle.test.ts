import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  completeSubtreeHashes,
  completeSubtreesOf,
  consistencyProof,
  consistencyRanges,
  emptyRoot,
  Frontier,
  frontierNodes,
  inclusionProof,
  leafHash,
  rootFromInclusionProof,
  rootOf,
  toHex,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from "@/lib/translog/merkle";

// The eight leaves and the roots of their prefixes used by the RFC 6962 / 9162 reference test suites
// (certificate-transparency-go, transparency-dev/merkle proof/verify_test.go).
const leaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map((hex) =>
  leafHash(Buffer.from(hex, "hex")),
);
const roots = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
const h = (hex: string): Hash => new Uint8Array(Buffer.from(hex, "hex"));
const rootAt = (size: number) => h(roots[size - 1]!);

// (leaf index, tree size, proof) with 0-based indexes.
const inclusionVectors: Array<[number, number, string[]]> = [
  [
    0,
    8,
    [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  ],
  [
    5,
    8,
    [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
  [2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]],
  [
    1,
    5,
    [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  ],
  [0, 1, []],
];

const consistencyVectors: Array<[number, number, string[]]> = [
  [1, 1, []],
  [
    1,
    8,
    [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  ],
  [
    6,
    8,
    [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
  [
    2,
    5,
    [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  ],
  [
    6,
    7,
    [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  ],
];

const flip = (hash: Hash, bit = 3): Hash => {
  const copy = new Uint8Array(hash);
  copy[0]! ^= 1 << bit;
  return copy;
};

describe("RFC 9162 hashing against the reference vectors", () => {
  it("hashes the empty tree as SHA-256 of nothing", () => {
    expect(toHex(emptyRoot())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(toHex(rootOf([]))).toBe(toHex(emptyRoot()));
  });

  it("gives the root of every prefix of the eight leaves, in memory and incrementally", () => {
    const frontier = Frontier.empty();
    for (let size = 1; size <= 8; size++) {
      expect(toHex(rootOf(leaves.slice(0, size)))).toBe(roots[size - 1]);
      frontier.append(leaves[size - 1]!);
      expect(toHex(frontier.root())).toBe(roots[size - 1]);
    }
  });

  it.each(inclusionVectors)("produces and verifies the inclusion proof of leaf %i in a tree of %i", (index, size, expected) => {
    const proof = inclusionProof(leaves, index, size);
    expect(proof.map(toHex)).toEqual(expected);
    expect(verifyInclusion(index, size, leaves[index]!, proof, rootAt(size))).toBe(true);
  });

  it.each(consistencyVectors)("produces and verifies the consistency proof from %i to %i", (first, second, expected) => {
    const proof = consistencyProof(leaves, first, second);
    expect(proof.map(toHex)).toEqual(expected);
    expect(verifyConsistency(first, second, rootAt(first), rootAt(second), proof)).toBe(true);
  });

  it("refuses every corruption of the reference inclusion proofs", () => {
    for (const [index, size, hexes] of inclusionVectors.filter(([, , p]) => p.length > 0)) {
      const proof = hexes.map(h);
      const root = rootAt(size);
      const leaf = leaves[index]!;
      const bad: Array<[number, number, Hash, Hash[], Hash]> = [
        [index - 1, size, leaf, proof, root],
        [index + 1, size, leaf, proof, root],
        [index ^ 2, size, leaf, proof, root],
        [index, size * 2, leaf, proof, root],
        [index, Math.floor(size / 2), leaf, proof, root],
        [index, size, leafHash(Buffer.from("WrongLeaf")), proof, root],
        [index, size, leaf, proof, emptyRoot()],
        [index, size, leaf, [...proof, root], root],
        [index, size, leaf, [root, ...proof], root],
        [index, size, leaf, proof.slice(0, -1), root],
        [index, size, leaf, [...proof, new Uint8Array()], root],
        ...proof.map((_, i): [number, number, Hash, Hash[], Hash] => [
          index,
          size,
          leaf,
          proof.map((p, j) => (i === j ? flip(p) : p)),
          root,
        ]),
      ];
      for (const [i, s, l, p, r] of bad) expect(verifyInclusion(i, s, l, p, r)).toBe(false);
    }
  });

  it("refuses every corruption of the reference consistency proofs", () => {
    for (const [first, second, hexes] of consistencyVectors.filter(([, , p]) => p.length > 0)) {
      const proof = hexes.map(h);
      const [r1, r2] = [rootAt(first), rootAt(second)];
      const bad: Array<[number, number, Hash, Hash, Hash[]]> = [
        [first - 1, second, r1, r2, proof],
        [first + 1, second, r1, r2, proof],
        [first ^ 2, second, r1, r2, proof],
        [first, second * 2, r1, r2, proof],
        [first, Math.floor(second / 2), r1, r2, proof],
        [first, second, r2, r1, proof],
        [first, second, r1, r2, []],
        [first, second, r1, r2, [...proof, r1]],
        [first, second, r1, r2, [...proof, r2]],
        [first, second, r1, r2, [r1, ...proof]],
        [first, second, r1, r2, [proof[0]!, ...proof]],
        [first, second, r1, r2, proof.slice(0, -1)],
        ...proof.map((_, i): [number, number, Hash, Hash, Hash[]] => [
          first,
          second,
          r1,
          r2,
          proof.map((p, j) => (i === j ? flip(p, 4) : p)),
        ]),
      ];
      for (const [a, b, x, y, p] of bad) expect(verifyConsistency(a, b, x, y, p)).toBe(false);
    }
  });

  it("treats the edge sizes as RFC 9162 says", () => {
    const some = leaves[3]!;
    expect(verifyConsistency(0, 5, emptyRoot(), rootAt(5), [])).toBe(true);
    expect(verifyConsistency(0, 5, emptyRoot(), rootAt(5), [some])).toBe(false);
    expect(verifyConsistency(3, 3, rootAt(3), rootAt(3), [])).toBe(true);
    expect(verifyConsistency(3, 3, rootAt(3), rootAt(4), [])).toBe(false);
    expect(verifyConsistency(4, 3, rootAt(4), rootAt(3), [])).toBe(false);
    expect(verifyInclusion(0, 0, some, [], emptyRoot())).toBe(false);
    expect(rootFromInclusionProof(2, 1, some, [])).toBeNull();
  });
});

const leafList = fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 70 }).map((data) => data.map(leafHash));

describe("random trees (property tests)", () => {
  it("verifies every inclusion proof and refuses a changed leaf or proof", () => {
    fc.assert(
      fc.property(leafList, fc.nat(), fc.nat(), (list, a, b) => {
        const size = 1 + (a % list.length);
        const index = b % size;
        const root = rootOf(list.slice(0, size));
        const proof = inclusionProof(list, index, size);
        expect(verifyInclusion(index, size, list[index]!, proof, root)).toBe(true);
        expect(verifyInclusion(index, size, flip(list[index]!), proof, root)).toBe(false);
        proof.forEach((_, i) => {
          expect(
            verifyInclusion(
              index,
              size,
              list[index]!,
              proof.map((p, j) => (i === j ? flip(p) : p)),
              root,
            ),
          ).toBe(false);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("verifies every consistency proof and refuses a changed root or proof", () => {
    fc.assert(
      fc.property(leafList, fc.nat(), fc.nat(), (list, a, b) => {
        const second = 1 + (a % list.length);
        const first = 1 + (b % second);
        const [r1, r2] = [rootOf(list.slice(0, first)), rootOf(list.slice(0, second))];
        const proof = consistencyProof(list, first, second);
        expect(verifyConsistency(first, second, r1, r2, proof)).toBe(true);
        if (first < second) {
          expect(verifyConsistency(first, second, flip(r1), r2, proof)).toBe(false);
          expect(verifyConsistency(first, second, r1, flip(r2), proof)).toBe(false);
          proof.forEach((_, i) => {
            expect(
              verifyConsistency(
                first,
                second,
                r1,
                r2,
                proof.map((p, j) => (i === j ? flip(p) : p)),
              ),
            ).toBe(false);
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it("keeps the frontier, its stored nodes and the list's root equal, and proofs need O(log n) nodes", () => {
    fc.assert(
      fc.property(leafList, (list) => {
        const frontier = Frontier.empty();
        const stored = new Map<string, Hash>();
        for (const leaf of list) {
          for (const node of frontier.append(leaf)) stored.set(`${node.level}:${node.index}`, node.hash);
          // A frontier rebuilt from the stored nodes gives the same root.
          const rebuilt = Frontier.of(
            frontier.size,
            frontierNodes(frontier.size).map(({ level, index }) => stored.get(`${level}:${index}`)!),
          );
          expect(toHex(rebuilt.root())).toBe(toHex(rootOf(list.slice(0, frontier.size))));
        }
        expect([...stored.keys()].sort()).toEqual([...completeSubtreeHashes(list).keys()].sort());
        for (const range of consistencyRanges(1, list.length)) {
          expect(completeSubtreesOf(range).length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(list.length + 1)));
        }
      }),
      { numRuns: 100 },
    );
  });
});
