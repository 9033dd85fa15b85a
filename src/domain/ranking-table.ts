import type { RankingRow, TieBreakValues } from './formats/format.ts';

/**
 * A ranking as columns, one entry per ranked player, one typed array per field: a
 * million-player knockout's rows as objects took 98 MiB of heap, and storage turned them into
 * COPY bytes field by field; as columns they take about 40 MB and storage writes the bytes
 * straight from the arrays. Entries keep the order they were made in (a knockout's: seed order),
 * and storage writes them in it: player ids enrolled together ascend with the seed, so the
 * unique (tournament, player) index grows at its end instead of splitting pages all over.
 * The rows in ranking order (by rank, ties in entry order) through `toRows()`.
 */
export class RankingTable {
  readonly playerId: Float64Array;
  readonly rank: Int32Array;
  readonly points: Float64Array;
  readonly wins: Int32Array;
  readonly draws: Int32Array;
  readonly losses: Int32Array;
  readonly scoreFor: Int32Array;
  readonly scoreAgainst: Int32Array;
  /** Each entry's tie-break values (formats ranked by a table); null when no entry has any. */
  tieBreaks: (TieBreakValues | undefined)[] | null = null;

  constructor(readonly length: number) {
    this.playerId = new Float64Array(length);
    this.rank = new Int32Array(length);
    this.points = new Float64Array(length);
    this.wins = new Int32Array(length);
    this.draws = new Int32Array(length);
    this.losses = new Int32Array(length);
    this.scoreFor = new Int32Array(length);
    this.scoreAgainst = new Int32Array(length);
  }

  /** The rows as entries, in their order. */
  static fromRows(rows: readonly RankingRow[]): RankingTable {
    const t = new RankingTable(rows.length);
    rows.forEach((r, i) => {
      t.playerId[i] = r.playerId;
      t.rank[i] = r.rank;
      t.points[i] = r.points;
      t.wins[i] = r.wins;
      t.draws[i] = r.draws;
      t.losses[i] = r.losses;
      t.scoreFor[i] = r.scoreFor;
      t.scoreAgainst[i] = r.scoreAgainst;
      if (r.tieBreaks !== undefined) {
        t.tieBreaks ??= new Array<TieBreakValues | undefined>(rows.length);
        t.tieBreaks[i] = r.tieBreaks;
      }
    });
    return t;
  }

  /** Entry `i` as a row. */
  row(i: number): RankingRow {
    const row: RankingRow = {
      playerId: this.playerId[i],
      rank: this.rank[i],
      points: this.points[i],
      wins: this.wins[i],
      draws: this.draws[i],
      losses: this.losses[i],
      scoreFor: this.scoreFor[i],
      scoreAgainst: this.scoreAgainst[i],
    };
    const tieBreaks = this.tieBreaks?.[i];
    if (tieBreaks !== undefined) row.tieBreaks = tieBreaks;
    return row;
  }

  /** Every row in ranking order: by rank, ties in entry order. */
  toRows(): RankingRow[] {
    const order = Array.from({ length: this.length }, (_, i) => i);
    order.sort((x, y) => this.rank[x] - this.rank[y] || x - y);
    return order.map((i) => this.row(i));
  }
}

/**
 * The order a standings page lists a ranking in: by rank, ties by seed (entries without one
 * last), then by player id; `order[p]` is the entry at position p (0-based) and `seed[i]` entry
 * i's seed (0 for none). Storage writes the rows in this order with their positions, so a page
 * is a range of positions. Linear when the entries are in seed order (a knockout's table): a
 * stable counting sort by rank; otherwise one sort.
 */
export function listOrder(t: RankingTable, entrants: readonly { playerId: number; seed: number }[]): { order: Int32Array; seed: Int32Array } {
  const n = t.length;
  const seed = new Int32Array(n);
  let inEntrantOrder = entrants.length === n;
  for (let i = 0; inEntrantOrder && i < n; i++) {
    const e = entrants[i];
    if (e.playerId === t.playerId[i]) seed[i] = e.seed;
    else inEntrantOrder = false;
  }
  if (!inEntrantOrder) {
    const seedOf = new Map<number, number>();
    for (const e of entrants) seedOf.set(e.playerId, e.seed);
    for (let i = 0; i < n; i++) seed[i] = seedOf.get(t.playerId[i]) ?? 0;
  }
  // Already in (seed, none last, player id) order, ranks 1..n: the counting sort below is stable.
  let seedOrdered = true;
  let ranksInRange = true;
  for (let i = 0; i < n; i++) {
    if (i > 0 && seedOrdered) {
      const before = seed[i - 1];
      const here = seed[i];
      seedOrdered = here === 0 ? before !== 0 || t.playerId[i - 1] < t.playerId[i] : before !== 0 && before < here;
    }
    const r = t.rank[i];
    if (r < 1 || r > n) ranksInRange = false;
  }
  const order = new Int32Array(n);
  if (seedOrdered && ranksInRange) {
    const start = new Int32Array(n + 2);
    for (let i = 0; i < n; i++) start[t.rank[i] + 1]++;
    for (let r = 1; r <= n + 1; r++) start[r] += start[r - 1];
    for (let i = 0; i < n; i++) order[start[t.rank[i]]++] = i;
    return { order, seed };
  }
  for (let i = 0; i < n; i++) order[i] = i;
  const seedKey = (i: number) => (seed[i] === 0 ? Number.POSITIVE_INFINITY : seed[i]);
  order.sort((x, y) => t.rank[x] - t.rank[y] || seedKey(x) - seedKey(y) || t.playerId[x] - t.playerId[y]);
  return { order, seed };
}
