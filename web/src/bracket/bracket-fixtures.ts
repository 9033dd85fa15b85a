/** Brackets for the web's tests, planned by the server's own domain code. */
import { knockout } from '../../../src/domain/formats/knockout.ts';
import type { Session as DomainSession } from '../../../src/domain/formats/format.ts';
import type { Session } from '../api/wire-types.ts';

/** A knockout of `players` as the API would list it (ids are the domain keys, as text). */
export function bracketOf(players: number): Session[] {
  const entrants = Array.from({ length: players }, (_, i) => ({ playerId: i + 1, seed: i + 1 }));
  const planned = knockout.plan(entrants, knockout.validate(players, {}));
  const id = (key: number) => `s${key}`;
  return planned.map((s: DomainSession): Session => ({
    id: id(s.key),
    tournament_id: 1,
    phase: 'KNOCKOUT',
    tournament_round: s.round,
    tournament_match_number: s.matchNumber,
    group_identifier: null,
    participants: [],
    winner_id: null,
    score: null,
    result_submitted: false,
    outcome: null,
    scheduled_at: null,
    station: null,
    attempts: null,
    next_session_id: s.next ? id(s.next.key) : null,
    next_slot: s.next ? s.next.slot : null,
    loser_next_session_id: s.loserNext ? id(s.loserNext.key) : null,
    loser_next_slot: s.loserNext ? s.loserNext.slot : null,
  }));
}

