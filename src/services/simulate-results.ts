import { getFormat } from '../domain/formats/registry.ts';
import { simulate, simulateTable } from '../domain/simulation.ts';
import { ConflictError } from '../domain/errors.ts';
import { SYSTEM_ACTOR } from './audit-shapes.ts';
import type { Actor, Store } from './ports.ts';
import { lockTournament, requireStatus } from './load-tournament.ts';
import { loadPlayState } from './play-state.ts';

/** What a simulation call did, in counts. */
export interface SimulationSummary {
  /** Sessions that received a result from this call. */
  simulatedCount: number;
  /** Sessions the format added as rounds became due (Swiss rounds, the knockout after groups). */
  addedCount: number;
  sessionsCount: number;
  resultsSubmitted: number;
}

/** Default seed when none is given, so a bare call is still reproducible. */
export const DEFAULT_SIMULATION_SEED = 1;

/**
 * Plays every remaining session with a seeded PRNG, round by round as the format requires.
 * One read, then one bulk update and one bulk insert (per 50,000 rows), in one transaction.
 */
export async function simulateResults(
  store: Store,
  tournamentId: number,
  seed = DEFAULT_SIMULATION_SEED,
  options: { force?: boolean; actor?: Actor } = {},
): Promise<SimulationSummary> {
  return store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['IN_PROGRESS'], 'simulate results');
    if (!tournament.synthetic && options.force !== true) {
      throw new ConflictError(
        `tournament ${tournamentId} has real participants: simulating would fill their remaining matches with random results; send force: true (admin) to do it anyway`,
        { synthetic: false },
        'participants_not_synthetic',
      );
    }
    const entrants = await tx.enrollments.entrants(tournamentId);
    const format = getFormat(tournament.format);
    const settings = format.validate(entrants.length, tournament.settings);
    if (format.planTable && tournament.synthetic && !entrants.some((e) => e.withdrawn)) {
      // A bracket of synthetic players, played on columns: one COPY out, one COPY + UPDATE back,
      // no object per session (a million-player knockout in a few hundred MB).
      const table = await tx.sessions.loadTable(tournamentId);
      if (!table.hasDoubleForfeit()) {
        const resultsBefore = table.resultsSubmitted();
        const changed = simulateTable(format, table, entrants, seed);
        await tx.sessions.writeProgress(tournamentId, table, changed);
        const resultsSubmitted = table.resultsSubmitted();
        return { simulatedCount: resultsSubmitted - resultsBefore, addedCount: 0, sessionsCount: table.length, resultsSubmitted };
      }
    }
    const state = await loadPlayState(tx, tournamentId, format);
    const before = state.sessions.length;
    const resultsBefore = state.sessions.reduce((n, s) => n + (s.resultSubmitted ? 1 : 0), 0);

    const outcome = simulate(format, settings, state.sessions, entrants, seed);
    if (!tournament.synthetic) {
      // A real event keeps a record of who filled it with random results; scenarios stay lean.
      await tx.audit.record([{
        tournamentId, actor: options.actor ?? SYSTEM_ACTOR, action: 'simulation', sessionId: null, playerId: null,
        before: { resultsSubmitted: resultsBefore }, after: { seed, forced: true, changedSessions: outcome.changed.size },
      }]);
    }
    const changed = [...outcome.changed].sort((a, b) => a - b).map((key) => outcome.sessions[key]);
    await tx.sessions.updateProgress(changed, state.ids);
    await tx.sessions.insertFrom(tournamentId, outcome.sessions, state.ids, before);
    if (format.attemptRules) await tx.attempts.write([...changed, ...outcome.sessions.slice(before)], state.ids);

    const resultsSubmitted = outcome.sessions.reduce((n, s) => n + (s.resultSubmitted ? 1 : 0), 0);
    return {
      simulatedCount: resultsSubmitted - resultsBefore,
      addedCount: outcome.added,
      sessionsCount: outcome.sessions.length,
      resultsSubmitted,
    };
  });
}
