import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ValidationError } from './errors.ts';
import { doubleElimination } from './formats/double-elimination.ts';
import type { Entrant, Session, TournamentFormat } from './formats/format.ts';
import { individual } from './formats/individual.ts';
import { knockout } from './formats/knockout.ts';
import { league } from './formats/league.ts';
import { swiss } from './formats/swiss.ts';
import { Prng } from './prng.ts';
import { applyAttempt, applyResult } from './progression.ts';
import { planSchedule, type ScheduleInput, type SchedulePlan } from './schedule.ts';
import { readScheduleSettings, stationNames } from './schedule-settings.ts';

const MINUTE = 60_000;
const T0 = Date.parse('2026-06-01T09:00:00Z');
const entrantsOf = (n: number): Entrant[] => Array.from({ length: n }, (_, i) => ({ playerId: 300 + i, seed: i + 1 }));

function planOf<S extends object>(format: TournamentFormat<S>, n: number, raw: Record<string, unknown> = {}): Session[] {
  return format.plan(entrantsOf(n), format.validate(n, raw));
}

function input(overrides: Partial<ScheduleInput> = {}): ScheduleInput {
  return { startsAt: T0, now: T0 - 60 * MINUTE, stationCount: 1, sessionMs: 30 * MINUTE, breakMs: 0, roundsWait: true, ...overrides };
}

/** [key, minutes after T0, station] of every session. */
function timetable(plan: SchedulePlan): [number, number, number][] {
  return Array.from(plan.start, (t, k) => [k, (t - T0) / MINUTE, plan.station[k]]);
}

describe('planSchedule', () => {
  it('plays a 4-player knockout on one table one session after another, the final after its semi-finals', () => {
    const plan = planSchedule(planOf(knockout, 4), input());
    // Keys: 0, 1 semi-finals; 2 final; 3 playoff.
    expect(timetable(plan)).toEqual([[0, 0, 0], [1, 30, 0], [2, 60, 0], [3, 90, 0]]);
    expect([...plan.planned]).toEqual([1, 1, 1, 1]);
  });

  it('uses every station, and gives a player their break before the next session', () => {
    const plan = planSchedule(planOf(knockout, 4), input({ stationCount: 2, breakMs: 10 * MINUTE }));
    expect(timetable(plan)).toEqual([[0, 0, 0], [1, 0, 1], [2, 40, 0], [3, 40, 1]]);
  });

  it('plays losers round 1 of a double elimination beside winners round 2, each after its feeders', () => {
    const sessions = planOf(doubleElimination, 8);
    const plan = planSchedule(sessions, input({ stationCount: 4 }));
    // Winners round 1 (keys 0-3) at 0; winners round 2 (4, 5) and losers round 1 (7, 8) at 30;
    // losers round 2 (9, 10) needs the winners round-2 losers: 60; winners final (6) at 60 too.
    expect(timetable(plan).map(([k, m]) => [k, sessions[k].phase, sessions[k].round, m])).toEqual([
      [0, 'WINNERS', 1, 0], [1, 'WINNERS', 1, 0], [2, 'WINNERS', 1, 0], [3, 'WINNERS', 1, 0],
      [4, 'WINNERS', 2, 30], [5, 'WINNERS', 2, 30], [6, 'WINNERS', 3, 60],
      [7, 'LOSERS', 1, 30], [8, 'LOSERS', 1, 30], [9, 'LOSERS', 2, 60], [10, 'LOSERS', 2, 60],
      [11, 'LOSERS', 3, 90], [12, 'LOSERS', 4, 120], [13, 'GRAND_FINAL', 1, 150],
    ]);
  });

  it('starts each league round after the one before when rounds wait, and mixes them when they do not', () => {
    const sessions = planOf(league, 4);
    const waiting = planSchedule(sessions, input({ stationCount: 4 }));
    expect(sessions.map((s, k) => [s.round, (waiting.start[k] - T0) / MINUTE])).toEqual([[1, 0], [1, 0], [2, 30], [2, 30], [3, 60], [3, 60]]);
    // Without the wait a free pair could start early, but with 4 players every round needs everyone.
    const free = planSchedule(sessions, input({ stationCount: 4, roundsWait: false }));
    expect(Array.from(free.start, (t) => (t - T0) / MINUTE)).toEqual([0, 0, 30, 30, 60, 60]);
  });

  it('keeps played sessions and sessions in progress, and moves what waits on a late result', () => {
    const sessions = planOf(knockout, 4, { third_place_playoff: false });
    const first = planSchedule(sessions, input({ stationCount: 2 }));
    expect(timetable(first)).toEqual([[0, 0, 0], [1, 0, 1], [2, 30, 0]]);
    // Semi-final 0 is played; semi-final 1 is still on at 09:50, 20 minutes late.
    applyResult(sessions, 0, sessions[0].participants[0], [2, 1], false);
    const again = planSchedule(sessions, input({ stationCount: 2, now: T0 + 50 * MINUTE, currentStart: first.start, currentStation: first.station }));
    expect(timetable(again)).toEqual([[0, 0, 0], [1, 0, 1], [2, 50, 0]]);
    expect([...again.planned]).toEqual([0, 0, 1]);
  });

  it('never puts an unplayed session before now or the start', () => {
    const sessions = planOf(knockout, 8);
    const plan = planSchedule(sessions, input({ stationCount: 3, now: T0 + 7 * MINUTE }));
    expect(Math.min(...plan.start)).toBe(T0 + 7 * MINUTE);
  });

  it('refuses a cycle of links rather than leave sessions out', () => {
    const sessions = planOf(knockout, 2);
    sessions[0].next = { key: 0, slot: 0 };
    expect(() => planSchedule(sessions, input())).toThrow(/wait for each other/);
  });
});

describe('readScheduleSettings', () => {
  it('fills the defaults and reads names or a count of stations', () => {
    expect(readScheduleSettings({})).toEqual({ starts_at: null, stations: 1, session_minutes: 30, break_minutes: 5, rounds_wait: true });
    const parsed = readScheduleSettings({ starts_at: '2026-06-01T09:00:00+02:00', stations: ['Centre', 'Court 2'], session_minutes: 45, break_minutes: 0, rounds_wait: false });
    expect(readScheduleSettings(parsed)).toEqual(parsed);
    expect(stationNames(parsed)).toEqual(['Centre', 'Court 2']);
    expect(stationNames(readScheduleSettings({ stations: 3 }))).toEqual(['1', '2', '3']);
  });

  it.each([
    [[], 'settings.schedule', 'must be an object'],
    [{ start: 'now' }, 'settings.schedule.start', 'unknown key; allowed: starts_at, stations, session_minutes, break_minutes, rounds_wait'],
    [{ starts_at: '2026-06-01 09:00' }, 'settings.schedule.starts_at', 'must be an ISO 8601 date and time with a zone, such as 2026-06-01T09:00:00Z'],
    [{ starts_at: '2026-02-30T09:00:00Z' }, 'settings.schedule.starts_at', 'must be an ISO 8601 date and time with a zone, such as 2026-06-01T09:00:00Z'],
    [{ stations: 0 }, 'settings.schedule.stations', 'must be a count from 1 to 10000 or a list of names'],
    [{ stations: ['A', 'A'] }, 'settings.schedule.stations[1]', '"A" is named twice'],
    [{ stations: ['A', ' '] }, 'settings.schedule.stations[1]', 'must be a name of 1 to 100 characters'],
    [{ session_minutes: 0 }, 'settings.schedule.session_minutes', 'must be a whole number of minutes from 1 to 1440'],
    [{ break_minutes: 1.5 }, 'settings.schedule.break_minutes', 'must be a whole number of minutes from 0 to 1440'],
    [{ rounds_wait: 'yes' }, 'settings.schedule.rounds_wait', 'must be a boolean'],
  ])('rejects %j naming %s', (raw, field, reason) => {
    let caught: unknown;
    try {
      readScheduleSettings(raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).message).toBe(`${field}: ${reason}`);
  });
});

/**
 * The schedule's rules, checked on the plan alone: stations never double-booked, a known participant
 * never in two sessions at once or without their break, no session before its feeders end plus the
 * break, rounds after rounds when they wait, nothing unplayed before max(start, now). Returns the
 * first broken rule, or null.
 */
function brokenRule(sessions: readonly Session[], plan: SchedulePlan, inp: ScheduleInput, skip: (k: number) => boolean): string | null {
  const { sessionMs, breakMs } = inp;
  const endOf = (k: number) => (skip(k) ? Number.NEGATIVE_INFINITY : Math.max(plan.start[k] + sessionMs, plan.planned[k] ? 0 : inp.now));
  const live = sessions.map((s) => s.key).filter((k) => !skip(k));
  for (const k of live) {
    if (Number.isNaN(plan.start[k])) return `session ${k} has no time`;
    if (plan.planned[k] && plan.start[k] < Math.max(inp.startsAt, inp.now)) return `session ${k} starts before it may`;
  }
  const byStation = new Map<number, number[]>();
  for (const k of live) if (plan.station[k] >= 0) byStation.set(plan.station[k], [...(byStation.get(plan.station[k]) ?? []), k]);
  for (const [at, keys] of byStation) {
    keys.sort((x, y) => plan.start[x] - plan.start[y]);
    for (let i = 1; i < keys.length; i++) if (plan.start[keys[i]] < endOf(keys[i - 1])) return `station ${at}: ${keys[i - 1]} and ${keys[i]} overlap`;
  }
  const byPlayer = new Map<number, number[]>();
  for (const k of live) for (const p of sessions[k].participants) if (p !== null) byPlayer.set(p, [...(byPlayer.get(p) ?? []), k]);
  for (const [p, keys] of byPlayer) {
    keys.sort((x, y) => plan.start[x] - plan.start[y]);
    for (let i = 1; i < keys.length; i++) {
      if (plan.start[keys[i]] < endOf(keys[i - 1]) + breakMs) return `player ${p}: ${keys[i - 1]} then ${keys[i]} without a break`;
    }
  }
  for (const k of live) {
    for (const link of [sessions[k].next, sessions[k].loserNext]) {
      if (link !== null && !skip(link.key) && plan.planned[link.key] && plan.start[link.key] < endOf(k) + breakMs) return `${link.key} starts before its feeder ${k} ends`;
    }
  }
  if (inp.roundsWait) {
    const lastEnd = new Map<string, number>();
    for (const k of live) {
      const id = `${sessions[k].phase} ${sessions[k].round}`;
      lastEnd.set(id, Math.max(lastEnd.get(id) ?? Number.NEGATIVE_INFINITY, endOf(k)));
    }
    for (const k of live) {
      const before = lastEnd.get(`${sessions[k].phase} ${sessions[k].round - 1}`);
      if (plan.planned[k] && before !== undefined && plan.start[k] < before) return `${k} starts before round ${sessions[k].round - 1} ends`;
    }
  }
  return null;
}

// Plays, in time order, every ready session that ends by `until`, with seeded winners.
function playUntil(format: TournamentFormat<any>, settings: object, sessions: Session[], plan: SchedulePlan, until: number, sessionMs: number, prng: Prng): void {
  const order = sessions.map((s) => s.key).sort((x, y) => plan.start[x] - plan.start[y] || x - y);
  for (const k of order) {
    const s = sessions[k];
    if (s.resultSubmitted || plan.start[k] + sessionMs > until) continue;
    if (s.attempts !== undefined) {
      const rules = format.attemptRules!(settings);
      while (!s.resultSubmitted) applyAttempt(sessions, k, prng.int(0, 9), rules);
    } else if (s.participants[0] !== null && s.participants[1] !== null) {
      const first = prng.next() < 0.5;
      applyResult(sessions, k, s.participants[first ? 0 : 1], first ? [1, 0] : [0, 1], false);
    }
  }
}

describe('schedule properties', () => {
  const formats: [TournamentFormat<any>, Record<string, unknown>, number][] = [
    [knockout, {}, 300],
    [doubleElimination, {}, 300],
    [league, {}, 40],
    [swiss, {}, 64],
    [individual, { rounds: 2 }, 300],
  ];

  it('plans random fields with no station or participant clash, nothing before its feeders or its round, and re-plans the rest after late results', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: formats.length - 1 }),
        fc.integer({ min: 2, max: 300 }),
        fc.record({ stations: fc.integer({ min: 1, max: 12 }), minutes: fc.integer({ min: 1, max: 90 }), rest: fc.integer({ min: 0, max: 30 }), wait: fc.boolean() }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 600 }),
        (f, size, o, seed, laterMinutes) => {
          const [format, raw, max] = formats[f];
          const n = Math.min(size, max);
          const settings = format.validate(n, raw);
          const sessions = format.plan(entrantsOf(n), settings);
          const inp = input({ stationCount: o.stations, sessionMs: o.minutes * MINUTE, breakMs: o.rest * MINUTE, roundsWait: o.wait });
          const plan = planSchedule(sessions, inp);
          expect(brokenRule(sessions, plan, inp, () => false)).toBe(null);
          expect([...plan.planned].every((p) => p === 1)).toBe(true);

          // Play what is due by some later moment, then plan again from then on the old times.
          const now = T0 + laterMinutes * MINUTE;
          playUntil(format, settings, sessions, plan, now, inp.sessionMs, new Prng(seed));
          const again: ScheduleInput = { ...inp, now, currentStart: plan.start, currentStation: plan.station };
          const next = planSchedule(sessions, again);
          const played = (k: number) => sessions[k].resultSubmitted;
          expect(brokenRule(sessions, next, again, played)).toBe(null);
          for (let k = 0; k < sessions.length; k++) {
            const [a, b] = sessions[k].participants;
            const underway = plan.start[k] <= now && a !== null && (b !== null || sessions[k].attempts !== undefined);
            const kept = played(k) || underway;
            if (kept) expect([k, next.start[k], next.station[k], next.planned[k]]).toEqual([k, plan.start[k], plan.station[k], 0]);
            else expect(next.start[k]).toBeGreaterThanOrEqual(now);
          }
        },
      ),
      { numRuns: 120 },
    );
  }, 60_000);

  it('keeps the rules for the real players once brackets are decided in scheduled order', () => {
    fc.assert(
      fc.property(fc.constantFrom<TournamentFormat<any>>(knockout, doubleElimination), fc.integer({ min: 2, max: 200 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 20 }), (format, n, stations, rest) => {
        const settings = format.validate(n, {});
        const sessions = format.plan(entrantsOf(n), settings);
        const inp = input({ stationCount: stations, breakMs: rest * MINUTE });
        const plan = planSchedule(sessions, inp);
        playUntil(format, settings, sessions, plan, Number.POSITIVE_INFINITY, inp.sessionMs, new Prng(n));
        expect(sessions.every((s) => s.resultSubmitted)).toBe(true);
        // Every player now known: none of them ever plays twice at once or without a break.
        expect(brokenRule(sessions, plan, inp, () => false)).toBe(null);
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
