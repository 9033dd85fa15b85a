/**
 * Maximum-weight matching in a general graph with exact integer weights, solved again cheaply
 * after a few vertices' edges change: the primal-dual blossom method (Edmonds; Galil, Micali
 * and Gabow), in the usual O(n^3) stage form, extended so that a solution can be resumed.
 *
 * The graph is complete on its live vertices; a weight of 0 means "no edge", and such an edge
 * is never matched. The matching maximises the total weight (not the cardinality: the Dutch
 * weights put the pair count in their highest bits, see edgeWeight in dutch.ts).
 *
 * Resuming: after setWeight(v, ...) the vertex v is made free and alone (every blossom that
 * holds it is dissolved into its vertices' duals, which keeps the duals feasible), its own
 * dual is raised until its edges are feasible again, and stages run until no free vertex has a
 * positive dual. A stage roots every free vertex whose dual is positive; when a vertex dual
 * reaches zero the vertex either is such a root (it stays free) or is matched, and then the
 * alternating path from its root to it is flipped so that the root is matched and it is free.
 * A free vertex whose dual is zero ends an augmenting path when an S-vertex reaches it. So the
 * optimality conditions (feasible duals, tight matched edges, zero duals on free vertices,
 * full blossoms) hold at the end of every solve, and each changed vertex costs O(n^2).
 *
 * Duals are kept in units where an edge's slack is dual[i] + dual[j] - 2 w(i, j) (plus twice
 * the duals of the blossoms holding both); roots keep even duals so S-S slacks stay even.
 *
 * Numbers: the Dutch weights run to hundreds of bits, and the algorithm only adds, subtracts,
 * halves and compares them, so every weight, dual and slack is a fixed-width integer of L
 * limbs of 48 bits in a Float64Array (least significant first; every limb but the top one in
 * [0, 2^48), the top one signed), exact in doubles and free of allocation, where bigint
 * arithmetic allocated a number for every slack (about 70 % of a 1,000-player pairing).
 * L grows with the widest weight set. The arithmetic is exact, so every step, tie and
 * result is the one the same algorithm gives with bigint.
 */

/** Bits per limb: a sum of three limbs and a carry stays below 2^53, exact in a double. */
const LIMB_BITS = 48;
const BASE = 2 ** LIMB_BITS;
const INV_BASE = 2 ** -LIMB_BITS;
const HEX_PER_LIMB = LIMB_BITS / 4;

/** Carries every limb but the top one into [0, BASE). */
function normalize(a: Float64Array, o: number, L: number): void {
  for (let t = 0; t < L - 1; t++) {
    const x = a[o + t];
    if (x >= 0 && x < BASE) continue;
    const c = Math.floor(x * INV_BASE);
    a[o + t] = x - c * BASE;
    a[o + t + 1] += c;
  }
}

/** Sign of a - b (both normalized). */
function compare(a: Float64Array, ao: number, b: Float64Array, bo: number, L: number): number {
  for (let t = L - 1; t >= 0; t--) {
    const x = a[ao + t];
    const y = b[bo + t];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function isZero(a: Float64Array, o: number, L: number): boolean {
  for (let t = 0; t < L; t++) if (a[o + t] !== 0) return false;
  return true;
}

/** a > 0 (normalized). */
function isPositive(a: Float64Array, o: number, L: number): boolean {
  const top = a[o + L - 1];
  if (top !== 0) return top > 0;
  for (let t = L - 2; t >= 0; t--) if (a[o + t] !== 0) return true;
  return false;
}

function copy(to: Float64Array, to0: number, from: Float64Array, from0: number, L: number): void {
  for (let t = 0; t < L; t++) to[to0 + t] = from[from0 + t];
}

/** a += sign * b (sign 1 or -1), normalized. */
function addTo(a: Float64Array, ao: number, b: Float64Array, bo: number, sign: number, L: number): void {
  let c = 0;
  for (let t = 0; t < L - 1; t++) {
    const x = a[ao + t] + sign * b[bo + t] + c;
    c = Math.floor(x * INV_BASE);
    a[ao + t] = x - c * BASE;
  }
  a[ao + L - 1] += sign * b[bo + L - 1] + c;
}

/** out = x + y - z, normalized (all normalized). */
function sumDiff(
  out: Float64Array, oo: number,
  x: Float64Array, xo: number,
  y: Float64Array, yo: number,
  z: Float64Array, zo: number,
  L: number,
): void {
  let c = 0;
  for (let t = 0; t < L - 1; t++) {
    const v = x[xo + t] + y[yo + t] - z[zo + t] + c;
    c = Math.floor(v * INV_BASE);
    out[oo + t] = v - c * BASE;
  }
  out[oo + L - 1] = x[xo + L - 1] + y[yo + L - 1] - z[zo + L - 1] + c;
}

/**
 * Sign of x + y - z - c (all normalized), from the top limb down: it stops at the first limb
 * where the running difference reaches 2 units, which the limbs below (each of x + y - z - c
 * within 2 * BASE - 2) cannot undo. So an edge's slack is compared without being computed.
 */
function sumDiffCompare(
  x: Float64Array, xo: number,
  y: Float64Array, yo: number,
  z: Float64Array, zo: number,
  c: Float64Array, co: number,
  L: number,
): number {
  let d = 0;
  for (let t = L - 1; t >= 0; t--) {
    d = d * BASE + (x[xo + t] + y[yo + t] - z[zo + t] - c[co + t]);
    if (d >= 2) return 1;
    if (d <= -2) return -1;
  }
  return d;
}

/** Sign of x + y - z (all normalized), as sumDiffCompare with c = 0. */
function sumDiffSign(x: Float64Array, xo: number, y: Float64Array, yo: number, z: Float64Array, zo: number, L: number): number {
  let d = 0;
  for (let t = L - 1; t >= 0; t--) {
    d = d * BASE + (x[xo + t] + y[yo + t] - z[zo + t]);
    if (d >= 2) return 1;
    if (d <= -2) return -1;
  }
  return d;
}

/** out = floor(a / 2) (bigint's a >> 1n). */
function half(out: Float64Array, a: Float64Array, ao: number, L: number): void {
  for (let t = 0; t < L; t++) {
    const x = a[ao + t];
    let h = Math.floor(x / 2);
    if (t + 1 < L) {
      const up = a[ao + t + 1];
      if (up - 2 * Math.floor(up / 2) === 1) h += BASE / 2;
    }
    out[t] = h;
  }
}

export class WeightedMatching {
  readonly n: number;
  /** Limbs per number. */
  private L = 2;
  /** 2 * w(i, j) at (i * n + j) * L, symmetric; hasEdge[i * n + j] is 0 for "no edge". */
  private w2: Float64Array;
  private readonly hasEdge: Uint8Array;
  private dual: Float64Array;
  /** mate[v] is the remote endpoint p of v's matched edge, or -1. */
  private readonly mate: Int32Array;
  private readonly label: Int8Array;
  private readonly labelEnd: Int32Array;
  private readonly inBlossom: Int32Array;
  private readonly blossomParent: Int32Array;
  private readonly blossomChilds: (number[] | null)[];
  private readonly blossomBase: Int32Array;
  private readonly blossomEndps: (number[] | null)[];
  private readonly blossomLeaves: (number[] | null)[];
  private readonly bestEdge: Int32Array;
  /** The slack of bestEdge[b] as of epoch bestStamp[b] (duals change only between epochs). */
  private bestSlack: Float64Array;
  private readonly bestStamp: Int32Array;
  private epoch = 0;
  private readonly scratchEdge: Int32Array;
  private scratchSlack: Float64Array;
  /** Single numbers: a slack being looked at, the dual adjustment, another. */
  private tmp: Float64Array;
  private delta: Float64Array;
  private tmp2: Float64Array;
  private readonly blossomBestEdges: (number[] | null)[];
  private readonly unusedBlossoms: number[];
  private allowEdge: Uint8Array;
  private readonly allowed: number[] = [];
  private queue: number[] = [];
  /** Vertices taken out (locked into a pair); they are skipped everywhere. */
  private readonly removed: Uint8Array;
  private readonly lockedMate: Int32Array;
  private live: number[];
  private readonly dirty = new Set<number>();

  constructor(n: number) {
    this.n = n;
    const L = this.L;
    this.w2 = new Float64Array(n * n * L);
    this.hasEdge = new Uint8Array(n * n);
    this.dual = new Float64Array(2 * n * L);
    this.mate = new Int32Array(n).fill(-1);
    this.label = new Int8Array(2 * n);
    this.labelEnd = new Int32Array(2 * n).fill(-1);
    this.inBlossom = Int32Array.from({ length: n }, (_, i) => i);
    this.blossomParent = new Int32Array(2 * n).fill(-1);
    this.blossomChilds = new Array<number[] | null>(2 * n).fill(null);
    this.blossomBase = new Int32Array(2 * n).fill(-1);
    for (let i = 0; i < n; i++) this.blossomBase[i] = i;
    this.blossomEndps = new Array<number[] | null>(2 * n).fill(null);
    this.blossomLeaves = new Array<number[] | null>(2 * n).fill(null);
    this.bestEdge = new Int32Array(2 * n).fill(-1);
    this.bestSlack = new Float64Array(2 * n * L);
    this.bestStamp = new Int32Array(2 * n).fill(-1);
    this.scratchEdge = new Int32Array(2 * n).fill(-1);
    this.scratchSlack = new Float64Array(2 * n * L);
    this.tmp = new Float64Array(L);
    this.delta = new Float64Array(L);
    this.tmp2 = new Float64Array(L);
    this.blossomBestEdges = new Array<number[] | null>(2 * n).fill(null);
    this.unusedBlossoms = [];
    for (let b = 2 * n - 1; b >= n; b--) this.unusedBlossoms.push(b);
    this.allowEdge = new Uint8Array(n * n);
    this.removed = new Uint8Array(n);
    this.lockedMate = new Int32Array(n).fill(-1);
    this.live = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < n; i++) this.dirty.add(i);
  }

  /** Sets w(i, j) = w(j, i) >= 0; `i` is the vertex whose edges changed (it is freed at the next solve). */
  setWeight(i: number, j: number, weight: bigint): void {
    if (weight < 0n) throw new RangeError('weighted matching: negative weight');
    const hex = weight.toString(16);
    // 2w needs one bit more than w; the duals have the top limb's room above.
    const limbs = Math.floor((hex.length * 4 + 1) / LIMB_BITS) + 1;
    if (limbs > this.L) this.widen(limbs);
    const L = this.L;
    const x = this.tmp;
    x.fill(0);
    for (let t = 0, end = hex.length; end > 0; t++, end -= HEX_PER_LIMB) {
      x[t] = 2 * Number.parseInt(hex.slice(Math.max(0, end - HEX_PER_LIMB), end), 16);
    }
    normalize(x, 0, L);
    const e = i * this.n + j;
    const has = weight === 0n ? 0 : 1;
    if (this.hasEdge[e] === has && compare(this.w2, e * L, x, 0, L) === 0) return;
    const f = j * this.n + i;
    copy(this.w2, e * L, x, 0, L);
    copy(this.w2, f * L, x, 0, L);
    this.hasEdge[e] = has;
    this.hasEdge[f] = has;
    this.dirty.add(i);
  }

  /** Locks a and b together for good: they leave the graph, and mates() reports them as a pair. */
  lockPair(a: number, b: number): void {
    for (const v of [a, b]) {
      this.isolate(v);
      this.dirty.delete(v);
    }
    this.removed[a] = 1;
    this.removed[b] = 1;
    this.lockedMate[a] = b;
    this.lockedMate[b] = a;
    this.live = this.live.filter((v) => !this.removed[v]);
  }

  /** mate[v] (a vertex), or v itself when v is unmatched. */
  mates(): Int32Array {
    const result = new Int32Array(this.n);
    for (let v = 0; v < this.n; v++) {
      if (this.removed[v]) result[v] = this.lockedMate[v];
      else result[v] = this.mate[v] === -1 ? v : this.endpoint(this.mate[v]);
    }
    return result;
  }

  /** Solves again after the changes since the last solve. */
  solve(): void {
    const L = this.L;
    const D = this.dual;
    const W = this.w2;
    const n = this.n;
    if (this.dirty.size > 0) {
      const changed = [...this.dirty].filter((v) => !this.removed[v]);
      this.dirty.clear();
      for (const v of changed) this.isolate(v);
      const need = this.tmp;
      const d = this.tmp2;
      for (const v of changed) {
        copy(need, 0, D, v * L, L);
        if (need[L - 1] < 0) need.fill(0);
        for (const j of this.live) {
          const e = v * n + j;
          if (j === v || !this.hasEdge[e]) continue;
          // d = w2[v][j] - dual[j]
          let c = 0;
          for (let t = 0; t < L - 1; t++) {
            const y = W[e * L + t] - D[j * L + t] + c;
            c = Math.floor(y * INV_BASE);
            d[t] = y - c * BASE;
          }
          d[L - 1] = W[e * L + L - 1] - D[j * L + L - 1] + c;
          if (compare(d, 0, need, 0, L) > 0) copy(need, 0, d, 0, L);
        }
        copy(D, v * L, need, 0, L);
      }
      // Pair changed vertices along tight edges while both ends are free and alone: the duals
      // stay feasible and the matched edges tight, and the stages have fewer roots to grow.
      for (const v of changed) {
        if (this.mate[v] !== -1 || this.inBlossom[v] !== v) continue;
        for (const j of this.live) {
          const e = v * n + j;
          if (j === v || !this.hasEdge[e] || this.mate[j] !== -1 || this.inBlossom[j] !== j) continue;
          if (sumDiffSign(D, v * L, D, j * L, W, e * L, L) === 0) {
            this.mate[v] = this.remote(v, j);
            this.mate[j] = this.remote(j, v);
            break;
          }
        }
      }
    }
    // Roots keep even duals.
    for (const v of this.live) {
      const b = this.inBlossom[v];
      if (this.mate[v] === -1 && this.blossomBase[b] === v && D[v * L] % 2 === 1) {
        D[v * L] += 1;
        normalize(D, v * L, L);
      }
    }
    while (this.stage()) {
      /* next stage */
    }
  }

  // --- internals -----------------------------------------------------------------------------

  /** Re-lays every number in `limbs` limbs (a weight wider than the current ones was set). */
  private widen(limbs: number): void {
    const old = this.L;
    const grow = (a: Float64Array, count: number): Float64Array => {
      const b = new Float64Array(count * limbs);
      for (let i = 0; i < count; i++) {
        copy(b, i * limbs, a, i * old, old);
        normalize(b, i * limbs, limbs);
      }
      return b;
    };
    const n = this.n;
    this.w2 = grow(this.w2, n * n);
    this.dual = grow(this.dual, 2 * n);
    this.bestSlack = grow(this.bestSlack, 2 * n);
    this.scratchSlack = grow(this.scratchSlack, 2 * n);
    this.L = limbs;
    this.tmp = new Float64Array(limbs);
    this.delta = new Float64Array(limbs);
    this.tmp2 = new Float64Array(limbs);
  }

  private endpoint(p: number): number {
    const k = p >> 1;
    return p & 1 ? k % this.n : Math.floor(k / this.n);
  }

  private edgeOf(i: number, j: number): number {
    return i < j ? i * this.n + j : j * this.n + i;
  }

  /** Remote endpoint p of the edge (v, w) seen from v: endpoint(p) === w. */
  private remote(v: number, w: number): number {
    return v < w ? 2 * (v * this.n + w) + 1 : 2 * (w * this.n + v);
  }

  /** out[o..] = the slack of edge k. */
  private slack(k: number, out: Float64Array, o: number): void {
    const L = this.L;
    const i = Math.floor(k / this.n);
    const j = k % this.n;
    sumDiff(out, o, this.dual, i * L, this.dual, j * L, this.w2, k * L, L);
  }

  /** Brings bestSlack of b (whose bestEdge must be set) up to date; it is at b * L. */
  private bestSlackOf(b: number): void {
    if (this.bestStamp[b] !== this.epoch) {
      this.slack(this.bestEdge[b], this.bestSlack, b * this.L);
      this.bestStamp[b] = this.epoch;
    }
  }

  private setBest(b: number, k: number, slack: Float64Array, o: number): void {
    this.bestEdge[b] = k;
    copy(this.bestSlack, b * this.L, slack, o, this.L);
    this.bestStamp[b] = this.epoch;
  }

  /** The vertices of b in the order of its cycle (read only: kept until b's children turn). */
  private leaves(b: number): readonly number[] {
    if (b < this.n) return [b];
    let out = this.blossomLeaves[b];
    if (out === null) {
      out = [];
      for (const t of this.blossomChilds[b]!) {
        if (t < this.n) out.push(t);
        else for (const v of this.leaves(t)) out.push(v);
      }
      this.blossomLeaves[b] = out;
    }
    return out;
  }

  /** Makes v a free vertex outside every blossom, keeping the duals feasible. */
  private isolate(v: number): void {
    for (;;) {
      let top = this.inBlossom[v];
      if (top === v) break;
      while (this.blossomParent[top] !== -1) top = this.blossomParent[top];
      this.dissolve(top);
    }
    const m = this.mate[v];
    if (m !== -1) {
      this.mate[this.endpoint(m)] = -1;
      this.mate[v] = -1;
    }
  }

  /** Turns a top-level blossom into its children, moving its dual onto its vertices. */
  private dissolve(b: number): void {
    const L = this.L;
    const base = this.blossomBase[b];
    const vertices = this.leaves(b);
    if (!isZero(this.dual, b * L, L)) {
      for (const v of vertices) addTo(this.dual, v * L, this.dual, b * L, 1, L);
      // The base's outside edge is no longer tight.
      const m = this.mate[base];
      if (m !== -1) {
        this.mate[this.endpoint(m)] = -1;
        this.mate[base] = -1;
      }
    }
    for (const s of this.blossomChilds[b]!) {
      this.blossomParent[s] = -1;
      if (s < this.n) this.inBlossom[s] = s;
      else for (const v of this.leaves(s)) this.inBlossom[v] = s;
    }
    this.recycle(b);
  }

  private recycle(b: number): void {
    this.label[b] = -1;
    this.labelEnd[b] = -1;
    this.blossomChilds[b] = null;
    this.blossomEndps[b] = null;
    this.blossomLeaves[b] = null;
    this.blossomBase[b] = -1;
    this.blossomBestEdges[b] = null;
    this.bestEdge[b] = -1;
    this.dual.fill(0, b * this.L, (b + 1) * this.L);
    this.unusedBlossoms.push(b);
  }
  private assignLabel(w: number, t: number, p: number): void {
    const b = this.inBlossom[w];
    this.label[w] = t;
    this.label[b] = t;
    this.labelEnd[w] = p;
    this.labelEnd[b] = p;
    this.bestEdge[w] = -1;
    this.bestEdge[b] = -1;
    if (t === 1) {
      for (const v of this.leaves(b)) this.queue.push(v);
    } else if (t === 2) {
      const base = this.blossomBase[b];
      const mb = this.mate[base];
      this.assignLabel(this.endpoint(mb), 1, mb ^ 1);
    }
  }

  private scanBlossom(v: number, w: number): number {
    const path: number[] = [];
    let base = -1;
    while (v !== -1 || w !== -1) {
      let b = this.inBlossom[v];
      if (this.label[b] & 4) {
        base = this.blossomBase[b];
        break;
      }
      path.push(b);
      this.label[b] = 5;
      if (this.labelEnd[b] === -1) {
        v = -1;
      } else {
        v = this.endpoint(this.labelEnd[b]);
        b = this.inBlossom[v];
        v = this.endpoint(this.labelEnd[b]);
      }
      if (w !== -1) {
        const t = v;
        v = w;
        w = t;
      }
    }
    for (const b of path) this.label[b] = 1;
    return base;
  }

  private addBlossom(base: number, k: number): void {
    const n = this.n;
    const L = this.L;
    let v = Math.floor(k / n);
    let w = k % n;
    const bb = this.inBlossom[base];
    let bv = this.inBlossom[v];
    let bw = this.inBlossom[w];
    const b = this.unusedBlossoms.pop();
    if (b === undefined) throw new Error('weighted matching: out of blossoms');
    this.blossomBase[b] = base;
    this.blossomParent[b] = -1;
    this.blossomParent[bb] = b;
    const path: number[] = [];
    const endps: number[] = [];
    while (bv !== bb) {
      this.blossomParent[bv] = b;
      path.push(bv);
      endps.push(this.labelEnd[bv]);
      v = this.endpoint(this.labelEnd[bv]);
      bv = this.inBlossom[v];
    }
    path.push(bb);
    path.reverse();
    endps.reverse();
    endps.push(2 * k);
    while (bw !== bb) {
      this.blossomParent[bw] = b;
      path.push(bw);
      endps.push(this.labelEnd[bw] ^ 1);
      w = this.endpoint(this.labelEnd[bw]);
      bw = this.inBlossom[w];
    }
    this.blossomChilds[b] = path;
    this.blossomEndps[b] = endps;
    this.label[b] = 1;
    this.labelEnd[b] = this.labelEnd[bb];
    this.dual.fill(0, b * L, (b + 1) * L);
    for (const x of this.leaves(b)) {
      if (this.label[this.inBlossom[x]] === 2) this.queue.push(x);
      this.inBlossom[x] = b;
    }
    const toEdge = this.scratchEdge;
    const toSlack = this.scratchSlack;
    const touched: number[] = [];
    const D = this.dual;
    const W = this.w2;
    const hasEdge = this.hasEdge;
    /** The edge e = (x, y), towards the S-blossom bj: kept when its slack is the least so far. */
    const consider = (e: number, x: number, y: number, bj: number): void => {
      const xo = x * L;
      const yo = y * L;
      const eo = (x * n + y) * L;
      if (toEdge[bj] === -1) touched.push(bj);
      else if (sumDiffCompare(D, xo, D, yo, W, eo, toSlack, bj * L, L) >= 0) return;
      toEdge[bj] = e;
      sumDiff(toSlack, bj * L, D, xo, D, yo, W, eo, L);
    };
    for (const child of path) {
      const cached = this.blossomBestEdges[child];
      if (cached === null) {
        for (const x of this.leaves(child)) {
          for (const y of this.live) {
            const e = x * n + y;
            if (y === x || !hasEdge[e]) continue;
            const by = this.inBlossom[y];
            if (by !== b && this.label[by] === 1) consider(this.edgeOf(x, y), x, y, by);
          }
        }
      } else {
        for (const e of cached) {
          let j = e % n;
          if (this.inBlossom[j] === b) j = Math.floor(e / n);
          const bj = this.inBlossom[j];
          if (bj !== b && this.label[bj] === 1) consider(e, Math.floor(e / n), e % n, bj);
        }
      }
      this.blossomBestEdges[child] = null;
      this.bestEdge[child] = -1;
    }
    const best: number[] = [];
    let be = -1;
    let bo = 0;
    for (const bj of touched) {
      best.push(toEdge[bj]);
      if (be === -1 || compare(toSlack, bj * L, toSlack, bo, L) < 0) {
        be = toEdge[bj];
        bo = bj * L;
      }
      toEdge[bj] = -1;
    }
    this.blossomBestEdges[b] = best;
    if (be === -1) this.bestEdge[b] = -1;
    else this.setBest(b, be, toSlack, bo);
  }

  private expandBlossom(b: number, endStage: boolean): void {
    const n = this.n;
    const childs = this.blossomChilds[b]!;
    for (const s of childs) {
      this.blossomParent[s] = -1;
      if (s < n) this.inBlossom[s] = s;
      else if (endStage && isZero(this.dual, s * this.L, this.L)) this.expandBlossom(s, endStage);
      else for (const v of this.leaves(s)) this.inBlossom[v] = s;
    }
    if (!endStage && this.label[b] === 2) {
      const endps = this.blossomEndps[b]!;
      const entryChild = this.inBlossom[this.endpoint(this.labelEnd[b] ^ 1)];
      const { jStep, endpTrick, j: start } = aroundBlossom(childs.indexOf(entryChild), childs.length);
      let j = start;
      let p = this.labelEnd[b];
      while (j !== 0) {
        this.label[this.endpoint(p ^ 1)] = 0;
        this.label[this.endpoint(at(endps, j - endpTrick) ^ endpTrick ^ 1)] = 0;
        this.assignLabel(this.endpoint(p ^ 1), 2, p);
        this.allow(at(endps, j - endpTrick) >> 1);
        j += jStep;
        p = at(endps, j - endpTrick) ^ endpTrick;
        this.allow(p >> 1);
        j += jStep;
      }
      let bv = at(childs, j);
      this.label[this.endpoint(p ^ 1)] = 2;
      this.label[bv] = 2;
      this.labelEnd[this.endpoint(p ^ 1)] = p;
      this.labelEnd[bv] = p;
      this.bestEdge[bv] = -1;
      j += jStep;
      while (at(childs, j) !== entryChild) {
        bv = at(childs, j);
        if (this.label[bv] === 1) {
          j += jStep;
          continue;
        }
        let found = -1;
        for (const v of this.leaves(bv)) {
          if (this.label[v] !== 0) {
            found = v;
            break;
          }
        }
        if (found !== -1) {
          this.label[found] = 0;
          this.label[this.endpoint(this.mate[this.blossomBase[bv]])] = 0;
          this.assignLabel(found, 2, this.labelEnd[found]);
        }
        j += jStep;
      }
    }
    this.recycle(b);
  }

  private augmentBlossom(b: number, v: number): void {
    const n = this.n;
    let t = v;
    while (this.blossomParent[t] !== b) t = this.blossomParent[t];
    if (t >= n) this.augmentBlossom(t, v);
    const childs = this.blossomChilds[b]!;
    const endps = this.blossomEndps[b]!;
    const i = childs.indexOf(t);
    const { jStep, endpTrick, j: start } = aroundBlossom(i, childs.length);
    let j = start;
    while (j !== 0) {
      j += jStep;
      t = at(childs, j);
      const p = at(endps, j - endpTrick) ^ endpTrick;
      if (t >= n) this.augmentBlossom(t, this.endpoint(p));
      j += jStep;
      t = at(childs, j);
      if (t >= n) this.augmentBlossom(t, this.endpoint(p ^ 1));
      this.mate[this.endpoint(p)] = p ^ 1;
      this.mate[this.endpoint(p ^ 1)] = p;
    }
    this.blossomChilds[b] = childs.slice(i).concat(childs.slice(0, i));
    this.blossomLeaves[b] = null;
    this.blossomEndps[b] = endps.slice(i).concat(endps.slice(0, i));
    this.blossomBase[b] = this.blossomBase[this.blossomChilds[b]![0]];
  }

  /** Flips the alternating path from s's tree root to s, s's new mate being p (or -1: s is freed). */
  private augmentFrom(s: number, p: number): void {
    const n = this.n;
    for (;;) {
      const bs = this.inBlossom[s];
      if (bs >= n) this.augmentBlossom(bs, s);
      this.mate[s] = p;
      if (this.labelEnd[bs] === -1) break;
      const t = this.endpoint(this.labelEnd[bs]);
      const bt = this.inBlossom[t];
      s = this.endpoint(this.labelEnd[bt]);
      const j = this.endpoint(this.labelEnd[bt] ^ 1);
      if (bt >= n) this.augmentBlossom(bt, j);
      this.mate[j] = this.labelEnd[bt];
      p = this.labelEnd[bt] ^ 1;
    }
  }

  /** Marks edge k allowed, at k and at its mirror (j, i), so a scan reads its own row. */
  private allow(k: number): void {
    if (!this.allowEdge[k]) {
      this.allowEdge[k] = 1;
      this.allowEdge[(k % this.n) * this.n + Math.floor(k / this.n)] = 1;
      this.allowed.push(k);
    }
  }

  /** One stage; false when no free vertex has a positive dual (the matching is optimal). */
  private stage(): boolean {
    const n = this.n;
    const L = this.L;
    const live = this.live;
    const D = this.dual;
    const W = this.w2;
    const hasEdge = this.hasEdge;
    this.epoch++;
    this.label.fill(0);
    this.bestEdge.fill(-1);
    for (let b = n; b < 2 * n; b++) this.blossomBestEdges[b] = null;
    for (const k of this.allowed) {
      this.allowEdge[k] = 0;
      this.allowEdge[(k % n) * n + Math.floor(k / n)] = 0;
    }
    this.allowed.length = 0;
    this.queue = [];
    let roots = 0;
    for (const v of live) {
      const b = this.inBlossom[v];
      if (this.mate[v] === -1 && this.label[b] === 0 && this.blossomBase[b] === v && isPositive(D, v * L, L)) {
        this.assignLabel(v, 1, -1);
        roots++;
      }
    }
    if (roots === 0) return false;
    const delta = this.delta;
    const d = this.tmp2;
    for (;;) {
      while (this.queue.length > 0) {
        const v = this.queue.pop()!;
        let bvv = this.inBlossom[v];
        const vo = v * L;
        const row = v * n;
        for (const w of live) {
          if (w === v) continue;
          const e = row + w;
          if (!hasEdge[e]) continue;
          const bw = this.inBlossom[w];
          if (bvv === bw) continue;
          const k = v < w ? e : w * n + v;
          const wo = w * L;
          const eo = e * L;
          if (!this.allowEdge[e]) {
            // The slack dual[v] + dual[w] - w2[v][w]: zero makes the edge allowed; else it may be
            // the least towards an S-blossom (kept on this side) or from an unlabelled vertex.
            const b = this.label[bw] === 1 ? bvv : this.label[w] === 0 ? w : -1;
            let tight: boolean;
            let better = b !== -1 && this.bestEdge[b] === -1;
            if (b !== -1 && !better) {
              this.bestSlackOf(b);
              const best = this.bestSlack;
              const bo = b * L;
              if (best[bo + L - 1] >= 0) {
                // best >= 0: one walk settles most edges (slack > best >= 0: neither).
                const c = sumDiffCompare(D, vo, D, wo, W, eo, best, bo, L);
                if (c > 0) continue;
                if (c === 0) {
                  if (!isZero(best, bo, L)) continue;
                  tight = true;
                } else {
                  better = true;
                  tight = sumDiffSign(D, vo, D, wo, W, eo, L) <= 0;
                }
              } else {
                tight = sumDiffSign(D, vo, D, wo, W, eo, L) <= 0;
                better = sumDiffCompare(D, vo, D, wo, W, eo, best, bo, L) < 0;
              }
            } else {
              tight = sumDiffSign(D, vo, D, wo, W, eo, L) <= 0;
            }
            if (!tight) {
              if (better) {
                this.bestEdge[b] = k;
                sumDiff(this.bestSlack, b * L, D, vo, D, wo, W, eo, L);
                this.bestStamp[b] = this.epoch;
              }
              continue;
            }
            this.allow(k);
          }
          const p = this.remote(w, v); // endpoint(p) === v, i.e. the edge seen from w
          if (this.label[bw] === 0) {
            if (this.mate[this.blossomBase[bw]] === -1) {
              // A free vertex with a zero dual: augment to it.
              this.label[w] = 1;
              this.label[bw] = 1;
              this.labelEnd[w] = -1;
              this.labelEnd[bw] = -1;
              this.augmentEdge(v, w);
              this.endStage();
              return true;
            }
            this.assignLabel(w, 2, p);
          } else if (this.label[bw] === 1) {
            const base = this.scanBlossom(v, w);
            if (base >= 0) {
              this.addBlossom(base, k);
              bvv = this.inBlossom[v];
            } else {
              this.augmentEdge(v, w);
              this.endStage();
              return true;
            }
          } else if (this.label[w] === 0) {
            this.label[w] = 2;
            this.labelEnd[w] = p;
          }
        }
      }
      // Dual adjustment.
      let deltaType = 1;
      delta.fill(0);
      delta[L - 1] = -1; // below every candidate; only the first vertex replaces it
      let deltaVertex = -1;
      for (const v of live) {
        if (this.label[this.inBlossom[v]] === 1 && (deltaVertex === -1 || compare(D, v * L, delta, 0, L) < 0)) {
          copy(delta, 0, D, v * L, L);
          deltaVertex = v;
        }
      }
      let deltaEdge = -1;
      let deltaBlossom = -1;
      for (const v of live) {
        if (this.label[this.inBlossom[v]] === 0 && this.bestEdge[v] !== -1) {
          this.bestSlackOf(v);
          if (compare(this.bestSlack, v * L, delta, 0, L) < 0) {
            copy(delta, 0, this.bestSlack, v * L, L);
            deltaType = 2;
            deltaEdge = this.bestEdge[v];
          }
        }
      }
      for (let b = 0; b < 2 * n; b++) {
        if (b < n && this.removed[b]) continue;
        if (this.blossomParent[b] === -1 && this.label[b] === 1 && this.bestEdge[b] !== -1 && (b >= n || this.inBlossom[b] === b)) {
          this.bestSlackOf(b);
          half(d, this.bestSlack, b * L, L);
          if (compare(d, 0, delta, 0, L) < 0) {
            copy(delta, 0, d, 0, L);
            deltaType = 3;
            deltaEdge = this.bestEdge[b];
          }
        }
      }
      for (let b = n; b < 2 * n; b++) {
        if (this.blossomBase[b] >= 0 && this.blossomParent[b] === -1 && this.label[b] === 2 && compare(D, b * L, delta, 0, L) < 0) {
          copy(delta, 0, D, b * L, L);
          deltaType = 4;
          deltaBlossom = b;
        }
      }
      if (delta[L - 1] < 0) throw new Error('weighted matching: negative delta');
      if (!isZero(delta, 0, L)) {
        this.epoch++;
        for (const v of live) {
          const l = this.label[this.inBlossom[v]];
          if (l === 1) addTo(D, v * L, delta, 0, -1, L);
          else if (l === 2) addTo(D, v * L, delta, 0, 1, L);
        }
        for (let b = n; b < 2 * n; b++) {
          if (this.blossomBase[b] >= 0 && this.blossomParent[b] === -1) {
            if (this.label[b] === 1) addTo(D, b * L, delta, 0, 1, L);
            else if (this.label[b] === 2) addTo(D, b * L, delta, 0, -1, L);
          }
        }
      }
      if (deltaType === 1) {
        // deltaVertex's dual is now zero.
        const x = deltaVertex;
        if (this.mate[x] !== -1) this.augmentFrom(x, -1);
        this.endStage();
        return true;
      } else if (deltaType === 2) {
        this.allow(deltaEdge);
        let i = Math.floor(deltaEdge / n);
        const j = deltaEdge % n;
        if (this.label[this.inBlossom[i]] === 0) i = j;
        this.queue.push(i);
      } else if (deltaType === 3) {
        this.allow(deltaEdge);
        this.queue.push(Math.floor(deltaEdge / n));
      } else {
        this.expandBlossom(deltaBlossom, false);
      }
    }
  }

  private augmentEdge(v: number, w: number): void {
    this.augmentFrom(v, this.remote(v, w));
    this.augmentFrom(w, this.remote(w, v));
  }

  private endStage(): void {
    const n = this.n;
    const L = this.L;
    for (let b = n; b < 2 * n; b++) {
      if (this.blossomParent[b] === -1 && this.blossomBase[b] >= 0 && this.label[b] === 1 && isZero(this.dual, b * L, L)) {
        this.expandBlossom(b, true);
      }
    }
  }
}

/** Element i of arr, counting from the end when i is negative (Python's arr[i]). */
function at<T>(arr: readonly T[], i: number): T {
  return arr[i < 0 ? i + arr.length : i];
}

/**
 * Which way round a blossom's cycle to walk from child i to its base (child 0): forward from
 * i - length when i is odd, backward from i when even, so the path has even length; endpTrick
 * picks the edge endpoint on that side.
 */
function aroundBlossom(i: number, length: number): { j: number; jStep: number; endpTrick: number } {
  return i & 1 ? { j: i - length, jStep: 1, endpTrick: 0 } : { j: i, jStep: -1, endpTrick: 1 };
}
