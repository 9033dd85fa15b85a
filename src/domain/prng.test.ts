import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Prng } from './prng.ts';

describe('Prng', () => {
  it('produces the recorded sequence for seeds 42 and 0 (same on every machine)', () => {
    const p = new Prng(42);
    expect([p.nextUint32(), p.nextUint32(), p.nextUint32()]).toEqual([1028872839, 2516511472, 400437680]);
    const q = new Prng(0);
    expect([q.nextUint32(), q.nextUint32()]).toEqual([4205396811, 3543653536]);
  });

  it('reduces the seed to 32 bits', () => {
    expect(new Prng(2 ** 32 + 7).nextUint32()).toBe(new Prng(7).nextUint32());
    expect(new Prng(-1).nextUint32()).toBe(new Prng(2 ** 32 - 1).nextUint32());
    expect(new Prng(1.9).nextUint32()).toBe(new Prng(1).nextUint32());
  });

  it('repeats itself for a seed and differs between neighbouring seeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 2 }), (seed) => {
        const a = new Prng(seed);
        const b = new Prng(seed);
        const c = new Prng(seed + 1);
        const seqA = Array.from({ length: 8 }, () => a.nextUint32());
        expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(seqA);
        expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(seqA);
      }),
      { numRuns: 200 },
    );
  });

  it('returns 32-bit unsigned integers and floats in [0, 1)', () => {
    const p = new Prng(5);
    const outOfRange: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const u = p.nextUint32();
      if (!Number.isInteger(u) || u < 0 || u >= 2 ** 32) outOfRange.push(u);
      const f = p.next();
      if (!(f >= 0 && f < 1)) outOfRange.push(f);
    }
    expect(outOfRange).toEqual([]);
  });

  it('draws every integer of an inclusive range, roughly evenly', () => {
    const p = new Prng(123);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[p.int(1, 6) - 1]++;
    for (const c of counts) {
      expect(c).toBeGreaterThan(9_500);
      expect(c).toBeLessThan(10_500);
    }
    expect(new Prng(9).int(4, 4)).toBe(4);
  });

  it('keeps int(min, max) within its bounds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), fc.nat(), (min, span, seed) => {
        const p = new Prng(seed);
        for (let i = 0; i < 20; i++) {
          const x = p.int(min, min + span);
          expect(Number.isInteger(x) && x >= min && x <= min + span).toBe(true);
        }
      }),
    );
  });
});
