import { DEFAULT_POINTS, tableRankingRow, type PointsScheme } from '../standings.ts';
import { bergerRoundCount, forEachBergerPairing } from './berger.ts';
import type { Entrant, Session, SettingDescription, TournamentFormat } from './format.ts';
import { assertPlayerCount, readBoolean, readPoints, readSettings } from './settings-validation.ts';
import { rankRoundRobin, readTieBreakers, TIE_BREAKERS, type TieBreaker } from './tie-breakers.ts';
import { unplayedSession } from '../unplayed-session.ts';
import { phaseCode, SessionTable } from '../session-table.ts';
import { RankingTable } from '../ranking-table.ts';
import { ValidationError } from '../errors.ts';
import { WITHDRAWAL_RULES, type WithdrawalRule } from '../withdrawal.ts';

/**
 * Parsed league settings. Keys keep their wire (snake_case) names because the services store
 * what validate() returns as the tournament's settings and validate them again later.
 */
export interface LeagueSettings {
  double_round_robin: boolean;
  points: PointsScheme;
  tie_breakers: TieBreaker[];
  withdrawal: WithdrawalRule;
}

const NAME = 'league';
const MIN_PLAYERS = 2;
const MAX_PLAYERS = 1024;
const SETTING_NAMES = ['double_round_robin', 'points', 'tie_breakers', 'withdrawal'] as const;

/** The settings a round robin shares with the group stage of group_knockout. */
export const ROUND_ROBIN_SETTINGS: readonly SettingDescription[] = [
  {
    name: 'double_round_robin',
    type: 'boolean',
    description:
      'Everyone meets everyone twice: the second cycle repeats the Berger table with sides reversed, and the last two rounds of the first cycle are swapped.',
    default: false,
  },
  {
    name: 'points',
    type: 'object',
    description: 'Points for a win, a draw and a loss: {win, draw, loss}; keys left out keep their default.',
    default: { ...DEFAULT_POINTS },
  },
  {
    name: 'tie_breakers',
    type: 'array',
    description: `Order of the ranking criteria, any of: ${TIE_BREAKERS.join(', ')}. Head-to-head counts only the games among the players still level.`,
    default: [...TIE_BREAKERS],
    choices: TIE_BREAKERS,
  },
];

/** Everyone meets everyone by the FIDE Berger tables; draws exist; ranked by configurable tie-breakers. */
export const league: TournamentFormat<LeagueSettings> = {
  name: NAME,
  minPlayers: MIN_PLAYERS,
  maxPlayers: MAX_PLAYERS,
  allowsDraws: true,
  settings: [
    ...ROUND_ROBIN_SETTINGS,
    {
      name: 'withdrawal',
      type: 'string',
      description:
        'What a withdrawal does to the table: forfeit_remaining (games played count, the rest are walkovers), expunge (all of the player\'s games are removed), expunge_under_half (expunge when fewer than half were played, else forfeit the rest).',
      default: 'forfeit_remaining',
    },
  ],

  validate(playerCount, settings) {
    assertPlayerCount(playerCount, MIN_PLAYERS, MAX_PLAYERS, NAME);
    const raw = readSettings(settings, NAME, SETTING_NAMES);
    return {
      double_round_robin: readBoolean(raw.double_round_robin, 'settings.double_round_robin', false),
      points: readPoints(raw.points, 'settings.points', DEFAULT_POINTS),
      tie_breakers: readTieBreakers(raw.tie_breakers, 'settings.tie_breakers'),
      withdrawal: readWithdrawalRule(raw.withdrawal, 'settings.withdrawal'),
    };
  },

  plan(entrants, settings) {
    assertPlayerCount(entrants.length, MIN_PLAYERS, MAX_PLAYERS, NAME);
    const ids = bySeed(entrants).map((e) => e.playerId);
    const sessions: Session[] = [];
    const rounds = bergerRoundCount(ids.length, settings.double_round_robin);
    for (let round = 1; round <= rounds; round++) {
      let board = 0;
      forEachBergerPairing(ids.length, round, settings.double_round_robin, (home, away) => {
        sessions.push(roundRobinSession(sessions.length, 'LEAGUE', round, ++board, null, ids[home], ids[away]));
      });
    }
    return sessions;
  },

  // plan() as columns: a league of 1,024 is 523,776 sessions, planned, played and stored with
  // no object per session (ranking makes them once, from the columns).
  planTable(entrants, settings) {
    return this.planTableByIds!(bySeed(entrants).map((e) => e.playerId), settings);
  },

  planTableByIds(ids, settings) {
    assertPlayerCount(ids.length, MIN_PLAYERS, MAX_PLAYERS, NAME);
    const rounds = bergerRoundCount(ids.length, settings.double_round_robin);
    // A round holds every player but the bye: floor(n / 2) games.
    const t = new SessionTable(rounds * Math.floor(ids.length / 2));
    const phase = phaseCode('LEAGUE');
    let row = 0;
    for (let round = 1; round <= rounds; round++) {
      let board = 0;
      forEachBergerPairing(ids.length, round, settings.double_round_robin, (home, away) => {
        t.phase[row] = phase;
        t.round[row] = round;
        t.matchNumber[row] = ++board;
        t.participant1[row] = ids[home];
        t.participant2[row] = ids[away];
        row++;
      });
    }
    if (row !== t.length) throw new RangeError(`planned ${row} league sessions, expected ${t.length}`);
    return t;
  },

  nextSessions() {
    return [];
  },

  rank(sessions, entrants, settings) {
    return leagueTable(sessions, entrants, settings).map((line) => tableRankingRow(line, settings.tie_breakers));
  },

  rankTable(table, entrants, settings) {
    return RankingTable.fromRows(this.rank(table.toSessions(), entrants, settings));
  },

  standings(sessions, entrants, settings) {
    return [{ phase: 'LEAGUE', group: null, tieBreakers: [...settings.tie_breakers], lines: leagueTable(sessions, entrants, settings) }];
  },
};

/** A round-robin session with no result yet (league and group stage). */
export function roundRobinSession(
  key: number,
  phase: 'LEAGUE' | 'GROUP',
  round: number,
  matchNumber: number,
  group: string | null,
  home: number,
  away: number,
): Session {
  return unplayedSession({ key, phase, round, matchNumber, group, participants: [home, away] });
}

function leagueTable(sessions: readonly Session[], entrants: readonly Entrant[], settings: LeagueSettings) {
  return rankRoundRobin(sessions.filter((s) => s.phase === 'LEAGUE'), entrants, settings.points, settings.tie_breakers);
}

function bySeed(entrants: readonly Entrant[]): readonly Entrant[] {
  for (let i = 1; i < entrants.length; i++) {
    if (entrants[i - 1].seed > entrants[i].seed) return [...entrants].sort((x, y) => x.seed - y.seed);
  }
  return entrants;
}

function readWithdrawalRule(value: unknown, field: string): WithdrawalRule {
  if (value === undefined || value === null) return 'forfeit_remaining';
  if (typeof value !== 'string' || !(WITHDRAWAL_RULES as readonly string[]).includes(value)) {
    throw new ValidationError(field, `must be one of: ${WITHDRAWAL_RULES.join(', ')}`);
  }
  return value as WithdrawalRule;
}
