import { describe, expect, it } from 'vitest';
import { Prng } from '../prng.ts';
import type { Entrant, Session } from './format.ts';
import { swiss, swissStandings } from './swiss.ts';
import { swissHistory, type SwissHistory } from './swiss-history.ts';

const CHESS = { win: 1, draw: 0.5, loss: 0 };
// Player ids are ten times the seed.
const field = (n: number): Entrant[] => Array.from({ length: n }, (_, i) => ({ playerId: (i + 1) * 10, seed: i + 1 }));

function session(key: number, round: number, white: number, black: number, result: 'white' | 'black' | 'draw' | 'pending', outcome: Session['outcome'] = 'played'): Session {
  const done = result !== 'pending';
  return {
    key, phase: 'SWISS', round, matchNumber: key + 1, group: null,
    participants: [white * 10, black * 10],
    winnerId: result === 'white' ? white * 10 : result === 'black' ? black * 10 : null,
    score: !done || outcome === 'walkover' ? null : result === 'white' ? [1, 0] : result === 'black' ? [0, 1] : [1, 1],
    resultSubmitted: done,
    outcome: done ? outcome : null,
    next: null, loserNext: null,
  };
}

/** One line per player: seed, then each round as opponent seed (or -) colour letter and code, then the score. */
function lines(h: SwissHistory): string[] {
  return h.players.map((p) =>
    `${p.seed}: ${p.rounds.map((r) => `${r.opponent === null ? '-' : h.players[r.opponent].seed}${r.colour[0]}${r.result ?? '?'}`).join(' ')} = ${p.score}`);
}

describe('swissHistory', () => {
  it('reads every outcome in TRF terms: played, draw, forfeit, double forfeit, retired, pending, bye and withdrawal', () => {
    const entrants = field(5);
    const sessions = [
      // Round 1: 5 has the bye (in no session).
      session(0, 1, 1, 3, 'white'),
      session(1, 1, 4, 2, 'draw'),
      // Round 2: 3 forfeits to 5; 1 and 2 both forfeit; 4 has the bye.
      session(2, 2, 5, 3, 'white', 'walkover'),
      session(3, 2, 1, 2, 'draw', 'walkover'),
      // Round 3: 2 retires against 4 (a played loss); 1 v 5 pending; 3 withdrew before the round.
      session(4, 3, 2, 4, 'black', 'retired'),
      session(5, 3, 1, 5, 'pending'),
    ];
    const h = swissHistory(entrants, sessions, { points: CHESS, withdrawals: [{ playerId: 30, fromRound: 3 }] });
    expect(h.rounds).toBe(3);
    expect(h.ids).toEqual([10, 20, 30, 40, 50]);
    expect(lines(h)).toEqual([
      '1: 3w1 2w- 5w? = 1',
      '2: 4b= 1b- 4w0 = 0.5',
      '3: 1b0 5b- -nZ = 0',
      '4: 2w= -nU 2b1 = 2.5',
      '5: -nU 3w+ 1b? = 2',
    ]);
    expect(h.players[0].rounds[0]).toEqual({ round: 1, opponent: 2, colour: 'white', result: '1', points: 1, sessionKey: 0 });
    expect(h.players[4].rounds[0]).toEqual({ round: 1, opponent: null, colour: 'none', result: 'U', points: 1, sessionKey: null });
    expect(h.players[0].rounds[2]).toEqual({ round: 3, opponent: 4, colour: 'white', result: null, points: 0, sessionKey: 5 });
  });

  it('reads named absences as half-point, full-point and zero-point byes, and uses the points scheme', () => {
    const sessions = [session(0, 1, 1, 2, 'white'), session(1, 2, 2, 3, 'draw'), session(2, 3, 1, 3, 'black')];
    const h = swissHistory(field(4), sessions, {
      points: { win: 3, draw: 1, loss: 0 },
      absences: [{ playerId: 30, round: 1, code: 'H' }, { playerId: 40, round: 1, code: 'Z' }, { playerId: 10, round: 2, code: 'F' }],
    });
    expect(lines(h)).toEqual([
      '1: 2w1 -nF 3w0 = 6',
      '2: 1b0 3w= -nU = 4',
      '3: -nH 2b= 1b1 = 5',
      '4: -nZ -nU -nU = 6',
    ]);
  });

  it('a paired withdrawn player keeps the forfeits of the rounds they were paired in', () => {
    const sessions = [session(0, 1, 1, 2, 'white'), session(1, 2, 2, 1, 'black', 'walkover')];
    const h = swissHistory(field(2), sessions, { points: CHESS, withdrawals: [{ playerId: 20, fromRound: 2 }] });
    expect(lines(h)).toEqual(['1: 2w1 2b+ = 2', '2: 1b0 1w- = 0']);
  });

  it('agrees with the standings the pairing uses (score, opponents, colours, byes) over random events', () => {
    for (const [n, seed] of [[7, 1], [12, 2], [15, 3]] as const) {
      const entrants = field(n);
      const settings = swiss.validate(n, {});
      const prng = new Prng(seed);
      const sessions = swiss.plan(entrants, settings);
      for (;;) {
        for (const s of sessions) {
          if (s.resultSubmitted) continue;
          const roll = prng.next();
          const w = s.participants[0]!;
          const b = s.participants[1]!;
          Object.assign(s, roll < 0.1
            ? { winnerId: roll < 0.05 ? w : null, score: null, outcome: 'walkover' }
            : { winnerId: roll < 0.3 ? null : roll < 0.65 ? w : b, score: roll < 0.3 ? [1, 1] : roll < 0.65 ? [1, 0] : [0, 1], outcome: 'played' });
          s.resultSubmitted = true;
        }
        const more = swiss.nextSessions(sessions, entrants, settings);
        if (more.length === 0) break;
        sessions.push(...more);
      }
      const h = swissHistory(entrants, sessions, { points: CHESS });
      const st = swissStandings(sessions, entrants, CHESS);
      expect(h.players.map((p) => p.score)).toEqual(st.players.map((p) => p.score));
      expect(h.players.map((p) => p.rounds.filter((r) => r.opponent !== null).map((r) => r.opponent))).toEqual(st.players.map((p) => p.opponents));
      expect(h.players.map((p) => p.rounds.map((r) => (r.colour === 'white' ? 1 : r.colour === 'black' ? -1 : 0)))).toEqual(st.players.map((p) => p.colours));
      expect(h.players.map((p) => p.rounds.filter((r) => r.result === 'U').length)).toEqual(st.players.map((p) => p.byes));
    }
  });
});
