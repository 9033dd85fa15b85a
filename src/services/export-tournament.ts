import { stringify } from 'csv-stringify/sync';
import type { TieBreakValues } from '../domain/formats/format.ts';
import { getFormat } from '../domain/formats/registry.ts';
import type { ParticipantRecord, SessionRecord, Store } from './ports.ts';
import { getTournamentRecord } from './load-tournament.ts';
import { loadPlayState } from './play-state.ts';

/** One row of the standings as an export or a public page shows it. */
export interface StandingRow {
  rank: number;
  playerId: number;
  name: string;
  club: string | null;
  rating: number | null;
  seed: number;
  withdrawn: boolean;
  points: number;
  wins: number;
  draws: number;
  losses: number;
  scoreFor: number;
  scoreAgainst: number;
  /** The values of the criteria that ordered the row, by name; {} for a format ranked without them. */
  tieBreaks: TieBreakValues;
}

/**
 * The standings now: the calculated rankings once they exist, else ranked from the results so
 * far by the format's own rules (the knockout's players still in share first place).
 */
export async function currentStandings(store: Store, tournamentId: number): Promise<{ rows: StandingRow[]; final: boolean }> {
  const tournament = await getTournamentRecord(store, tournamentId);
  const people = new Map<number, ParticipantRecord>((await store.enrollments.participants(tournamentId)).map((p) => [p.playerId, p]));
  const row = (r: {
    playerId: number; rank: number; points: number; wins: number; draws: number; losses: number; scoreFor: number; scoreAgainst: number;
    tieBreaks?: TieBreakValues;
  }): StandingRow => {
    const p = people.get(r.playerId);
    return {
      rank: r.rank,
      playerId: r.playerId,
      name: p?.name ?? '',
      club: p?.club ?? null,
      rating: p?.rating ?? null,
      seed: p?.seed ?? 0,
      withdrawn: p?.withdrawnAt != null,
      points: r.points,
      wins: r.wins,
      draws: r.draws,
      losses: r.losses,
      scoreFor: r.scoreFor,
      scoreAgainst: r.scoreAgainst,
      tieBreaks: r.tieBreaks ?? {},
    };
  };
  const stored = await store.rankings.list(tournamentId, { limit: 2_147_483_647, offset: 0 });
  if (stored.total > 0) return { rows: stored.items.map(row), final: true };
  const entrants = await store.enrollments.entrants(tournamentId);
  if (entrants.length === 0) return { rows: [], final: false };
  const format = getFormat(tournament.format);
  // Individual events rank by their attempts, kept beside the sessions.
  const state = await loadPlayState(store, tournamentId, format);
  const settings = format.validate(entrants.length, tournament.settings);
  return { rows: format.rank(state.sessions, entrants, settings).map(row), final: false };
}

/** Every session in order, read in pages so a large tournament is not one giant query. */
export async function allSessions(store: Store, tournamentId: number): Promise<SessionRecord[]> {
  const out: SessionRecord[] = [];
  let afterOrdinal: number | undefined;
  for (;;) {
    const page = await store.sessions.list(tournamentId, { limit: 50_000, afterOrdinal });
    out.push(...page.items);
    if (page.items.length < 50_000 || page.last === null) return out;
    afterOrdinal = page.last;
  }
}

// A spreadsheet runs a cell that starts with = + - @ (or a tab/CR) as a formula: names are text.
function cell(text: string | null): string {
  if (text === null) return '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Tie-breakers whose value the fixed columns already hold. */
const TIE_BREAK_COLUMNS_SHOWN = { points: true, seed: true, wins: true, score_for: true };

/** The standings as CSV with a header row; a column per tie-breaker the format ranked by (buchholz, ...). */
export async function standingsCsv(store: Store, tournamentId: number): Promise<string> {
  const { rows } = await currentStandings(store, tournamentId);
  // The format's tie-breakers (every row carries the same ones), each a column, in the order applied.
  const tieBreakers = Object.keys(rows[0]?.tieBreaks ?? {}).filter((name) => !(name in TIE_BREAK_COLUMNS_SHOWN));
  return stringify(
    rows.map((r) => [
      r.rank, cell(r.name), cell(r.club), r.rating ?? '', r.seed, r.withdrawn ? 'yes' : '', r.points, r.wins, r.draws, r.losses, r.scoreFor, r.scoreAgainst,
      ...tieBreakers.map((name) => r.tieBreaks[name] ?? ''),
    ]),
    { header: true, columns: ['rank', 'name', 'club', 'rating', 'seed', 'withdrawn', 'points', 'wins', 'draws', 'losses', 'score_for', 'score_against', ...tieBreakers] },
  );
}

/** Every session with its players and result as CSV with a header row. */
export async function resultsCsv(store: Store, tournamentId: number): Promise<string> {
  await getTournamentRecord(store, tournamentId);
  const sessions = await allSessions(store, tournamentId);
  return stringify(
    sessions.map((s) => {
      const side = (slot: number) => s.participants.find((p) => p.slot === slot) ?? null;
      const [a, b] = [side(0), side(1)];
      const winner = s.winnerId === null ? null : s.participants.find((p) => p.id === s.winnerId)?.name ?? null;
      return [
        s.phase, s.group ?? '', s.round, s.matchNumber, cell(a?.name ?? null), cell(b?.name ?? null),
        s.resultSubmitted ? (s.winnerId === null ? (s.outcome === 'walkover' ? 'double forfeit' : 'draw') : cell(winner)) : '',
        s.score?.[0] ?? '', s.score?.[1] ?? '', s.outcome ?? '',
      ];
    }),
    { header: true, columns: ['phase', 'group', 'round', 'match', 'player_1', 'player_2', 'winner', 'score_1', 'score_2', 'outcome'] },
  );
}
