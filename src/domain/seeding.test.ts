import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { bracketSize, seedOrder } from './seeding.ts';

describe('bracketSize', () => {
  it.each([
    [1, 1], [2, 2], [3, 4], [4, 4], [5, 8], [7, 8], [8, 8], [12, 16], [16, 16], [100, 128],
    [1000, 1024], [1024, 1024], [1025, 2048], [1_048_576, 1_048_576],
  ])('holds %i players in %i lines', (n, size) => {
    expect(bracketSize(n)).toBe(size);
  });
});

describe('seedOrder', () => {
  it.each([
    [1, [1]],
    [2, [1, 2]],
    [4, [1, 4, 2, 3]],
    [8, [1, 8, 4, 5, 2, 7, 3, 6]],
    [16, [1, 16, 8, 9, 4, 13, 5, 12, 2, 15, 7, 10, 3, 14, 6, 11]],
  ])('orders a bracket of %i', (size, order) => {
    expect(seedOrder(size)).toEqual(order);
  });

  const sizes = fc.integer({ min: 0, max: 14 }).map((k) => 2 ** k);

  it('is a permutation whose round-1 pairs add up to size + 1, better seed first', () => {
    fc.assert(
      fc.property(sizes, (size) => {
        const order = seedOrder(size);
        expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, i) => i + 1));
        const badPairs: number[] = [];
        for (let i = 0; i + 1 < size; i += 2) {
          if (order[i] + order[i + 1] !== size + 1 || order[i] > order[i + 1]) badPairs.push(i);
        }
        expect(badPairs).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps the top k seeds in different blocks of size/k lines, so they meet only among the last k', () => {
    fc.assert(
      fc.property(sizes.filter((s) => s >= 2), (size) => {
        const order = seedOrder(size);
        for (let k = 2; k <= size; k *= 2) {
          const block = size / k;
          const blocks = new Set<number>();
          order.forEach((seed, line) => seed <= k && blocks.add(Math.floor(line / block)));
          expect(blocks.size).toBe(k);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('puts seeds 1 and 2 in opposite halves of a 1,048,576 bracket', () => {
    const order = seedOrder(1_048_576);
    expect(order).toHaveLength(1_048_576);
    expect(order.indexOf(1)).toBe(0);
    expect(order.indexOf(2)).toBe(524_288);
    expect([order[1], order[524_289]]).toEqual([1_048_576, 1_048_575]);
  });
});
