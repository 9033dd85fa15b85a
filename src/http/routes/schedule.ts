import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { enterAttempt } from '../../services/enter-attempt.ts';
import { scheduleTournament } from '../../services/plan-schedule.ts';
import type { ScheduledSessionRecord } from '../../services/ports.ts';
import { scheduleFeed, stationBoard, type ScheduleFeed } from '../../services/schedule-feed.ts';
import { findSharedTournament } from '../../services/share-tournament.ts';
import type { RouteDeps } from '../app.ts';
import { ErrorResponse } from '../contract/errors.ts';
import { SlugParams } from '../contract/event-day.ts';
import { AttemptBody, AttemptReply, CalendarFeed, FeedQuery, PlayerFeedParams, PublicPlayerFeedParams, ScheduleBody, ScheduleList, ScheduleQuery, ScheduleReply, StationBoard } from '../contract/schedule.ts';
import { SessionParams } from '../contract/sessions.ts';
import { TournamentParams } from '../contract/tournaments.ts';
import { calendar } from '../icalendar.ts';
import { sessionJson } from '../wire.ts';

function summary(s: ScheduleFeed['sessions'][number]): string {
  if (s.phase === 'INDIVIDUAL') return s.participants[0]?.name ?? 'to be decided';
  return s.participants.map((p) => p?.name ?? 'to be decided').join(' vs ');
}

function ics(feed: ScheduleFeed, stamp: Date): string {
  const name = feed.player ? `${feed.tournamentName}: ${feed.player.name}` : feed.tournamentName;
  return calendar(
    name,
    feed.sessions.map((s) => {
      const start = new Date(s.scheduledAt!);
      return {
        uid: `${s.id}@tourney`,
        start,
        end: new Date(start.getTime() + feed.sessionMinutes * 60_000),
        summary: summary(s),
        location: s.station,
        description: `${feed.tournamentName}: ${s.phase.toLowerCase().replace('_', ' ')} round ${s.round}, match ${s.matchNumber}`,
      };
    }),
    stamp,
  );
}

function scheduledJson(s: ScheduledSessionRecord) {
  return {
    session_id: s.id,
    phase: s.phase,
    tournament_round: s.round,
    tournament_match_number: s.matchNumber,
    scheduled_at: s.scheduledAt!,
    station: s.station,
    result_submitted: s.resultSubmitted,
    participants: s.participants.flatMap((p, slot) => (p === null ? [] : [{ id: p.id, name: p.name, slot: slot as 0 | 1 }])),
  };
}

function boardJson(board: Awaited<ReturnType<typeof stationBoard>>) {
  return {
    at: board.at,
    session_minutes: board.sessionMinutes,
    stations: board.stations.map((s) => ({ station: s.station, now: s.now && scheduledJson(s.now), next: s.next && scheduledJson(s.next) })),
    unscheduled_count: board.unscheduledCount,
  };
}

const scheduleRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { ctx }) => {
  // A feed as text/calendar, stamped now.
  const calendarReply = (reply: FastifyReply, feed: ScheduleFeed) => reply.type('text/calendar; charset=utf-8').send(ics(feed, new Date(ctx.clock.now())));
  const tags = ['schedule'];

  app.post('/api/v1/tournaments/:id/schedule', {
    config: { role: 'operator' },
    schema: {
      tags,
      summary: 'Plan the schedule: a time and a station for every unplayed session (played ones keep theirs)',
      params: TournamentParams,
      body: ScheduleBody,
      response: { 200: ScheduleReply, 404: ErrorResponse[404], 409: ErrorResponse[409], 422: ErrorResponse[422] },
    },
  }, async (request) => {
    const outcome = await scheduleTournament(ctx.store, ctx.clock, request.params.id, request.body.schedule);
    return { planned_count: outcome.plannedCount, kept_count: outcome.keptCount, first_start: outcome.firstStart, last_end: outcome.lastEnd, stations: outcome.stations };
  });

  app.get('/api/v1/tournaments/:id/schedule', {
    schema: {
      tags,
      summary: "Scheduled sessions by time (then station): what is on and next per station, or one player's",
      params: TournamentParams,
      querystring: ScheduleQuery,
      response: { 200: ScheduleList, 404: ErrorResponse[404], 409: ErrorResponse[409] },
    },
  }, async (request) => {
    const q = request.query;
    const feed = await scheduleFeed(ctx.store, request.params.id, q.player_id, { from: q.from === undefined ? undefined : Date.parse(q.from), limit: q.limit ?? 200 });
    return { session_minutes: feed.sessionMinutes, items: feed.sessions.map(scheduledJson) };
  });

  app.get('/api/v1/tournaments/:id/schedule/board', {
    schema: {
      tags,
      summary: 'On now and next up, per station: the session due on it without a result, and the one after',
      params: TournamentParams,
      response: { 200: StationBoard, 404: ErrorResponse[404], 409: ErrorResponse[409] },
    },
  }, async (request) => boardJson(await stationBoard(ctx.store, ctx.clock, request.params.id)));

  app.get('/api/v1/public/:slug/schedule/board', {
    config: { role: 'public' },
    schema: {
      tags: ['public'],
      summary: "A shared tournament's stations: on now and next up",
      params: SlugParams,
      response: { 200: StationBoard, 404: ErrorResponse[404], 409: ErrorResponse[409] },
    },
  }, async (request) => boardJson(await stationBoard(ctx.store, ctx.clock, (await findSharedTournament(ctx.store, request.params.slug)).id)));

  app.get('/api/v1/tournaments/:id/schedule.ics', {
    config: { feedToken: true },
    schema: {
      tags,
      summary: "The tournament's schedule as an iCalendar (RFC 5545) feed",
      params: TournamentParams,
      querystring: FeedQuery,
      response: { 200: CalendarFeed, 404: ErrorResponse[404], 409: ErrorResponse[409] },
    },
  }, async (request, reply) => {
    return calendarReply(reply, await scheduleFeed(ctx.store, request.params.id));
  });

  app.get('/api/v1/tournaments/:id/players/:player_id/schedule.ics', {
    config: { feedToken: true },
    schema: {
      tags,
      summary: "One player's sessions as an iCalendar (RFC 5545) feed",
      params: PlayerFeedParams,
      querystring: FeedQuery,
      response: { 200: CalendarFeed, 404: ErrorResponse[404], 409: ErrorResponse[409] },
    },
  }, async (request, reply) => {
    return calendarReply(reply, await scheduleFeed(ctx.store, request.params.id, request.params.player_id));
  });

  // A shared tournament's calendars, for players and parents without an account.
  app.get('/api/v1/public/:slug/schedule.ics', {
    config: { role: 'public' },
    schema: {
      tags: ['public'],
      summary: "A shared tournament's schedule as an iCalendar (RFC 5545) feed",
      params: SlugParams,
      response: { 200: CalendarFeed, 404: ErrorResponse[404], 409: ErrorResponse[409] },
    },
  }, async (request, reply) => {
    return calendarReply(reply, await scheduleFeed(ctx.store, (await findSharedTournament(ctx.store, request.params.slug)).id));
  });

  app.get('/api/v1/public/:slug/players/:player_id/schedule.ics', {
    config: { role: 'public' },
    schema: {
      tags: ['public'],
      summary: "One participant's sessions in a shared tournament as an iCalendar (RFC 5545) feed",
      params: PublicPlayerFeedParams,
      response: { 200: CalendarFeed, 404: ErrorResponse[404], 409: ErrorResponse[409] },
    },
  }, async (request, reply) => {
    return calendarReply(reply, await scheduleFeed(ctx.store, (await findSharedTournament(ctx.store, request.params.slug)).id, request.params.player_id));
  });

  app.post('/api/v1/tournaments/:id/sessions/:session_id/attempts', {
    config: { role: 'operator' },
    schema: {
      tags: ['sessions'],
      summary: 'Record one attempt of an individual event; the session completes with its last',
      params: SessionParams,
      body: AttemptBody,
      response: { 200: AttemptReply, 404: ErrorResponse[404], 409: ErrorResponse[409], 422: ErrorResponse[422] },
    },
  }, async (request) => {
    const { id, session_id } = request.params;
    const actor = request.user ? { id: request.user.sub, email: request.user.email } : undefined;
    const outcome = await enterAttempt(ctx.store, id, session_id, request.body.value, actor);
    return { session: sessionJson(outcome.session), attempts: outcome.attempts, added_count: outcome.addedCount };
  });
};

export default scheduleRoutes;
