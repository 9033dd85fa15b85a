import { InvalidTransitionError } from './errors.ts';

export const TOURNAMENT_STATUSES = ['DRAFT', 'ENROLLMENT_OPEN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] as const;
export type TournamentStatus = (typeof TOURNAMENT_STATUSES)[number];

const TRANSITIONS: Record<TournamentStatus, readonly TournamentStatus[]> = {
  DRAFT: ['ENROLLMENT_OPEN', 'CANCELLED'],
  ENROLLMENT_OPEN: ['IN_PROGRESS', 'CANCELLED'],
  IN_PROGRESS: ['COMPLETED', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

/** Whether the lifecycle allows moving from one status to another. */
export function canTransition(from: TournamentStatus, to: TournamentStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws InvalidTransitionError unless the move is allowed. */
export function assertTransition(from: TournamentStatus, to: TournamentStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}
