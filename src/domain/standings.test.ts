import { describe, it, expect } from 'vitest';
import type { Entrant, Session } from './formats/format.ts';
import { DEFAULT_POINTS, tally } from './standings.ts';

const entrants: Entrant[] = [
  { playerId: 10, seed: 1 },
  { playerId: 20, seed: 2 },
  { playerId: 30, seed: 3 },
];

function played(key: number, a: number | null, b: number | null, winnerId: number | null, score: [number, number] | null, submitted = true): Session {
  return {
    key,
    phase: 'LEAGUE',
    round: 1,
    matchNumber: key + 1,
    group: null,
    participants: [a, b],
    winnerId,
    score,
    resultSubmitted: submitted,
    outcome: submitted ? 'played' : null,
    next: null,
    loserNext: null,
  };
}

describe('tally', () => {
  it('scores 3 for a win, 1 for a draw, 0 for a loss by default', () => {
    expect(DEFAULT_POINTS).toEqual({ win: 3, draw: 1, loss: 0 });
  });

  it('adds up wins, draws, losses and scores from both sides', () => {
    const table = tally(
      [played(0, 10, 20, 10, [3, 1]), played(1, 20, 30, null, [2, 2]), played(2, 30, 10, 30, [1, 0])],
      entrants,
    );
    expect([...table.values()]).toEqual([
      { playerId: 10, seed: 1, played: 2, points: 3, wins: 1, draws: 0, losses: 1, scoreFor: 3, scoreAgainst: 2 },
      { playerId: 20, seed: 2, played: 2, points: 1, wins: 0, draws: 1, losses: 1, scoreFor: 3, scoreAgainst: 5 },
      { playerId: 30, seed: 3, played: 2, points: 4, wins: 1, draws: 1, losses: 0, scoreFor: 3, scoreAgainst: 2 },
    ]);
  });

  it('skips sessions without a result, with an unknown participant, or with a stranger', () => {
    const table = tally(
      [played(0, 10, 20, 10, [1, 0], false), played(1, 10, null, null, null), played(2, 10, 99, 10, [5, 0])],
      entrants,
    );
    expect([...table.values()].map((t) => [t.playerId, t.played, t.points, t.scoreFor])).toEqual([
      [10, 0, 0, 0], [20, 0, 0, 0], [30, 0, 0, 0],
    ]);
  });

  it('uses a given points scheme and treats a missing score as 0-0', () => {
    const table = tally([played(0, 10, 20, 20, null), played(1, 10, 30, null, [1, 1])], entrants, { win: 2, draw: 1, loss: -1 });
    expect([...table.values()].map((t) => [t.playerId, t.points, t.scoreFor, t.scoreAgainst])).toEqual([
      [10, 0, 1, 1], [20, 2, 0, 0], [30, 1, 1, 1],
    ]);
  });

  it('lists every entrant, even one who never played', () => {
    expect([...tally([], entrants).keys()]).toEqual([10, 20, 30]);
  });
});
