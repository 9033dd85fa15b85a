import { ConflictError } from '../domain/errors.ts';
import { getFormat } from '../domain/formats/registry.ts';
import { swissRounds, SWISS_POINTS, type SwissSettings } from '../domain/formats/swiss.ts';
import { absencesOf, swissHistory, withdrawalsOf, type SwissRoundRecord } from '../domain/formats/swiss-history.ts';
import type { PointsScheme } from '../domain/standings.ts';
import { writeTrf, type TrfDocument, type TrfRound } from '../domain/trf.ts';
import { currentStandings } from './export-tournament.ts';
import { getTournamentRecord } from './load-tournament.ts';
import { loadPlayState } from './play-state.ts';
import type { Store, TournamentRecord } from './ports.ts';

/** TRF-16 has four columns for a start rank. */
export const TRF_MAX_PLAYERS = 9999;

/** The header the export writes for the type of tournament (092); import ignores it. */
export const TRF_TYPE = 'Individual: Swiss-System (FIDE Dutch)';

/**
 * A Swiss tournament, in any state, as FIDE TRF-16 text (src/domain/trf.ts), the file an
 * arbiter hands to an endorsed pairing program:
 * - 012 the name, 062 the number of players, 092 the type; XXR the rounds; XXC the initial
 *   colour (settings.initial_colour when the format has it, else white1);
 * - BBW/BBD/BBL (bbpPairings' point lines) when settings.points differ from 1 / 0.5 / 0;
 * - a 001 line per entrant by seed (start rank = seed): name, rating, points, rank (the
 *   standings now), and per existing round the record of swiss-history.ts: a game with its
 *   colour and 1 = 0, a forfeit + / - (a double forfeit - both), a pending game with a blank
 *   result, the pairing-allocated bye 0000 - U, a kept absence 0000 - H / F / Z; a withdrawn
 *   player Z from the round they left; in the next round to pair, the withdrawn (Z) and the
 *   absences kept for it (the column a pairing program reads as absent).
 * Sex, title, federation, FIDE id and birth date are not kept here and stay blank.
 */
export async function exportTrf(store: Store, tournamentId: number): Promise<string> {
  const tournament = await getTournamentRecord(store, tournamentId);
  if (tournament.format !== 'swiss') {
    throw new ConflictError(`tournament ${tournamentId} is ${tournament.format}, not swiss: only a Swiss exports as TRF`, { format: tournament.format }, 'not_swiss');
  }
  const format = getFormat('swiss');
  const entrants = await store.enrollments.entrants(tournamentId);
  if (entrants.length > TRF_MAX_PLAYERS) {
    throw new ConflictError(`TRF holds at most ${TRF_MAX_PLAYERS} players (4-digit start ranks); this Swiss has ${entrants.length}`, { players: entrants.length }, 'trf_too_large');
  }
  // Checked against the largest field, as at creation: a draft may hold fewer players than its rounds need.
  const settings = format.validate(format.maxPlayers, tournament.settings) as SwissSettings;
  const points = settings.points ?? SWISS_POINTS;
  const state = await loadPlayState(store, tournamentId, format);
  const absences = absencesOf(entrants);
  const history = swissHistory(entrants, state.sessions, { points, withdrawals: withdrawalsOf(entrants), absences });
  const people = new Map((await store.enrollments.participants(tournamentId)).map((p) => [p.playerId, p]));
  // The rank column: the standings now, once there is a round to rank by.
  const rankOf = new Map(state.sessions.length > 0 ? (await currentStandings(store, tournamentId)).rows.map((r) => [r.playerId, r.rank]) : []);
  const totalRounds = swissRounds(entrants.length, settings);
  const withdrawnFrom = new Map(withdrawalsOf(entrants).map((w) => [w.playerId, w.fromRound]));
  const next = history.rounds + 1;
  const absentNext = new Map(absences.filter((a) => a.round === next).map((a) => [a.playerId, a.code]));

  const doc: TrfDocument = {
    headers: [
      { code: '012', value: tournament.name },
      { code: '062', value: String(entrants.length) },
      { code: '092', value: TRF_TYPE },
    ],
    players: history.players.map((p) => {
      const person = people.get(p.playerId);
      const rounds = p.rounds.map((r) => trfRound(r, history.players));
      // The next round to pair: a withdrawn player, or one with an absence for it, is known absent.
      const from = withdrawnFrom.get(p.playerId);
      if (history.rounds < totalRounds) {
        if (from !== undefined && from <= next) rounds.push({ opponent: 0, colour: '-', result: 'Z' });
        else if (absentNext.has(p.playerId)) rounds.push({ opponent: 0, colour: '-', result: absentNext.get(p.playerId)! });
      }
      return {
        startRank: p.seed,
        sex: '',
        title: '',
        name: person?.name ?? '',
        rating: person?.rating != null && person.rating <= 9999 ? person.rating : null,
        federation: '',
        fideId: '',
        birthDate: '',
        points: p.score,
        rank: rankOf.get(p.playerId) ?? null,
        rounds,
      };
    }),
    totalRounds,
    initialColour: initialColourOf(tournament),
    otherLines: pointLines(points),
  };
  try {
    return writeTrf(doc);
  } catch (e) {
    // A number TRF has no columns for (points above 99.9 under a large points scheme).
    if (e instanceof RangeError) throw new ConflictError(`this Swiss cannot be written as TRF: ${e.message}`, {}, 'trf_unwritable');
    throw e;
  }
}

function trfRound(r: SwissRoundRecord, players: readonly { seed: number }[]): TrfRound {
  if (r.opponent === null) return { opponent: 0, colour: '-', result: r.result ?? ' ' };
  return { opponent: players[r.opponent].seed, colour: r.colour === 'white' ? 'w' : 'b', result: r.result ?? ' ' };
}

/** settings.initial_colour when the Swiss has that setting ('white1' / 'black1'), else white1. */
export function initialColourOf(tournament: TournamentRecord): 'white1' | 'black1' {
  return tournament.settings.initial_colour === 'black1' ? 'black1' : 'white1';
}

/** bbpPairings' BBW/BBD/BBL lines for a points scheme other than chess's 1 / 0.5 / 0. */
export function pointLines(points: PointsScheme): string[] {
  if (points.win === SWISS_POINTS.win && points.draw === SWISS_POINTS.draw && points.loss === SWISS_POINTS.loss) return [];
  const v = (x: number) => x.toFixed(1).padStart(4, ' ');
  return [`BBW ${v(points.win)}`, `BBD ${v(points.draw)}`, `BBL ${v(points.loss)}`];
}
