import { sql, type SQL } from 'drizzle-orm';
import { OUTCOMES, PHASES, type Outcome, type Phase, type Session, type Slot } from '../domain/formats/format.ts';
import { feedersOf, NONE, NO_PLAYER, SessionTable, tableFeeders } from '../domain/session-table.ts';
import type {
  RoundBreakdown,
  SessionCounts,
  SessionListQuery,
  SessionParticipantRecord,
  SessionRecord,
  Sessions,
  SessionState,
} from '../services/ports.ts';
import { copyInBinaryRows, copyInRows, copyOutColumns, type BinaryRowWriter, type CopyColumn, type CopyRowWriter } from './bulk-copy.ts';
import type { Db } from './database.ts';
import { runsOf } from './ordinal-runs.ts';
import { sessionId as newSessionId, writeSessionId, writeUuid } from './session-ids.ts';
import { sessionById, sessionKeys } from './session-keys.ts';

// Below this many rows a write of progress is one INSERT … ON CONFLICT from arrays; from it, a COPY.
const COPY_FROM_ROWS = 2_000;
// Bytes of a UUID.
const UUID_BYTES = 16;
// Ids per DELETE statement.
const CHUNK = 50_000;

const INSERT_TARGET = `sessions (id, tournament_id, ordinal, phase, tournament_round, tournament_match_number, group_identifier,
  participant1_id, participant2_id, winner_id, score1, score2, result_submitted, outcome, next_ordinal, next_slot,
  loser_next_ordinal, loser_next_slot, feeder_a, feeder_b)`;
const INSERT_FIELDS = 20;
// The phases' and outcomes' names as the bytes of their text fields.
const PHASE_BYTES = PHASES.map((p) => Buffer.from(p, 'latin1'));
const OUTCOME_BYTES = OUTCOMES.map((o) => Buffer.from(o, 'latin1'));

// What the domain needs of a session, in the order the COPY reader takes the fields: the phase
// as its index in PHASES, the outcome as its index in OUTCOMES plus one (0 for none), so that
// every field but the group and the id is an integer.
const STATE_COLUMNS = `ordinal, array_position(array[${PHASES.map((p) => `'${p}'`).join(', ')}], phase) - 1, tournament_round,
  tournament_match_number, group_identifier, participant1_id, participant2_id, winner_id, score1, score2, result_submitted::int,
  coalesce(array_position(array[${OUTCOMES.map((o) => `'${o}'`).join(', ')}], outcome), 0), next_ordinal, next_slot,
  loser_next_ordinal, loser_next_slot, id`;
const STATE_KINDS: readonly CopyColumn[] = [...Array<CopyColumn>(4).fill('int'), 'text', ...Array<CopyColumn>(11).fill('int'), 'text'];
// The progress rows laid over the plan's values, in the same encoding.
const RESULT_COLUMNS = `ordinal, participant1_id, participant2_id, winner_id, score1, score2, result_submitted::int,
  coalesce(array_position(array[${OUTCOMES.map((o) => `'${o}'`).join(', ')}], outcome), 0)`;
const RESULT_KINDS: readonly CopyColumn[] = Array<CopyColumn>(8).fill('int');
const RESULT_TARGET = 'session_results (tournament_id, ordinal, participant1_id, participant2_id, winner_id, score1, score2, result_submitted, outcome)';
// A result row written again replaces the one there.
const RESULT_UPSERT = sql`on conflict (tournament_id, ordinal) do update set participant1_id = excluded.participant1_id,
  participant2_id = excluded.participant2_id, winner_id = excluded.winner_id, score1 = excluded.score1, score2 = excluded.score2,
  result_submitted = excluded.result_submitted, outcome = excluded.outcome`;

/** A session row as the few-row queries read it. */
interface SessionRow {
  id: string;
  ordinal: number;
  phase: Phase;
  tournament_round: number;
  tournament_match_number: number;
  group_identifier: string | null;
  participant1_id: number | null;
  participant2_id: number | null;
  winner_id: number | null;
  score1: number | null;
  score2: number | null;
  result_submitted: boolean;
  outcome: Outcome | null;
  next_ordinal: number | null;
  next_slot: number | null;
  loser_next_ordinal: number | null;
  loser_next_slot: number | null;
}

interface ProgressRow<K extends string | number = string | number> {
  key: K;
  p1: number | null;
  p2: number | null;
  winner: number | null;
  s1: number | null;
  s2: number | null;
  submitted: boolean;
  outcome: Outcome | null;
}

const nullable = (x: number) => (x === NONE || x === NO_PLAYER ? null : x);

// No closure per row: a million of them showed in the simulate profile.
function writeNullable(w: CopyRowWriter, x: number | null): void {
  if (x === null) w.null();
  else w.number(x);
}

/** A progress row's fields after its key, in the COPY order of session_results and session_progress. */
function writeProgressFields(w: CopyRowWriter, r: ProgressRow): void {
  writeNullable(w, r.p1);
  writeNullable(w, r.p2);
  writeNullable(w, r.winner);
  writeNullable(w, r.s1);
  writeNullable(w, r.s2);
  w.ascii(r.submitted ? 't' : 'f');
  if (r.outcome === null) w.null();
  else w.ascii(r.outcome);
}

/** A plan's round: its sessions, results the plan itself holds (byes) and range of ordinals. */
interface PlanRound extends Omit<RoundBreakdown, 'results'> {
  planned: number;
  lo: number;
  hi: number;
}

/**
 * The sessions of one tournament as this process last wrote them in bulk (a simulation's table),
 * with the tournament's sessions_version that write left: the next loadTable of that tournament
 * (the ranking's, a request later) takes them instead of reading a million rows again, if the
 * version is still that one, i.e. nothing wrote the tournament's sessions since. One entry per
 * database (SqlStore), handed over (not shared: a simulation changes the table it loads), and
 * dropped after a minute unused.
 */
export class SessionTableCache {
  private entry: { tournamentId: number; version: number; table: SessionTable } | null = null;
  private timer: NodeJS.Timeout | null = null;

  put(tournamentId: number, version: number, table: SessionTable): void {
    this.clear();
    this.entry = { tournamentId, version, table };
    this.timer = setTimeout(() => this.clear(), KEPT_MS);
    this.timer.unref();
  }

  /** The kept table's version, if it is the tournament's. */
  versionOf(tournamentId: number): number | null {
    return this.entry?.tournamentId === tournamentId ? this.entry.version : null;
  }

  /** The kept table if it is the tournament's at this version, left kept: for a caller that changes nothing in it. */
  current(tournamentId: number, version: number): SessionTable | null {
    const entry = this.entry;
    return entry && entry.tournamentId === tournamentId && entry.version === version ? entry.table : null;
  }

  /** The kept table, handed over (no longer kept). */
  take(): SessionTable | null {
    const table = this.entry?.table ?? null;
    this.clear();
    return table;
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.entry = null;
  }
}

/** How long a SessionTableCache keeps a table nobody takes. */
const KEPT_MS = 60_000;

/** Runs `fn` once the caller's transaction commits (at once outside a transaction). */
export type OnCommit = (fn: () => void) => void;

/** Sessions and results per phase and round, in plan order (by each round's first session), from a table of every session. */
function breakdownOf(t: SessionTable): RoundBreakdown[] {
  const at = new Map<number, number>();
  const out: RoundBreakdown[] = [];
  for (let r = 0; r < t.length; r++) {
    const key = t.phase[r] * 2 ** 32 + t.round[r];
    let i = at.get(key);
    if (i === undefined) {
      i = out.length;
      at.set(key, i);
      out.push({ phase: PHASES[t.phase[r]], round: t.round[r], sessions: 0, results: 0 });
    }
    out[i].sessions++;
    out[i].results += t.submitted[r];
  }
  return out;
}

/** Plans' rounds by the ids of their first and last sessions (new ids whenever sessions are inserted or deleted). */
const planRounds = new Map<string, PlanRound[]>();

/**
 * A filter on session_state s: the sessions a player is in. Their ordinals are found in each
 * table apart (two scans, no join), then only those sessions are read through the view, where
 * the player must still be (a row of session_results may have replaced the plan's participant).
 */
export function playerSessions(tournamentId: number, playerId: number): SQL {
  // An array, not IN (…): evaluated once, its few ordinals are looked up by the (tournament, ordinal)
  // index; IN let the planner hash the whole tournament through the view (4.5 s at a million).
  return sql`s.ordinal = any(array(select ordinal from sessions where tournament_id = ${tournamentId}
      and (participant1_id = ${playerId} or participant2_id = ${playerId})
    union select ordinal from session_results where tournament_id = ${tournamentId}
      and (participant1_id = ${playerId} or participant2_id = ${playerId})))
    and (s.participant1_id = ${playerId} or s.participant2_id = ${playerId})`;
}

/** Rows (any order) as domain sessions keyed 0..n-1 in that order; links to ordinals outside the rows are dropped. */
function rowsToState(rows: readonly SessionRow[]): SessionState {
  const keyOf = new Map<number, number>();
  rows.forEach((row, key) => keyOf.set(row.ordinal, key));
  const link = (ordinal: number | null, slot: number | null) => {
    const key = ordinal === null ? undefined : keyOf.get(ordinal);
    return key === undefined ? null : { key, slot: (slot ?? 0) as Slot };
  };
  const sessions = rows.map<Session>((row, key) => ({
    key,
    phase: row.phase,
    round: row.tournament_round,
    matchNumber: row.tournament_match_number,
    group: row.group_identifier,
    participants: [row.participant1_id, row.participant2_id],
    winnerId: row.winner_id,
    score: row.score1 === null || row.score2 === null ? null : [row.score1, row.score2],
    resultSubmitted: row.result_submitted,
    outcome: row.outcome,
    next: link(row.next_ordinal, row.next_slot),
    loserNext: link(row.loser_next_ordinal, row.loser_next_slot),
  }));
  return { sessions, ids: rows.map((r) => r.id) };
}

/**
 * Sessions are stored with their key in the plan (ordinal) and link by ordinal; bulk paths move
 * them with COPY (bulk-copy.ts), streamed, whatever the count.
 */
export class SessionRepository implements Sessions {
  constructor(
    private readonly db: Db,
    private readonly kept: SessionTableCache = new SessionTableCache(),
    private readonly onCommit: OnCommit = (fn) => fn(),
  ) {}

  // Every write of what loadTable reads (sessions, their results) bumps the tournament's
  // sessions_version, in the writer's transaction and under the tournament's row lock, which every
  // writer holds already: one UPDATE of one row. `added` sessions are counted in its
  // sessions_count in the same UPDATE (deleteByIds takes its own away). Returns the new version.
  private async bumpVersion(tournamentId: number, added = 0): Promise<number> {
    const result = await this.db.execute(sql`
      update tournaments set sessions_version = sessions_version + 1, sessions_count = sessions_count + ${added}
      where id = ${tournamentId} returning sessions_version as v`);
    return (result.rows[0] as { v: number } | undefined)?.v ?? -1;
  }

  /**
   * Writes the table's rows from `from` on (ordinal = key, ids carrying it: sessionId), with
   * COPY, streamed: memory stays flat whatever the count. Returns how many it wrote.
   */
  async insertTable(tournamentId: number, t: SessionTable, from = 0): Promise<number> {
    let ordinal = 0;
    const write = (buffer: Uint8Array, at: number) => writeSessionId(tournamentId, ordinal, buffer, at);
    const written = await this.copyTable(tournamentId, t, from, tableFeeders(t), (w, o) => {
      ordinal = o;
      w.fixed(UUID_BYTES, write);
    });
    await this.bumpVersion(tournamentId, written);
    return written;
  }

  /**
   * Inserts the sessions from key `from` on (ordinal = key), giving them fresh ids appended to
   * `ids` (which holds the ids of the keys before `from`); one COPY whatever the count.
   */
  async insertFrom(tournamentId: number, sessions: readonly Session[], ids: string[], from = 0): Promise<number> {
    if (from >= sessions.length) return 0;
    const table = SessionTable.fromSessions(sessions.slice(from));
    const made = Array.from({ length: table.length }, (_, r) => newSessionId(tournamentId, table.firstKey + r));
    for (let i = 0; i < made.length; i++) ids[from + i] = made[i];
    let next = 0;
    const feeders = feedersOf(table.firstKey, table.length, (each) => {
      for (const s of sessions) {
        if (s.next) each(s.key, s.next.key);
        if (s.loserNext) each(s.key, s.loserNext.key);
      }
    });
    const written = await this.copyTable(tournamentId, table, 0, feeders, (w) => w.fixed(UUID_BYTES, (buffer, at) => writeUuid(made[next++], buffer, at)));
    await this.bumpVersion(tournamentId, written);
    return written;
  }

  // The table's rows from `from` on, written field by field into the COPY's bytes, in binary (each
  // field in its column's type: the server converts no text). `id` writes each row's id (given its ordinal), in order.
  // Each row's feeders (feedersOf) are written beside it; a link to a session written before these
  // would leave that one's feeders without it, and no format makes one: refused.
  private async copyTable(tournamentId: number, t: SessionTable, from: number, feeders: { a: Int32Array; b: Int32Array },
    id: (w: BinaryRowWriter, ordinal: number) => void): Promise<number> {
    const firstWritten = t.firstKey + from;
    for (let r = from; r < t.length; r++) {
      if ((t.next[r] !== NONE && t.next[r] < firstWritten) || (t.loserNext[r] !== NONE && t.loserNext[r] < firstWritten)) {
        throw new RangeError(`session ${t.firstKey + r} links to a session written before it`);
      }
    }
    return this.copyRows(tournamentId, t, from, feeders, id);
  }

  private copyRows(tournamentId: number, t: SessionTable, from: number, feeders: { a: Int32Array; b: Int32Array },
    id: (w: BinaryRowWriter, ordinal: number) => void): Promise<number> {
    const { a, b } = feeders;
    const int4OrNull = (w: BinaryRowWriter, x: number) => (x === NONE ? w.null() : w.int4(x));
    const int8OrNull = (w: BinaryRowWriter, x: number) => (x === NONE || x === NO_PLAYER ? w.null() : w.int8(x));
    return copyInBinaryRows(this.db, INSERT_TARGET, t.length - from, (w, i) => {
      const r = from + i;
      const group = t.group?.[r];
      id(w.row(INSERT_FIELDS), t.firstKey + r);
      w.int8(tournamentId).int4(t.firstKey + r).bytes(PHASE_BYTES[t.phase[r]]).int4(t.round[r]).int4(t.matchNumber[r]);
      if (group == null) w.null();
      else w.text(group);
      int8OrNull(w, t.participant1[r]);
      int8OrNull(w, t.participant2[r]);
      int8OrNull(w, t.winner[r]);
      int4OrNull(w, t.score1[r]);
      int4OrNull(w, t.score2[r]);
      w.bool(t.submitted[r] === 1);
      if (t.outcome[r] === 0) w.null();
      else w.bytes(OUTCOME_BYTES[t.outcome[r] - 1]);
      if (t.next[r] === NONE) w.null().null();
      else w.int4(t.next[r]).int2(t.nextSlot[r]);
      if (t.loserNext[r] === NONE) w.null().null();
      else w.int4(t.loserNext[r]).int2(t.loserNextSlot[r]);
      int4OrNull(w, a[r]);
      int4OrNull(w, b[r]);
    });
  }

  /**
   * Writes participants, results and outcomes of the given sessions, by the ids behind their keys:
   * their rows in session_results, inserted or replaced, in one statement.
   */
  async updateProgress(sessions: readonly Session[], ids: readonly string[]): Promise<void> {
    const count = sessions.length;
    if (count === 0) return;
    const keys = await sessionKeys(this.db, sessions.map((s) => ids[s.key]));
    const rowAt = (i: number): ProgressRow<string> => {
      const s = sessions[i];
      return {
        key: ids[s.key],
        p1: s.participants[0],
        p2: s.participants[1],
        winner: s.winnerId,
        s1: s.score ? s.score[0] : null,
        s2: s.score ? s.score[1] : null,
        submitted: s.resultSubmitted,
        outcome: s.outcome,
      };
    };
    // The sessions' keys (tournament, ordinal) found by id; few rows from arrays, many through a
    // temporary table (dropped at commit) filled by COPY.
    // Their tournaments' sessions_version bumped in the same statement.
    const upsert = (from: SQL) => sql`
      with written as (
        insert into ${sql.raw(RESULT_TARGET)}
        select s.tournament_id, s.ordinal, u.p1, u.p2, u.winner, u.s1, u.s2, u.submitted, u.outcome
        from ${from} join sessions s on s.tournament_id = u.t and s.ordinal = u.o and s.id = u.key
        ${RESULT_UPSERT}
        returning tournament_id)
      update tournaments set sessions_version = sessions_version + 1 where id in (select tournament_id from written)`;
    if (count < COPY_FROM_ROWS) {
      const rows = Array.from({ length: count }, (_, i) => rowAt(i));
      const col = <K extends keyof ProgressRow>(k: K) => sql.param(rows.map((r) => r[k]));
      await this.db.execute(upsert(sql`unnest(${col('key')}::uuid[], ${sql.param(keys.tournament)}::bigint[], ${sql.param(keys.ordinal)}::int[],
          ${col('p1')}::bigint[], ${col('p2')}::bigint[], ${col('winner')}::bigint[],
          ${col('s1')}::int[], ${col('s2')}::int[], ${col('submitted')}::boolean[], ${col('outcome')}::text[])
          as u(key, t, o, p1, p2, winner, s1, s2, submitted, outcome)`));
      return;
    }
    await this.db.execute(sql`
      create temporary table session_progress (key uuid, t bigint, o int, p1 bigint, p2 bigint, winner bigint, s1 int, s2 int,
        submitted boolean, outcome text) on commit drop`);
    await copyInRows(this.db, 'session_progress (key, t, o, p1, p2, winner, s1, s2, submitted, outcome)', count, (w, i) => {
      const r = rowAt(i);
      w.ascii(r.key);
      writeNullable(w, keys.tournament[i]);
      writeNullable(w, keys.ordinal[i]);
      writeProgressFields(w, r);
    });
    await this.db.execute(upsert(sql`session_progress u`));
    await this.db.execute(sql`drop table session_progress`);
  }

  /**
   * Writes participants, results and outcomes of the table's rows flagged 1 in `changed`, by
   * ordinal, as rows of session_results: one COPY when the tournament has none of them yet (a
   * simulation), else those rows deleted by runs of ordinals first. Few rows: one INSERT … ON
   * CONFLICT from arrays.
   */
  async writeProgress(tournamentId: number, t: SessionTable, changed: Uint8Array): Promise<number> {
    let count = 0;
    for (let r = 0; r < t.length; r++) count += changed[r] === 1 ? 1 : 0;
    if (count === 0) return 0;
    const rows = new Int32Array(count);
    for (let r = 0, i = 0; r < t.length; r++) if (changed[r] === 1) rows[i++] = r;
    // Each row is made as it is sent, so a million changed rows never stand as objects at once.
    const rowAt = (i: number): ProgressRow<number> => {
      const r = rows[i];
      return {
        key: t.firstKey + r,
        p1: nullable(t.participant1[r]),
        p2: nullable(t.participant2[r]),
        winner: nullable(t.winner[r]),
        s1: nullable(t.score1[r]),
        s2: nullable(t.score2[r]),
        submitted: t.submitted[r] === 1,
        outcome: t.outcome[r] === 0 ? null : OUTCOMES[t.outcome[r] - 1],
      };
    };
    if (count < COPY_FROM_ROWS) {
      const all = Array.from({ length: count }, (_, i) => rowAt(i));
      const col = <K extends keyof ProgressRow>(k: K) => sql.param(all.map((r) => r[k]));
      await this.db.execute(sql`
        insert into ${sql.raw(RESULT_TARGET)}
        select ${tournamentId}, u.key, u.p1, u.p2, u.winner, u.s1, u.s2, u.submitted, u.outcome
        from unnest(${col('key')}::int[], ${col('p1')}::bigint[], ${col('p2')}::bigint[], ${col('winner')}::bigint[],
          ${col('s1')}::int[], ${col('s2')}::int[], ${col('submitted')}::boolean[], ${col('outcome')}::text[])
          as u(key, p1, p2, winner, s1, s2, submitted, outcome)
        ${RESULT_UPSERT}`);
      this.keep(tournamentId, t, await this.bumpVersion(tournamentId));
      return count;
    }
    const existing = await this.db.execute(sql`select exists (select 1 from session_results where tournament_id = ${tournamentId}) as any`);
    if ((existing.rows[0] as { any: boolean }).any) {
      const ordinals = new Int32Array(count);
      for (let i = 0; i < count; i++) ordinals[i] = t.firstKey + rows[i];
      const [lo, hi] = runsOf(ordinals);
      await this.db.execute(sql`
        delete from session_results t using unnest(${sql.param(lo)}::int[], ${sql.param(hi)}::int[]) as r(lo, hi)
        where t.tournament_id = ${tournamentId} and t.ordinal >= r.lo and t.ordinal < r.hi`);
    }
    await copyInRows(this.db, RESULT_TARGET, count, (w, i) => {
      const r = rowAt(i);
      writeProgressFields(w.number(tournamentId).number(r.key), r);
    });
    this.keep(tournamentId, t, await this.bumpVersion(tournamentId));
    return count;
  }

  // A table of every session just written (writeProgress's contract), kept once the write commits.
  private keep(tournamentId: number, t: SessionTable, version: number): void {
    if (t.firstKey !== 0 || version < 0) return;
    this.onCommit(() => this.kept.put(tournamentId, version, t));
  }

  /** Every session of a tournament as columns, row = ordinal, read with COPY (paged on PGlite). */
  async loadTable(tournamentId: number, options: { unchanged?: boolean } = {}): Promise<SessionTable> {
    const version = await this.keptVersion(tournamentId);
    if (version !== null) {
      if (options.unchanged) {
        const table = this.kept.current(tournamentId, version);
        if (table) return table;
      } else {
        const table = this.kept.current(tournamentId, version) ? this.kept.take() : null;
        if (table) return table;
      }
    }
    return (await this.read(tournamentId, false)).table;
  }

  // The tournament's sessions_version now, when a table of its is kept (else null, no query).
  private async keptVersion(tournamentId: number): Promise<number | null> {
    if (this.kept.versionOf(tournamentId) === null) return null;
    const now = await this.db.execute(sql`select sessions_version as v from tournaments where id = ${tournamentId}`);
    return (now.rows[0] as { v: number } | undefined)?.v ?? null;
  }

  /** Every session of a tournament in domain shape (key = ordinal), with their ids; read with COPY. */
  async loadState(tournamentId: number): Promise<SessionState> {
    const { table, ids } = await this.read(tournamentId, true);
    return { sessions: table.toSessions(), ids: ids! };
  }

  // The plan's rows from sessions, then the rows of session_results over them: two COPYs, no join.
  private async read(tournamentId: number, withIds: boolean): Promise<{ table: SessionTable; ids: string[] | null }> {
    const counted = await this.db.execute(sql`select count(*)::int as n from sessions where tournament_id = ${tournamentId}`);
    const n = (counted.rows[0] as { n: number }).n;
    const t = new SessionTable(n);
    const ids = withIds ? new Array<string>(n) : null;
    const id = Math.trunc(tournamentId);
    const columns = withIds ? STATE_COLUMNS : STATE_COLUMNS.slice(0, STATE_COLUMNS.lastIndexOf(','));
    const none = (v: number, none: number) => (Number.isNaN(v) ? none : v);
    // Row r's participants, winner, scores, flag and outcome from v[at..at + 6] (the plan's, then a result row's).
    const progress = (r: number, v: Float64Array, at: number) => {
      t.participant1[r] = none(v[at], NO_PLAYER);
      t.participant2[r] = none(v[at + 1], NO_PLAYER);
      t.winner[r] = none(v[at + 2], NO_PLAYER);
      t.score1[r] = none(v[at + 3], NONE);
      t.score2[r] = none(v[at + 4], NONE);
      t.submitted[r] = v[at + 5];
      t.outcome[r] = v[at + 6];
    };
    // Every column an integer but the group and the id: parsed from the bytes, no string per field.
    // In any order (each row lands at its ordinal): sorting a million rows by ordinal spilled to
    // disk and cost PostgreSQL 0.25 s of CPU per read.
    await copyOutColumns(this.db, {
      total: n,
      pages: (from, to) => `select ${columns} from sessions where tournament_id = ${id}` +
        (from === 0 && to === n ? '' : ` and ordinal >= ${from} and ordinal < ${to}`),
    }, withIds ? STATE_KINDS : STATE_KINDS.slice(0, -1), (v, text) => {
      const r = v[0];
      if (!(r >= 0 && r < n)) throw new RangeError(`tournament ${tournamentId}: session ordinal ${r} is outside 0..${n - 1}`);
      t.phase[r] = v[1];
      t.round[r] = v[2];
      t.matchNumber[r] = v[3];
      if (text[4] !== null) {
        t.group ??= new Array<string | null>(n).fill(null);
        t.group[r] = text[4];
      }
      progress(r, v, 5);
      t.next[r] = none(v[12], NONE);
      t.nextSlot[r] = none(v[13], 0);
      t.loserNext[r] = none(v[14], NONE);
      t.loserNextSlot[r] = none(v[15], 0);
      if (ids) ids[r] = text[16]!;
    });
    // The progress written since the plan, laid over it.
    await copyOutColumns(this.db, {
      total: n,
      pages: (from, to) => `select ${RESULT_COLUMNS} from session_results where tournament_id = ${id}` +
        (from === 0 && to === n ? '' : ` and ordinal >= ${from} and ordinal < ${to}`),
    }, RESULT_KINDS, (v) => {
      const r = v[0];
      if (!(r >= 0 && r < n)) throw new RangeError(`tournament ${tournamentId}: result ordinal ${r} is outside 0..${n - 1}`);
      progress(r, v, 1);
    });
    return { table: t, ids };
  }

  /**
   * One session and the sessions its winner and loser go to, in domain shape (keys 0..2),
   * so a single result can be applied without loading the whole tournament.
   */
  /**
   * One session (key 0), every session reachable from it by winner and loser links, and every
   * session linking into one of those, in plan order after the first: a path to the final, so
   * O(log N) rows whatever the bracket's size. Links to sessions outside the set are dropped.
   * The path by its links, the sessions beside it by their feeders (feeder_a, feeder_b), each
   * through the (tournament, ordinal) key; then session_state one ordinal at a time (a lateral
   * fenced by offset 0): without statistics (PGlite has no autovacuum) the view joined for a list
   * of ordinals hashed a million session_results, and a planned row count from the CTE's
   * estimate had PostgreSQL compile the statement (JIT, 0.6 s); unnest's estimate is 10.
   */
  async loadDownstream(tournamentId: number, sessionId: string): Promise<SessionState | null> {
    const result = await this.db.execute(sql`
      with recursive path(ordinal) as (
        select ordinal from sessions s where ${sessionById('s', tournamentId, sessionId)}
        union
        select unnest(array[s.next_ordinal, s.loser_next_ordinal]) from sessions s join path
          on s.tournament_id = ${tournamentId} and s.ordinal = path.ordinal
      ), reach as (
        select ordinal from path where ordinal is not null
        union
        select unnest(array[s.feeder_a, s.feeder_b]) from sessions s
        where s.tournament_id = ${tournamentId} and s.ordinal = any(array(select ordinal from path where ordinal is not null))
      )
      select s.*, (s.id = ${sessionId}) as is_target from unnest(array(select ordinal from reach where ordinal is not null)) w(ordinal)
      cross join lateral (select * from session_state v where v.tournament_id = ${tournamentId} and v.ordinal = w.ordinal offset 0) s
      order by is_target desc, s.ordinal`);
    const rows = result.rows as unknown as (SessionRow & { is_target: boolean })[];
    if (rows.length === 0 || !rows[0].is_target) return null;
    return rowsToState(rows);
  }

  async deleteByIds(ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      // Their times and results go with them: a session added later in their place (same ordinal) has none.
      const chunk = ids.slice(i, i + CHUNK);
      const keys = await sessionKeys(this.db, chunk);
      await this.db.execute(sql`
        with gone as (delete from sessions s using unnest(${sql.param(chunk)}::uuid[], ${sql.param(keys.tournament)}::bigint[],
            ${sql.param(keys.ordinal)}::int[]) as u(id, t, o)
          where s.tournament_id = u.t and s.ordinal = u.o and s.id = u.id returning s.tournament_id, s.ordinal),
          results_gone as (delete from session_results r using gone where r.tournament_id = gone.tournament_id and r.ordinal = gone.ordinal),
          schedule_gone as (delete from session_schedule t using gone where t.tournament_id = gone.tournament_id and t.ordinal = gone.ordinal)
        update tournaments t set sessions_version = t.sessions_version + 1, sessions_count = t.sessions_count - g.n
        from (select tournament_id, count(*)::int as n from gone group by tournament_id) g where t.id = g.tournament_id`);
    }
  }

  /**
   * Whether any session still lacks a result. A row of session_results without one (a session
   * its players advanced to) is looked for first, and stops at the first; else the counts.
   */
  async anyWithoutResult(tournamentId: number): Promise<boolean> {
    const result = await this.db.execute(sql`
      select exists (select 1 from session_results where tournament_id = ${tournamentId} and not result_submitted) as pending`);
    if ((result.rows[0] as { pending: boolean }).pending) return true;
    const counts = await this.counts(tournamentId);
    return counts.resultsSubmitted < counts.sessions;
  }

  async count(tournamentId: number): Promise<number> {
    const result = await this.db.execute(sql`select sessions_count as n from tournaments where id = ${tournamentId}`);
    return (result.rows[0] as { n: number } | undefined)?.n ?? 0;
  }

  async counts(tournamentId: number): Promise<SessionCounts> {
    // Results: the rows of session_results with one, and the sessions whose plan has one (byes)
    // less those a row overrides, looked up only when the plan has any. Each table is scanned
    // once and nothing is joined: a correlated lookup per session made the planner's estimate
    // large enough to compile the query (JIT, a second at a million).
    const result = await this.db.execute(sql`
      select count(*)::int as sessions, count(*) filter (where result_submitted)::int as planned,
        (select count(*) from session_results where tournament_id = ${tournamentId} and result_submitted)::int as results
      from sessions where tournament_id = ${tournamentId}`);
    const row = result.rows[0] as { sessions: number; planned: number; results: number };
    let overridden = 0;
    if (row.planned > 0) {
      const over = await this.db.execute(sql`
        select count(*)::int as n from sessions s join session_results r on r.tournament_id = s.tournament_id and r.ordinal = s.ordinal
        where s.tournament_id = ${tournamentId} and s.result_submitted`);
      overridden = (over.rows[0] as { n: number }).n;
    }
    return { sessions: row.sessions, resultsSubmitted: row.planned - overridden + row.results };
  }

  /**
   * Sessions per phase and round with their results, in plan order, for the monitor's breakdown
   * (polled every second). The plan's rounds (their sessions, ordinal ranges and planned results)
   * change only when sessions are inserted or deleted, which gives the first or the last session a
   * new id: they are found by one grouped scan of sessions and kept per (first id, last id), looked
   * up by two probes of the (tournament, ordinal) index. A round whose ordinals are one contiguous
   * range (every plan's are; checked: as many sessions as the range is long) counts its results in
   * session_results over that range of the primary key, plus the plan's own (byes) less those a
   * row overrides, as `counts` does. If a round is not a range, the view is grouped instead.
   */
  async breakdown(tournamentId: number): Promise<RoundBreakdown[]> {
    // The kept table, when it is current, counts in memory (completing a million-player
    // tournament right after its ranking: 0.4 s of PostgreSQL's CPU otherwise). Checked after the
    // version's read and counted without a pause: a table taken meanwhile (to be changed) is gone.
    const version = await this.keptVersion(tournamentId);
    const kept = version === null ? null : this.kept.current(tournamentId, version);
    if (kept) return breakdownOf(kept);
    const ends = await this.db.execute(sql`
      select (select id from sessions where tournament_id = ${tournamentId} order by ordinal limit 1) as first,
        (select id from sessions where tournament_id = ${tournamentId} order by ordinal desc limit 1) as last`);
    const { first, last } = ends.rows[0] as { first: string | null; last: string | null };
    if (first === null || last === null) return [];
    const key = `${first} ${last}`;
    let rounds = planRounds.get(key);
    if (!rounds) {
      const found = await this.db.execute(sql`
        select phase, tournament_round as round, count(*)::int as sessions,
          count(*) filter (where result_submitted)::int as planned, min(ordinal) as lo, max(ordinal) as hi
        from sessions where tournament_id = ${tournamentId} group by phase, tournament_round order by min(ordinal)`);
      rounds = found.rows as unknown as PlanRound[];
      if (planRounds.size >= 1000) planRounds.clear();
      planRounds.set(key, rounds);
    }
    if (rounds.some((r) => r.hi - r.lo + 1 !== r.sessions)) {
      const view = await this.db.execute(sql`
        select s.phase, s.tournament_round as round, count(*)::int as sessions,
          count(*) filter (where s.result_submitted)::int as results
        from session_state s where s.tournament_id = ${tournamentId}
        group by s.phase, s.tournament_round order by min(s.ordinal)`);
      return view.rows as unknown as RoundBreakdown[];
    }
    const counted = await this.db.execute(sql`
      select (select count(*) from session_results r where r.tournament_id = ${tournamentId}
          and r.ordinal between b.lo and b.hi and r.result_submitted)::int as results,
        case when b.planned > 0 then (select count(*) from sessions s join session_results r
          on r.tournament_id = s.tournament_id and r.ordinal = s.ordinal
          where s.tournament_id = ${tournamentId} and s.ordinal between b.lo and b.hi and s.result_submitted) else 0 end::int as overridden
      from unnest(${sql.param(rounds.map((r) => r.lo))}::int[], ${sql.param(rounds.map((r) => r.hi))}::int[],
        ${sql.param(rounds.map((r) => r.planned))}::int[]) with ordinality as b(lo, hi, planned, i)
      order by b.i`);
    const counts = counted.rows as unknown as { results: number; overridden: number }[];
    return rounds.map((r, i) => ({
      phase: r.phase,
      round: r.round,
      sessions: r.sessions,
      results: r.planned - counts[i].overridden + counts[i].results,
    }));
  }

  /**
   * Sessions in plan order with each participant's name and seed; keyset paging on
   * (tournament_id, ordinal), which the unique index serves page after page.
   */
  async list(tournamentId: number, query: SessionListQuery): Promise<{ items: SessionRecord[]; last: number | null }> {
    const filters: SQL[] = [sql`s.tournament_id = ${tournamentId}`];
    if (query.id) filters.push(sessionById('s', tournamentId, query.id));
    if (query.playerId !== undefined) filters.push(playerSessions(tournamentId, query.playerId));
    if (query.phase) filters.push(sql`s.phase = ${query.phase}`);
    if (query.round !== undefined) filters.push(sql`s.tournament_round = ${query.round}`);
    if (query.afterOrdinal !== undefined) filters.push(sql`s.ordinal > ${query.afterOrdinal}`);
    const limit = query.limit === undefined ? sql`` : sql`limit ${query.limit}`;
    const result = await this.db.execute(sql`
      select s.*, n.id as next_session_id, ln.id as loser_next_session_id,
        p1.name as p1_name, e1.seed as p1_seed, p2.name as p2_name, e2.seed as p2_seed, t.at as scheduled_at, t.station
      from session_state s
      left join session_schedule t on t.tournament_id = s.tournament_id and t.ordinal = s.ordinal
      left join sessions n on n.tournament_id = s.tournament_id and n.ordinal = s.next_ordinal
      left join sessions ln on ln.tournament_id = s.tournament_id and ln.ordinal = s.loser_next_ordinal
      left join players p1 on p1.id = s.participant1_id
      left join enrollments e1 on e1.tournament_id = s.tournament_id and e1.player_id = s.participant1_id
      left join players p2 on p2.id = s.participant2_id
      left join enrollments e2 on e2.tournament_id = s.tournament_id and e2.player_id = s.participant2_id
      where ${sql.join(filters, sql` and `)}
      order by s.ordinal
      ${limit}`);
    type Row = SessionRow & {
      tournament_id: number;
      next_session_id: string | null;
      loser_next_session_id: string | null;
      p1_name: string | null;
      p1_seed: number | null;
      p2_name: string | null;
      p2_seed: number | null;
      scheduled_at: string | Date | null;
      station: string | null;
      attempts: (number | string | null)[] | null;
    };
    const rows = result.rows as unknown as Row[];
    const items = rows.map<SessionRecord>((r) => {
      const participants: SessionParticipantRecord[] = [];
      if (r.participant1_id !== null) participants.push({ id: r.participant1_id, name: r.p1_name ?? '', seed: r.p1_seed, slot: 0 });
      if (r.participant2_id !== null) participants.push({ id: r.participant2_id, name: r.p2_name ?? '', seed: r.p2_seed, slot: 1 });
      return {
        id: r.id,
        tournamentId: r.tournament_id,
        phase: r.phase,
        round: r.tournament_round,
        matchNumber: r.tournament_match_number,
        group: r.group_identifier,
        participants,
        winnerId: r.winner_id,
        score: r.score1 === null || r.score2 === null ? null : [r.score1, r.score2],
        resultSubmitted: r.result_submitted,
        outcome: r.outcome,
        nextSessionId: r.next_session_id,
        nextSlot: r.next_slot as Slot | null,
        loserNextSessionId: r.loser_next_session_id,
        loserNextSlot: r.loser_next_slot as Slot | null,
        scheduledAt: r.scheduled_at === null ? null : new Date(r.scheduled_at).toISOString(),
        station: r.station,
        attempts: r.attempts === null ? (r.phase === 'INDIVIDUAL' ? [] : null) : r.attempts.map((v) => (v === null ? null : Number(v))),
      };
    });
    return { items, last: rows.at(-1)?.ordinal ?? null };
  }
}
