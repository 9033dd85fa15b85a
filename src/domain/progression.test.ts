import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ConflictError, DomainError, NotFoundError, ValidationError } from './errors.ts';
import type { Phase, Session } from './formats/format.ts';
import { planBracket } from './formats/knockout.ts';
import { applyResult, canEndDrawn } from './progression.ts';

/** A 4-player bracket: 0 = 1 v 2, 1 = 3 v 4, 2 = final, 3 = playoff. */
function bracket(): Session[] {
  return planBracket([1, 2, 3, 4], { thirdPlacePlayoff: true });
}

function single(phase: Phase, participants: [number | null, number | null] = [1, 2]): Session[] {
  return [
    {
      key: 0,
      phase,
      round: 1,
      matchNumber: 1,
      group: phase === 'GROUP' ? 'A' : null,
      participants,
      winnerId: null,
      score: null,
      resultSubmitted: false,
      outcome: null,
      next: null,
      loserNext: null,
    },
  ];
}

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('applyResult', () => {
  it('records the result and moves the winner on and the loser to the playoff', () => {
    const sessions = bracket();
    expect(applyResult(sessions, 0, 2, [1, 3], false)).toEqual([0, 2, 3]);
    expect(sessions[0]).toMatchObject({ winnerId: 2, score: [1, 3], resultSubmitted: true });
    expect(sessions[2].participants).toEqual([2, null]);
    expect(sessions[3].participants).toEqual([1, null]);
    expect(applyResult(sessions, 1, 3, [2, 0], false)).toEqual([1, 2, 3]);
    expect(sessions[2].participants).toEqual([2, 3]);
    expect(sessions[3].participants).toEqual([1, 4]);
  });

  it('changes only the session itself when it has no links', () => {
    const sessions = bracket();
    applyResult(sessions, 0, 1, [1, 0], false);
    applyResult(sessions, 1, 4, [0, 1], false);
    expect(applyResult(sessions, 2, 4, [0, 5], false)).toEqual([2]);
    expect(applyResult(sessions, 3, 2, [1, 0], false)).toEqual([3]);
    expect(sessions.map((s) => s.winnerId)).toEqual([1, 4, 4, 2]);
  });

  it('keeps its own copy of the score', () => {
    const sessions = bracket();
    const score: [number, number] = [3, 1];
    applyResult(sessions, 0, 1, score, false);
    score[0] = 0;
    expect(sessions[0].score).toEqual([3, 1]);
  });

  it('records a draw with equal scores where the format and the session allow one', () => {
    const sessions = single('LEAGUE');
    expect(applyResult(sessions, 0, null, [2, 2], true)).toEqual([0]);
    expect(sessions[0]).toMatchObject({ winnerId: null, score: [2, 2], resultSubmitted: true });
    const group = single('GROUP');
    applyResult(group, 0, null, [0, 0], true);
    expect(group[0].winnerId).toBeNull();
  });

  it.each([-1, 4, 1.5, Number.NaN])('answers NotFoundError for key %s', (key) => {
    const error = errorOf(() => applyResult(bracket(), key, 1, [1, 0], false));
    expect(error).toBeInstanceOf(NotFoundError);
    expect([error.code, error.message]).toEqual(['not_found', 'session not found']);
  });

  it('answers session_not_ready while a participant is unknown', () => {
    const error = errorOf(() => applyResult(bracket(), 2, 1, [1, 0], false));
    expect(error).toBeInstanceOf(ConflictError);
    expect([error.code, error.message, error.details]).toEqual([
      'session_not_ready',
      'session is not ready: a participant is still unknown',
      { participants: [null, null] },
    ]);
  });

  it('answers result_already_submitted for a second result', () => {
    const sessions = bracket();
    applyResult(sessions, 0, 1, [2, 1], false);
    const error = errorOf(() => applyResult(sessions, 0, 2, [0, 1], false));
    expect(error).toBeInstanceOf(ConflictError);
    expect([error.code, error.details]).toEqual(['result_already_submitted', { winner_id: 1, score: [2, 1], outcome: 'played' }]);
    expect(sessions[2].participants).toEqual([1, null]);
  });

  it('rejects a winner who is not a participant', () => {
    const error = errorOf(() => applyResult(bracket(), 0, 3, [1, 0], false));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toBe('winner_id: is not a participant of this session');
  });

  it('rejects a draw where the format allows none', () => {
    const error = errorOf(() => applyResult(single('LEAGUE'), 0, null, [1, 1], false));
    expect([error.code, error.message]).toEqual(['validation_failed', 'winner_id: a draw is not allowed in this format']);
  });

  it('rejects a draw in a knockout session even when the format allows draws elsewhere', () => {
    for (const sessions of [bracket(), single('KNOCKOUT')]) {
      const error = errorOf(() => applyResult(sessions, 0, null, [1, 1], true));
      expect(error.message).toBe('winner_id: a draw is not allowed in a knockout session: someone must advance');
    }
  });

  it.each([
    [[-1, 0]],
    [[1.5, 0]],
    [[Number.NaN, 0]],
    [[1, Number.POSITIVE_INFINITY]],
    [[1]],
    [[3, 1, 0]],
    [['2', '1']],
  ])('rejects score %j', (score) => {
    const error = errorOf(() => applyResult(bracket(), 0, 1, score as unknown as [number, number], false));
    expect(error.message).toBe('score: must be two non-negative integers');
  });

  it('needs a score for a played result; only a walkover goes without', () => {
    const error = errorOf(() => applyResult(bracket(), 0, 1, null, false));
    expect(error.message).toBe('score: is required for a played result; only a walkover has none');
  });

  it("rejects a winner whose score is not above the loser's", () => {
    for (const score of [[1, 1], [0, 2]] as [number, number][]) {
      const error = errorOf(() => applyResult(bracket(), 0, 1, score, false));
      expect(error.message).toBe("score: the winner's score must be greater than the loser's; a level score is a draw");
    }
    // Slot 1 winning: its score is the second one.
    const error = errorOf(() => applyResult(bracket(), 0, 2, [2, 1], false));
    expect(error.details).toMatchObject({ field: 'score' });
  });

  it('rejects a draw with unequal scores', () => {
    const error = errorOf(() => applyResult(single('LEAGUE'), 0, null, [2, 1], true));
    expect(error.message).toBe('score: a draw (no winner) needs equal scores');
  });

  it('refuses to overwrite a player already in the next slot, changing nothing', () => {
    const sessions = bracket();
    sessions[2].participants[0] = 99;
    const error = errorOf(() => applyResult(sessions, 0, 1, [1, 0], false));
    expect(error.code).toBe('bracket_inconsistent');
    expect(sessions[0]).toMatchObject({ winnerId: null, score: null, resultSubmitted: false });
    expect(sessions[3].participants).toEqual([null, null]);
  });

  it('leaves sessions untouched whenever it throws', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1, max: 4 }),
        fc.option(fc.integer({ min: 0, max: 5 })),
        fc.tuple(fc.integer({ min: -1, max: 3 }), fc.integer({ min: -1, max: 3 })),
        fc.boolean(),
        (key, winnerId, score, allowsDraws) => {
          const sessions = bracket();
          const before = JSON.stringify(sessions);
          try {
            applyResult(sessions, key, winnerId, score, allowsDraws);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            expect(JSON.stringify(sessions)).toBe(before);
            return;
          }
          expect(sessions[key].resultSubmitted).toBe(true);
          expect(sessions[key].score).toEqual(score);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('canEndDrawn', () => {
  it('allows a draw only outside brackets and only where the format does', () => {
    expect(canEndDrawn(single('LEAGUE')[0], true)).toBe(true);
    expect(canEndDrawn(single('SWISS')[0], true)).toBe(true);
    expect(canEndDrawn(single('LEAGUE')[0], false)).toBe(false);
    expect(canEndDrawn(single('KNOCKOUT')[0], true)).toBe(false);
    expect(canEndDrawn({ ...single('GROUP')[0], next: { key: 1, slot: 0 } }, true)).toBe(false);
  });
});
