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
});
