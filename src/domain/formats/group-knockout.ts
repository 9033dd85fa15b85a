import { ValidationError } from '../errors.ts';
import { DEFAULT_POINTS, rankingRow, tally, type PointsScheme } from '../standings.ts';
import { bergerRoundCount, forEachBergerPairing } from './berger.ts';
import type { Entrant, RankingRow, Session, SettingDescription, TournamentFormat } from './format.ts';
import { knockoutRanks, planBracket } from './knockout.ts';
import { ROUND_ROBIN_SETTINGS, roundRobinSession } from './league.ts';
import { qualifierLines } from './qualifier-draw.ts';
import { assertPlayerCount, readBoolean, readInteger, readPoints, readSettings } from './settings-validation.ts';
import { rankRoundRobin, readTieBreakers, type RankedTally, type TieBreaker } from './tie-breakers.ts';

/**
 * Groups, then a knockout. Groups are filled by snake seeding and each is a round robin by
 * the Berger tables (as the league); group matches of one round are numbered on across groups,
 * so (phase, round, matchNumber) stays unique. Once every group session has a result,
 * nextSessions returns the knockout (phase KNOCKOUT, rounds from 1, playoff matchNumber 999)
 * of the best advance_per_group of each group, placed by qualifier-draw.ts.
 *
 * Ranking: knockout players by knockout rules (knockoutRanks), then the others by group
 * position, points, score difference and score for. Row totals count every session played.
 * Qualifying needs a strict order, so when a group's tie-breakers leave players level the
 * better seed goes through (the default tie-breakers end with seed anyway).
 */
export interface GroupKnockoutSettings {
  group_size: number;
  advance_per_group: number;
  double_round_robin: boolean;
  points: PointsScheme;
  tie_breakers: TieBreaker[];
  third_place_playoff: boolean;
}

const NAME = 'group_knockout';
const MIN_PLAYERS = 3;
const MAX_PLAYERS = 4096;
const MAX_GROUP_SIZE = 256;
const SETTING_NAMES = [
  'group_size',
  'advance_per_group',
  'double_round_robin',
  'points',
  'tie_breakers',
  'third_place_playoff',
] as const;

const SETTINGS: readonly SettingDescription[] = [
  {
    name: 'group_size',
    type: 'integer',
    description: `Most players in a group (2 to ${MAX_GROUP_SIZE}): ceil(N / group_size) groups, filled by snake seeding, whose sizes differ by one at most.`,
    default: 4,
  },
  {
    name: 'advance_per_group',
    type: 'integer',
    description: 'Players of each group who go on to the knockout; fewer than the smallest group. Default 2 (1 with groups of 2).',
    default: 2,
  },
  ...ROUND_ROBIN_SETTINGS,
  {
    name: 'third_place_playoff',
    type: 'boolean',
    description: 'Play a knockout match for third place between the semi-final losers.',
    default: true,
  },
];

/** The group name of the i-th group (0-based): A..Z, then AA, AB, ... */
export function groupName(i: number): string {
  let name = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Snake seeding of `playerCount` seeds (0-based) into `groupCount` groups: seeds 1..G go
 * to A..G, the next G back from G to A, and so on. With 32 players in 8 groups, A holds
 * seeds 1, 16, 17 and 32.
 */
export function snakeGroups(playerCount: number, groupCount: number): number[][] {
  const groups: number[][] = Array.from({ length: groupCount }, () => []);
  for (let s = 0; s < playerCount; s++) {
    const row = Math.floor(s / groupCount);
    const column = s % groupCount;
    groups[row % 2 === 0 ? column : groupCount - 1 - column].push(s);
  }
  return groups;
}

/** Round-robin groups, then a knockout of the best of each group. */
export const groupKnockout: TournamentFormat<GroupKnockoutSettings> = {
  name: NAME,
  minPlayers: MIN_PLAYERS,
  maxPlayers: MAX_PLAYERS,
  allowsDraws: true,
  settings: SETTINGS,

  validate(playerCount, settings) {
    assertPlayerCount(playerCount, MIN_PLAYERS, MAX_PLAYERS, NAME);
    const raw = readSettings(settings, NAME, SETTING_NAMES);
    const groupSize = readInteger(raw.group_size, 'settings.group_size', 2, MAX_GROUP_SIZE, 4);
    const advance = readInteger(raw.advance_per_group, 'settings.advance_per_group', 1, groupSize - 1, Math.min(2, groupSize - 1));
    const groupCount = Math.ceil(playerCount / groupSize);
    const smallest = Math.floor(playerCount / groupCount);
    if (advance >= smallest) {
      throw new ValidationError(
        'settings.advance_per_group',
        `must be less than the smallest group: ${playerCount} players in ${groupCount} group(s) of at most ${groupSize} leave a group of ${smallest}`,
      );
    }
    if (groupCount * advance < 2) {
      throw new ValidationError(
        'settings.advance_per_group',
        `must be at least 2 when all ${playerCount} players form one group, so that the knockout has a final`,
      );
    }
    return {
      group_size: groupSize,
      advance_per_group: advance,
      double_round_robin: readBoolean(raw.double_round_robin, 'settings.double_round_robin', false),
      points: readPoints(raw.points, 'settings.points', DEFAULT_POINTS),
      tie_breakers: readTieBreakers(raw.tie_breakers, 'settings.tie_breakers'),
      third_place_playoff: readBoolean(raw.third_place_playoff, 'settings.third_place_playoff', true),
    };
  },

  plan(entrants, settings) {
    assertPlayerCount(entrants.length, MIN_PLAYERS, MAX_PLAYERS, NAME);
    const groups = drawGroups(entrants, settings);
    const rounds = groups.map((g) => bergerRoundCount(g.length, settings.double_round_robin));
    const lastRound = Math.max(...rounds);
    const sessions: Session[] = [];
    for (let round = 1; round <= lastRound; round++) {
      let matchNumber = 0;
      groups.forEach((members, g) => {
        if (round > rounds[g]) return;
        const group = groupName(g);
        forEachBergerPairing(members.length, round, settings.double_round_robin, (home, away) => {
          sessions.push(
            roundRobinSession(sessions.length, 'GROUP', round, ++matchNumber, group, members[home].playerId, members[away].playerId),
          );
        });
      });
    }
    return sessions;
  },

  nextSessions(sessions, entrants, settings) {
    let groupSessions = 0;
    for (const s of sessions) {
      if (s.phase === 'KNOCKOUT') return [];
      if (s.phase !== 'GROUP') continue;
      if (!s.resultSubmitted) return [];
      groupSessions++;
    }
    if (groupSessions === 0) return [];
    const standings = groupStandings(sessions, entrants, settings);
    const qualifiers = standings.map((rows) => rows.slice(0, settings.advance_per_group).map((r) => r.playerId));
    return planBracket(qualifierLines(qualifiers), {
      thirdPlacePlayoff: settings.third_place_playoff,
      phase: 'KNOCKOUT',
      firstKey: sessions.length,
    });
  },

  standings(sessions, entrants, settings) {
    return groupStandings(sessions, entrants, settings).map((lines, g) => ({
      phase: 'GROUP' as const,
      group: groupName(g),
      tieBreakers: [...settings.tie_breakers],
      lines,
    }));
  },

  rank(sessions, entrants, settings) {
    const standings = groupStandings(sessions, entrants, settings);
    const bracket = sessions.filter((s) => s.phase === 'KNOCKOUT');
    const knockout = bracket.length > 0 ? knockoutRanks(bracket) : new Map<number, number>();
    const totals = tally(
      sessions.filter((s) => s.phase === 'GROUP' || s.phase === 'KNOCKOUT'),
      entrants,
      settings.points,
    );
    const seedOf = new Map(entrants.map((e) => [e.playerId, e.seed]));
    const row = (playerId: number, rank: number): RankingRow => rankingRow(totals.get(playerId)!, rank);
    const rows: RankingRow[] = [];
    const others: RankedTally[] = [];
    for (const group of standings) {
      for (const r of group) {
        const place = knockout.get(r.playerId);
        if (place === undefined) others.push(r);
        else rows.push(row(r.playerId, place));
      }
    }
    rows.sort((x, y) => x.rank - y.rank || seedOf.get(x.playerId)! - seedOf.get(y.playerId)!);
    // The group stage's own points decide among the others: they played no knockout session.
    const compare = (x: RankedTally, y: RankedTally): number =>
      x.rank - y.rank || y.points - x.points || y.scoreFor - y.scoreAgainst - (x.scoreFor - x.scoreAgainst) || y.scoreFor - x.scoreFor;
    others.sort((x, y) => compare(x, y) || x.seed - y.seed);
    const offset = rows.length;
    others.forEach((r, k) => {
      const rank = k > 0 && compare(others[k - 1], r) === 0 ? rows[rows.length - 1].rank : offset + k + 1;
      rows.push(row(r.playerId, rank));
    });
    return rows;
  },
};

/** The groups' members (entrants in seed order within each group). */
function drawGroups(entrants: readonly Entrant[], settings: GroupKnockoutSettings): Entrant[][] {
  const sorted = [...entrants].sort((x, y) => x.seed - y.seed);
  const groupCount = Math.ceil(sorted.length / settings.group_size);
  return snakeGroups(sorted.length, groupCount).map((g) => g.map((s) => sorted[s]));
}

/** Each group's table, best first, from its GROUP sessions. */
function groupStandings(sessions: readonly Session[], entrants: readonly Entrant[], settings: GroupKnockoutSettings): RankedTally[][] {
  const groups = drawGroups(entrants, settings);
  const byGroup = new Map<string, Session[]>();
  for (const s of sessions) {
    if (s.phase !== 'GROUP' || s.group === null) continue;
    let list = byGroup.get(s.group);
    if (list === undefined) byGroup.set(s.group, (list = []));
    list.push(s);
  }
  return groups.map((members, g) => rankRoundRobin(byGroup.get(groupName(g)) ?? [], members, settings.points, settings.tie_breakers));
}
