/**
 * Whether any two segments of a set meet where they must not, in O(n log n): the Shamos–Hoey sweep.
 * A vertical line sweeps the plane left to right (ties broken bottom to top, as if slightly tilted);
 * the segments it crosses are kept ordered from bottom to top in a treap, and a segment is only ever
 * tested against its neighbours in that order — when it enters, and against each other when the one
 * between them leaves. The leftmost forbidden contact is found before the sweep passes it, because
 * just before it the two segments involved are neighbours.
 *
 * The caller guarantees what makes the order well defined: no point is the end of more than two
 * segments, and two segments sharing an end ("allowed" pairs, e.g. consecutive edges of a ring)
 * meet only there. Every other contact, touching included, is reported. Should the order still turn
 * out inconsistent (a segment not found where it was put), the answer falls back to testing every
 * pair, so it is always exact.
 */
export type Position = [number, number];

export type Segment = { a: Position; b: Position };

/** Sign of the turn a → b → c: 1 counter-clockwise (c left of a→b), −1 clockwise, 0 collinear. */
export function orient(a: Position, b: Position, c: Position): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}

const onBox = (a: Position, b: Position, p: Position) =>
  Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);

/** Whether segments [p1, p2] and [q1, q2] share at least one point (touching counts). */
export function segmentsMeet(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const o1 = orient(p1, p2, q1);
  const o2 = orient(p1, p2, q2);
  const o3 = orient(q1, q2, p1);
  const o4 = orient(q1, q2, p2);
  if (o1 !== o2 && o3 !== o4) return true;
  return (
    (o1 === 0 && onBox(p1, p2, q1)) ||
    (o2 === 0 && onBox(p1, p2, q2)) ||
    (o3 === 0 && onBox(q1, q2, p1)) ||
    (o4 === 0 && onBox(q1, q2, p2))
  );
}

/** Lexicographic order of points: x, then y. */
const before = (p: Position, q: Position) => p[0] - q[0] || p[1] - q[1];

type Node = { seg: number; prio: number; left: Node | null; right: Node | null };

class Inconsistent extends Error {}

/**
 * The first forbidden pair found, as indices into `segments`, or null when there is none.
 * `allowed(i, j)` says whether i and j may share an end (they must meet nowhere else).
 */
export function findForbiddenContact(segments: Segment[], allowed: (i: number, j: number) => boolean): [number, number] | null {
  try {
    return sweep(segments, allowed);
  } catch (error) {
    if (!(error instanceof Inconsistent)) throw error;
    return bruteForce(segments, allowed);
  }
}

/** Every pair, for the rare inconsistent order and for tests to compare against. */
export function bruteForce(segments: Segment[], allowed: (i: number, j: number) => boolean): [number, number] | null {
  for (let i = 0; i < segments.length; i++)
    for (let j = i + 1; j < segments.length; j++) {
      if (allowed(i, j)) continue;
      const s = segments[i]!;
      const t = segments[j]!;
      if (segmentsMeet(s.a, s.b, t.a, t.b)) return [i, j];
    }
  return null;
}

function sweep(segments: Segment[], allowed: (i: number, j: number) => boolean): [number, number] | null {
  const n = segments.length;
  // Each segment from its lexicographically smaller end (left) to its larger one (right).
  const left: Position[] = new Array(n);
  const right: Position[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const { a, b } = segments[i]!;
    const swap = before(a, b) > 0;
    left[i] = swap ? b : a;
    right[i] = swap ? a : b;
  }
  // Events: 2i is i's left end, 2i + 1 its right end. At one point, segments leave before others enter.
  const events = Array.from({ length: 2 * n }, (_, k) => k);
  const pointOf = (k: number) => ((k & 1) === 0 ? left[k >> 1]! : right[k >> 1]!);
  events.sort((k, l) => before(pointOf(k), pointOf(l)) || (l & 1) - (k & 1) || k - l);

  /** Bottom-to-top order of two segments the sweep crosses at once (well defined while none cross). */
  const compare = (s: number, t: number): number => {
    if (s === t) return 0;
    const sLater = before(left[s]!, left[t]!) > 0;
    const earlier = sLater ? t : s;
    const later = sLater ? s : t;
    let o = orient(left[earlier]!, right[earlier]!, left[later]!);
    if (o === 0) o = orient(left[earlier]!, right[earlier]!, right[later]!);
    if (o === 0) return s - t; // collinear overlap: a contact the neighbour tests report
    // o > 0: the later segment is above the earlier one.
    return sLater ? o : -o;
  };

  let root: Node | null = null;
  // A small deterministic generator for the treap's priorities (same answer on every run).
  let seed = 0x9e3779b9;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };

  /** Splits by segment s: (nodes below s, nodes at or above s), or with `inclusive` (at or below, above). */
  const split = (node: Node | null, s: number, inclusive: boolean): [Node | null, Node | null] => {
    if (!node) return [null, null];
    const c = compare(node.seg, s);
    if (c < 0 || (inclusive && c === 0)) {
      const [l, r] = split(node.right, s, inclusive);
      node.right = l;
      return [node, r];
    }
    const [l, r] = split(node.left, s, inclusive);
    node.left = r;
    return [l, node];
  };
  const merge = (l: Node | null, r: Node | null): Node | null => {
    if (!l) return r;
    if (!r) return l;
    if (l.prio > r.prio) {
      l.right = merge(l.right, r);
      return l;
    }
    r.left = merge(l, r.left);
    return r;
  };
  const below = (s: number): number | null => {
    let node = root;
    let found: number | null = null;
    while (node) {
      if (compare(node.seg, s) < 0) {
        found = node.seg;
        node = node.right;
      } else node = node.left;
    }
    return found;
  };
  const above = (s: number): number | null => {
    let node = root;
    let found: number | null = null;
    while (node) {
      if (compare(node.seg, s) > 0) {
        found = node.seg;
        node = node.left;
      } else node = node.right;
    }
    return found;
  };
  const forbidden = (s: number | null, t: number | null): boolean => {
    if (s === null || t === null || s === t || allowed(s, t)) return false;
    return segmentsMeet(left[s]!, right[s]!, left[t]!, right[t]!);
  };
  const pair = (s: number, t: number): [number, number] => (s < t ? [s, t] : [t, s]);

  for (const k of events) {
    const s = k >> 1;
    if ((k & 1) === 0) {
      const [l, r] = split(root, s, false);
      root = merge(merge(l, { seg: s, prio: random(), left: null, right: null }), r);
      const down = below(s);
      if (forbidden(s, down)) return pair(s, down!);
      const up = above(s);
      if (forbidden(s, up)) return pair(s, up!);
    } else {
      const down = below(s);
      const up = above(s);
      if (forbidden(down, up)) return pair(down!, up!);
      const [l, rest] = split(root, s, false);
      const [middle, r] = split(rest, s, true);
      if (!middle || middle.seg !== s || middle.left || middle.right) throw new Inconsistent();
      root = merge(l, r);
    }
  }
  return null;
}
