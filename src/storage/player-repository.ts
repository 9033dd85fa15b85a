import { containsPattern } from './like-pattern.ts';
import { sql } from 'drizzle-orm';
import type { Entrant } from '../domain/formats/format.ts';
import type { ParticipantInput } from '../domain/participants.ts';
import type { EnrollmentRecord, Enrollments, ParticipantRecord, PlayerRecord, Players } from '../services/ports.ts';
import { copyInRows, copyOutColumns } from './bulk-copy.ts';
import { affectedRows, type Db } from './database.ts';

const SYNTHETIC_PREFIX = Buffer.from('Player ', 'latin1');

// UNSORTED: a tournament's enrollments are read without ORDER BY and put in seed order in memory.
// They are stored in seed order when enrolled together (checked in one pass); PostgreSQL sorted a
// million of them on disk (work_mem) for 0.3-0.4 s of its CPU per read, in each of generation,
// simulate and rank.
function ascending(count: number, at: (i: number) => number): boolean {
  for (let i = 1; i < count; i++) if (at(i) < at(i - 1)) return false;
  return true;
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(a.length * 2);
  grown.set(a);
  return grown;
}

/**
 * Takes `count` values from the players' id sequence, in one statement, and answers the i-th
 * (ascending). The values are nextval()'s, so they can be no one else's whatever runs at the
 * same time; they are nearly always contiguous (nothing else drew from the sequence during the
 * statement), which min and max prove, and then nothing is read back. Otherwise (another
 * transaction drew in between) a second draw's values are read back, in order.
 */
export async function reservePlayerIds(db: Db, count: number): Promise<(i: number) => number> {
  const drawn = await db.execute(sql`
    select min(v)::text as first, max(v)::text as last
    from (select nextval('players_id_seq') as v, generate_series(1, ${count})) s`);
  const { first, last } = drawn.rows[0] as { first: string; last: string };
  const start = Number(first);
  if (Number(last) - start === count - 1) return (i) => start + i;
  const ids = new Float64Array(count);
  let k = 0;
  await copyOutColumns(db, `select nextval('players_id_seq'), generate_series(1, ${Math.trunc(count)})`, ['int', 'int'], (n) => {
    ids[k++] = n[0];
  });
  if (k !== count) throw new Error(`drew ${k} player ids, expected ${count}`);
  ids.sort();
  return (i) => ids[i];
}

export class PlayerRepository implements Players {
  constructor(private readonly db: Db) {}

  async create(players: readonly ParticipantInput[]): Promise<PlayerRecord[]> {
    const result = await this.db.execute(sql`
      insert into players (name, rating, club)
      select n, r, c from unnest(${sql.param(players.map((p) => p.name))}::text[], ${sql.param(players.map((p) => p.rating))}::int[],
        ${sql.param(players.map((p) => p.club))}::text[]) with ordinality as u(n, r, c, i)
      order by i returning id, name, rating, club`);
    return (result.rows as unknown as PlayerRecord[]).sort((a, b) => a.id - b.id);
  }

  async list(query: { limit: number; afterId?: number; search?: string }): Promise<PlayerRecord[]> {
    const result = await this.db.execute(sql`
      select id, name, rating, club from players
      where id > ${query.afterId ?? 0} ${query.search ? sql`and name ilike ${containsPattern(query.search)}` : sql``}
      order by id limit ${query.limit}`);
    return result.rows as unknown as PlayerRecord[];
  }

  /** Ids among the given that do not exist. */
  async missing(ids: readonly number[]): Promise<number[]> {
    // FOR KEY SHARE: the players found stay until the transaction ends, so none is deleted under
    // an enrollment being written (enrollments have no foreign key; see migration 0005).
    const result = await this.db.execute(sql`select id from players where id = any(${sql.param(ids)}::bigint[]) for key share`);
    const found = new Set((result.rows as { id: number }[]).map((r) => Number(r.id)));
    return ids.filter((id) => !found.has(id));
  }

  async named(ids: readonly number[]): Promise<PlayerRecord[]> {
    if (ids.length === 0) return [];
    const result = await this.db.execute(sql`select id, name from players where id = any(${sql.param(ids)}::bigint[])`);
    return result.rows as unknown as PlayerRecord[];
  }

  /**
   * Creates `count` synthetic players "Player 0001"… and enrolls them in seed order: their ids
   * are taken from the players' sequence first (reservePlayerIds), so both tables are written
   * by COPY, straight from bytes, with no RETURNING to carry the ids from one to the other.
   * Inside the caller's transaction: a failed launch leaves only unused sequence values.
   */
  async createAndEnrollSynthetic(tournamentId: number, count: number): Promise<number> {
    if (count === 0) return 0;
    const idOf = await reservePlayerIds(this.db, count);
    const width = Math.max(4, String(count).length);
    let number = 0;
    // The name's digits, zero-padded to `width`, written in place (no string per player).
    const writeName = (buffer: Uint8Array, at: number) => {
      buffer.set(SYNTHETIC_PREFIX, at);
      let n = number;
      for (let k = at + SYNTHETIC_PREFIX.length + width - 1; k >= at + SYNTHETIC_PREFIX.length; k--) {
        const q = (n / 10) | 0;
        buffer[k] = 48 + (n - q * 10);
        n = q;
      }
    };
    await copyInRows(this.db, 'players (id, name)', count, (w, i) => {
      number = i + 1;
      w.number(idOf(i)).fixed(SYNTHETIC_PREFIX.length + width, writeName);
    });
    await copyInRows(this.db, 'enrollments (tournament_id, player_id, seed)', count, (w, i) => {
      w.number(tournamentId).number(idOf(i)).number(i + 1);
    });
    return count;
  }

  /** Ids of the players enrolled in a tournament that no other tournament holds. */
  async enrolledOnlyIn(tournamentId: number): Promise<number[]> {
    const result = await this.db.execute(sql`
      select e.player_id as id from enrollments e where e.tournament_id = ${tournamentId}
        and not exists (select 1 from enrollments o where o.player_id = e.player_id and o.tournament_id <> ${tournamentId})`);
    return (result.rows as { id: number }[]).map((r) => Number(r.id));
  }

  async delete(ids: readonly number[]): Promise<void> {
    await this.db.execute(sql`delete from players where id = any(${sql.param(ids)}::bigint[])`);
  }
}

export class EnrollmentRepository implements Enrollments {
  constructor(private readonly db: Db) {}

  /** Enrolls players with seeds (and entry numbers) continuing after the current highest; returns the new rows. */
  async enroll(tournamentId: number, playerIds: readonly number[]): Promise<EnrollmentRecord[]> {
    const result = await this.db.execute(sql`
      with top as (select coalesce(max(seed), 0) as seed, coalesce(max(coalesce(entry_number, seed)), 0) as entry
                   from enrollments where tournament_id = ${tournamentId})
      insert into enrollments (tournament_id, player_id, seed, entry_number)
      select ${tournamentId}, u.id, top.seed + u.i, top.entry + u.i
      from unnest(${sql.param(playerIds)}::bigint[]) with ordinality as u(id, i), top
      returning player_id as "playerId", seed`);
    return (result.rows as unknown as EnrollmentRecord[]).sort((a, b) => a.seed - b.seed);
  }

  async participants(tournamentId: number, page?: { limit: number; afterSeed?: number }): Promise<ParticipantRecord[]> {
    const result = await this.db.execute(sql`
      select e.player_id as "playerId", p.name, p.rating, p.club, e.seed, coalesce(e.entry_number, e.seed) as "entryNumber",
        to_char(e.withdrawn_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "withdrawnAt"
      from enrollments e join players p on p.id = e.player_id
      where e.tournament_id = ${tournamentId} ${page?.afterSeed === undefined ? sql`` : sql`and e.seed > ${page.afterSeed}`}
      order by e.seed ${page ? sql`limit ${page.limit}` : sql``}`);
    return result.rows as unknown as ParticipantRecord[];
  }

  /** Seeds 1..n in the given order; through negatives first, since the (tournament, seed) key is checked row by row. */
  async reseed(tournamentId: number, playerIds: readonly number[]): Promise<void> {
    await this.db.execute(sql`update enrollments set seed = -seed where tournament_id = ${tournamentId}`);
    await this.db.execute(sql`
      update enrollments e set seed = u.i
      from unnest(${sql.param(playerIds)}::bigint[]) with ordinality as u(id, i)
      where e.tournament_id = ${tournamentId} and e.player_id = u.id`);
  }

  async remove(tournamentId: number, playerId: number): Promise<boolean> {
    const removed = await this.db.execute(sql`
      delete from enrollments where tournament_id = ${tournamentId} and player_id = ${playerId} returning seed`);
    const row = removed.rows[0] as { seed: number } | undefined;
    if (!row) return false;
    await this.db.execute(sql`
      update enrollments set seed = -(seed - 1) where tournament_id = ${tournamentId} and seed > ${row.seed}`);
    await this.db.execute(sql`update enrollments set seed = -seed where tournament_id = ${tournamentId} and seed < 0`);
    return true;
  }

  async withdraw(tournamentId: number, playerId: number): Promise<boolean> {
    const result = await this.db.execute(sql`
      update enrollments set withdrawn_at = now(),
        withdrawn_round = (select coalesce(max(tournament_round), 0) from sessions where tournament_id = ${tournamentId})
      where tournament_id = ${tournamentId} and player_id = ${playerId} and withdrawn_at is null`);
    return affectedRows(result) === 1;
  }

  async markWithdrawn(tournamentId: number, rows: readonly { playerId: number; fromRound: number }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.execute(sql`
      update enrollments e set withdrawn_at = now(), withdrawn_round = u.round - 1
      from unnest(${sql.param(rows.map((r) => r.playerId))}::bigint[], ${sql.param(rows.map((r) => r.fromRound))}::int[]) as u(id, round)
      where e.tournament_id = ${tournamentId} and e.player_id = u.id`);
  }

  async markAbsent(tournamentId: number, rows: readonly { playerId: number; round: number; code: 'H' | 'F' | 'Z' }[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.execute(sql`
      insert into absences (tournament_id, player_id, round, code)
      select ${tournamentId}, u.id, u.round, u.code
      from unnest(${sql.param(rows.map((r) => r.playerId))}::bigint[], ${sql.param(rows.map((r) => r.round))}::int[], ${sql.param(rows.map((r) => r.code))}::text[]) as u(id, round, code)`);
  }

  async withdrawn(tournamentId: number): Promise<number[]> {
    const result = await this.db.execute(sql`
      select player_id as id from enrollments where tournament_id = ${tournamentId} and withdrawn_at is not null order by seed`);
    return (result.rows as { id: number }[]).map((r) => Number(r.id));
  }

  /** Player ids among the given already enrolled in the tournament. */
  async alreadyEnrolled(tournamentId: number, playerIds: readonly number[]): Promise<number[]> {
    const result = await this.db.execute(sql`
      select player_id as id from enrollments
      where tournament_id = ${tournamentId} and player_id = any(${sql.param(playerIds)}::bigint[])`);
    return (result.rows as { id: number }[]).map((r) => Number(r.id));
  }

  /**
   * The tournament's entrants, by seed; `withdrawn` only on the withdrawn, `absences` only on those
   * with one, clubs only when asked (a join). Read with COPY, straight into the entrants: a million of them without a row object
   * (and its parsed fields) each.
   */
  async playerIdsBySeed(tournamentId: number): Promise<Float64Array> {
    const id = Math.trunc(tournamentId);
    let ids = new Float64Array(1024);
    let seeds = new Float64Array(1024);
    let count = 0;
    // Unordered (see UNSORTED): placed by seed below.
    await copyOutColumns(this.db, `select player_id, seed from enrollments where tournament_id = ${id}`, ['int', 'int'], (n) => {
      if (count === ids.length) {
        ids = grow(ids);
        seeds = grow(seeds);
      }
      ids[count] = n[0];
      seeds[count++] = n[1];
    });
    ids = ids.slice(0, count);
    if (ascending(count, (i) => seeds[i])) return ids;
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => seeds[a] - seeds[b]);
    return Float64Array.from(order, (i) => ids[i]);
  }

  async entrants(tournamentId: number, options: { clubs?: boolean } = {}): Promise<Entrant[]> {
    const id = Math.trunc(tournamentId);
    const rows: Entrant[] = [];
    if (options.clubs) {
      await copyOutColumns(this.db, `select e.player_id, e.seed, p.club from enrollments e join players p on p.id = e.player_id
        where e.tournament_id = ${id}`, ['int', 'int', 'text'], (n, t) => rows.push({ playerId: tagged(n[0]), seed: tagged(n[1]), club: t[2] }));
    } else {
      await copyOutColumns(this.db, `select player_id, seed from enrollments where tournament_id = ${id}`, ['int', 'int'],
        (n) => rows.push({ playerId: tagged(n[0]), seed: tagged(n[1]) }));
    }
    // Unordered (see UNSORTED): put in seed order here, which they mostly are already.
    if (!ascending(rows.length, (i) => rows[i].seed)) rows.sort((a, b) => a.seed - b.seed);
    // One-round absences (imported Swiss byes) are few, keyed by tournament: attached, not joined.
    const absent = await this.db.execute(sql`
      select player_id as id, round, code from absences where tournament_id = ${tournamentId} order by player_id, round`);
    if (absent.rows.length > 0) {
      const byPlayer = new Map<number, { round: number; code: 'H' | 'F' | 'Z' }[]>();
      for (const r of absent.rows as { id: number; round: number; code: 'H' | 'F' | 'Z' }[]) {
        const list = byPlayer.get(Number(r.id)) ?? [];
        list.push({ round: r.round, code: r.code });
        byPlayer.set(Number(r.id), list);
      }
      for (const row of rows) {
        const list = byPlayer.get(row.playerId);
        if (list) row.absences = list;
      }
    }
    // The withdrawn are few and partially indexed: flag them rather than widen a million rows.
    const out = await this.db.execute(sql`
      select player_id as id, withdrawn_round as round from enrollments
      where tournament_id = ${tournamentId} and withdrawn_at is not null`);
    if (out.rows.length === 0) return rows;
    const fromRound = new Map((out.rows as { id: number; round: number | null }[]).map((r) => [Number(r.id), (r.round ?? 0) + 1]));
    for (const row of rows) {
      const from = fromRound.get(row.playerId);
      if (from !== undefined) {
        row.withdrawn = true;
        row.withdrawnFromRound = from;
      }
    }
    return rows;
  }

  async count(tournamentId: number): Promise<number> {
    const result = await this.db.execute(sql`select count(*)::int as n from enrollments where tournament_id = ${tournamentId}`);
    return (result.rows[0] as { n: number }).n;
  }
}

/**
 * A number read from a Float64Array, as an int32 when it is one. An object built from the
 * doubles as read keeps each field as a boxed heap number: a million entrants took 79 MB of
 * heap that way, 48 MB with their fields as small integers (measured: 1M { playerId, seed }).
 */
function tagged(v: number): number {
  return (v | 0) === v ? v | 0 : v;
}
