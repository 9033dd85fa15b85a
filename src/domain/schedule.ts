import type { Link, Session } from './formats/format.ts';

/** What the planner needs to know, in milliseconds since the epoch and station indexes. */
export interface ScheduleInput {
  /** The earliest start of any session. */
  startsAt: number;
  /** The moment of planning: nothing unplayed is put before it. */
  now: number;
  stationCount: number;
  sessionMs: number;
  /** Rest a participant has between the end of one session and the start of their next. */
  breakMs: number;
  /** A round of a phase starts only once every session of the round before it has ended. */
  roundsWait: boolean;
  /** The current times by key (NaN: none) and stations (-1: none or no longer a station). */
  currentStart?: Float64Array;
  currentStation?: Int32Array;
}

/** A time and a station for every session, by key. */
export interface SchedulePlan {
  /** Milliseconds since the epoch; NaN for a played session that never had a time. */
  start: Float64Array;
  /** Station index; -1 where start is NaN or the station is gone. */
  station: Int32Array;
  /** 1 where this plan gave the session a (new) time; 0 for played and in-progress sessions. */
  planned: Uint8Array;
}

/**
 * Plans every unplayed session (sessions indexed by key): a start and a station such that no
 * station holds two sessions at once, no participant is in two sessions at once or without their
 * break, a session starts only after each session that feeds it (next / loserNext) has ended plus
 * the break (its players come from there), and, with roundsWait, after its phase's previous round.
 *
 * Played sessions keep their times and bind nothing: they are over. An unplayed session whose
 * players are known and whose time is at or before `now` is in progress: it keeps its time and
 * station and is taken to last until its planned end or now, whichever is later, so a late result
 * pushes what depends on it.
 * Everything else starts no earlier than max(startsAt, now).
 *
 * A list scheduler: sessions are released once their feeders (and round) are placed, and placed
 * in order of the earliest moment they can start (then key order) on the station free first.
 * O(S log S) for S sessions; participants and stations are flat arrays.
 */
export function planSchedule(sessions: readonly Session[], input: ScheduleInput): SchedulePlan {
  const n = sessions.length;
  if (!(input.stationCount >= 1)) throw new RangeError('a schedule needs at least one station');
  const start = new Float64Array(n).fill(Number.NaN);
  const station = new Int32Array(n).fill(-1);
  const planned = new Uint8Array(n);
  const end = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const floor = Math.max(input.startsAt, input.now);
  const { sessionMs, breakMs } = input;

  // Participants as dense indexes, for their free times.
  const participantOf = participantIndex(sessions);
  const free = new Float64Array(participantOf.count).fill(Number.NEGATIVE_INFINITY);
  const stationFree = new Float64Array(input.stationCount).fill(floor);

  // 0 played, 1 in progress, 2 to plan.
  const kind = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const s = sessions[k];
    if (s.key !== k) throw new RangeError(`sessions must be indexed by key: index ${k} holds key ${s.key}`);
    const was = input.currentStart?.[k] ?? Number.NaN;
    if (s.resultSubmitted) {
      start[k] = was;
      station[k] = Number.isNaN(was) ? -1 : (input.currentStation?.[k] ?? -1);
    } else if (!Number.isNaN(was) && was <= input.now && canBeUnderway(s)) {
      kind[k] = 1;
      start[k] = was;
      const at = input.currentStation?.[k] ?? -1;
      station[k] = at < input.stationCount ? at : -1;
      end[k] = Math.max(was + sessionMs, input.now);
      if (station[k] >= 0) stationFree[station[k]] = Math.max(stationFree[station[k]], end[k]);
      for (const p of s.participants) if (p !== null) free[participantOf.index(p)] = Math.max(free[participantOf.index(p)], end[k]);
    } else {
      kind[k] = 2;
    }
  }

  // Feeders not yet placed, and the earliest start the placed ones allow.
  const pending = new Int32Array(n);
  const feederReady = new Float64Array(n).fill(floor);
  const feed = (k: number, link: Link | null): void => {
    if (link === null || kind[link.key] !== 2) return;
    if (kind[k] === 2) pending[link.key]++;
    else if (kind[k] === 1) feederReady[link.key] = Math.max(feederReady[link.key], end[k] + breakMs);
  };
  for (let k = 0; k < n; k++) {
    feed(k, sessions[k].next);
    feed(k, sessions[k].loserNext);
  }

  // Rounds of each phase in order: with roundsWait a round is released once the one before is placed.
  const rounds = roundGroups(sessions);
  const remaining = new Int32Array(rounds.count);
  const roundEnd = new Float64Array(rounds.count).fill(Number.NEGATIVE_INFINITY);
  for (let k = 0; k < n; k++) {
    const g = rounds.groupOf[k];
    if (kind[k] === 2) remaining[g]++;
    if (kind[k] === 1) roundEnd[g] = Math.max(roundEnd[g], end[k]);
  }
  const released = new Uint8Array(rounds.count);
  const barrier = new Float64Array(rounds.count).fill(floor);

  const ready = new Float64Array(n);
  const heap = new KeyHeap(n, ready);
  const release = (k: number): void => {
    ready[k] = Math.max(feederReady[k], barrier[rounds.groupOf[k]]);
    heap.push(k);
  };
  const releaseRound = (g: number): void => {
    if (released[g]) return;
    released[g] = 1;
    for (const k of rounds.members(g)) if (kind[k] === 2 && pending[k] === 0) release(k);
    // An empty round (all played or in progress) lets the next one go at once.
    if (remaining[g] === 0) advancePast(g);
  };
  const advancePast = (g: number): void => {
    const next = rounds.nextInPhase[g];
    if (next < 0) return;
    if (input.roundsWait) barrier[next] = Math.max(floor, roundEnd[g], barrier[g]);
    releaseRound(next);
  };
  for (let g = 0; g < rounds.count; g++) if (!input.roundsWait || rounds.firstInPhase[g]) releaseRound(g);

  const stations = new KeyHeap(input.stationCount, stationFree);
  for (let i = 0; i < input.stationCount; i++) stations.push(i);

  // A feeder is placed: the session it feeds may start after it plus the break.
  const placed = (feederEnd: number, link: Link | null): void => {
    if (link === null || kind[link.key] !== 2) return;
    const t = link.key;
    feederReady[t] = Math.max(feederReady[t], feederEnd + breakMs);
    if (--pending[t] === 0 && released[rounds.groupOf[t]]) release(t);
  };
  let placedCount = 0;
  let toPlace = 0;
  for (let k = 0; k < n; k++) if (kind[k] === 2) toPlace++;
  while (heap.size > 0) {
    const k = heap.pop();
    const [a, b] = sessions[k].participants;
    let earliest = ready[k];
    if (a !== null) earliest = Math.max(earliest, free[participantOf.index(a)] + breakMs);
    if (b !== null) earliest = Math.max(earliest, free[participantOf.index(b)] + breakMs);
    if (earliest > ready[k]) {
      // A participant got busier since this session was released: queue it again at its new time.
      ready[k] = earliest;
      heap.push(k);
      continue;
    }
    const at = stations.pop();
    const begins = Math.max(earliest, stationFree[at]);
    start[k] = begins;
    station[k] = at;
    planned[k] = 1;
    end[k] = begins + sessionMs;
    stationFree[at] = end[k];
    stations.push(at);
    if (a !== null) free[participantOf.index(a)] = end[k];
    if (b !== null) free[participantOf.index(b)] = end[k];
    placedCount++;

    placed(end[k], sessions[k].next);
    placed(end[k], sessions[k].loserNext);
    const g = rounds.groupOf[k];
    roundEnd[g] = Math.max(roundEnd[g], end[k]);
    if (--remaining[g] === 0) advancePast(g);
  }
  if (placedCount !== toPlace) {
    throw new RangeError(`${toPlace - placedCount} sessions wait for each other: their links or rounds form a cycle`);
  }
  return { start, station, planned };
}

// Only a session whose players are all known can have started.
function canBeUnderway(s: Session): boolean {
  return s.participants[0] !== null && (s.participants[1] !== null || s.attempts !== undefined);
}

// Dense indexes for the players in the sessions: a flat table when ids are one block, else a Map.
function participantIndex(sessions: readonly Session[]): { count: number; index: (playerId: number) => number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let players = 0;
  for (const s of sessions) {
    for (const p of s.participants) {
      if (p === null) continue;
      players++;
      if (p < min) min = p;
      if (p > max) max = p;
    }
  }
  if (players === 0) return { count: 0, index: () => -1 };
  const span = max - min + 1;
  if (Number.isSafeInteger(span) && span <= 4 * players + 1024) return { count: span, index: (p) => p - min };
  const map = new Map<number, number>();
  for (const s of sessions) for (const p of s.participants) if (p !== null && !map.has(p)) map.set(p, map.size);
  return { count: map.size, index: (p) => map.get(p)! };
}

// Sessions grouped by (phase, round), with the next round of the same phase for each group.
function roundGroups(sessions: readonly Session[]) {
  const ids = new Map<string, number>();
  const phaseRound: { phase: string; round: number }[] = [];
  const groupOf = new Int32Array(sessions.length);
  for (let k = 0; k < sessions.length; k++) {
    const s = sessions[k];
    const id = `${s.phase}\u0000${s.round}`;
    let g = ids.get(id);
    if (g === undefined) {
      g = phaseRound.length;
      ids.set(id, g);
      phaseRound.push({ phase: s.phase, round: s.round });
    }
    groupOf[k] = g;
  }
  const count = phaseRound.length;
  const order = Array.from({ length: count }, (_, g) => g).sort(
    (x, y) => (phaseRound[x].phase < phaseRound[y].phase ? -1 : phaseRound[x].phase > phaseRound[y].phase ? 1 : phaseRound[x].round - phaseRound[y].round),
  );
  const nextInPhase = new Int32Array(count).fill(-1);
  const firstInPhase = new Uint8Array(count);
  for (let i = 0; i < order.length; i++) {
    const g = order[i];
    if (i === 0 || phaseRound[order[i - 1]].phase !== phaseRound[g].phase) firstInPhase[g] = 1;
    if (i + 1 < order.length && phaseRound[order[i + 1]].phase === phaseRound[g].phase) nextInPhase[g] = order[i + 1];
  }
  // Members by group as one flat array (counting sort), so a million sessions need no arrays per round.
  const starts = new Int32Array(count + 1);
  for (let k = 0; k < sessions.length; k++) starts[groupOf[k] + 1]++;
  for (let g = 0; g < count; g++) starts[g + 1] += starts[g];
  const fill = starts.slice(0, count);
  const flat = new Int32Array(sessions.length);
  for (let k = 0; k < sessions.length; k++) flat[fill[groupOf[k]]++] = k;
  return { count, groupOf, nextInPhase, firstInPhase, members: (g: number) => flat.subarray(starts[g], starts[g + 1]) };
}

// A binary min-heap of indexes ordered by priority[index], then by index.
class KeyHeap {
  private readonly items: Int32Array;
  size = 0;

  constructor(
    capacity: number,
    private readonly priority: Float64Array,
  ) {
    this.items = new Int32Array(Math.max(1, capacity) * 2);
  }

  private less(x: number, y: number): boolean {
    const px = this.priority[x];
    const py = this.priority[y];
    return px < py || (px === py && x < y);
  }

  push(value: number): void {
    const items = this.items;
    let i = this.size++;
    items[i] = value;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(items[i], items[parent])) break;
      [items[i], items[parent]] = [items[parent], items[i]];
      i = parent;
    }
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items[--this.size];
    if (this.size > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.size && this.less(items[l], items[m])) m = l;
        if (r < this.size && this.less(items[r], items[m])) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m], items[i]];
        i = m;
      }
    }
    return top;
  }
}
