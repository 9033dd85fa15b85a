import { ConflictError } from '../domain/errors.ts';
import { resetFollows } from '../domain/formats/double-elimination.ts';
import { addDueSessions } from './add-due-sessions.ts';
import type { SessionRecord, Store, TournamentRecord } from './ports.ts';

/**
 * After a correction in a double elimination: a grand final reset that no longer follows from the
 * first grand final (its winner changed, or an earlier correction cleared it) is removed, one with
 * a result only with `cascade` (else 409 later_results_exist naming it); a reset that has become
 * due is added. Returns the removed ids. Formats without a grand final have no GRAND_FINAL
 * sessions, so this reads one empty page.
 */
export async function reconcileReset(tx: Store, tournament: TournamentRecord, cascade: boolean): Promise<string[]> {
  const finals = (await tx.sessions.list(tournament.id, { phase: 'GRAND_FINAL' })).items;
  const first = finals.find((s) => s.round === 1);
  const reset = finals.find((s) => s.round === 2);
  if (first === undefined) return [];
  const firstShape = { resultSubmitted: first.resultSubmitted, winnerId: first.winnerId, outcome: first.outcome, participants: slots(first) };
  if (reset === undefined) {
    if (resetFollows(firstShape, firstShape)) await addDueSessions(tx, tournament);
    return [];
  }
  if (resetFollows(firstShape, { participants: slots(reset) })) return [];
  if (reset.resultSubmitted && !cascade) {
    throw new ConflictError(
      'the grand final reset already has a result that stands on this one: GRAND_FINAL round 2 match 1; correct with cascade=true (admin) to clear it',
      { sessions: [{ session_id: reset.id, phase: reset.phase, round: reset.round, match_number: reset.matchNumber }], session_ids: [reset.id] },
      'later_results_exist',
    );
  }
  await tx.sessions.deleteByIds([reset.id]);
  return [reset.id];
}

function slots(record: SessionRecord): [number | null, number | null] {
  const out: [number | null, number | null] = [null, null];
  for (const p of record.participants) out[p.slot as 0 | 1] = p.id;
  return out;
}
