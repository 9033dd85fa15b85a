import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../prng.ts';
import { WeightedMatching } from './weighted-matching.ts';

/** The heaviest matching's weight by brute force over subsets (vertices in `gone` left out). */
function best(n: number, w: bigint[][], gone: ReadonlySet<number>): bigint {
  const memo = new Map<number, bigint>();
  const go = (mask: number): bigint => {
    let v = 0;
    while (v < n && mask & (1 << v)) v++;
    if (v >= n) return 0n;
    const known = memo.get(mask);
    if (known !== undefined) return known;
    let top = go(mask | (1 << v));
    for (let u = v + 1; u < n; u++) {
      if (!(mask & (1 << u)) && w[v][u] > 0n) {
        const c = w[v][u] + go(mask | (1 << v) | (1 << u));
        if (c > top) top = c;
      }
    }
    memo.set(mask, top);
    return top;
  };
  let start = 0;
  for (const g of gone) start |= 1 << g;
  return go(start);
}

describe('WeightedMatching', () => {
  it('finds a heaviest matching, again after edges change and pairs are locked out (brute force on up to 14 vertices)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 14 }), fc.integer({ min: 0, max: 2 ** 31 }), (n, seed) => {
        const prng = new Prng(seed);
        const scale = [2n, 3n, 1000n, 1n << 80n][Math.floor(prng.next() * 4)];
        const draw = (): bigint => (prng.next() < 0.25 ? 0n : BigInt(Math.floor(prng.next() * 1000)) * scale + BigInt(Math.floor(prng.next() * 3)));
        const m = new WeightedMatching(n);
        const w = Array.from({ length: n }, () => new Array<bigint>(n).fill(0n));
        const set = (i: number, j: number, x: bigint): void => {
          w[i][j] = x;
          w[j][i] = x;
          m.setWeight(i, j, x);
        };
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) set(i, j, draw());
        const gone = new Set<number>();
        for (let step = 0; step < 6; step++) {
          m.solve();
          const mates = m.mates();
          let total = 0n;
          for (let v = 0; v < n; v++) {
            expect(mates[mates[v]]).toBe(v);
            if (mates[v] > v && !gone.has(v)) {
              expect(w[v][mates[v]]).not.toBe(0n);
              total += w[v][mates[v]];
            }
          }
          expect(total).toBe(best(n, w, gone));
          const alive = [...Array(n).keys()].filter((v) => !gone.has(v));
          if (prng.next() < 0.2 && alive.length >= 4) {
            const a = alive[0];
            const b = alive[1 + Math.floor(prng.next() * (alive.length - 1))];
            m.lockPair(a, b);
            gone.add(a);
            gone.add(b);
          } else {
            const v = alive[Math.floor(prng.next() * alive.length)];
            for (const j of alive) if (j !== v && prng.next() < 0.6) set(v, j, draw());
          }
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
