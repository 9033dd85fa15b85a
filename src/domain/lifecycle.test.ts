import { describe, it, expect } from 'vitest';
import { InvalidTransitionError } from './errors.ts';
import { assertTransition, canTransition, TOURNAMENT_STATUSES, type TournamentStatus } from './lifecycle.ts';

const ALLOWED: [TournamentStatus, TournamentStatus][] = [
  ['DRAFT', 'ENROLLMENT_OPEN'],
  ['DRAFT', 'CANCELLED'],
  ['ENROLLMENT_OPEN', 'IN_PROGRESS'],
  ['ENROLLMENT_OPEN', 'CANCELLED'],
  ['IN_PROGRESS', 'COMPLETED'],
  ['IN_PROGRESS', 'CANCELLED'],
];

describe('tournament lifecycle', () => {
  it('lists the five statuses in order', () => {
    expect(TOURNAMENT_STATUSES).toEqual(['DRAFT', 'ENROLLMENT_OPEN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED']);
  });

  it('allows exactly the six forward moves and nothing else', () => {
    const allowed: string[] = [];
    for (const from of TOURNAMENT_STATUSES) {
      for (const to of TOURNAMENT_STATUSES) if (canTransition(from, to)) allowed.push(`${from}->${to}`);
    }
    expect(allowed).toEqual(ALLOWED.map(([from, to]) => `${from}->${to}`));
  });

  it('never leaves COMPLETED or CANCELLED, nor stays put', () => {
    for (const to of TOURNAMENT_STATUSES) {
      expect(canTransition('COMPLETED', to)).toBe(false);
      expect(canTransition('CANCELLED', to)).toBe(false);
      expect(canTransition(to, to)).toBe(false);
    }
  });

  it('lets an allowed move through', () => {
    for (const [from, to] of ALLOWED) expect(assertTransition(from, to)).toBeUndefined();
  });

  it('throws InvalidTransitionError naming both statuses', () => {
    let caught: unknown;
    try {
      assertTransition('DRAFT', 'COMPLETED');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidTransitionError);
    const error = caught as InvalidTransitionError;
    expect([error.code, error.message, error.details, error.from, error.to]).toEqual([
      'invalid_status',
      'cannot move a tournament from DRAFT to COMPLETED',
      { current_status: 'DRAFT', requested_status: 'COMPLETED' },
      'DRAFT',
      'COMPLETED',
    ]);
  });
});
