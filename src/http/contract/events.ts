/**
 * The tournament event stream (Server-Sent Events). Frames: `event: tournament` with a
 * TournamentDetail as data on every change; `event: problem` with a StreamProblem when the
 * server could not read the tournament (it keeps trying); a comment line every 15 s.
 */
import { Type, type Static } from 'typebox';

export const EventsQuery = Type.Object({
  ticket: Type.Optional(Type.String({ maxLength: 4096, description: "a ticket from POST /api/v1/auth/ticket {purpose:'events'} for this tournament (EventSource cannot send headers)" })),
}, { additionalProperties: false });
export type EventsQuery = Static<typeof EventsQuery>;

export const StreamProblem = Type.Object({ message: Type.String() }, { additionalProperties: false });
export type StreamProblem = Static<typeof StreamProblem>;

export const EventStream = {
  description: 'text/event-stream: `event: tournament` frames carry a TournamentDetail, `event: problem` frames a {message}',
  content: { 'text/event-stream': { schema: Type.String() } },
};
