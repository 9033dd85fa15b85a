import { Type, type Static } from 'typebox';
import { Id, Int32, Nullable, PageLimit, Timestamp, Uuid, type WithDefaults } from './primitives.ts';
import { OUTCOMES } from '../../domain/formats/format.ts';
import { Phase } from './tournaments.ts';

export const SessionParams = Type.Object({
  id: Id({ description: 'tournament id' }),
  session_id: Uuid({ description: 'session id' }),
});
export type SessionParams = Static<typeof SessionParams>;

export const SessionParticipant = Type.Object({
  id: Id(),
  name: Type.String(),
  seed: Nullable(Int32({ minimum: 1 })),
  slot: Type.Union([Type.Literal(0), Type.Literal(1)], { description: 'the side of the session the player is on' }),
}, { additionalProperties: false });
export type SessionParticipant = Static<typeof SessionParticipant>;

/** Two scores, in participant order. */
const Score = Type.Array(Int32(), { minItems: 2, maxItems: 2 });

export const Session = Type.Object({
  id: Uuid(),
  tournament_id: Id(),
  phase: Phase,
  tournament_round: Int32({ minimum: 1 }),
  tournament_match_number: Int32({ minimum: 1 }),
  group_identifier: Nullable(Type.String()),
  participants: Type.Array(SessionParticipant, { maxItems: 2, description: 'the players known so far' }),
  winner_id: Nullable(Id({ description: 'null with a result: a draw' })),
  score: Nullable(Score),
  result_submitted: Type.Boolean(),
  outcome: Nullable(Type.Enum(OUTCOMES, { description: 'how the result came about: played, walkover or retired; null without a result' })),
  next_session_id: Nullable(Uuid({ description: 'where the winner goes' })),
  next_slot: Nullable(Type.Union([Type.Literal(0), Type.Literal(1)])),
  loser_next_session_id: Nullable(Uuid({ description: 'where the loser goes (into the third-place playoff)' })),
  loser_next_slot: Nullable(Type.Union([Type.Literal(0), Type.Literal(1)])),
  scheduled_at: Nullable(Timestamp({ description: 'when the session starts; null until the schedule is planned' })),
  station: Nullable(Type.String({ description: 'the court, table or pitch it is played on' })),
  attempts: Nullable(Type.Array(Nullable(Type.Number()), { description: 'individual events: the attempts so far, null a failed one; null in formats of matches' })),
}, { additionalProperties: false });
export type Session = Static<typeof Session>;

export const SessionListQuery = Type.Object({
  phase: Type.Optional(Phase),
  round: Type.Optional(Int32({ minimum: 1 })),
  player_id: Type.Optional(Id({ description: 'only the sessions this player plays in' })),
  limit: PageLimit(100_000, 1000),
  cursor: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]*$', maxLength: 200, description: 'next_cursor of the previous page' })),
}, { additionalProperties: false });
export type SessionListQuery = WithDefaults<Static<typeof SessionListQuery>, 'limit'>;

export const SessionPage = Type.Object({
  items: Type.Array(Session),
  next_cursor: Nullable(Type.String({ description: 'cursor of the next page; null on the last' })),
}, { additionalProperties: false });
export type SessionPage = Static<typeof SessionPage>;

export const ResultBody = Type.Object({
  winner_id: Nullable(Id({ description: 'null: a draw where the format allows it; with a walkover, a double forfeit' })),
  score: Nullable(Type.Array(Int32({ maximum: 1_000_000 }), { minItems: 2, maxItems: 2, description: 'in participant order; null only for a walkover' })),
  outcome: Type.Enum(OUTCOMES, { default: 'played', description: 'played; walkover (not played, no score needed); retired (the loser gave up, the score as it stood)' }),
}, { additionalProperties: false });
/** As a client sends it: `outcome` may be left out (played). */
export type ResultBody = WithDefaults<Static<typeof ResultBody>, 'outcome'>;

export const ResultReply = Type.Object({
  session: Session,
  added_count: Int32({ description: 'sessions of a further round this result made due' }),
}, { additionalProperties: false });
export type ResultReply = Static<typeof ResultReply>;

export const CorrectionReply = Type.Object({
  session: Session,
  cleared_session_ids: Type.Array(Uuid(), { description: 'later sessions whose results were cleared (cascade)' }),
  changed_session_ids: Type.Array(Uuid(), { description: 'other sessions whose players or result changed' }),
}, { additionalProperties: false });
export type CorrectionReply = Static<typeof CorrectionReply>;
