import { describe, expect, it } from 'vitest';
import type { Session } from '../api/wire-types.ts';
import { bracketOf } from './bracket-fixtures.ts';
import { knockoutShape, placeSessions } from './bracket-geometry.ts';
import { matchLabel, scoreText, searchHits, visiblePieces } from './bracket-view.ts';

/** Every round of a knockout of `players`, placed as the bracket component places them. */
function placed(players: number) {
  const sessions = bracketOf(players);
  const finalRound = Math.max(...sessions.map((s) => s.tournament_round));
  const rounds = Array.from({ length: finalRound }, (_, i) => i + 1);
  return { sessions, rounds, finalRound, ...placeSessions(knockoutShape, rounds, finalRound, (i) => sessions.filter((s) => s.tournament_round === rounds[i])) };
}

const named = (s: Session, a: string, b: string, extra: Partial<Session> = {}): Session => ({
  ...s,
  participants: [
    { slot: 0, id: 1, name: a, seed: 1 },
    { slot: 1, id: 2, name: b, seed: 2 },
  ],
  ...extra,
});

describe('what the bracket draws', () => {
  it('draws all of an 8-player bracket in a tall band: 7 matches, 12 connectors, the playoff apart', () => {
    const b = placed(8);
    const { matches, connectors } = visiblePieces(knockoutShape, b.columns, b.rounds, 1, 0, 1000);
    expect(matches.map((m) => [m.session.tournament_round, m.session.tournament_match_number, m.left, m.top])).toEqual([
      [1, 1, 0, 6], [1, 2, 0, 70], [1, 3, 0, 134], [1, 4, 0, 198],
      [2, 1, 246, 38], [2, 2, 246, 166],
      [3, 1, 492, 102],
    ]);
    expect(connectors).toHaveLength(12);
    const final = matches[6].session;
    // The final's incoming connector spans the semi-finals' centres (64 and 192) at the gap's middle.
    expect(connectors.find((c) => c.key === `v${final.id}`)).toEqual({ key: `v${final.id}`, className: 'connector-v', left: 474, top: 64, height: 128 });
    expect(b.playoffs.size).toBe(1);
    expect(matches.some((m) => b.playoffs.has(m.session.id))).toBe(false);
  });

  it('draws only the slots that cross a band deep in a 64-player bracket', () => {
    const b = placed(64);
    const { matches } = visiblePieces(knockoutShape, b.columns, b.rounds, 1, 1000, 1200);
    const byRound = (r: number) => matches.filter((m) => m.session.tournament_round === r).map((m) => m.session.tournament_match_number);
    expect(byRound(1)).toEqual([15, 16, 17, 18, 19, 20, 21]);
    expect(byRound(2)).toEqual([8, 9, 10, 11]);
    expect(byRound(3)).toEqual([4, 5, 6]);
    expect(matches).toHaveLength(20);
  });
});

describe('the words for a match', () => {
  const b = placed(8);
  const semi = b.sessions.find((s) => s.tournament_round === 2 && s.tournament_match_number === 2)!;
  const playoff = b.sessions.find((s) => b.playoffs.has(s.id))!;

  it('names the round and match, or the playoff, with the sides so far', () => {
    expect(matchLabel(knockoutShape, named(semi, 'Ann', 'Ben'), 3, b.playoffs)).toBe('Semi-finals, match 2: Ann vs Ben');
    expect(matchLabel(knockoutShape, semi, 3, b.playoffs)).toBe('Semi-finals, match 2: to be decided vs to be decided');
    expect(matchLabel(knockoutShape, playoff, 3, b.playoffs)).toBe('Third-place playoff: to be decided vs to be decided');
  });

  it('gives the score once the result is in', () => {
    expect(scoreText(semi)).toBe('not played yet');
    expect(scoreText({ ...semi, result_submitted: true, score: [3, 1] })).toBe('3–1');
  });

  it('finds a player by part of the name, any case, the furthest round first', () => {
    const first = b.sessions.find((s) => s.tournament_round === 1 && s.tournament_match_number === 3)!;
    const list = [named(first, 'Ann Lee', 'Bo'), named(semi, 'Cy', 'ann-marie'), named(playoff, 'Dee', 'Eve')];
    expect(searchHits(list, ' ANN ').map((s) => [s.tournament_round, s.tournament_match_number])).toEqual([[2, 2], [1, 3]]);
    expect(searchHits(list, '   ')).toEqual([]);
  });
});
