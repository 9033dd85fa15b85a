import { describe, expect, it } from 'vitest';
import { OrderedUuids, writeUuid } from './ordered-uuid.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('OrderedUuids', () => {
  it('writes in binary the same ascending version 7 ids it gives as strings, one apart', () => {
    const now = Date.UTC(2026, 10, 30, 9, 0, 0);
    const ids = new OrderedUuids(now);
    const bytes = new Uint8Array(16 * 4);
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      if (i % 2 === 0) made.push(ids.next());
      else {
        ids.writeNextBinary(bytes, 16 * i);
        const hex = Buffer.from(bytes.subarray(16 * i, 16 * i + 16)).toString('hex');
        made.push(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
      }
    }
    for (const id of made) expect(id).toMatch(V7);
    expect(made[0].slice(0, 13).replace('-', '')).toBe(now.toString(16).padStart(12, '0'));
    const counters = made.map((id) => BigInt(`0x${id.replace(/-/g, '').slice(13)}`));
    expect(counters.slice(1).map((c, i) => c - counters[i])).toEqual([1n, 1n, 1n]);
  });

  it('writes a uuid given as text as its 16 bytes, and refuses what is not one', () => {
    const into = new Uint8Array(18);
    writeUuid('0190a000-0000-7abc-8def-0123456789ff', into, 1);
    expect(Buffer.from(into).toString('hex')).toBe('000190a00000007abc8def0123456789ff00');
    expect(() => writeUuid('0190a000-0000', into, 0)).toThrow('not a uuid: 0190a000-0000');
  });
});
