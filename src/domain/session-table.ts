import { OUTCOMES, PHASES, type Phase, type Session, type Slot } from './formats/format.ts';

/** Marks an unknown player (participant, winner) in the id columns. */
export const NO_PLAYER = -1;
/** Marks a missing score or link in the integer columns. */
export const NONE = -1;

/**
 * A tournament's sessions as columns, one typed array per field, indexed by key: what a
 * million-session bracket costs as objects (about 230 MB) fits in about 50 MB, and storage
 * streams rows to and from it without building an object per session. The same sessions as
 * `Session[]` through `session(key)`, `toSessions()` and `SessionTable.fromSessions()`.
 *
 * Player ids are stored in a Float64Array (ids stay below 2^53); -1 is no player. Scores and
 * links use -1 for none. `group` is null for a table none of whose sessions has a group.
 * Row r holds key firstKey + r (0 for a whole tournament; a bracket planned after a group
 * stage starts later); links hold keys.
 */
export class SessionTable {
  readonly phase: Uint8Array;
  readonly round: Int32Array;
  readonly matchNumber: Int32Array;
  group: (string | null)[] | null;
  readonly participant1: Float64Array;
  readonly participant2: Float64Array;
  readonly winner: Float64Array;
  readonly score1: Int32Array;
  readonly score2: Int32Array;
  readonly submitted: Uint8Array;
  /** 0 while there is no result, else 1 + the outcome's index in OUTCOMES. */
  readonly outcome: Uint8Array;
  readonly next: Int32Array;
  readonly nextSlot: Uint8Array;
  readonly loserNext: Int32Array;
  readonly loserNextSlot: Uint8Array;

  /** `length` sessions with no players, results or links. */
  constructor(readonly length: number, readonly firstKey = 0) {
    this.phase = new Uint8Array(length);
    this.round = new Int32Array(length);
    this.matchNumber = new Int32Array(length);
    this.group = null;
    this.participant1 = new Float64Array(length).fill(NO_PLAYER);
    this.participant2 = new Float64Array(length).fill(NO_PLAYER);
    this.winner = new Float64Array(length).fill(NO_PLAYER);
    this.score1 = new Int32Array(length).fill(NONE);
    this.score2 = new Int32Array(length).fill(NONE);
    this.submitted = new Uint8Array(length);
    this.outcome = new Uint8Array(length);
    this.next = new Int32Array(length).fill(NONE);
    this.nextSlot = new Uint8Array(length);
    this.loserNext = new Int32Array(length).fill(NONE);
    this.loserNextSlot = new Uint8Array(length);
  }

  /** Sessions with dense keys from the first one's. */
  static fromSessions(sessions: readonly Session[]): SessionTable {
    const t = new SessionTable(sessions.length, sessions[0]?.key ?? 0);
    sessions.forEach((s, row) => {
      if (s.key !== t.firstKey + row) throw new RangeError(`sessions must have dense keys: index ${row} holds key ${s.key}`);
      // Attempts are not columns: storage keeps them beside the rows (the attempts repository).
      t.set(row, s);
    });
    return t;
  }

  /** Writes one session's fields (all but its key) into row `key`. */
  set(key: number, s: Session): void {
    this.phase[key] = phaseCode(s.phase);
    this.round[key] = s.round;
    this.matchNumber[key] = s.matchNumber;
    if (s.group !== null) {
      this.group ??= new Array<string | null>(this.length).fill(null);
      this.group[key] = s.group;
    } else if (this.group !== null) {
      this.group[key] = null;
    }
    this.participant1[key] = s.participants[0] ?? NO_PLAYER;
    this.participant2[key] = s.participants[1] ?? NO_PLAYER;
    this.winner[key] = s.winnerId ?? NO_PLAYER;
    this.score1[key] = s.score ? s.score[0] : NONE;
    this.score2[key] = s.score ? s.score[1] : NONE;
    this.submitted[key] = s.resultSubmitted ? 1 : 0;
    this.outcome[key] = s.outcome === null ? 0 : OUTCOMES.indexOf(s.outcome) + 1;
    this.next[key] = s.next ? s.next.key : NONE;
    this.nextSlot[key] = s.next ? s.next.slot : 0;
    this.loserNext[key] = s.loserNext ? s.loserNext.key : NONE;
    this.loserNextSlot[key] = s.loserNext ? s.loserNext.slot : 0;
  }

  /** Row `key` as a session object (keyed firstKey + key). */
  session(key: number): Session {
    const p1 = this.participant1[key];
    const p2 = this.participant2[key];
    const w = this.winner[key];
    const next = this.next[key];
    const loserNext = this.loserNext[key];
    return {
      key: this.firstKey + key,
      phase: PHASES[this.phase[key]],
      round: this.round[key],
      matchNumber: this.matchNumber[key],
      group: this.group === null ? null : this.group[key],
      participants: [p1 === NO_PLAYER ? null : p1, p2 === NO_PLAYER ? null : p2],
      winnerId: w === NO_PLAYER ? null : w,
      score: this.score1[key] === NONE ? null : [this.score1[key], this.score2[key]],
      resultSubmitted: this.submitted[key] === 1,
      outcome: this.outcome[key] === 0 ? null : OUTCOMES[this.outcome[key] - 1],
      next: next === NONE ? null : { key: next, slot: this.nextSlot[key] as Slot },
      loserNext: loserNext === NONE ? null : { key: loserNext, slot: this.loserNextSlot[key] as Slot },
    };
  }

  toSessions(): Session[] {
    const out = new Array<Session>(this.length);
    for (let key = 0; key < this.length; key++) out[key] = this.session(key);
    return out;
  }

  /** A table of these rows followed by `more` (keys continuing from this table's). */
  concat(more: readonly Session[]): SessionTable {
    const t = new SessionTable(this.length + more.length, this.firstKey);
    t.phase.set(this.phase);
    t.round.set(this.round);
    t.matchNumber.set(this.matchNumber);
    if (this.group !== null) t.group = [...this.group, ...new Array<string | null>(more.length).fill(null)];
    t.participant1.set(this.participant1);
    t.participant2.set(this.participant2);
    t.winner.set(this.winner);
    t.score1.set(this.score1);
    t.score2.set(this.score2);
    t.submitted.set(this.submitted);
    t.outcome.set(this.outcome);
    t.next.set(this.next);
    t.nextSlot.set(this.nextSlot);
    t.loserNext.set(this.loserNext);
    t.loserNextSlot.set(this.loserNextSlot);
    more.forEach((s, i) => {
      const key = this.firstKey + this.length + i;
      if (s.key !== key) throw new RangeError(`added session has key ${s.key}, expected ${key}`);
      t.set(this.length + i, s);
    });
    return t;
  }

  /** Whether a result is a double forfeit (a walkover with no winner), which only the object path settles. */
  hasDoubleForfeit(): boolean {
    const walkover = OUTCOMES.indexOf('walkover') + 1;
    for (let key = 0; key < this.length; key++) if (this.outcome[key] === walkover && this.winner[key] === NO_PLAYER) return true;
    return false;
  }

  /** How many sessions have a result. */
  resultsSubmitted(): number {
    let n = 0;
    for (let key = 0; key < this.length; key++) n += this.submitted[key];
    return n;
  }
}

/** The phase's index in PHASES, as the phase column holds it. */
export function phaseCode(phase: Phase): number {
  const code = PHASES.indexOf(phase);
  if (code < 0) throw new RangeError(`unknown phase ${phase}`);
  return code;
}

/**
 * The feeders of the sessions keyed `firstKey` to `firstKey + length - 1`: for each, the keys of
 * the (at most two: one a slot) sessions whose next or loser-next link names it, lower first, in
 * `a` and `b` (NONE where fewer). `links` calls `each(from, to)` for every link of the
 * tournament's sessions (those written before too, in case one names a key of these). Storage
 * keeps them beside each session, so the sessions a result touches are found through the
 * (tournament, key) index in both directions instead of by a pass over every link. A session
 * fed by more than two is a plan no format makes: a RangeError.
 */
export function feedersOf(firstKey: number, length: number, links: (each: (from: number, to: number) => void) => void): { a: Int32Array; b: Int32Array } {
  const a = new Int32Array(length).fill(NONE);
  const b = new Int32Array(length).fill(NONE);
  links((from, to) => {
    const row = to - firstKey;
    if (to !== NONE && row >= 0 && row < length) addFeeder(a, b, row, from, to);
  });
  return { a, b };
}

// Feeder `from` of the session at `row` (key `to`) into a and b, lower key first.
function addFeeder(a: Int32Array, b: Int32Array, row: number, from: number, to: number): void {
  if (a[row] === NONE) a[row] = from;
  else if (b[row] === NONE) {
    if (from < a[row]) {
      b[row] = a[row];
      a[row] = from;
    } else b[row] = from;
  } else throw new RangeError(`session ${to} is fed by more than two sessions (${a[row]}, ${b[row]}, ${from})`);
}

/** Every link of a table, for feedersOf. */
export function tableLinks(t: SessionTable): (each: (from: number, to: number) => void) => void {
  return (each) => {
    for (let r = 0; r < t.length; r++) {
      if (t.next[r] !== NONE) each(t.firstKey + r, t.next[r]);
      if (t.loserNext[r] !== NONE) each(t.firstKey + r, t.loserNext[r]);
    }
  };
}

/** feedersOf(t.firstKey, t.length, tableLinks(t)) in one loop, no call per link (a million-session plan). */
export function tableFeeders(t: SessionTable): { a: Int32Array; b: Int32Array } {
  const n = t.length;
  const a = new Int32Array(n).fill(NONE);
  const b = new Int32Array(n).fill(NONE);
  const { next, loserNext, firstKey } = t;
  for (let pass = 0; pass < 2; pass++) {
    const to = pass === 0 ? next : loserNext;
    for (let r = 0; r < n; r++) {
      const row = to[r] - firstKey;
      if (to[r] !== NONE && row >= 0 && row < n) addFeeder(a, b, row, firstKey + r, to[r]);
    }
  }
  return { a, b };
}
