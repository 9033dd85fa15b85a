import { getFormat } from '../domain/formats/registry.ts';
import type { SessionTable } from '../domain/session-table.ts';
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

export interface GenerationOptions {
  /** A test's fault hook, run after the insert and before the record (see GenerationFaults). */
  afterInsert?: () => void;
  /**
   * Runs inside the write transaction, after the sessions are in and before the commit, so
   * a record of the outcome (the task's `done`) lands with the sessions or not at all.
   */
  record?: (tx: Store, outcome: GenerationOutcome) => Promise<void>;
}

/**
 * Plans a tournament's sessions and writes them exactly once: under the tournament's row
 * lock, it checks for existing sessions and inserts only when there are none, all in one
 * transaction, so duplicate or concurrent runs add nothing and rewrite nothing.
 */
export async function generateSessions(
  ctx: { store: Store; clock: Clock },
  tournamentId: number,
  options: GenerationOptions = {},
): Promise<GenerationOutcome> {
  const { store, clock } = ctx;
  const tournament = await getTournamentRecord(store, tournamentId);
  requireStatus(tournament, ['IN_PROGRESS'], 'generate sessions');
  // Clubs cost a join over the players, so they are read only when the settings use them.
  const clubs = tournament.settings.separate_clubs === true;
  const format = getFormat(tournament.format);
  let plan: ReturnType<typeof format.plan> | SessionTable;
  let generationMs: number;
  if (format.planTableByIds && !clubs) {
    // A million entrants as one column of player ids (no object each), planned as columns.
    const ids = await store.enrollments.playerIdsBySeed(tournamentId);
    const settings = format.validate(ids.length, tournament.settings);
    const planStart = clock.monotonic();
    plan = format.planTableByIds(ids, settings);
    generationMs = clock.monotonic() - planStart;
  } else {
    const entrants = await store.enrollments.entrants(tournamentId, { clubs });
    const settings = format.validate(entrants.length, tournament.settings);
    const planStart = clock.monotonic();
    // Columns where the format plans them, else its sessions.
    plan = format.planTable ? format.planTable(entrants, settings) : format.plan(entrants, settings);
    generationMs = clock.monotonic() - planStart;
  }

  const writeStart = clock.monotonic();
  return store.transaction(async (tx) => {
    const locked = await lockTournament(tx, tournamentId);
    requireStatus(locked, ['IN_PROGRESS'], 'generate sessions');
    const existing = (await tx.sessions.counts(tournamentId)).sessions;
    let counts: { sessionsCount: number; createdCount: number };
    if (existing > 0) {
      counts = { sessionsCount: existing, createdCount: 0 };
    } else {
      const created = Array.isArray(plan) ? await tx.sessions.insertFrom(tournamentId, plan, []) : await tx.sessions.insertTable(tournamentId, plan);
      options.afterInsert?.();
      counts = { sessionsCount: created, createdCount: created };
    }
    // The commit is not in the write time: the record of it has to be written before it.
    const outcome = { ...counts, generationMs: round(generationMs), writeMs: round(clock.monotonic() - writeStart) };
    await options.record?.(tx, outcome);
    return outcome;
  });
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
