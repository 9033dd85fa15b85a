import { DEFAULT_POINTS, tally, type Tally } from '../standings.ts';
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
  const ordered = isSortedBySeed(entrants) ? entrants : [...entrants].sort((x, y) => x.seed - y.seed);
  // tally's Map keeps entrant order, so in the usual case (entrants already by seed, ids distinct)
  // reading it in order spares a million lookups.
  const tallies =
    ordered === entrants && table.size === entrants.length ? [...table.values()] : ordered.map((e) => table.get(e.playerId)!);
  const positionOf = playerPositions(ordered);
  const rankAt = new Float64Array(ordered.length);
  placeEveryone(sessions, (playerId, rank) => {
    const i = positionOf(playerId);
    if (i >= 0) rankAt[i] = rank;
  });
  // Few distinct places (about 2 log2 N), so bucketing seed-ordered entrants by place sorts in O(N).
  const buckets = new Map<number, RankingRow[]>();
  const absent: number[] = [];
  for (let i = 0; i < ordered.length; i++) {
    const rank = rankAt[i];
    if (rank === 0) {
      absent.push(i);
      continue;
    }
    let bucket = buckets.get(rank);
    if (bucket === undefined) buckets.set(rank, (bucket = []));
    bucket.push(row(tallies[i], rank));
  }
  const rows: RankingRow[] = [];
  for (const rank of [...buckets.keys()].sort((x, y) => x - y)) {
    for (const r of buckets.get(rank)!) rows.push(r);
  }
  const lastRank = rows.length + 1;
  for (const i of absent) rows.push(row(tallies[i], lastRank));
  return rows;
}

function isSortedBySeed(entrants: readonly Entrant[]): boolean {
  for (let i = 1; i < entrants.length; i++) if (entrants[i - 1].seed > entrants[i].seed) return false;
  return true;
}

// Player ids are usually one dense block (enrolled together), so a flat array indexed by id - min
// finds a player's position far faster than a Map at a million players; scattered ids use a Map.
function playerPositions(ordered: readonly Entrant[]): (playerId: number) => number {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let integers = true;
  for (const e of ordered) {
    if (!Number.isSafeInteger(e.playerId)) integers = false;
    if (e.playerId < min) min = e.playerId;
    if (e.playerId > max) max = e.playerId;
  }
  const span = max - min + 1;
  if (integers && ordered.length > 0 && span <= 4 * ordered.length + 1024) {
    const positions = new Int32Array(span).fill(-1);
    for (let i = 0; i < ordered.length; i++) positions[ordered[i].playerId - min] = i;
    return (playerId) => {
      const k = playerId - min;
      return k >= 0 && k < span ? positions[k] : -1;
    };
  }
  const positions = new Map<number, number>();
  for (let i = 0; i < ordered.length; i++) positions.set(ordered[i].playerId, i);
  return (playerId) => positions.get(playerId) ?? -1;
}

function row(t: Tally, rank: number): RankingRow {
  return {
    playerId: t.playerId,
    rank,
    points: t.points,
    wins: t.wins,
    draws: t.draws,
    losses: t.losses,
    scoreFor: t.scoreFor,
    scoreAgainst: t.scoreAgainst,
  };
}
