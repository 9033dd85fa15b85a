import { Type, type Static } from 'typebox';
import { FEED_LIMIT } from '../../services/schedule-feed.ts';
import { Id, Int32, Nullable, Timestamp, Uuid, type WithDefaults } from './primitives.ts';
import { Session } from './sessions.ts';
import { Phase } from './tournaments.ts';

export const ScheduleReply = Type.Object({
  planned_count: Int32({ description: 'sessions this call gave a (new) time' }),
  kept_count: Int32({ description: 'played sessions and sessions in progress, which kept theirs' }),
  first_start: Nullable(Timestamp()),
  last_end: Nullable(Timestamp()),
  stations: Type.Array(Type.String()),
}, { additionalProperties: false });
export type ScheduleReply = Static<typeof ScheduleReply>;

export const ScheduleSettingsBody = Type.Object({
  starts_at: Type.Optional(Nullable(Type.String({ description: 'ISO 8601 with a zone: the earliest start; null: the moment of planning' }))),
  stations: Type.Optional(Type.Union([Type.Integer(), Type.Array(Type.String())], { description: 'a count (named "1".."n") or the names of the courts, tables or pitches' })),
  session_minutes: Type.Optional(Type.Integer({ description: 'how long a session takes (30)' })),
  break_minutes: Type.Optional(Type.Integer({ description: 'the least rest of a participant between two sessions (5)' })),
  rounds_wait: Type.Optional(Type.Boolean({ description: 'a round of a phase starts once the one before has ended (true)' })),
}, { additionalProperties: false });

export const ScheduleBody = Type.Object({
  schedule: Type.Optional(ScheduleSettingsBody),
}, { additionalProperties: false, description: 'optional: new settings.schedule, stored and then planned by (a bad value is a 422 naming settings.schedule.<key>); without it the stored one' });
export type ScheduleBody = Static<typeof ScheduleBody>;

export const ScheduleQuery = Type.Object({
  player_id: Type.Optional(Id({ description: "only this player's sessions" })),
  from: Type.Optional(Timestamp({ description: 'only sessions starting at or after this moment' })),
  limit: Type.Integer({ minimum: 1, maximum: FEED_LIMIT, default: 200, description: `page size, 200 unless given, at most ${FEED_LIMIT}` }),
}, { additionalProperties: false });
export type ScheduleQuery = WithDefaults<Static<typeof ScheduleQuery>, 'limit'>;

export const ScheduledSession = Type.Object({
  session_id: Uuid(),
  phase: Phase,
  tournament_round: Int32({ minimum: 1 }),
  tournament_match_number: Int32({ minimum: 1 }),
  scheduled_at: Timestamp(),
  station: Nullable(Type.String()),
  result_submitted: Type.Boolean(),
  participants: Type.Array(Type.Object({ id: Id(), name: Type.String(), slot: Type.Union([Type.Literal(0), Type.Literal(1)]) }, { additionalProperties: false }), { maxItems: 2 }),
}, { additionalProperties: false });

export const StationBoard = Type.Object({
  at: Timestamp({ description: 'when the board was read (the server clock)' }),
  session_minutes: Int32({ minimum: 1 }),
  stations: Type.Array(Type.Object({
    station: Type.String(),
    now: Type.Union([ScheduledSession, Type.Null()], { description: 'the session due on this station that has no result yet' }),
    next: Type.Union([ScheduledSession, Type.Null()], { description: 'the one after it' }),
  }, { additionalProperties: false })),
  unscheduled_count: Int32({ description: 'unplayed sessions with no time yet (added since the last plan: POST …/schedule gives them one)' }),
}, { additionalProperties: false });
export type StationBoard = Static<typeof StationBoard>;

export const ScheduleList = Type.Object({
  session_minutes: Int32({ minimum: 1 }),
  items: Type.Array(ScheduledSession),
}, { additionalProperties: false });
export type ScheduleList = Static<typeof ScheduleList>;

export const PlayerFeedParams = Type.Object({
  id: Id({ description: 'tournament id' }),
  player_id: Id(),
});

export const PublicPlayerFeedParams = Type.Object({
  slug: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
  player_id: Id(),
});

// A calendar app cannot send a header: a revocable feed token (POST /api/v1/auth/feed-token) may come in the URL.
export const FeedQuery = Type.Object({
  feed_token: Type.Optional(Type.String({ maxLength: 200, description: 'the calendar feed token from POST /api/v1/auth/feed-token' })),
}, { additionalProperties: false });

export const AttemptBody = Type.Object({
  value: Nullable(Type.Number({ description: 'the measure: a score, milliseconds or metres' })),
}, { additionalProperties: false, description: 'one attempt; value null for a failed one' });
export type AttemptBody = Static<typeof AttemptBody>;

export const AttemptReply = Type.Object({
  session: Session,
  attempts: Type.Array(Nullable(Type.Number())),
  added_count: Int32({ description: 'sessions of a further round this attempt made due (after a cut)' }),
}, { additionalProperties: false });
export type AttemptReply = Static<typeof AttemptReply>;

/** An iCalendar (RFC 5545) feed: one VEVENT per scheduled session, UID `<session id>@tourney`. */
export const CalendarFeed = {
  description: 'text/calendar: a VCALENDAR with one VEVENT per scheduled session (UTC times, the station as LOCATION)',
  content: { 'text/calendar': { schema: Type.String() } },
};
