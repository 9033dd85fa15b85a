import { ConflictError, ValidationError } from '../errors.ts';
import type { Entrant, Session, SettingDescription, TournamentFormat } from './format.ts';
import { tableRankingRow, type PointsScheme } from '../standings.ts';
import { assertPlayerCount, readPoints, readSettings } from './settings-validation.ts';
import { NoValidPairingError, pairSwissRound } from './swiss-dutch/dutch.ts';
import { absencesOf, swissHistory, withdrawalsOf } from './swiss-history.ts';
import { unplayedSession } from '../unplayed-session.ts';
import { DEFAULT_SWISS_TIE_BREAKERS, readSwissTieBreakers, SWISS_TIE_BREAKERS, swissTable, type SwissTieBreaker } from './swiss-tie-breaks.ts';

/**
 * The Swiss system: a fixed number of rounds, each paired once the one before is complete by
 * the FIDE Dutch system (C.04.3, 2025), exactly as bbpPairings pairs it (swiss-dutch/dutch.ts),
 * from the canonical record of the rounds so far (swiss-history.ts).
 *
 * Points: win 1, draw 0.5, loss 0 by default (settings.points), and a bye scores as a win
 * (also in `wins`). Score groups for pairing are groups of equal points.
 *
 * The bye is recorded without a session or a column: with an odd count every round pairs all
 * players but one, so a player who appears in no session of a round that exists had that
 * round's bye. nextSessions and rank derive it from the sessions alone, and since pairing is
 * deterministic the same sessions always give the same byes.
 *
 * Ranking: points, then settings.tie_breakers after FIDE C.07 (swiss-tie-breaks.ts).
 */
export interface SwissSettings {
  /** null: ceil(log2 N), decided when the player count is known. Wire names kept, see league.ts. */
  rounds: number | null;
  points: PointsScheme;
  /** Applied after points, in order (swiss-tie-breaks.ts, after FIDE C.07). */
  tie_breakers: SwissTieBreaker[];
  /** The colour drawn for the top board's higher-ranked player (FIDE draws it by lot; TRF XXC). */
  initial_colour: SwissInitialColour;
}

export const SWISS_INITIAL_COLOURS = ['white1', 'black1'] as const;
export type SwissInitialColour = (typeof SWISS_INITIAL_COLOURS)[number];

/** Chess scoring: the points a Swiss uses unless settings.points says otherwise. */
export const SWISS_POINTS: PointsScheme = { win: 1, draw: 0.5, loss: 0 };

const NAME = 'swiss';
const MIN_PLAYERS = 2;
/**
 * The exact Dutch pairing costs between n^2 and n^3 (a weighted matching over the whole field,
 * re-solved as each bracket is settled): 0.7 s of CPU a round at 256 players, an estimated 18 s
 * at 1,024 (npm run bench:swiss). The cap keeps a round under a second.
 */
const MAX_PLAYERS = 256;
const ROUND_LIMIT = 64;

const SETTINGS: readonly SettingDescription[] = [
  {
    name: 'rounds',
    type: 'integer',
    description:
      'Number of rounds: at most ceil(N/2), so every round can always be paired without a rematch, and at most 64. Default ceil(log2 N).',
    default: null,
  },
  {
    name: 'points',
    type: 'object',
    description: 'Points for a win (and a bye), a draw and a loss: {win, draw, loss}; keys left out keep their default.',
    default: { ...SWISS_POINTS },
  },
  {
    name: 'tie_breakers',
    type: 'array',
    description:
      'After points, in order (FIDE C.07): buchholz, buchholz_cut1, buchholz_median, sonneborn_berger, progressive, direct_encounter, wins, wins_with_black, seed. Unplayed rounds count as C.07 Article 16 says.',
    default: [...DEFAULT_SWISS_TIE_BREAKERS],
    choices: SWISS_TIE_BREAKERS,
  },
  {
    name: 'initial_colour',
    type: 'string',
    description:
      "The colour of pairing number 1 (or the top board's higher-ranked player) where colours are not decided by the players' histories: white1 or black1 (FIDE draws it by lot before round 1).",
    default: 'white1',
    choices: SWISS_INITIAL_COLOURS,
  },
];

/** The most rounds allowed for this many players. */
export function maxSwissRounds(playerCount: number): number {
  return Math.min(Math.ceil(playerCount / 2), ROUND_LIMIT);
}

/** The number of rounds these settings give for this many players. */
export function swissRounds(playerCount: number, settings: SwissSettings): number {
  return settings.rounds ?? Math.max(1, Math.ceil(Math.log2(playerCount)));
}

/** Swiss system after FIDE Dutch; one round at a time, no rematches, byes derived from absence. */
export const swiss: TournamentFormat<SwissSettings> = {
  name: NAME,
  minPlayers: MIN_PLAYERS,
  maxPlayers: MAX_PLAYERS,
  allowsDraws: true,
  settings: SETTINGS,

  validate(playerCount, settings) {
    assertPlayerCount(playerCount, MIN_PLAYERS, MAX_PLAYERS, NAME);
    const raw = readSettings(settings, NAME, ['rounds', 'points', 'tie_breakers', 'initial_colour']);
    const points = readPoints(raw.points, 'settings.points', SWISS_POINTS);
    const tie_breakers = readSwissTieBreakers(raw.tie_breakers, 'settings.tie_breakers');
    const initial_colour = readInitialColour(raw.initial_colour);
    if (raw.rounds === undefined || raw.rounds === null) return { rounds: null, points, tie_breakers, initial_colour };
    const max = maxSwissRounds(playerCount);
    const rounds = raw.rounds;
    if (typeof rounds !== 'number' || !Number.isInteger(rounds) || rounds < 1 || rounds > max) {
      throw new ValidationError(
        'settings.rounds',
        `must be an integer from 1 to ${max} for ${playerCount} players (at most ceil(N/2) so that every round can be paired without a rematch, and at most ${ROUND_LIMIT})`,
      );
    }
    return { rounds, points, tie_breakers, initial_colour };
  },

  plan(entrants, settings) {
    assertPlayerCount(entrants.length, MIN_PLAYERS, MAX_PLAYERS, NAME);
    return pairedRound([], entrants, settings, 1, 0);
  },

  nextSessions(sessions, entrants, settings) {
    let lastRound = 0;
    for (const s of sessions) if (s.phase === 'SWISS' && s.round > lastRound) lastRound = s.round;
    if (lastRound === 0 || lastRound >= swissRounds(entrants.length, settings)) return [];
    for (const s of sessions) if (s.phase === 'SWISS' && s.round === lastRound && !s.resultSubmitted) return [];
    return pairedRound(sessions, entrants, settings, lastRound + 1, sessions.length);
  },

  rank(sessions, entrants, settings) {
    const names = ['points', ...settings.tie_breakers];
    return swissTable(sessions, entrants, { points: settings.points, tieBreakers: settings.tie_breakers }).map((line) => tableRankingRow(line, names));
  },

  standings(sessions, entrants, settings) {
    const lines = swissTable(sessions, entrants, { points: settings.points, tieBreakers: settings.tie_breakers });
    return [{ phase: 'SWISS', group: null, tieBreakers: ['points', ...settings.tie_breakers], lines }];
  },
};

interface SwissStanding {
  /** Pairing number: seed 1 is the strongest. */
  seed: number;
  score: number;
  hadBye: boolean;
  opponents: number[];
  colours: number[];
  /** Per game, in the order of `opponents`: 1 win, 0.5 draw, 0 loss or no result yet (for Sonneborn-Berger). */
  results: number[];
  byes: number;
  /** Wins include byes. */
  wins: number;
  draws: number;
  losses: number;
  scoreFor: number;
  scoreAgainst: number;
}

interface SwissStandings {
  /** Player ids in seed order; players[i] is ids[i]. */
  ids: number[];
  players: SwissStanding[];
}

/** Everyone's state from the SWISS sessions so far; a player absent from an existing round had its bye. */
export function swissStandings(
  sessions: readonly Session[],
  entrants: readonly Entrant[],
  points: PointsScheme = SWISS_POINTS,
): SwissStandings {
  const sorted = [...entrants].sort((x, y) => x.seed - y.seed);
  const index = new Map<number, number>();
  sorted.forEach((e, i) => index.set(e.playerId, i));
  let rounds = 0;
  for (const s of sessions) if (s.phase === 'SWISS' && s.round > rounds) rounds = s.round;
  const players: SwissStanding[] = sorted.map((e) => ({
    seed: e.seed,
    score: 0,
    opponents: [],
    colours: new Array<number>(rounds).fill(0),
    results: [],
    hadBye: false,
    byes: 0,
    wins: 0,
    draws: 0,
    losses: 0,
    scoreFor: 0,
    scoreAgainst: 0,
  }));
  for (const s of sessions) {
    if (s.phase !== 'SWISS') continue;
    const [a, b] = s.participants;
    const ia = a === null ? undefined : index.get(a);
    const ib = b === null ? undefined : index.get(b);
    if (ia === undefined || ib === undefined) continue;
    const pa = players[ia];
    const pb = players[ib];
    pa.colours[s.round - 1] = 1;
    pb.colours[s.round - 1] = -1;
    pa.opponents.push(ib);
    pb.opponents.push(ia);
    if (!s.resultSubmitted) {
      pa.results.push(0);
      pb.results.push(0);
      continue;
    }
    const [sa, sb] = s.score ?? [0, 0];
    pa.scoreFor += sa;
    pa.scoreAgainst += sb;
    pb.scoreFor += sb;
    pb.scoreAgainst += sa;
    // A double forfeit is a loss for both, not a draw.
    const forfeited = s.winnerId === null && s.outcome === 'walkover';
    const ra = forfeited ? 0 : s.winnerId === null ? 0.5 : s.winnerId === a ? 1 : 0;
    const rb = forfeited ? 0 : 1 - ra;
    pa.results.push(ra);
    pb.results.push(rb);
    record(pa, ra, points);
    record(pb, rb, points);
  }
  for (const p of players) {
    for (let r = 0; r < rounds; r++) {
      if (p.colours[r] !== 0) continue;
      p.byes++;
      p.hadBye = true;
      p.score += points.win;
      p.wins++;
    }
  }
  return { ids: sorted.map((e) => e.playerId), players };
}

function record(p: SwissStanding, result: number, points: PointsScheme): void {
  if (result === 1) {
    p.wins++;
    p.score += points.win;
  } else if (result === 0) {
    p.losses++;
    p.score += points.loss;
  } else {
    p.draws++;
    p.score += points.draw;
  }
}

function readInitialColour(value: unknown): SwissInitialColour {
  if (value === undefined || value === null) return 'white1';
  if (typeof value !== 'string' || !(SWISS_INITIAL_COLOURS as readonly string[]).includes(value)) {
    throw new ValidationError('settings.initial_colour', `must be one of ${SWISS_INITIAL_COLOURS.join(', ')}`);
  }
  return value as SwissInitialColour;
}

/** The sessions of round `round`, paired by the Dutch system from the rounds before it. */
function pairedRound(sessions: readonly Session[], entrants: readonly Entrant[], settings: SwissSettings, round: number, firstKey: number): Session[] {
  // A withdrawn player is recorded absent (Z) from the round they are out from, and a player
  // with a known absence (H, F, Z) for this round is not available to be paired in it (C.04.1:
  // only players present are paired); the engine reads the absence from the round's record.
  const withdrawals = withdrawalsOf(entrants);
  const absences = absencesOf(entrants);
  const outFrom = new Map(withdrawals.map((w) => [w.playerId, w.fromRound]));
  const absentNow = new Set(absences.filter((a) => a.round === round).map((a) => a.playerId));
  const history = swissHistory(entrants, sessions, { points: settings.points, withdrawals, absences });
  let pairing;
  try {
    pairing = pairSwissRound({
      players: history.players.map((p, i) => ({
        rounds: p.rounds.map((r) => ({ opponent: r.opponent, colour: r.colour, result: r.result ?? '0' })),
        available: !((outFrom.get(history.ids[i]!) ?? Infinity) <= round) && !absentNow.has(history.ids[i]!),
      })),
      totalRounds: swissRounds(entrants.length, settings),
      points: settings.points,
      initialColour: settings.initial_colour === 'black1' ? 'black' : 'white',
    });
  } catch (error) {
    if (error instanceof NoValidPairingError) {
      throw new ConflictError(`round ${round} cannot be paired without a rematch or a second bye: ${error.message}`, { round }, 'swiss_unpairable');
    }
    throw error;
  }
  return pairing.boards.map(([white, black], board) =>
    unplayedSession({ key: firstKey + board, phase: 'SWISS', round, matchNumber: board + 1, participants: [history.ids[white], history.ids[black]] }));
}
