// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The module reads localStorage once when loaded: each test loads it afresh on the storage it sets up.
async function load(stored?: string) {
  vi.resetModules();
  window.localStorage.clear();
  if (stored !== undefined) window.localStorage.setItem('tourney.tracked', stored);
  return import('./tracked-ids.ts');
}

const saved = () => JSON.parse(window.localStorage.getItem('tourney.tracked') ?? 'null');

describe('tracked tournaments', () => {
  beforeEach(() => window.localStorage.clear());

  it('reads a ?track_id= value as a positive integer or nothing', async () => {
    const { parseTrackId } = await load();
    expect(['42', ' 7 ', '999999999999999'].map(parseTrackId)).toEqual([42, 7, 999_999_999_999_999]);
    expect([null, '', '0', '-3', '4.5', '1e3', 'abc', '1234567890123456'].map(parseTrackId)).toEqual([null, null, null, null, null, null, null, null]);
  });

  it('keeps the newest first, once each, at most 24, in localStorage', async () => {
    const { trackTournament, untrackTournament } = await load();
    trackTournament(3);
    trackTournament(5);
    trackTournament(3);
    expect(saved()).toEqual([5, 3]);
    untrackTournament(5);
    expect(saved()).toEqual([3]);
    for (let id = 10; id < 40; id++) trackTournament(id);
    expect(saved()).toHaveLength(24);
    expect(saved()[0]).toBe(39);
    expect(saved()[23]).toBe(16);
  });

  it('starts from what an earlier visit left, dropping what is not an id', async () => {
    const { trackTournament } = await load(JSON.stringify([8, 'x', -1, 2.5, 9]));
    trackTournament(1);
    expect(saved()).toEqual([1, 8, 9]);
    const again = await load('not json');
    again.trackTournament(2);
    expect(saved()).toEqual([2]);
  });
});
