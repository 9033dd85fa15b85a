import { NotFoundError } from '../domain/errors.ts';
import { getTournamentRecord } from './load-tournament.ts';
import { scheduleOf } from './plan-schedule.ts';
import type { ScheduledSessionRecord, Store } from './ports.ts';

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

/** The scheduled sessions of a tournament, or of one of its players, by time: for a calendar feed. */
export async function scheduleFeed(store: Store, tournamentId: number, playerId?: number): Promise<ScheduleFeed> {
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
  const sessions = await store.schedules.list(tournamentId, { playerId, limit: FEED_LIMIT });
  return { tournamentId, tournamentName: tournament.name, sessionMinutes: settings.session_minutes, player, sessions };
}
