import { ConflictError } from '../domain/errors.ts';
import { getFormat } from '../domain/formats/registry.ts';
import { planSchedule } from '../domain/schedule.ts';
import { readScheduleSettings, stationNames, type ScheduleSettings } from '../domain/schedule-settings.ts';
import { lockTournament, requireStatus } from './load-tournament.ts';
import type { Clock, Store } from './ports.ts';

export interface ScheduleOutcome {
  /** Sessions given a (new) time by this call. */
  plannedCount: number;
  /** Played sessions and sessions in progress, which kept theirs. */
  keptCount: number;
  /** ISO 8601: the first start and the last end of the planned sessions (null when none was planned). */
  firstStart: string | null;
  lastEnd: string | null;
  stations: string[];
}

/**
 * Gives every unplayed session of a tournament a time and a station by its settings.schedule
 * (planSchedule's rules), from now or the schedule's start, whichever is later; played sessions and
 * sessions in progress keep theirs. `schedule`, when given, replaces settings.schedule first (the
 * same keys; a bad value is a 422 naming settings.schedule.<key> and changes nothing). Set-based: one read of the sessions and their times,
 * one DELETE of the moved sessions' old times and one COPY of the new, in one transaction under the tournament's lock.
 */
export async function scheduleTournament(store: Store, clock: Clock, tournamentId: number, schedule?: unknown): Promise<ScheduleOutcome> {
  // New settings are checked before anything is read or written: a bad one changes nothing.
  const given = schedule === undefined ? undefined : readScheduleSettings(schedule);
  const { outcome, written } = await store.transaction(async (tx) => {
    const tournament = await lockTournament(tx, tournamentId);
    requireStatus(tournament, ['IN_PROGRESS'], 'plan the schedule');
    if (given !== undefined) await tx.tournaments.update(tournamentId, { settings: { ...tournament.settings, schedule: given } });
    const settings = given ?? scheduleOf(tournament.settings);
    getFormat(tournament.format);
    // The sessions as columns (no ids: the times are keyed by ordinal), then in domain shape for the planner.
    const sessions = (await tx.sessions.loadTable(tournamentId)).toSessions();
    if (sessions.length === 0) {
      throw new ConflictError(`tournament ${tournamentId} has no sessions yet to schedule`, { sessions_count: 0 }, 'no_sessions');
    }
    const current = await tx.schedules.load(tournamentId, sessions.length);
    const names = stationNames(settings);
    const stationIndex = new Map(names.map((name, i) => [name, i]));
    const currentStation = Int32Array.from(current.station, (name) => (name === null ? -1 : (stationIndex.get(name) ?? -1)));
    const now = clock.now();
    const sessionMs = settings.session_minutes * 60_000;
    const plan = planSchedule(sessions, {
      startsAt: settings.starts_at === null ? now : Date.parse(settings.starts_at),
      now,
      stationCount: names.length,
      sessionMs,
      breakMs: settings.break_minutes * 60_000,
      roundsWait: settings.rounds_wait,
      currentStart: current.start,
      currentStation,
    });
    // Only the sessions whose time or station moved are written: planning again with nothing
    // changed (or a round added) rewrites nothing of the rest.
    const keys: number[] = [];
    const starts: number[] = [];
    const stations: string[] = [];
    let plannedCount = 0;
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < sessions.length; k++) {
      if (plan.planned[k] !== 1) continue;
      plannedCount++;
      first = Math.min(first, plan.start[k]);
      last = Math.max(last, plan.start[k] + sessionMs);
      const station = names[plan.station[k]];
      if (plan.start[k] === current.start[k] && station === current.station[k]) continue;
      keys.push(k);
      starts.push(plan.start[k]);
      stations.push(station);
    }
    const written = await tx.schedules.write(tournamentId, keys, Float64Array.from(starts), stations);
    const outcome: ScheduleOutcome = {
      plannedCount,
      keptCount: sessions.length - plannedCount,
      firstStart: plannedCount === 0 ? null : new Date(first).toISOString(),
      lastEnd: plannedCount === 0 ? null : new Date(last).toISOString(),
      stations: names,
    };
    return { outcome, written };
  });
  await store.schedules.refreshStatistics(written);
  return outcome;
}

/** The tournament's parsed settings.schedule; 409 when it has none to plan by. */
export function scheduleOf(settings: Record<string, unknown>): ScheduleSettings {
  if (settings.schedule === undefined || settings.schedule === null) {
    throw new ConflictError(
      'the tournament has no settings.schedule: set one (starts_at, stations, session_minutes, break_minutes, rounds_wait) to plan it',
      { field: 'settings.schedule' },
      'no_schedule',
    );
  }
  return readScheduleSettings(settings.schedule);
}
