import { NotFoundError } from '../domain/errors.ts';
import { getTournamentRecord } from './load-tournament.ts';
import { scheduleOf } from './plan-schedule.ts';
import { stationNames } from '../domain/schedule-settings.ts';
import type { Clock, ScheduledSessionRecord, Store } from './ports.ts';

export interface ScheduleFeed {
  tournamentId: number;
  tournamentName: string;
  sessionMinutes: number;
  /** The player the feed is for; null for the whole tournament. */
  player: { id: number; name: string } | null;
  sessions: ScheduledSessionRecord[];
}

/** Most sessions one feed lists: a calendar of a million events helps nobody. */
export const FEED_LIMIT = 10_000;

/**
 * The scheduled sessions of a tournament, or of one of its players, by time: for a calendar feed
 * or a page of the schedule (from `from` ms on, at most `limit`).
 */
export async function scheduleFeed(store: Store, tournamentId: number, playerId?: number, page: { from?: number; limit?: number } = {}): Promise<ScheduleFeed> {
  const tournament = await getTournamentRecord(store, tournamentId);
  const settings = scheduleOf(tournament.settings);
  let player: ScheduleFeed['player'] = null;
  if (playerId !== undefined) {
    const entrants = await store.enrollments.entrants(tournamentId);
    if (!entrants.some((e) => e.playerId === playerId)) {
      throw new NotFoundError(`player ${playerId} is not in tournament ${tournamentId}`, { player_id: playerId });
    }
    const [found] = await store.players.list({ limit: 1, afterId: playerId - 1 });
    player = { id: playerId, name: found?.id === playerId ? found.name : `Player ${playerId}` };
  }
  const sessions = await store.schedules.list(tournamentId, { playerId, limit: Math.min(page.limit ?? FEED_LIMIT, FEED_LIMIT), from: page.from });
  return { tournamentId, tournamentName: tournament.name, sessionMinutes: settings.session_minutes, player, sessions };
}

/** What each station holds: the session on now (due, no result yet) and the one next up. */
export interface StationBoard {
  /** ISO 8601: the moment the board was read. */
  at: string;
  sessionMinutes: number;
  stations: { station: string; now: ScheduledSessionRecord | null; next: ScheduledSessionRecord | null }[];
  /** Unplayed sessions with no time yet (a Swiss round, a knockout or a reset added since the last plan). */
  unscheduledCount: number;
}

/**
 * "On now / next up" per station: the unplayed scheduled sessions in time order, the first of a
 * station that has started being on now, the first after it (or the first not started) next up.
 * One read of the earliest unplayed sessions (three per station, at most FEED_LIMIT), by the
 * schedule index, whatever the tournament's size.
 */
export async function stationBoard(store: Store, clock: Clock, tournamentId: number): Promise<StationBoard> {
  const tournament = await getTournamentRecord(store, tournamentId);
  const settings = scheduleOf(tournament.settings);
  const names = stationNames(settings);
  const now = clock.now();
  const upcoming = await store.schedules.list(tournamentId, { unplayed: true, limit: Math.min(FEED_LIMIT, names.length * 3) });
  const byStation = new Map(names.map((name) => [name, { station: name, now: null as ScheduledSessionRecord | null, next: null as ScheduledSessionRecord | null }]));
  for (const s of upcoming) {
    const entry = s.station === null ? undefined : byStation.get(s.station);
    if (entry === undefined || entry.next !== null) continue;
    if (entry.now === null && Date.parse(s.scheduledAt!) <= now) entry.now = s;
    else entry.next = s;
  }
  const unscheduledCount = await store.schedules.countUnscheduled(tournamentId);
  return { at: new Date(now).toISOString(), sessionMinutes: settings.session_minutes, stations: [...byStation.values()], unscheduledCount };
}
