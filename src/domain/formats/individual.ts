import { ValidationError } from '../errors.ts';
import { playerIndex } from '../player-index.ts';
import { unplayedTurn } from '../unplayed-session.ts';
import { tieBreaksOf } from '../standings.ts';
import type { AttemptRules, Direction, Entrant, Measure, RankingRow, Session, SettingDescription, TournamentFormat } from './format.ts';
import { assertPlayerCount, readInteger, readSettings } from './settings-validation.ts';

/**
 * Individual events (a sprint, a throw, a skills test): no pairings. Each participant has one
 * session per round (phase INDIVIDUAL, participants [id, null]) holding up to `attempts`
 * measured attempts; a failed attempt (a foul, a miss) is null. A session is complete once it
 * holds `attempts` entries.
 *
 * Ranking, within the last round each participant reached (later rounds first):
 * - `aggregate: 'best'`: the best valid attempt over every round; `'sum'`: the sum of them (a
 *   failed attempt adds nothing to a higher_wins sum; with lower_wins, such as times, fewer valid
 *   attempts rank after more, as a run not finished has no time).
 * - Participants without a valid attempt rank last in their group, sharing a place.
 * - Equal marks share a place; with `tie_break: 'next_best'` they are separated by the next-best
 *   attempt, then the one after (the athletics rule), and share only when all are equal.
 * Rounds: without `advance` every participant has a session in every round from the start; with
 * it, round r + 1 is made once round r is complete, for the top K of round r (ties at the cut
 * all go on), starting with the lowest-placed so the leader goes last.
 */
export interface IndividualSettings {
  attempts: number;
  rounds: number;
  measure: Measure;
  direction: Direction;
  aggregate: Aggregate;
  /** Top K going on after each round (one K for every cut, or one per cut); null: no cut. */
  advance: number | number[] | null;
  tie_break: TieBreak;
}

export type Aggregate = 'best' | 'sum';
export type TieBreak = 'none' | 'next_best';

const NAME = 'individual';
const MIN_PLAYERS = 2;
const MAX_PLAYERS = 1_048_576;
const MAX_ATTEMPTS = 10;
const MAX_ROUNDS = 10;
const MEASURES: readonly Measure[] = ['score', 'time_ms', 'distance'];
const DIRECTIONS: readonly Direction[] = ['higher_wins', 'lower_wins'];
const AGGREGATES: readonly Aggregate[] = ['best', 'sum'];
const TIE_BREAKS: readonly TieBreak[] = ['none', 'next_best'];
const SETTING_NAMES = ['attempts', 'rounds', 'measure', 'direction', 'aggregate', 'advance', 'tie_break'] as const;

const SETTINGS: readonly SettingDescription[] = [
  { name: 'attempts', type: 'integer', description: `Attempts per participant per round (1 to ${MAX_ATTEMPTS}).`, default: 3 },
  { name: 'rounds', type: 'integer', description: `Rounds (1 to ${MAX_ROUNDS}); every round's attempts count.`, default: 1 },
  { name: 'measure', type: 'string', description: 'What an attempt measures: a score, a time in milliseconds, or a distance in metres.', default: 'score', choices: MEASURES },
  {
    name: 'direction',
    type: 'string',
    description: 'Which way is better; default lower_wins for time_ms, else higher_wins.',
    default: 'higher_wins',
    choices: DIRECTIONS,
  },
  { name: 'aggregate', type: 'string', description: 'Rank by the best attempt or by the sum of all attempts.', default: 'best', choices: AGGREGATES },
  {
    name: 'advance',
    type: 'array',
    description: 'A cut after each round: the top K go on (one number for every cut, or a list with one per cut; ties at the cut all go on). Leave empty for no cut.',
    default: null,
  },
  {
    name: 'tie_break',
    type: 'string',
    description: "'next_best' separates equal marks by the next-best attempt, then the next; 'none' lets them share the place.",
    default: 'none',
    choices: TIE_BREAKS,
  },
];

/** Measured attempts instead of matches; ranked by best or sum, with optional cuts between rounds. */
export const individual: TournamentFormat<IndividualSettings> = {
  name: NAME,
  minPlayers: MIN_PLAYERS,
  maxPlayers: MAX_PLAYERS,
  allowsDraws: false,
  settings: SETTINGS,

  validate(playerCount, settings) {
    assertPlayerCount(playerCount, MIN_PLAYERS, MAX_PLAYERS, NAME);
    const raw = readSettings(settings, NAME, SETTING_NAMES);
    const measure = readChoice(raw.measure, 'settings.measure', MEASURES, 'score');
    const rounds = readInteger(raw.rounds, 'settings.rounds', 1, MAX_ROUNDS, 1);
    return {
      attempts: readInteger(raw.attempts, 'settings.attempts', 1, MAX_ATTEMPTS, 3),
      rounds,
      measure,
      direction: readChoice(raw.direction, 'settings.direction', DIRECTIONS, measure === 'time_ms' ? 'lower_wins' : 'higher_wins'),
      aggregate: readChoice(raw.aggregate, 'settings.aggregate', AGGREGATES, 'best'),
      advance: readAdvance(raw.advance, rounds),
      tie_break: readChoice(raw.tie_break, 'settings.tie_break', TIE_BREAKS, 'none'),
    };
  },

  plan(entrants, settings) {
    assertPlayerCount(entrants.length, MIN_PLAYERS, MAX_PLAYERS, NAME);
    const ordered = bySeed(entrants);
    const rounds = settings.advance === null ? settings.rounds : 1;
    const sessions: Session[] = new Array(ordered.length * rounds);
    let key = 0;
    for (let round = 1; round <= rounds; round++) {
      for (let i = 0; i < ordered.length; i++) sessions[key] = unplayedTurn(key++, 'INDIVIDUAL', round, i + 1, ordered[i].playerId);
    }
    return sessions;
  },

  // The live leaderboard: everyone's place now, with the mark so far and the round reached.
  standings(sessions, entrants, settings) {
    const done = new Map<number, number>();
    for (const s of sessions) {
      const player = s.participants[0];
      if (s.phase === 'INDIVIDUAL' && player !== null && s.resultSubmitted) done.set(player, (done.get(player) ?? 0) + 1);
    }
    const lines = standings(sessions, entrants, settings).map((p) => {
      const { tieBreaks: _byName, ...row } = rankingRowOf(p);
      return { ...row, seed: p.seed, played: done.get(p.playerId) ?? 0, tieBreakValues: leaderboardValues(p) };
    });
    return [{ phase: 'INDIVIDUAL', group: null, tieBreakers: [...LEADERBOARD_COLUMNS], lines }];
  },

  nextSessions(sessions, entrants, settings) {
    if (settings.advance === null) return [];
    let lastRound = 0;
    for (const s of sessions) {
      if (s.phase !== 'INDIVIDUAL') continue;
      if (!s.resultSubmitted) return [];
      if (s.round > lastRound) lastRound = s.round;
    }
    if (lastRound === 0 || lastRound >= settings.rounds) return [];
    const cut = cutAfter(settings, lastRound);
    const standing = standings(sessions, entrants, settings).filter((p) => p.lastRound === lastRound && p.rank <= cut);
    // The lowest-placed go first and the leader last, as in a final; seed order within a place.
    standing.reverse();
    return standing.map((p, i) => unplayedTurn(sessions.length + i, 'INDIVIDUAL', lastRound + 1, i + 1, p.playerId));
  },

  rank(sessions, entrants, settings) {
    return standings(sessions, entrants, settings).map(rankingRowOf);
  },

  attemptRules(settings): AttemptRules {
    return { perSession: settings.attempts, measure: settings.measure, direction: settings.direction };
  },
};

/** How many go on after round `round` (1-based); Infinity when there is no cut. */
export function cutAfter(settings: IndividualSettings, round: number): number {
  const advance = settings.advance;
  if (advance === null) return Number.POSITIVE_INFINITY;
  return typeof advance === 'number' ? advance : advance[round - 1];
}

/**
 * The values a leaderboard line carries, in order: the latest round reached, the mark (best or
 * sum; null without a valid attempt) and the count of valid attempts.
 */
export const LEADERBOARD_COLUMNS = ['round_reached', 'mark', 'valid_attempts'] as const;

/** A standing's values of LEADERBOARD_COLUMNS, in that order. */
function leaderboardValues(p: IndividualStanding): [number, number | null, number] {
  return [p.lastRound, p.mark, p.validAttempts];
}

/**
 * A standing as a ranking row: no wins or losses; the mark kept as the points, so any table of
 * them shows it, and what the row was ranked by (LEADERBOARD_COLUMNS) as its tie_breaks, so a
 * ranking, the standings and their CSV show the mark and the attempts rather than W/D/L.
 */
function rankingRowOf(p: IndividualStanding): RankingRow {
  return {
    playerId: p.playerId, rank: p.rank, points: p.mark ?? 0, wins: 0, draws: 0, losses: 0, scoreFor: 0, scoreAgainst: 0, mark: p.mark,
    tieBreaks: tieBreaksOf(LEADERBOARD_COLUMNS, leaderboardValues(p)),
  };
}

/** One participant's place in the standings. */
export interface IndividualStanding {
  playerId: number;
  seed: number;
  rank: number;
  /** The latest round the participant has a session in (0: none). */
  lastRound: number;
  /** Best attempt or sum; null without a valid attempt. */
  mark: number | null;
  validAttempts: number;
}

/**
 * Everyone's place by the rules in the header, best first (seed order within a shared place).
 * Attempts made so far count, so it is also the live standing of a round in progress.
 */
export function standings(sessions: readonly Session[], entrants: readonly Entrant[], settings: IndividualSettings): IndividualStanding[] {
  const ordered = bySeed(entrants);
  const n = ordered.length;
  const indexOf = playerIndex(ordered);
  const higher = settings.direction === 'higher_wins';
  const sum = settings.aggregate === 'sum';
  const lastRound = new Int32Array(n);
  const valid = new Int32Array(n);
  const mark = new Float64Array(n).fill(Number.NaN);
  // Each participant's sessions as a linked list (first, then on), for the next-best tie-break.
  const firstTurn = new Int32Array(n).fill(-1);
  const nextTurn = new Int32Array(sessions.length).fill(-1);
  for (let k = sessions.length - 1; k >= 0; k--) {
    const s = sessions[k];
    const player = s.participants[0];
    if (s.phase !== 'INDIVIDUAL' || player === null) continue;
    const i = indexOf(player);
    if (i < 0) continue;
    if (s.round > lastRound[i]) lastRound[i] = s.round;
    nextTurn[k] = firstTurn[i];
    firstTurn[i] = k;
    for (const value of s.attempts ?? []) {
      if (value === null) continue;
      valid[i]++;
      const current = mark[i];
      if (Number.isNaN(current)) mark[i] = value;
      else if (sum) mark[i] = current + value;
      else if (higher ? value > current : value < current) mark[i] = value;
    }
  }
  // Smaller is better on every key; a sum of lower_wins times ranks more finished runs first.
  const countFirst = sum && !higher;
  const compareMarks = (x: number, y: number): number => {
    const rx = lastRound[x];
    const ry = lastRound[y];
    if (rx !== ry) return ry - rx;
    const nx = Number.isNaN(mark[x]);
    const ny = Number.isNaN(mark[y]);
    if (nx !== ny) return nx ? 1 : -1;
    if (nx) return 0;
    if (countFirst && valid[x] !== valid[y]) return valid[y] - valid[x];
    if (mark[x] !== mark[y]) return higher ? mark[y] - mark[x] : mark[x] - mark[y];
    return settings.tie_break === 'next_best' ? compareAttempts(x, y) : 0;
  };
  const sortedAttempts = (i: number): number[] => {
    const values: number[] = [];
    for (let k = firstTurn[i]; k >= 0; k = nextTurn[k]) for (const v of sessions[k].attempts ?? []) if (v !== null) values.push(v);
    return values.sort(higher ? (a, b) => b - a : (a, b) => a - b);
  };
  // Best first, then the next best...; having an attempt beats having none.
  const compareAttempts = (x: number, y: number): number => {
    const ax = sortedAttempts(x);
    const ay = sortedAttempts(y);
    for (let j = 0; j < Math.max(ax.length, ay.length); j++) {
      if (j >= ax.length) return 1;
      if (j >= ay.length) return -1;
      if (ax[j] !== ay[j]) return higher ? ay[j] - ax[j] : ax[j] - ay[j];
    }
    return 0;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((x, y) => compareMarks(x, y) || x - y);
  const out: IndividualStanding[] = new Array(n);
  for (let p = 0; p < n; p++) {
    const i = order[p];
    const rank = p > 0 && compareMarks(order[p - 1], i) === 0 ? out[p - 1].rank : p + 1;
    out[p] = {
      playerId: ordered[i].playerId,
      seed: ordered[i].seed,
      rank,
      lastRound: lastRound[i],
      mark: Number.isNaN(mark[i]) ? null : mark[i],
      validAttempts: valid[i],
    };
  }
  return out;
}

function readChoice<T extends string>(value: unknown, field: string, choices: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new ValidationError(field, `must be one of ${choices.join(', ')}`);
  }
  return value as T;
}

function readAdvance(value: unknown, rounds: number): number | number[] | null {
  if (value === undefined || value === null) return null;
  const field = 'settings.advance';
  if (rounds === 1) throw new ValidationError(field, 'needs at least 2 rounds: the cut is made between rounds');
  if (typeof value === 'number') return readInteger(value, field, 1, MAX_PLAYERS, 1);
  if (!Array.isArray(value) || value.length !== rounds - 1) {
    throw new ValidationError(field, `must be a number or a list of ${rounds - 1} numbers, one for each cut`);
  }
  return value.map((k, i) => readInteger(k, `${field}[${i}]`, 1, MAX_PLAYERS, 1));
}

function bySeed(entrants: readonly Entrant[]): readonly Entrant[] {
  for (let i = 1; i < entrants.length; i++) if (entrants[i - 1].seed > entrants[i].seed) return [...entrants].sort((x, y) => x.seed - y.seed);
  return entrants;
}
