import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maximumMatching } from './maximum-matching.ts';

const graph = (edges: [number, number][]) => (u: number, v: number): boolean =>
  edges.some(([a, b]) => (a === u && b === v) || (a === v && b === u));

describe('maximumMatching', () => {
  it('finds a perfect matching through an odd cycle (a blossom) that a greedy start misses', () => {
    // Triangle 0-1-2 with 3 hanging off 0, 4 off 1 and 5 off 2: the only perfect matching
    // uses the three pendant edges, while the start pairs 0 with 1 inside the triangle.
    const edges: [number, number][] = [[0, 1], [1, 2], [0, 2], [0, 3], [1, 4], [2, 5]];
    const start = Int32Array.from([1, 0, -1, -1, -1, -1]);
    expect([...maximumMatching(6, graph(edges), start)]).toEqual([3, 4, 5, 0, 1, 2]);
  });

  it('contracts a blossom to reach an augmenting path behind it', () => {
    // 5-cycle 0..4 with a tail 4-5-6: matched 1-2 and 3-4, the path from 0 to 6 runs through the cycle.
    const edges: [number, number][] = [[0, 1], [1, 2], [2, 3], [3, 4], [4, 0], [4, 5], [5, 6]];
    const mate = maximumMatching(7, graph(edges), Int32Array.from([-1, 2, 1, 4, 3, -1, -1]));
    expect([...mate].filter((m) => m !== -1).length).toBe(6);
    for (let u = 0; u < 7; u++) if (mate[u] !== -1) expect(graph(edges)(u, mate[u])).toBe(true);
  });

  it('leaves a vertex unmatched when no perfect matching exists', () => {
    // A star: the centre can take one leaf only.
    const mate = maximumMatching(4, graph([[0, 1], [0, 2], [0, 3]]));
    expect([...mate].filter((m) => m === -1).length).toBe(2);
  });

  describe('against brute force on small graphs', () => {
    /** The size of a maximum matching, by trying every way to match or skip the lowest free vertex. */
    function bruteForceSize(n: number, adjacent: boolean[][]): number {
      const best = (free: number): number => {
        if (free === 0) return 0;
        const u = 31 - Math.clz32(free & -free);
        const rest = free & ~(1 << u);
        let most = best(rest);
        for (let v = u + 1; v < n; v++) {
          if (rest & (1 << v) && adjacent[u][v]) most = Math.max(most, 1 + best(rest & ~(1 << v)));
        }
        return most;
      };
      return best((1 << n) - 1);
    }

    // Up to 10 vertices with every edge present or not; an edge list drawn as a bit per pair.
    const graphs = fc.integer({ min: 1, max: 10 }).chain((n) =>
      fc.array(fc.boolean(), { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 }).map((bits) => {
        const adjacent = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
        let i = 0;
        for (let u = 0; u < n; u++) {
          for (let v = u + 1; v < n; v++) adjacent[u][v] = adjacent[v][u] = bits[i++];
        }
        return { n, adjacent };
      }),
    );

    function checkValid(n: number, adjacent: boolean[][], mate: Int32Array): number {
      expect(mate.length).toBe(n);
      let matched = 0;
      for (let u = 0; u < n; u++) {
        if (mate[u] === -1) continue;
        // Symmetric, along an edge, never to itself.
        expect(mate[u]).not.toBe(u);
        expect(mate[mate[u]]).toBe(u);
        expect(adjacent[u][mate[u]]).toBe(true);
        matched++;
      }
      return matched / 2;
    }

    it('matches as many pairs as the best possible, along edges only', () => {
      fc.assert(
        fc.property(graphs, ({ n, adjacent }) => {
          const mate = maximumMatching(n, (u, v) => adjacent[u][v]);
          expect(checkValid(n, adjacent, mate)).toBe(bruteForceSize(n, adjacent));
        }),
        { numRuns: 400 },
      );
    });

    it('reaches the maximum from any valid starting matching', () => {
      const withStart = graphs.chain(({ n, adjacent }) =>
        fc.array(fc.nat(), { minLength: n, maxLength: n }).map((order) => {
          // A greedy matching in a drawn order of the edges: valid, usually not maximum.
          const start = new Int32Array(n).fill(-1);
          const edges: [number, number][] = [];
          for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) if (adjacent[u][v]) edges.push([u, v]);
          edges.sort((a, b) => (order[a[0]] ^ a[1]) - (order[b[0]] ^ b[1]));
          for (const [u, v] of edges) {
            if (start[u] === -1 && start[v] === -1) {
              start[u] = v;
              start[v] = u;
            }
          }
          return { n, adjacent, start };
        }),
      );
      fc.assert(
        fc.property(withStart, ({ n, adjacent, start }) => {
          const mate = maximumMatching(n, (u, v) => adjacent[u][v], start);
          expect(checkValid(n, adjacent, mate)).toBe(bruteForceSize(n, adjacent));
        }),
        { numRuns: 400 },
      );
    });
  });
});
