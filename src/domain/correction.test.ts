import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctResult, laterResults } from './correction.ts';
import { ConflictError, DomainError } from './errors.ts';
import type { Session } from './formats/format.ts';
import { knockout, planBracket } from './formats/knockout.ts';
import { applyResult, isDoubleForfeit } from './progression.ts';
import { forfeitRemaining } from './withdrawal.ts';
import { settleWalkovers } from './walkovers.ts';

/** An 8-player bracket: keys 0-3 round 1 (1v8, 4v5, 2v7, 3v6 by line), 4-5 semis, 6 final, 7 playoff. */
function eight(): Session[] {
  return planBracket([1, 8, 4, 5, 2, 7, 3, 6], { thirdPlacePlayoff: true });
}

const played = (winner: number, score: [number, number]) => ({ winnerId: winner, score, outcome: 'played' as const });

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('correctResult', () => {
  it('changes only the score when the winner stays', () => {
    const s = eight();
    applyResult(s, 0, 1, [2, 0], false);
    expect(correctResult(s, 0, played(1, [3, 1]), { allowsDraws: false, cascade: false })).toEqual({ changed: [0], cleared: [] });
    expect(s[0]).toMatchObject({ winnerId: 1, score: [3, 1], outcome: 'played' });
    expect(s[4].participants).toEqual([1, null]);
  });

  it('replaces the wrong player in an unplayed next session and in the playoff', () => {
    const s = eight();
    for (const [k, w] of [[0, 1], [1, 4], [2, 2], [3, 3]] as const) applyResult(s, k, w, w === s[k].participants[0] ? [1, 0] : [0, 1], false);
    applyResult(s, 4, 1, [2, 1], false);
    expect(s[7].participants).toEqual([4, null]);
    // Semi-final 1 was really won by 4: the final gets 4, the playoff gets 1.
    const out = correctResult(s, 4, played(4, [1, 2]), { allowsDraws: false, cascade: false });
    expect(out).toEqual({ changed: [4, 6, 7], cleared: [] });
    expect(s[6].participants).toEqual([4, null]);
    expect(s[7].participants).toEqual([1, null]);
  });

  it('refuses when a later session was played, naming it, and clears it with cascade', () => {
    const s = eight();
    for (const [k, w] of [[0, 1], [1, 4], [2, 2], [3, 3]] as const) applyResult(s, k, w, w === s[k].participants[0] ? [1, 0] : [0, 1], false);
    applyResult(s, 4, 1, [2, 1], false);
    applyResult(s, 5, 2, [2, 1], false);
    applyResult(s, 6, 1, [3, 0], false);
    expect(laterResults(s, 0)).toEqual([4, 6]);
    const refused = errorOf(() => correctResult(s, 0, played(8, [0, 1]), { allowsDraws: false, cascade: false }));
    expect(refused).toBeInstanceOf(ConflictError);
    expect([refused.code, refused.details]).toEqual(['later_results_exist', { session_keys: [4, 6] }]);
    expect(s[4]).toMatchObject({ winnerId: 1, participants: [1, 4] });

    const out = correctResult(s, 0, played(8, [0, 1]), { allowsDraws: false, cascade: true });
    expect(out.cleared).toEqual([4, 6]);
    expect(s[4]).toMatchObject({ participants: [8, 4], resultSubmitted: false, winnerId: null, outcome: null });
    expect(s[6]).toMatchObject({ participants: [null, 2], resultSubmitted: false });
    expect(s[7].participants).toEqual([null, 3]);
    expect(s[5]).toMatchObject({ resultSubmitted: true, winnerId: 2 });
  });

  it('asks for a result before it corrects one', () => {
    const error = errorOf(() => correctResult(eight(), 0, played(1, [1, 0]), { allowsDraws: false, cascade: false }));
    expect(error.code).toBe('result_not_submitted');
  });
});

describe('walkovers and withdrawals', () => {
  it('gives a walkover needing no score, and the winner moves on', () => {
    const s = eight();
    applyResult(s, 0, 8, null, false, 'walkover');
    expect(s[0]).toMatchObject({ winnerId: 8, score: null, outcome: 'walkover', resultSubmitted: true });
    expect(s[4].participants).toEqual([8, null]);
  });

  it('a double forfeit sends nobody on, and the opponent waiting there wins by walkover', () => {
    const s = eight();
    applyResult(s, 0, null, null, false, 'walkover');
    expect(isDoubleForfeit(s[0])).toBe(true);
    expect(s[4].participants).toEqual([null, null]);
    const changed = applyResult(s, 1, 4, [2, 0], false);
    expect(settleWalkovers(s, changed.slice(1), () => false)).toEqual([4, 6]);
    expect(s[4]).toMatchObject({ winnerId: 4, outcome: 'walkover', score: null });
    expect(s[6].participants).toEqual([4, null]);
  });

  it('a withdrawn player loses the session they wait in, now or when the opponent arrives', () => {
    const s = eight();
    applyResult(s, 0, 1, [1, 0], false);
    const out = new Set([5]);
    // 5 waits in round 1 against 4: a walkover for 4 at once.
    expect(forfeitRemaining(s, 5, (id) => out.has(id))).toEqual([1, 4]);
    expect(s[1]).toMatchObject({ winnerId: 4, outcome: 'walkover' });
    out.add(1);
    // 1 waits in the semi-final against 4, who is already there.
    expect(forfeitRemaining(s, 1, (id) => out.has(id))).toEqual([4, 6, 7]);
    expect(s[4]).toMatchObject({ winnerId: 4, outcome: 'walkover' });
    expect(s[7].participants).toEqual([1, null]);
  });

  it('ranks both players of a double forfeit as out in that round', () => {
    const s = planBracket([1, 4, 2, 3], { thirdPlacePlayoff: false });
    applyResult(s, 0, null, null, false, 'walkover');
    applyResult(s, 1, 2, [1, 0], false);
    settleWalkovers(s, [2], () => false);
    const rows = knockout.rank(s, [1, 2, 3, 4].map((id) => ({ playerId: id, seed: id })), { third_place_playoff: false });
    expect(rows.map((r) => [r.playerId, r.rank])).toEqual([[2, 1], [1, 3], [3, 3], [4, 3]]);
  });
});

/** Every later place holds what the session feeding it decided, and unplayed sessions send nobody. */
function inconsistencies(s: readonly Session[]): string[] {
  const problems: string[] = [];
  const feed = new Map<string, number | null>();
  for (const x of s) {
    const [a, b] = x.participants;
    const sent = (link: Session['next'], player: number | null) => {
      if (link !== null) feed.set(`${link.key}:${link.slot}`, x.resultSubmitted ? player : null);
    };
    const loser = x.winnerId === null ? null : x.winnerId === a ? b : a;
    sent(x.next, x.resultSubmitted ? x.winnerId : null);
    sent(x.loserNext, x.resultSubmitted ? loser : null);
    if (x.resultSubmitted && x.winnerId !== null && x.winnerId !== a && x.winnerId !== b) problems.push(`${x.key}: winner not a participant`);
  }
  for (const [place, player] of feed) {
    const [key, slot] = place.split(':').map(Number);
    if (s[key].participants[slot] !== player) problems.push(`${place} holds ${s[key].participants[slot]}, fed ${player}`);
  }
  return problems;
}

type Step = { kind: 'result' | 'correct' | 'withdraw'; pick: number; side: number; walkover: boolean; cascade: boolean };

describe('property: a knockout stays consistent under any results, corrections and withdrawals', () => {
  it('every later place holds the winner (or loser) of the session that feeds it', () => {
    const step = fc.record({
      kind: fc.constantFrom('result', 'result', 'correct', 'withdraw') as fc.Arbitrary<Step['kind']>,
      pick: fc.nat(1000),
      side: fc.nat(2),
      walkover: fc.boolean(),
      cascade: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 24 }), fc.boolean(), fc.array(step, { maxLength: 60 }), (n, playoff, steps) => {
        const entrants = Array.from({ length: n }, (_, i) => ({ playerId: 100 + i, seed: i + 1 }));
        const s = knockout.plan(entrants, { third_place_playoff: playoff });
        const out = new Set<number>();
        const isOut = (id: number) => out.has(id);
        for (const st of steps) {
          if (st.kind === 'withdraw') {
            const id = entrants[st.pick % n].playerId;
            if (out.has(id)) continue;
            out.add(id);
            forfeitRemaining(s, id, isOut);
          } else if (st.kind === 'result') {
            const ready = s.filter((x) => !x.resultSubmitted && x.participants[0] !== null && x.participants[1] !== null);
            if (ready.length === 0) continue;
            const x = ready[st.pick % ready.length];
            const winner = st.side === 2 && st.walkover ? null : x.participants[st.side % 2];
            const score: [number, number] | null = st.walkover ? null : st.side % 2 === 0 ? [2, 1] : [1, 2];
            const changed = applyResult(s, x.key, winner, score, false, st.walkover ? 'walkover' : 'played');
            settleWalkovers(s, changed.slice(1), isOut);
          } else {
            const done = s.filter((x) => x.resultSubmitted && x.participants[0] !== null && x.participants[1] !== null);
            if (done.length === 0) continue;
            const x = done[st.pick % done.length];
            const winner = x.participants[st.side % 2];
            const before = JSON.stringify(s);
            try {
              correctResult(s, x.key, { winnerId: winner, score: st.side % 2 === 0 ? [3, 0] : [0, 3], outcome: 'played' }, { allowsDraws: false, cascade: st.cascade, isWithdrawn: isOut });
            } catch (error) {
              if (!(error instanceof ConflictError) || error.code !== 'later_results_exist') throw error;
              // A refusal changes nothing.
              expect(JSON.stringify(s)).toBe(before);
            }
          }
          expect(inconsistencies(s)).toEqual([]);
          // Nobody withdrawn waits in a session whose opponent is known.
          for (const x of s) {
            if (x.resultSubmitted || x.participants[0] === null || x.participants[1] === null) continue;
            expect(isOut(x.participants[0]) || isOut(x.participants[1])).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
