import { DEFAULT_POINTS, rankingRow, tally } from '../standings.ts';
import { playerIndex } from '../player-index.ts';
import type { Entrant, RankingRow, Session } from './format.ts';

/** Calls place(playerId, rank) so that the last call for a player is their place. */
export type PlaceEveryone = (sessions: readonly Session[], place: (playerId: number, rank: number) => void) => void;

/**
 * Ranking rows for a format that places players by where they went out (knockout, double
 * elimination): one row per entrant, by place then seed, with win/loss totals over every session.
 * Entrants the sessions never placed come last together.
 */
export function rankByPlace(sessions: readonly Session[], entrants: readonly Entrant[], placeEveryone: PlaceEveryone): RankingRow[] {
  const table = tally(sessions, entrants, DEFAULT_POINTS);
  const ordered = bySeed(entrants);
  // tally's Map keeps entrant order, so in the usual case (entrants already by seed, ids distinct)
  // reading it in order spares a million lookups.
  const tallies =
    ordered === entrants && table.size === entrants.length ? [...table.values()] : ordered.map((e) => table.get(e.playerId)!);
  const positionOf = playerIndex(ordered);
  const rankAt = new Float64Array(ordered.length);
  placeEveryone(sessions, (playerId, rank) => {
    const i = positionOf(playerId);
    if (i >= 0) rankAt[i] = rank;
  });
  return rowsByPlace(rankAt, (i, rank) => rankingRow(tallies[i], rank));
}

/** Entrants in seed order (the same array when they already are). */
export function bySeed(entrants: readonly Entrant[]): readonly Entrant[] {
  return isSortedBySeed(entrants) ? entrants : [...entrants].sort((x, y) => x.seed - y.seed);
}

/**
 * Rows by place then seed, from each seed-ordered entrant's place (0: never placed, last
 * together); `row(i, rank)` makes entrant i's row.
 */
export function rowsByPlace(rankAt: Float64Array, row: (i: number, rank: number) => RankingRow): RankingRow[] {
  // Few distinct places (about 2 log2 N), so bucketing seed-ordered entrants by place sorts in O(N).
  const buckets = new Map<number, number[]>();
  const absent: number[] = [];
  for (let i = 0; i < rankAt.length; i++) {
    const rank = rankAt[i];
    if (rank === 0) {
      absent.push(i);
      continue;
    }
    let bucket = buckets.get(rank);
    if (bucket === undefined) buckets.set(rank, (bucket = []));
    bucket.push(i);
  }
  const rows: RankingRow[] = [];
  for (const rank of [...buckets.keys()].sort((x, y) => x - y)) {
    for (const i of buckets.get(rank)!) rows.push(row(i, rank));
  }
  const lastRank = rows.length + 1;
  for (const i of absent) rows.push(row(i, lastRank));
  return rows;
}

function isSortedBySeed(entrants: readonly Entrant[]): boolean {
  for (let i = 1; i < entrants.length; i++) if (entrants[i - 1].seed > entrants[i].seed) return false;
  return true;
}
