/**
 * Real events on the wire: participants (add, paste, CSV import, seeding, order, removal),
 * corrections and withdrawals, the audit log, tournament edits, sharing and the public page,
 * and the CSV exports.
 */
import { Type, type Static } from 'typebox';
import { CLUB_MAX, NAME_MAX, RATING_MAX, SEEDING_METHODS } from '../../domain/participants.ts';
import { AUDIT_ACTIONS } from '../../services/ports.ts';
import { FreeObject, Id, Int32, Nullable, PageLimit, Text, Timestamp, Uuid, type WithDefaults } from './primitives.ts';
import { TieBreaks, Totals } from './rankings.ts';
import { Phase, RoundBreakdown, TournamentStatus } from './tournaments.ts';


// ---------------------------------------------------------------------------------------------
// Participants

export const ParticipantParams = Type.Object({
  id: Id({ description: 'tournament id' }),
  player_id: Id({ description: 'player id' }),
});
export type ParticipantParams = Static<typeof ParticipantParams>;

export const ParticipantInput = Type.Object({
  name: Text({ minLength: 1, maxLength: NAME_MAX }),
  rating: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: RATING_MAX }))),
  club: Type.Optional(Nullable(Text({ maxLength: CLUB_MAX }))),
}, { additionalProperties: false });
export type ParticipantInput = Static<typeof ParticipantInput>;

export const AddParticipantsBody = Type.Object({
  participants: Type.Optional(Type.Array(ParticipantInput, { minItems: 1, maxItems: 10_000, description: 'typed one by one' })),
  text: Type.Optional(Text({ minLength: 1, maxLength: 1_000_000, description: 'a pasted list: one a line, `name` or `name, rating, club`' })),
}, { additionalProperties: false, description: 'either participants or text' });
export type AddParticipantsBody = Static<typeof AddParticipantsBody>;

export const Participant = Type.Object({
  player_id: Id(),
  name: Type.String(),
  rating: Nullable(Int32()),
  club: Nullable(Type.String()),
  seed: Int32({ minimum: 1 }),
  entry_number: Int32({ minimum: 1, description: 'position in the order of entry' }),
  withdrawn_at: Nullable(Timestamp()),
}, { additionalProperties: false });
export type Participant = Static<typeof Participant>;

export const ParticipantListQuery = Type.Object({
  limit: PageLimit(10_000, 10_000),
  after_seed: Type.Optional(Int32({ description: 'continue after this seed' })),
}, { additionalProperties: false });
export type ParticipantListQuery = WithDefaults<Static<typeof ParticipantListQuery>, 'limit'>;

export const StandingsQuery = Type.Object({
  limit: PageLimit(10_000, 1000),
  offset: Type.Integer({ minimum: 0, maximum: 2_147_483_647, default: 0 }),
}, { additionalProperties: false });
export type StandingsQuery = WithDefaults<Static<typeof StandingsQuery>, 'limit' | 'offset'>;

export const ParticipantList = Type.Object({
  items: Type.Array(Participant),
  seeding: Nullable(Type.Object({ method: Type.Enum(SEEDING_METHODS), seed: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false })),
}, { additionalProperties: false });
export type ParticipantList = Static<typeof ParticipantList>;

export const ImportReply = Type.Object({
  ...ParticipantList.properties,
  imported_count: Int32(),
  ignored_columns: Type.Array(Type.String(), { description: 'header columns other than name, rating and club' }),
}, { additionalProperties: false });
export type ImportReply = Static<typeof ImportReply>;

export const SeedBody = Type.Object({
  method: Type.Enum(SEEDING_METHODS, { description: 'order: of entry; rating: highest first, unrated last; random: a draw' }),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: 'the draw to replay (random only); drawn and recorded when left out' })),
}, { additionalProperties: false });
export type SeedBody = Static<typeof SeedBody>;

export const OrderBody = Type.Object({
  player_ids: Type.Array(Id(), { minItems: 1, maxItems: 10_000, description: 'every participant once, seed 1 first' }),
}, { additionalProperties: false });
export type OrderBody = Static<typeof OrderBody>;

export const WithdrawalReply = Type.Object({
  walkover_session_ids: Type.Array(Uuid(), { description: 'sessions that became walkovers now' }),
  expunged_session_ids: Type.Array(Uuid(), { description: 'sessions removed by a league that expunges' }),
  added_count: Int32({ description: 'sessions of a further round made due' }),
}, { additionalProperties: false });
export type WithdrawalReply = Static<typeof WithdrawalReply>;

// ---------------------------------------------------------------------------------------------
// Corrections and the audit log

export const CorrectionQuery = Type.Object({
  cascade: Type.Boolean({ default: false, description: 'clear the later results that stand on the old one (admin)' }),
}, { additionalProperties: false });
export type CorrectionQuery = WithDefaults<Static<typeof CorrectionQuery>, 'cascade'>;

export const AuditQuery = Type.Object({
  session_id: Type.Optional(Uuid({ description: "only this session's history" })),
  limit: PageLimit(500, 100),
  before_id: Type.Optional(Id({ description: 'continue with entries older than this id' })),
}, { additionalProperties: false });
export type AuditQuery = WithDefaults<Static<typeof AuditQuery>, 'limit'>;

export const AuditEntry = Type.Object({
  id: Id(),
  at: Timestamp(),
  action: Type.Enum(AUDIT_ACTIONS),
  actor: Type.Object({ id: Nullable(Id()), email: Nullable(Type.String()) }, { additionalProperties: false, description: 'null id: the system' }),
  session_id: Nullable(Uuid()),
  player_id: Nullable(Id()),
  before: Nullable(FreeObject()),
  after: Nullable(FreeObject()),
}, { additionalProperties: false });
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditEntry),
  next_before_id: Nullable(Id()),
}, { additionalProperties: false });
export type AuditPage = Static<typeof AuditPage>;

// ---------------------------------------------------------------------------------------------
// Editing, sharing, the public page

export const EditTournamentBody = Type.Object({
  name: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
  settings: Type.Optional(FreeObject({ description: "the format's settings (only before the start)" })),
}, { additionalProperties: false });
export type EditTournamentBody = Static<typeof EditTournamentBody>;

export const DeletedReply = Type.Object({ id: Id(), deleted: Type.Literal(true) }, { additionalProperties: false });
export type DeletedReply = Static<typeof DeletedReply>;

export const SharingBody = Type.Object({ sharing: Type.Boolean() }, { additionalProperties: false });
export type SharingBody = Static<typeof SharingBody>;

export const SharingReply = Type.Object({
  sharing: Type.Boolean(),
  slug: Nullable(Type.String({ description: 'the public page is /t/{slug}' })),
  path: Nullable(Type.String({ description: '/t/{slug}' })),
}, { additionalProperties: false });
export type SharingReply = Static<typeof SharingReply>;

export const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });
export type SlugParams = Static<typeof SlugParams>;

export const PublicTournament = Type.Object({
  name: Type.String(),
  format: Type.String(),
  status: TournamentStatus,
  settings: FreeObject(),
  counts: Type.Object({ participants: Int32(), sessions: Int32(), results_submitted: Int32() }, { additionalProperties: false }),
  breakdown: Type.Array(RoundBreakdown),
  updated_at: Timestamp(),
  revision: Type.Integer({ minimum: 0, description: 'grows with every result, correction and withdrawal: a changed revision means re-read the sessions' }),
}, { additionalProperties: false });
export type PublicTournament = Static<typeof PublicTournament>;

export const Standing = Type.Object({
  rank: Int32({ minimum: 1 }),
  player_id: Id(),
  name: Type.String(),
  club: Nullable(Type.String()),
  rating: Nullable(Int32()),
  seed: Int32(),
  withdrawn: Type.Boolean(),
  ...Totals(),
  tie_breaks: TieBreaks(),
}, { additionalProperties: false });
export type Standing = Static<typeof Standing>;

export const StandingsReply = Type.Object({
  items: Type.Array(Standing),
  total: Int32(),
  final: Type.Boolean({ description: 'true once rankings are calculated; else ranked from the results so far' }),
}, { additionalProperties: false });
export type StandingsReply = Static<typeof StandingsReply>;

export const PublicSessionsQuery = Type.Object({
  phase: Type.Optional(Phase),
  round: Type.Optional(Int32({ minimum: 1 })),
  limit: PageLimit(5_000, 5_000),
  cursor: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]*$', maxLength: 200, description: 'next_cursor of the previous page' })),
}, { additionalProperties: false });
export type PublicSessionsQuery = WithDefaults<Static<typeof PublicSessionsQuery>, 'limit'>;

export const CsvText = {
  description: 'text/csv with a header row',
  content: { 'text/csv': { schema: Type.String() } },
};

