/**
 * Maximum-weight matching in a general graph with exact (bigint) weights, solved again cheaply
 * after a few vertices' edges change: the primal-dual blossom method (Edmonds; Galil, Micali
 * and Gabow), in the usual O(n^3) stage form, extended so that a solution can be resumed.
 *
 * The graph is complete on its live vertices; a weight of 0 means "no edge", and such an edge
 * is never matched. The matching maximises the total weight (not the cardinality: the Dutch
 * weights put the pair count in their highest bits, see dutch-weights.ts).
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
 */
export class WeightedMatching {
  readonly n: number;
  /** 2 * w(i, j), symmetric; 0n is no edge. */
  private readonly w2: bigint[][];
  private readonly dual: bigint[];
  /** mate[v] is the remote endpoint p of v's matched edge, or -1. */
  private readonly mate: Int32Array;
  private readonly label: Int8Array;
  private readonly labelEnd: Int32Array;
  private readonly inBlossom: Int32Array;
  private readonly blossomParent: Int32Array;
  private readonly blossomChilds: (number[] | null)[];
  private readonly blossomBase: Int32Array;
  private readonly blossomEndps: (number[] | null)[];
  private readonly bestEdge: Int32Array;
  /** The slack of bestEdge[b] as of epoch bestStamp[b] (duals change only between epochs). */
  private readonly bestSlack: bigint[];
  private readonly bestStamp: Int32Array;
  private epoch = 0;
  private readonly scratchEdge: Int32Array;
  private readonly scratchSlack: bigint[];
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
    this.w2 = Array.from({ length: n }, () => new Array<bigint>(n).fill(0n));
    this.dual = new Array<bigint>(2 * n).fill(0n);
    this.mate = new Int32Array(n).fill(-1);
    this.label = new Int8Array(2 * n);
    this.labelEnd = new Int32Array(2 * n).fill(-1);
    this.inBlossom = Int32Array.from({ length: n }, (_, i) => i);
    this.blossomParent = new Int32Array(2 * n).fill(-1);
    this.blossomChilds = new Array<number[] | null>(2 * n).fill(null);
    this.blossomBase = new Int32Array(2 * n).fill(-1);
    for (let i = 0; i < n; i++) this.blossomBase[i] = i;
    this.blossomEndps = new Array<number[] | null>(2 * n).fill(null);
    this.bestEdge = new Int32Array(2 * n).fill(-1);
    this.bestSlack = new Array<bigint>(2 * n).fill(0n);
    this.bestStamp = new Int32Array(2 * n).fill(-1);
    this.scratchEdge = new Int32Array(2 * n).fill(-1);
    this.scratchSlack = new Array<bigint>(2 * n).fill(0n);
    this.blossomBestEdges = new Array<number[] | null>(2 * n).fill(null);
    this.unusedBlossoms = [];
    for (let b = 2 * n - 1; b >= n; b--) this.unusedBlossoms.push(b);
    this.allowEdge = new Uint8Array(n * n);
    this.removed = new Uint8Array(n);
    this.lockedMate = new Int32Array(n).fill(-1);
    this.live = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < n; i++) this.dirty.add(i);
  }

  weight(i: number, j: number): bigint {
    return this.w2[i][j] >> 1n;
  }

  /** Sets w(i, j) = w(j, i); `i` is the vertex whose edges changed (it is freed at the next solve). */
  setWeight(i: number, j: number, weight: bigint): void {
    const w2 = weight << 1n;
    if (this.w2[i][j] === w2) return;
    this.w2[i][j] = w2;
    this.w2[j][i] = w2;
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
    if (this.dirty.size > 0) {
      const changed = [...this.dirty].filter((v) => !this.removed[v]);
      this.dirty.clear();
      for (const v of changed) this.isolate(v);
      for (const v of changed) {
        let need = this.dual[v];
        if (need < 0n) need = 0n;
        const row = this.w2[v];
        for (const j of this.live) {
          if (j === v || row[j] === 0n) continue;
          const d = row[j] - this.dual[j];
          if (d > need) need = d;
        }
        this.dual[v] = need;
      }
      // Pair changed vertices along tight edges while both ends are free and alone: the duals
      // stay feasible and the matched edges tight, and the stages have fewer roots to grow.
      for (const v of changed) {
        if (this.mate[v] !== -1 || this.inBlossom[v] !== v) continue;
        const row = this.w2[v];
        const dv = this.dual[v];
        for (const j of this.live) {
          if (j === v || row[j] === 0n || this.mate[j] !== -1 || this.inBlossom[j] !== j) continue;
          if (dv + this.dual[j] === row[j]) {
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
      if (this.mate[v] === -1 && this.blossomBase[b] === v && (this.dual[v] & 1n) === 1n) this.dual[v] += 1n;
    }
    while (this.stage()) {
      /* next stage */
    }
  }

  // --- internals -----------------------------------------------------------------------------

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

  private slack(k: number): bigint {
    const i = Math.floor(k / this.n);
    const j = k % this.n;
    return this.dual[i] + this.dual[j] - this.w2[i][j];
  }

  /** The current slack of bestEdge[b] (which must be set). */
  private bestSlackOf(b: number): bigint {
    if (this.bestStamp[b] !== this.epoch) {
      this.bestSlack[b] = this.slack(this.bestEdge[b]);
      this.bestStamp[b] = this.epoch;
    }
    return this.bestSlack[b];
  }

  private setBest(b: number, k: number, slack: bigint): void {
    this.bestEdge[b] = k;
    this.bestSlack[b] = slack;
    this.bestStamp[b] = this.epoch;
  }

  private leaves(b: number, out: number[] = []): number[] {
    if (b < this.n) out.push(b);
    else for (const t of this.blossomChilds[b]!) this.leaves(t, out);
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
    const z = this.dual[b];
    const base = this.blossomBase[b];
    const vertices = this.leaves(b);
    if (z !== 0n) {
      for (const v of vertices) this.dual[v] += z;
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
    this.blossomBase[b] = -1;
    this.blossomBestEdges[b] = null;
    this.bestEdge[b] = -1;
    this.dual[b] = 0n;
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
      this.leaves(b, this.queue);
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
    this.dual[b] = 0n;
    for (const x of this.leaves(b)) {
      if (this.label[this.inBlossom[x]] === 2) this.queue.push(x);
      this.inBlossom[x] = b;
    }
    const toEdge = this.scratchEdge;
    const toSlack = this.scratchSlack;
    const touched: number[] = [];
    const consider = (e: number, slack: bigint, bj: number): void => {
      if (toEdge[bj] === -1) {
        touched.push(bj);
        toEdge[bj] = e;
        toSlack[bj] = slack;
      } else if (slack < toSlack[bj]) {
        toEdge[bj] = e;
        toSlack[bj] = slack;
      }
    };
    for (const child of path) {
      const cached = this.blossomBestEdges[child];
      if (cached === null) {
        for (const x of this.leaves(child)) {
          const row = this.w2[x];
          const dx = this.dual[x];
          for (const y of this.live) {
            if (y === x || row[y] === 0n) continue;
            const by = this.inBlossom[y];
            if (by !== b && this.label[by] === 1) consider(this.edgeOf(x, y), dx + this.dual[y] - row[y], by);
          }
        }
      } else {
        for (const e of cached) {
          let j = e % n;
          if (this.inBlossom[j] === b) j = Math.floor(e / n);
          const bj = this.inBlossom[j];
          if (bj !== b && this.label[bj] === 1) consider(e, this.slack(e), bj);
        }
      }
      this.blossomBestEdges[child] = null;
      this.bestEdge[child] = -1;
    }
    const best: number[] = [];
    let be = -1;
    let bs = 0n;
    for (const bj of touched) {
      best.push(toEdge[bj]);
      if (be === -1 || toSlack[bj] < bs) {
        be = toEdge[bj];
        bs = toSlack[bj];
      }
      toEdge[bj] = -1;
    }
    this.blossomBestEdges[b] = best;
    if (be === -1) this.bestEdge[b] = -1;
    else this.setBest(b, be, bs);
  }

  private expandBlossom(b: number, endStage: boolean): void {
    const n = this.n;
    const childs = this.blossomChilds[b]!;
    for (const s of childs) {
      this.blossomParent[s] = -1;
      if (s < n) this.inBlossom[s] = s;
      else if (endStage && this.dual[s] === 0n) this.expandBlossom(s, endStage);
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

  private allow(k: number): void {
    if (!this.allowEdge[k]) {
      this.allowEdge[k] = 1;
      this.allowed.push(k);
    }
  }

  /** One stage; false when no free vertex has a positive dual (the matching is optimal). */
  private stage(): boolean {
    const n = this.n;
    const live = this.live;
    this.epoch++;
    this.label.fill(0);
    this.bestEdge.fill(-1);
    for (let b = n; b < 2 * n; b++) this.blossomBestEdges[b] = null;
    for (const k of this.allowed) this.allowEdge[k] = 0;
    this.allowed.length = 0;
    this.queue = [];
    let roots = 0;
    for (const v of live) {
      const b = this.inBlossom[v];
      if (this.mate[v] === -1 && this.label[b] === 0 && this.blossomBase[b] === v && this.dual[v] > 0n) {
        this.assignLabel(v, 1, -1);
        roots++;
      }
    }
    if (roots === 0) return false;
    for (;;) {
      while (this.queue.length > 0) {
        const v = this.queue.pop()!;
        let bvv = this.inBlossom[v];
        const row = this.w2[v];
        const dv = this.dual[v];
        for (const w of live) {
          if (w === v) continue;
          const w2 = row[w];
          if (w2 === 0n) continue;
          const bw = this.inBlossom[w];
          if (bvv === bw) continue;
          const k = v < w ? v * n + w : w * n + v;
          let kSlack = 0n;
          if (!this.allowEdge[k]) {
            kSlack = dv + this.dual[w] - w2;
            if (kSlack <= 0n) this.allow(k);
          }
          const p = this.remote(w, v); // endpoint(p) === v, i.e. the edge seen from w
          if (this.allowEdge[k]) {
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
          } else if (this.label[bw] === 1) {
            const b = bvv;
            if (this.bestEdge[b] === -1 || kSlack < this.bestSlackOf(b)) this.setBest(b, k, kSlack);
          } else if (this.label[w] === 0) {
            if (this.bestEdge[w] === -1 || kSlack < this.bestSlackOf(w)) this.setBest(w, k, kSlack);
          }
        }
      }
      // Dual adjustment.
      let deltaType = 1;
      let delta = -1n;
      let deltaVertex = -1;
      for (const v of live) {
        if (this.label[this.inBlossom[v]] === 1 && (deltaVertex === -1 || this.dual[v] < delta)) {
          delta = this.dual[v];
          deltaVertex = v;
        }
      }
      let deltaEdge = -1;
      let deltaBlossom = -1;
      for (const v of live) {
        if (this.label[this.inBlossom[v]] === 0 && this.bestEdge[v] !== -1) {
          const d = this.bestSlackOf(v);
          if (d < delta) {
            delta = d;
            deltaType = 2;
            deltaEdge = this.bestEdge[v];
          }
        }
      }
      for (let b = 0; b < 2 * n; b++) {
        if (b < n && this.removed[b]) continue;
        if (this.blossomParent[b] === -1 && this.label[b] === 1 && this.bestEdge[b] !== -1 && (b >= n || this.inBlossom[b] === b)) {
          const d = this.bestSlackOf(b) >> 1n;
          if (d < delta) {
            delta = d;
            deltaType = 3;
            deltaEdge = this.bestEdge[b];
          }
        }
      }
      for (let b = n; b < 2 * n; b++) {
        if (this.blossomBase[b] >= 0 && this.blossomParent[b] === -1 && this.label[b] === 2 && this.dual[b] < delta) {
          delta = this.dual[b];
          deltaType = 4;
          deltaBlossom = b;
        }
      }
      if (delta < 0n) throw new Error('weighted matching: negative delta');
      if (delta !== 0n) {
        this.epoch++;
        for (const v of live) {
          const l = this.label[this.inBlossom[v]];
          if (l === 1) this.dual[v] -= delta;
          else if (l === 2) this.dual[v] += delta;
        }
        for (let b = n; b < 2 * n; b++) {
          if (this.blossomBase[b] >= 0 && this.blossomParent[b] === -1) {
            if (this.label[b] === 1) this.dual[b] += delta;
            else if (this.label[b] === 2) this.dual[b] -= delta;
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
    for (let b = n; b < 2 * n; b++) {
      if (this.blossomParent[b] === -1 && this.blossomBase[b] >= 0 && this.label[b] === 1 && this.dual[b] === 0n) {
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
