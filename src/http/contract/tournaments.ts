import { Type, type Static } from 'typebox';
import { PHASES } from '../../domain/formats/format.ts';
import { TOURNAMENT_STATUSES } from '../../domain/lifecycle.ts';
import { SYNC_TASK_ID } from '../../services/launch-scenario.ts';
import { TASK_STATUSES } from '../../services/ports.ts';
import { FreeObject, Id, Int32, Nullable, PageLimit, TaskId, Text, Timestamp, Uuid, type WithDefaults } from './primitives.ts';

export const TournamentStatus = Type.Enum(TOURNAMENT_STATUSES);
export type TournamentStatus = Static<typeof TournamentStatus>;

export const Phase = Type.Enum(PHASES);
export type Phase = Static<typeof Phase>;

export const TaskStatus = Type.Enum(TASK_STATUSES);
export type TaskStatus = Static<typeof TaskStatus>;

export const TournamentParams = Type.Object({ id: Id({ description: 'tournament id' }) });
export type TournamentParams = Static<typeof TournamentParams>;

export const TaskParams = Type.Object({
  id: Id({ description: 'tournament id' }),
  task_id: TaskId({ description: `"${SYNC_TASK_ID}" or the UUID the launch returned` }),
});
export type TaskParams = Static<typeof TaskParams>;

export const Tournament = Type.Object({
  id: Id(),
  name: Type.String(),
  format: Type.String(),
  settings: FreeObject({ description: "the format's settings as given" }),
  status: TournamentStatus,
  created_at: Timestamp(),
  updated_at: Timestamp(),
  enrolled_count: Type.Optional(Int32({ description: 'players enrolled (in lists and details)' })),
  synthetic: Type.Boolean({ description: "every participant is a scenario's made-up player: simulation needs no force" }),
  sharing: Type.Boolean({ description: 'the public page /t/{share_slug} is on' }),
  share_slug: Nullable(Type.String({ description: 'the public page is /t/{share_slug}' })),
}, { additionalProperties: false });
export type Tournament = Static<typeof Tournament>;

export const TournamentListQuery = Type.Object({
  status: Type.Optional(TournamentStatus),
  limit: PageLimit(200, 50),
  before_id: Type.Optional(Id({ description: 'continue with tournaments older than this id' })),
}, { additionalProperties: false });
export type TournamentListQuery = WithDefaults<Static<typeof TournamentListQuery>, 'limit'>;

export const TournamentPage = Type.Object({
  items: Type.Array(Tournament),
  next_before_id: Nullable(Id({ description: 'before_id of the next page; null on the last' })),
}, { additionalProperties: false });
export type TournamentPage = Static<typeof TournamentPage>;

export const GenerationStatus = Type.Object({
  task_id: TaskId(),
  tournament_id: Id(),
  status: TaskStatus,
  sessions_count: Int32(),
  created_count: Nullable(Int32()),
  queue_wait_time_ms: Nullable(Type.Number()),
  generation_duration_ms: Nullable(Type.Number()),
  db_write_time_ms: Nullable(Type.Number()),
  attempts: Int32(),
  worker: Nullable(Type.String({ description: 'host:pid of the worker' })),
  enqueued_at: Nullable(Timestamp()),
  started_at: Nullable(Timestamp()),
  finished_at: Nullable(Timestamp()),
  error: Nullable(Type.String()),
}, { additionalProperties: false });
export type GenerationStatus = Static<typeof GenerationStatus>;

export const RoundBreakdown = Type.Object({
  phase: Phase,
  round: Int32(),
  sessions: Int32(),
  results: Int32(),
}, { additionalProperties: false });
export type RoundBreakdown = Static<typeof RoundBreakdown>;

export const TournamentDetail = Type.Object({
  ...Tournament.properties,
  enrolled_count: Int32(),
  counts: Type.Object({
    enrolled: Int32(),
    sessions: Int32(),
    results_submitted: Int32(),
    rankings: Int32(),
  }, { additionalProperties: false }),
  latest_task: Nullable(GenerationStatus),
  breakdown: Type.Array(RoundBreakdown),
  revision: Int32({ minimum: 0, description: 'grows with every result, correction and withdrawal: a changed revision means re-read the sessions (a correction changes no count)' }),
}, { additionalProperties: false });
export type TournamentDetail = Static<typeof TournamentDetail>;

export const CreateTournamentBody = Type.Object({
  name: Text({ minLength: 1, maxLength: 200 }),
  format: Text({ minLength: 1, maxLength: 64, default: 'knockout' }),
  settings: Type.Optional(FreeObject({ description: "the format's settings (GET /formats lists them)" })),
}, { additionalProperties: false });
/** As a client sends it: `format` may be left out. */
export type CreateTournamentBody = WithDefaults<Static<typeof CreateTournamentBody>, 'format'>;

export const EnrollBody = Type.Object({
  player_ids: Type.Array(Id(), { minItems: 1, maxItems: 10_000, description: 'seeded in this order, after those already enrolled' }),
}, { additionalProperties: false });
export type EnrollBody = Static<typeof EnrollBody>;

export const EnrollReply = Type.Object({
  enrolled: Type.Array(Type.Object({ player_id: Id(), seed: Int32({ minimum: 1 }) }, { additionalProperties: false })),
  enrolled_count: Int32(),
}, { additionalProperties: false });
export type EnrollReply = Static<typeof EnrollReply>;

export const LaunchMode = Type.Union([Type.Literal('sync'), Type.Literal('async')]);

export const StartReply = Type.Object({
  task_id: TaskId({ description: '"sync-done", or the UUID of the queued task' }),
  mode: LaunchMode,
  sessions_count: Int32(),
}, { additionalProperties: false });
export type StartReply = Static<typeof StartReply>;

export const QueuedReply = Type.Object({
  task_id: Uuid(),
  status: Type.Literal('queued'),
}, { additionalProperties: false });
export type QueuedReply = Static<typeof QueuedReply>;

/** A PRNG seed: any unsigned 32-bit integer. */
export const Seed = Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: 'simulation seed' });

export const SimulateBody = Type.Object({
  seed: Type.Optional(Seed),
  force: Type.Optional(Type.Boolean({ description: 'simulate even though the participants are real (not a scenario\'s synthetic players)' })),
}, { additionalProperties: false });
export type SimulateBody = Static<typeof SimulateBody>;

export const SimulateReply = Type.Object({
  simulated_count: Int32({ description: 'sessions this call gave a result' }),
  added_count: Int32({ description: 'sessions the format added as rounds became due' }),
  sessions_count: Int32(),
  results_submitted: Int32(),
}, { additionalProperties: false });
export type SimulateReply = Static<typeof SimulateReply>;

export const RankingsCountReply = Type.Object({ rankings_count: Int32() }, { additionalProperties: false });
export type RankingsCountReply = Static<typeof RankingsCountReply>;

export const ScenarioBody = Type.Object({
  player_count: Int32({ minimum: 2, maximum: 1_048_576, description: 'how many synthetic players to enroll' }),
  format: Text({ default: 'knockout', minLength: 1, maxLength: 64 }),
  name: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
  seed: Type.Optional(Seed),
  settings: Type.Optional(FreeObject({ description: "the format's settings" })),
  simulate: Type.Boolean({ default: true, description: 'play and rank in the call (sync path only)' }),
  confirmed: Type.Optional(Type.Boolean({ description: 'required true from the async threshold up' })),
}, { additionalProperties: false });
/** As a client sends it: `format` and `simulate` may be left out. */
export type ScenarioBody = WithDefaults<Static<typeof ScenarioBody>, 'format' | 'simulate'>;

export const ScenarioReply = Type.Object({
  tournament_id: Id(),
  task_id: TaskId({ description: '"sync-done", or the UUID of the queued task' }),
  mode: LaunchMode,
  enrolled_count: Int32(),
  sessions_count: Int32(),
  rankings_count: Int32(),
  timings_ms: Type.Record(Type.String(), Type.Number(), { description: 'milliseconds per stage, and total' }),
}, { additionalProperties: false });
export type ScenarioReply = Static<typeof ScenarioReply>;
