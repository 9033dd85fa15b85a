import { describe, expect, it } from 'vitest';
import type { Session } from '../api/wire-types.ts';
import { bracketOf } from './bracket-fixtures.ts';
import { bracketHeight, knockoutShape, playoffIds, slotCentre, slotIndexes, slotsInRound } from './bracket-geometry.ts';

const round = (sessions: Session[], r: number) => sessions.filter((s) => s.tournament_round === r);

/** Lays out rounds from the final back, as the bracket component does. */
function layout(sessions: Session[], finalRound: number, firstRound = 1) {
  const playoffs = playoffIds(sessions);
  const slots = new Map<number, Map<string, number>>();
  let next = new Map<string, number>();
  for (let r = finalRound; r >= firstRound; r--) {
    next = slotIndexes(knockoutShape, round(sessions, r), r, finalRound, next, playoffs);
    slots.set(r, next);
  }
  return { playoffs, slots };
}

describe('the third-place playoff', () => {
  it('is found by its links at 2,048 players, and round 1’s match 999 stays in the bracket', () => {
    const sessions = bracketOf(2048);
    expect(sessions).toHaveLength(2048);
    const { playoffs, slots } = layout(sessions, 11);
    const playoff = sessions.find((s) => playoffs.has(s.id))!;
    expect([...playoffs]).toEqual([playoff.id]);
    expect(playoff.tournament_round).toBe(11);
    const match999 = round(sessions, 1).find((s) => s.tournament_match_number === 999)!;
    expect(playoffs.has(match999.id)).toBe(false);
    const first = slots.get(1)!;
    expect(first.size).toBe(1024);
    expect(first.get(match999.id)).toBe(998);
    expect(new Set(first.values()).size).toBe(1024);
    const final = round(sessions, 11).find((s) => s.next_session_id === null && !playoffs.has(s.id))!;
    expect([...slots.get(11)!]).toEqual([[final.id, 0]]);
  });

  it('places a first round with byes by its links, every match under the one it feeds', () => {
    const sessions = bracketOf(2047);
    const { slots } = layout(sessions, 11);
    const first = slots.get(1)!;
    const second = slots.get(2)!;
    expect(first.size).toBe(1023);
    for (const s of round(sessions, 1)) {
      const index = first.get(s.id)!;
      expect(Math.floor(index / 2), s.id).toBe(second.get(s.next_session_id!));
      expect(index % 2).toBe(s.next_slot);
      expect(slotCentre(knockoutShape, 1, 2, second.get(s.next_session_id!)!)).toBe(
        (slotCentre(knockoutShape, 1, 1, 2 * Math.floor(index / 2)) + slotCentre(knockoutShape, 1, 1, 2 * Math.floor(index / 2) + 1)) / 2,
      );
    }
  });

  it('is not drawn as a match while the semi-finals are not loaded yet', () => {
    const finalRound = round(bracketOf(8), 3);
    expect(finalRound).toHaveLength(2);
    const placed = slotIndexes(knockoutShape, finalRound, 3, 3, new Map(), playoffIds(finalRound));
    expect([...placed.values()]).toEqual([0]);
  });
});

describe('geometry', () => {
  it('halves the slots each round and sizes the bracket by its first round', () => {
    expect([1, 2, 3, 11].map((r) => slotsInRound(knockoutShape, r, 11))).toEqual([1024, 512, 256, 1]);
    expect(bracketHeight(knockoutShape, 8, 11)).toBe(8 * 64);
    expect(slotCentre(knockoutShape, 8, 9, 0)).toBe(64);
  });
});
