/**
 * The one interface every tournament format implements. A format is pure: it plans
 * sessions, adds the ones that become due as results arrive, and ranks the players.
 * Adding a format is adding a file that implements this and a line in registry.ts.
 */
import type { SessionTable } from '../session-table.ts';
import type { RankingTable } from '../ranking-table.ts';
import type { StandingsTable } from '../standings.ts';

export const PHASES = ['KNOCKOUT', 'GROUP', 'LEAGUE', 'SWISS', 'WINNERS', 'LOSERS', 'GRAND_FINAL', 'INDIVIDUAL'] as const;
export type Phase = (typeof PHASES)[number];

/** A player as enrolled in one tournament: seed 1 is the strongest. */
export interface Entrant {
  playerId: number;
  seed: number;
  /** The player's club, where the format asks for it (knockout's separate_clubs). */
  club?: string | null;
  /** Withdrawn from the tournament: plays no further session (pairing formats leave them out). */
  withdrawn?: boolean;
  /**
   * With `withdrawn`: the first round created after the withdrawal (the rounds that existed then,
   * plus one). A Swiss pairs the player in no round from this one on and records them absent
   * there (swiss-history.ts: SwissWithdrawal.fromRound); rounds before it keep their sessions or bye.
   */
  withdrawnFromRound?: number;
  /**
   * Rounds a Swiss player is known to miss, each with its TRF code: `H` half-point bye, `F`
   * full-point bye, `Z` absent (zero points). Not paired in those rounds (swiss-history.ts:
   * SwissAbsence). Read from an imported TRF; absent when there are none.
   */
  absences?: { round: number; code: 'H' | 'F' | 'Z' }[];
}

/**
 * How a result came about. `walkover`: not played, the winner advances without a score; a
 * walkover without a winner is a double forfeit (both lose). `retired`: started, and the loser
 * gave up; the score is the one at that moment.
 */
export const OUTCOMES = ['played', 'walkover', 'retired'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type Slot = 0 | 1;

/** Where a player goes after a session: the session (by key) and the slot in it. */
export interface Link {
  key: number;
  slot: Slot;
}

/**
 * One session (match). `key` is the session's identity within one tournament's list
 * (a dense index); storage maps keys to database ids and never shows keys outside.
 */
export interface Session {
  key: number;
  phase: Phase;
  round: number;
  matchNumber: number;
  group: string | null;
  /** Player ids; null while unknown (an earlier result decides it). */
  participants: [number | null, number | null];
  /** null with a submitted result means a draw, or a double forfeit when the outcome is a walkover. */
  winnerId: number | null;
  /** Scores in participant order; null for a walkover. */
  score: [number, number] | null;
  resultSubmitted: boolean;
  /** null while there is no result. */
  outcome: Outcome | null;
  /** Where the winner goes. */
  next: Link | null;
  /** Where the loser goes (the third-place playoff, the losers bracket). */
  loserNext: Link | null;
  /**
   * Only in formats judged by attempts (see AttemptRules): the one participant's measured
   * attempts in order, null for a failed one (a foul, a miss); complete (resultSubmitted) once it
   * holds AttemptRules.perSession. Absent in head-to-head formats.
   */
  attempts?: (number | null)[];
}

/** What is measured in an attempt, and which way is better. */
export type Measure = 'score' | 'time_ms' | 'distance';
export type Direction = 'higher_wins' | 'lower_wins';

/**
 * How a session of a format judged by attempts is played: one participant (participants[0]; the
 * other slot stays null, and there is no winner or score) makes `perSession` measured attempts.
 */
export interface AttemptRules {
  perSession: number;
  measure: Measure;
  direction: Direction;
}

/** One row of a tournament's final or current ranking. */
export interface RankingRow {
  playerId: number;
  rank: number;
  points: number;
  wins: number;
  draws: number;
  losses: number;
  scoreFor: number;
  scoreAgainst: number;
  /** Formats judged by attempts: the ranked mark (best attempt or sum); null without a valid attempt. */
  mark?: number | null;
  /**
   * Formats ranked by a table (league, swiss): each criterion that ordered the row, by name, with
   * this player's value (points first; null where the criterion was not needed for this player).
   */
  tieBreaks?: TieBreakValues;
}

/** Tie-breaker name to value, in the order applied. */
export type TieBreakValues = Record<string, number | null>;

/** A setting a format accepts, for documentation and the UI. */
export interface SettingDescription {
  name: string;
  type: 'boolean' | 'integer' | 'string' | 'object' | 'array';
  description: string;
  default?: unknown;
  /** The values a 'string' setting accepts; for an 'array', the names its list may hold. */
  choices?: readonly string[];
  /** An 'object' setting's keys, each described like a setting, so a form can offer a field per key. */
  fields?: readonly SettingDescription[];
}

export interface TournamentFormat<S extends object = object> {
  /** The wire name: 'knockout', 'league', 'group_knockout', 'swiss', 'double_elimination'. */
  readonly name: string;
  readonly minPlayers: number;
  readonly maxPlayers: number;
  /** Whether a session may end drawn (simulation plays draws only where allowed). */
  readonly allowsDraws: boolean;
  readonly settings: readonly SettingDescription[];

  /**
   * Checks the player count and parses settings (unknown keys rejected, defaults applied).
   * Throws ValidationError naming the field (`player_count`, `settings.group_size`) and the limit.
   */
  validate(playerCount: number, settings: Readonly<Record<string, unknown>>): S;

  /** The sessions that exist when the tournament starts; entrants are sorted by seed. */
  plan(entrants: readonly Entrant[], settings: S): Session[];

  /**
   * Sessions that become due given the results so far (the next Swiss round, the knockout
   * after the group stage), keyed from sessions.length on; [] when none is due yet or ever.
   */
  nextSessions(sessions: readonly Session[], entrants: readonly Entrant[], settings: S): Session[];

  /** One row per entrant, ranks 1..n (ties share the best place). All sessions have results. */
  rank(sessions: readonly Session[], entrants: readonly Entrant[], settings: S): RankingRow[];

  /**
   * Only on formats judged by attempts instead of matches (individual): how their sessions are
   * played, for entering and simulating attempts. Head-to-head formats leave it out.
   */
  attemptRules?(settings: S): AttemptRules;

  /**
   * Optional, for fields of a million: plan() as columns (no object per session). A format with
   * it adds no sessions as results arrive (nextSessions is always empty), so its whole life can
   * run on columns: planTable, simulateTable, rankTable.
   */
  planTable?(entrants: readonly Entrant[], settings: S): SessionTable;

  /**
   * planTable from the entrants' player ids alone, in seed order: the same table, for settings
   * that need nothing else of the entrants (no clubs), so that a million of them can be read as
   * one column of numbers instead of a million objects.
   */
  planTableByIds?(playerIds: ArrayLike<number>, settings: S): SessionTable;

  /** rank() over columns, the same rows as columns (RankingTable.toRows() is rank()'s answer); present with planTable. */
  rankTable?(table: SessionTable, entrants: readonly Entrant[], settings: S): RankingTable;

  /**
   * The tables as the results so far stand (a league's, each group's, the Swiss table), each
   * line with the values of the tie-breakers that ordered it; [] for a format without tables.
   */
  standings(sessions: readonly Session[], entrants: readonly Entrant[], settings: S): StandingsTable[];
}
