import { getFormat } from '../domain/formats/registry.ts';
import { settleWalkovers } from '../domain/walkovers.ts';
import { loadPlayState } from './play-state.ts';
import type { Store, TournamentRecord } from './ports.ts';

/**
 * Once every session has a result, adds the sessions the format now owes (the next Swiss round,
 * the knockout after the groups), settling walkovers of withdrawn players in them at once, which
 * can complete a round and make the next one due. Returns how many sessions it added.
 */
export async function addDueSessions(tx: Store, tournament: TournamentRecord): Promise<number> {
  if (await tx.sessions.anyWithoutResult(tournament.id)) return 0;
  const format = getFormat(tournament.format);
  const state = await loadPlayState(tx, tournament.id, format);
  const entrants = await tx.enrollments.entrants(tournament.id);
  const settings = format.validate(entrants.length, tournament.settings);
  const withdrawn = new Set(entrants.filter((e) => e.withdrawn).map((e) => e.playerId));
  const before = state.sessions.length;
  for (;;) {
    const due = format.nextSessions(state.sessions, entrants, settings);
    if (due.length === 0) break;
    state.sessions.push(...due);
    if (withdrawn.size === 0) break;
    settleWalkovers(state.sessions, due.map((s) => s.key), (id) => withdrawn.has(id));
    if (due.some((s) => !s.resultSubmitted)) break;
  }
  if (state.sessions.length === before) return 0;
  await tx.sessions.insertFrom(tournament.id, state.sessions, state.ids, before);
  return state.sessions.length - before;
}
