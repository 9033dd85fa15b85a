import { getFormat } from '../domain/formats/registry.ts';
import type { Clock, Store } from './ports.ts';
import { getTournamentRecord, lockTournament, requireStatus } from './load-tournament.ts';

export interface GenerationOutcome {
  /** Sessions the tournament has after the call. */
  sessionsCount: number;
  /** Sessions this call wrote: 0 when they already existed. */
  createdCount: number;
  /** Computing the plan. */
  generationMs: number;
  /** The write transaction: lock, check, bulk insert, commit. */
  writeMs: number;
}

export class InjectedFaultError extends Error {}

/**
 * Plans a tournament's sessions and writes them exactly once: under the tournament's row
 * lock, it checks for existing sessions and inserts only when there are none, all in one
 * transaction, so duplicate or concurrent runs add nothing and rewrite nothing.
 */
export async function generateSessions(
  ctx: { store: Store; clock: Clock },
  tournamentId: number,
  options: { fault?: boolean } = {},
): Promise<GenerationOutcome> {
  const { store, clock } = ctx;
  const tournament = await getTournamentRecord(store, tournamentId);
  requireStatus(tournament, ['IN_PROGRESS'], 'generate sessions');
  const entrants = await store.enrollments.entrants(tournamentId);
  const format = getFormat(tournament.format);
  const settings = format.validate(entrants.length, tournament.settings);

  const planStart = clock.monotonic();
  const plan = format.plan(entrants, settings);
  const generationMs = clock.monotonic() - planStart;

  const writeStart = clock.monotonic();
  const { sessionsCount, createdCount } = await store.transaction(async (tx) => {
    const locked = await lockTournament(tx, tournamentId);
    requireStatus(locked, ['IN_PROGRESS'], 'generate sessions');
    const existing = (await tx.sessions.counts(tournamentId)).sessions;
    if (existing > 0) return { sessionsCount: existing, createdCount: 0 };
    const created = await tx.sessions.insertFrom(tournamentId, plan, []);
    if (options.fault) {
      throw new InjectedFaultError('generation failed on purpose: the TOURNEY_FAULT_GENERATION test switch is on');
    }
    return { sessionsCount: created, createdCount: created };
  });
  const writeMs = clock.monotonic() - writeStart;
  return { sessionsCount, createdCount, generationMs: round(generationMs), writeMs: round(writeMs) };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
