import type { Phase, TieBreakValues } from '../domain/formats/format.ts';
import { getFormat } from '../domain/formats/registry.ts';
import { tieBreaksOf, type StandingLine, type StandingsTable } from '../domain/standings.ts';
import { getTournamentRecord } from './load-tournament.ts';
import { loadPlayState } from './play-state.ts';
import type { Store } from './ports.ts';

export interface NamedStandingLine extends StandingLine {
  name: string;
  /** tieBreakValues by the table's tie-breaker names. */
  tieBreaks: TieBreakValues;
}

export interface StandingsPage extends Omit<StandingsTable, 'lines'> {
  /** Lines in the whole table; `lines` is the page asked for. */
  total: number;
  lines: NamedStandingLine[];
}

/**
 * The tournament's tables as its format computes them from the results so far (a league's,
 * each group's, the Swiss table), optionally of one phase or group, each paged by line.
 * A tournament without sessions has none.
 */
export async function viewStandings(
  store: Store,
  tournamentId: number,
  query: { phase?: Phase; group?: string; limit: number; offset: number },
): Promise<StandingsPage[]> {
  const tournament = await getTournamentRecord(store, tournamentId);
  const format = getFormat(tournament.format);
  const state = await loadPlayState(store, tournamentId, format);
  if (state.sessions.length === 0) return [];
  const entrants = await store.enrollments.entrants(tournamentId);
  const tables = format
    .standings(state.sessions, entrants, format.validate(entrants.length, tournament.settings))
    .filter((t) => (query.phase === undefined || t.phase === query.phase) && (query.group === undefined || t.group === query.group));
  const pages = tables.map((t) => ({ ...t, total: t.lines.length, lines: t.lines.slice(query.offset, query.offset + query.limit) }));
  const names = new Map((await store.players.named(pages.flatMap((t) => t.lines.map((l) => l.playerId)))).map((p) => [p.id, p.name]));
  return pages.map((t) => ({
    ...t,
    lines: t.lines.map((l) => ({ ...l, name: names.get(l.playerId) ?? '', tieBreaks: tieBreaksOf(t.tieBreakers, l.tieBreakValues) })),
  }));
}
