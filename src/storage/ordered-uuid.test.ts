import { describe, expect, it } from 'vitest';
import { OrderedUuids } from './ordered-uuid.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('OrderedUuids', () => {
  it('writes as bytes the same ascending version 7 ids it gives as strings, one apart', () => {
    const now = Date.UTC(2026, 10, 30, 9, 0, 0);
    const ids = new OrderedUuids(now);
    const bytes = new Uint8Array(36 * 4);
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      if (i % 2 === 0) made.push(ids.next());
      else {
        ids.writeNext(bytes, 36 * i);
        made.push(new TextDecoder().decode(bytes.subarray(36 * i, 36 * i + 36)));
      }
    }
    for (const id of made) expect(id).toMatch(V7);
    expect(made[0].slice(0, 13).replace('-', '')).toBe(now.toString(16).padStart(12, '0'));
    const counters = made.map((id) => BigInt(`0x${id.replace(/-/g, '').slice(13)}`));
    expect(counters.slice(1).map((c, i) => c - counters[i])).toEqual([1n, 1n, 1n]);
  });
});
