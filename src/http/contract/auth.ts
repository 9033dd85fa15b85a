import { Type, type Static } from 'typebox';
import { ROLES } from '../../services/ports.ts';
import { Email, Id, Text } from './primitives.ts';

export const Role = Type.Enum(ROLES);
export type Role = Static<typeof Role>;

export const LoginBody = Type.Object({
  email: Text({ minLength: 3, maxLength: 254 }),
  password: Text({ minLength: 1, maxLength: 1024 }),
}, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

export const LoginReply = Type.Object({
  access_token: Type.String({ description: 'send as Authorization: Bearer <token>' }),
  token_type: Type.Literal('bearer'),
  role: Role,
  email: Type.String(),
}, { additionalProperties: false });
export type LoginReply = Static<typeof LoginReply>;

export const Me = Type.Object({
  id: Id(),
  email: Type.String(),
  role: Role,
}, { additionalProperties: false });
export type Me = Static<typeof Me>;

export const TICKET_SECONDS = 60;

export const TicketBody = Type.Object({
  purpose: Type.Union([Type.Literal('events'), Type.Literal('queue_board')], {
    description: "'events': one tournament's event stream (GET /api/v1/tournaments/{id}/events?ticket=); 'queue_board': the Bull Board page (/admin/queues?ticket=, admins)",
  }),
  tournament_id: Type.Optional(Id({ description: "the tournament whose stream the ticket opens; required for 'events'" })),
}, { additionalProperties: false });
export type TicketBody = Static<typeof TicketBody>;

export const TicketReply = Type.Object({
  ticket: Type.String({ description: 'a short-lived credential for one purpose, to put in a URL where a header cannot be sent' }),
  expires_in: Type.Integer({ description: 'seconds the ticket is valid for' }),
}, { additionalProperties: false });
export type TicketReply = Static<typeof TicketReply>;

export const FeedTokenReply = Type.Object({
  feed_token: Type.String({ description: "a calendar subscription credential: …/schedule.ics?feed_token=<it>; shown once, valid until revoked or replaced" }),
}, { additionalProperties: false });
export type FeedTokenReply = Static<typeof FeedTokenReply>;

export const FeedTokenRevoked = Type.Object({ revoked: Type.Boolean() }, { additionalProperties: false });
export type FeedTokenRevoked = Static<typeof FeedTokenRevoked>;
