/** The database schema (Drizzle). Migrations in ./migrations are generated from it by drizzle-kit. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Carried in every token; bumped on a role or password change, so older tokens stop working. */
  tokenVersion: integer('token_version').notNull().default(0),
  /** SHA-256 of the user's calendar feed token (a URL credential for schedule.ics); null when none. */
  feedTokenHash: text('feed_token_hash').unique(),
}, (t) => [check('users_role_check', sql`${t.role} in ('admin', 'operator', 'viewer')`)]);

/** Failed logins per email (known or not, so a lockout tells nothing about who has an account). */
export const loginFailures = pgTable('login_failures', {
  email: text('email').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

export const tournaments = pgTable('tournaments', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  format: text('format').notNull(),
  settings: jsonb('settings').notNull().default({}),
  status: text('status').notNull().default('DRAFT'),
  // Every entrant was made up by a scenario: simulating results cannot overwrite a real event.
  synthetic: boolean('synthetic').notNull().default(false),
  // How the seeds were last given: {method, seed} (seed for a random draw, so it can be replayed).
  seeding: jsonb('seeding'),
  // The public page: an unguessable slug, kept when sharing is turned off so the link can come back.
  shareSlug: text('share_slug').unique(),
  sharing: boolean('sharing').notNull().default(false),
  // How many rankings rows the tournament has, kept by RankingRepository.replace (the only writer,
  // under this row's lock): completing and viewing a million-player tournament read it here
  // instead of counting a million rows.
  rankingsCount: integer('rankings_count').notNull().default(0),
  // Bumped by every write of the tournament's sessions or their results (SessionRepository,
  // AttemptRepository, under this row's lock), so a process that holds the sessions as it last
  // wrote them knows whether they are still what the database holds (SessionRepository.loadTable).
  sessionsVersion: integer('sessions_version').notNull().default(0),
  // How many sessions the tournament has, kept by SessionRepository (its inserts and deletes, under
  // this row's lock): a generation's status is read from here while a million uncommitted session
  // rows are being written, which a count steps through (0.12 s a read at a million).
  sessionsCount: integer('sessions_count').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  check('tournaments_status_check', sql`${t.status} in ('DRAFT', 'ENROLLMENT_OPEN', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')`),
  index('tournaments_status_idx').on(t.status),
]);

export const players = pgTable('players', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  rating: integer('rating'),
  club: text('club'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const enrollments = pgTable('enrollments', {
  // No foreign keys on the tables with a row per player or per session (enrollments, sessions,
  // rankings): each checked and locked a parent row per row written, ten times the cost of the
  // write. They are written only under the tournament's row lock and deleted with it
  // (TournamentRepository.delete); the trigger players_enrolled_guard (migration 0005) keeps an
  // enrolled player from being deleted.
  tournamentId: bigint('tournament_id', { mode: 'number' }).notNull(),
  playerId: bigint('player_id', { mode: 'number' }).notNull(),
  seed: integer('seed').notNull(),
  // The order of entry, for seeding "by order" after a reorder; null for scenario players (seed order).
  entryNumber: integer('entry_number'),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  // The rounds that existed when the player withdrew: a Swiss pairs them in none after these.
  withdrawnRound: integer('withdrawn_round'),
}, (t) => [
  // A player enrolled once per tournament; player first, so the same index answers the check
  // for enrollments that deleting a player makes (one index where there were two: a fifth of
  // a launch's enrollments' cost; migration 0013).
  unique('enrollments_player_tournament_key').on(t.playerId, t.tournamentId),
  unique('enrollments_tournament_seed_key').on(t.tournamentId, t.seed),
  index('enrollments_withdrawn_idx').on(t.tournamentId).where(sql`${t.withdrawnAt} is not null`),
]);

// A Swiss player's known absence from one round (TRF H half-point bye, F full-point bye, Z
// absent), read from an imported TRF; Entrant.absences. No foreign keys, as enrollments.
export const absences = pgTable('absences', {
  tournamentId: bigint('tournament_id', { mode: 'number' }).notNull(),
  playerId: bigint('player_id', { mode: 'number' }).notNull(),
  round: integer('round').notNull(),
  code: text('code').notNull(),
}, (t) => [
  primaryKey({ columns: [t.tournamentId, t.playerId, t.round] }),
  check('absences_code_check', sql`${t.code} in ('H', 'F', 'Z')`),
]);

export const sessions = pgTable('sessions', {
  // Carries the session's key (tournament, ordinal) and is found through it (storage/session-keys.ts):
  // no index of ids to write a million entries into. Ids made before (below LEGACY_ID_BOUND in
  // storage/session-ids.ts) are indexed by sessions_id_key. Migration 0020.
  id: uuid('id').notNull().defaultRandom(),
  tournamentId: bigint('tournament_id', { mode: 'number' }).notNull(),
  // The session's key in the plan: 0, 1, 2, ... per tournament. Links name ordinals, so a plan is
  // written in one pass with no ids to look up, and read back in plan order through one index.
  ordinal: integer('ordinal').notNull(),
  phase: text('phase').notNull(),
  tournamentRound: integer('tournament_round').notNull(),
  tournamentMatchNumber: integer('tournament_match_number').notNull(),
  groupIdentifier: text('group_identifier'),
  participant1Id: bigint('participant1_id', { mode: 'number' }),
  participant2Id: bigint('participant2_id', { mode: 'number' }),
  winnerId: bigint('winner_id', { mode: 'number' }),
  score1: integer('score1'),
  score2: integer('score2'),
  resultSubmitted: boolean('result_submitted').notNull().default(false),
  outcome: text('outcome'),
  nextOrdinal: integer('next_ordinal'),
  nextSlot: smallint('next_slot'),
  loserNextOrdinal: integer('loser_next_ordinal'),
  loserNextSlot: smallint('loser_next_slot'),
  // The sessions whose next or loser-next link names this one (at most two, lower ordinal first):
  // the links read backwards through the (tournament, ordinal) key, so a result finds the sessions
  // beside its path without a pass over every link (migration 0019; domain feedersOf).
  feederA: integer('feeder_a'),
  feederB: integer('feeder_b'),
  // Formats judged by attempts: the participant's measured attempts, null a failed one.
  attempts: doublePrecision('attempts').array(),
}, (t) => [
  // The primary key: plan order, keyset paging, every lookup by id (the id carries this key), and
  // exactly once: a plan written twice collides here. (Phase, round, match) is unique by
  // construction of every plan; its index cost as much as the rows. Migration 0021.
  primaryKey({ name: 'sessions_pkey', columns: [t.tournamentId, t.ordinal] }),
  uniqueIndex('sessions_id_key').on(t.id).where(sql`${t.id} < 'ff000000-0000-0000-0000-000000000000'::uuid`),
  check('sessions_phase_check', sql`${t.phase} in ('KNOCKOUT', 'GROUP', 'LEAGUE', 'SWISS', 'WINNERS', 'LOSERS', 'GRAND_FINAL', 'INDIVIDUAL')`),
  check('sessions_outcome_check', sql`${t.outcome} in ('played', 'walkover', 'retired')`),
]);

// The schedule: a session's time and station, by its key (tournament, ordinal); a session without a
// row has no time. Apart from sessions so that a plan is written by COPY alone (a million times in
// seconds) instead of updating a million indexed session rows, and a result never touches it.
// Rows go with their sessions (SessionRepository.deleteByIds, TournamentRepository.delete).
export const sessionSchedule = pgTable('session_schedule', {
  tournamentId: bigint('tournament_id', { mode: 'number' }).notNull(),
  ordinal: integer('ordinal').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  station: text('station'),
}, (t) => [
  // Read back by plan order, joined to sessions by their key, and replaced by ranges of ordinals.
  primaryKey({ name: 'session_schedule_pkey', columns: [t.tournamentId, t.ordinal] }),
  // The schedule's lists (on now, next up, a calendar feed) read a tournament's sessions by time.
  index('session_schedule_tournament_at_idx').on(t.tournamentId, t.at),
]);

// A session's progress (participants, result, outcome) once anything wrote it, by the session's key
// (tournament, ordinal); a row present is authoritative for those columns, a session without one
// shows the plan's values still stored in sessions (round-one participants, byes). Apart from
// sessions so that simulating a million results is one COPY into a narrow table (3.2 s of server
// CPU, 137 MiB of WAL at a million) instead of rewriting a million wide session rows (14.5 s, 745
// MiB), and sessions, never updated, are packed full. Readers see both through the view
// session_state (migration 0014) or, in bulk, read both and lay the rows over the plan.
// Rows go with their sessions (SessionRepository.deleteByIds, TournamentRepository.delete).
export const sessionResults = pgTable('session_results', {
  tournamentId: bigint('tournament_id', { mode: 'number' }).notNull(),
  ordinal: integer('ordinal').notNull(),
  participant1Id: bigint('participant1_id', { mode: 'number' }),
  participant2Id: bigint('participant2_id', { mode: 'number' }),
  winnerId: bigint('winner_id', { mode: 'number' }),
  score1: integer('score1'),
  score2: integer('score2'),
  resultSubmitted: boolean('result_submitted').notNull(),
  outcome: text('outcome'),
}, (t) => [
  // Exactly once per session, the join to sessions, and replaced by ranges of ordinals.
  primaryKey({ name: 'session_results_pkey', columns: [t.tournamentId, t.ordinal] }),
  check('session_results_outcome_check', sql`${t.outcome} in ('played', 'walkover', 'retired')`),
]);

export const rankings = pgTable('rankings', {
  tournamentId: bigint('tournament_id', { mode: 'number' }).notNull(),
  // The row's place in the list (1, 2, ... by rank, ties by seed, then player id): a standings page
  // is a range of positions. Written by RankingRepository.replace in this order (migration 0017);
  // the seed shown is looked up for a page's rows (a column of it cost 4 bytes a row to write).
  position: integer('position').notNull(),
  playerId: bigint('player_id', { mode: 'number' }).notNull(),
  rank: integer('rank').notNull(),
  points: real('points').notNull(),
  wins: integer('wins').notNull(),
  draws: integer('draws').notNull(),
  losses: integer('losses').notNull(),
  scoreFor: integer('score_for').notNull(),
  scoreAgainst: integer('score_against').notNull(),
  // The values of the tie-breakers that ordered the row, as [name, value] pairs in the order
  // applied ([["points", 5], ["buchholz", 12.5]]: a jsonb object would lose the order); null for a
  // format that ranks without them (knockout placements).
  tieBreaks: jsonb('tie_breaks'),
}, (t) => [
  // The only index: a tournament's rows are found, paged, counted and deleted by it, and written
  // in its order, so it grows at its end. One on (tournament, rank) cost a third of the backend's
  // CPU in writing a million rows (a few ranks, each with a long posting list); one on
  // (tournament, player) served no read (migration 0017 replaced it with this one).
  primaryKey({ name: 'rankings_pkey', columns: [t.tournamentId, t.position] }),
]);

export const tasks = pgTable('tasks', {
  id: uuid('id').primaryKey(),
  tournamentId: bigint('tournament_id', { mode: 'number' }).notNull().references(() => tournaments.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull().default('generate-sessions'),
  status: text('status').notNull().default('queued'),
  attempts: integer('attempts').notNull().default(0),
  enqueuedAt: timestamp('enqueued_at', { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  metrics: jsonb('metrics').notNull().default({}),
  error: text('error'),
  worker: text('worker'),
}, (t) => [
  check('tasks_status_check', sql`${t.status} in ('queued', 'running', 'done', 'error')`),
  index('tasks_tournament_idx').on(t.tournamentId),
]);

// Every result, correction and withdrawal: who, when, what it was before and after.
export const auditEvents = pgTable('audit_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  tournamentId: bigint('tournament_id', { mode: 'number' }).notNull().references(() => tournaments.id, { onDelete: 'cascade' }),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorId: bigint('actor_id', { mode: 'number' }),
  actorEmail: text('actor_email'),
  action: text('action').notNull(),
  // No foreign keys: the record outlives a session a correction regenerated or a player deleted.
  sessionId: uuid('session_id'),
  playerId: bigint('player_id', { mode: 'number' }),
  before: jsonb('before'),
  after: jsonb('after'),
}, (t) => [
  check('audit_events_action_check', sql`${t.action} in ('result', 'correction', 'withdrawal', 'simulation', 'attempt')`),
  index('audit_events_tournament_idx').on(t.tournamentId, t.id),
  index('audit_events_session_idx').on(t.sessionId).where(sql`${t.sessionId} is not null`),
]);
