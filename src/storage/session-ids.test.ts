import { describe, expect, it } from 'vitest';
import { LEGACY_ID_BOUND, sessionId, sessionKeyOf, writeSessionId, writeUuid } from './session-ids.ts';

describe('writeUuid', () => {
  it('writes a uuid given as text as its 16 bytes, and refuses what is not one', () => {
    const into = new Uint8Array(18);
    writeUuid('0190a000-0000-7abc-8def-0123456789ff', into, 1);
    expect(Buffer.from(into).toString('hex')).toBe('000190a00000007abc8def0123456789ff00');
    expect(() => writeUuid('0190a000-0000', into, 0)).toThrow('not a uuid: 0190a000-0000');
  });
});

describe('session ids (sessionId, sessionKeyOf)', () => {
  it('carry their key, whatever its size, under version 8 and the RFC variant, with fresh random bits each time', () => {
    for (const [tournamentId, ordinal] of [[1, 0], [5, 1], [7, 63], [7, 64], [123_456_789, 987_654_321], [2 ** 40 - 1, 2 ** 32 - 1]]) {
      const id = sessionId(tournamentId, ordinal);
      expect(id).toMatch(/^ff[0-9a-f]{6}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(id >= LEGACY_ID_BOUND).toBe(true);
      expect(sessionKeyOf(id)).toEqual({ tournamentId, ordinal });
      expect(sessionKeyOf(id.toUpperCase().toLowerCase())).toEqual({ tournamentId, ordinal });
    }
    expect(sessionId(1, 0).slice(0, 21)).toBe('ff000000-0001-8000-80');
    expect(sessionId(9, 3)).not.toBe(sessionId(9, 3));
    const bytes = new Uint8Array(20);
    writeSessionId(9, 3, bytes, 2);
    expect(Buffer.from(bytes.subarray(2, 12)).toString('hex')).toBe('ff000000000980008000');
    expect(bytes[12] >>> 2).toBe(3);
  });

  it('carry no key when made another way, and refuse a key they cannot hold', () => {
    expect(sessionKeyOf('019b76da-a800-7abc-8def-0123456789ab')).toBeNull();
    expect(sessionKeyOf('ff4c2f1e-0a1b-4c2d-8e3f-0123456789ab')).toBeNull();
    expect(sessionKeyOf('ff000000-0001-8000-c000-000000000000')).toBeNull();
    expect(sessionKeyOf('not a uuid')).toBeNull();
    expect(() => sessionId(2 ** 40, 0)).toThrow('tournament id 1099511627776 does not fit a session id');
    expect(() => sessionId(1, -1)).toThrow('ordinal -1 does not fit a session id');
  });
});
