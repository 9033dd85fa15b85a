/**
 * What the services need from outside the domain: the repositories and the unit of work
 * (storage implements them), the job queue (jobs/ implements it), a clock and an id source.
 * The edges (server, worker, CLI, tests) build the implementations and hand them in through
 * the ServiceContext. Records here are camelCase and say what is stored; the wire shapes are
 * the http layer's business.
 */
import type { Entrant, Outcome, Phase, RankingRow, Session, Slot, TieBreakValues } from '../domain/formats/format.ts';
import type { ParticipantInput, SeedingMethod } from '../domain/participants.ts';
import type { TournamentStatus } from '../domain/lifecycle.ts';
import type { SessionTable } from '../domain/session-table.ts';
import type { RankingTable } from '../domain/ranking-table.ts';

// ---------------------------------------------------------------------------------------------
// Records

export const ROLES = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface UserRecord {
  id: number;
  email: string;
  role: Role;
}

export interface UserCredentials extends UserRecord {
  passwordHash: string;
  tokenVersion: number;
}

/** What a token is checked against on every request: the user as stored now. */
export interface UserAccess extends UserRecord {
  /** Bumped on a role or password change; a token carrying another version is refused. */
  tokenVersion: number;
}

/** When repeated failed logins lock an email out. */
export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** How a tournament's seeds were last given; `seed` replays a random draw. */
export interface SeedingRecord {
  method: SeedingMethod;
  seed?: number;
}

export interface TournamentRecord {
  id: number;
  name: string;
  format: string;
  settings: Record<string, unknown>;
  status: TournamentStatus;
  /** Every entrant was made up by a scenario (simulation may overwrite nothing real). */
  synthetic: boolean;
  seeding: SeedingRecord | null;
  /** The public page's slug; kept while sharing is off, so the same link comes back. */
  shareSlug: string | null;
  sharing: boolean;
  /** ISO 8601, UTC, milliseconds. */
  createdAt: string;
  updatedAt: string;
}

export interface TournamentListItem extends TournamentRecord {
  enrolled: number;
}

export interface TournamentCounts {
  enrolled: number;
  sessions: number;
  resultsSubmitted: number;
  rankings: number;
}

export interface PlayerRecord {
  id: number;
  name: string;
  rating: number | null;
  club: string | null;
}

/** A player as enrolled in one tournament, for the organiser's list. */
export interface ParticipantRecord {
  playerId: number;
  name: string;
  rating: number | null;
  club: string | null;
  seed: number;
  /** Position in the order of entry (the seed for players enrolled before entry order was kept). */
  entryNumber: number;
  /** ISO 8601 when withdrawn, else null. */
  withdrawnAt: string | null;
}

export interface EnrollmentRecord {
  playerId: number;
  seed: number;
}

export interface SessionParticipantRecord {
  id: number;
  name: string;
  seed: number | null;
  /** The side of the session the player is on. */
  slot: Slot;
}

/** A stored session with its participants' names and seeds. */
export interface SessionRecord {
  id: string;
  tournamentId: number;
  phase: Phase;
  round: number;
  matchNumber: number;
  group: string | null;
  participants: SessionParticipantRecord[];
  winnerId: number | null;
  score: [number, number] | null;
  resultSubmitted: boolean;
  outcome: Outcome | null;
  nextSessionId: string | null;
  nextSlot: Slot | null;
  loserNextSessionId: string | null;
  loserNextSlot: Slot | null;
  /** ISO 8601, UTC; null until the schedule gives it a time. */
  scheduledAt?: string | null;
  station?: string | null;
  /** Formats judged by attempts: the attempts so far (null a failed one); null in head-to-head formats. */
  attempts?: (number | null)[] | null;
}

/** A tournament's sessions in domain shape, with the stored id behind each key. */
export interface SessionState {
  sessions: Session[];
  ids: string[];
}

export interface SessionCounts {
  sessions: number;
  resultsSubmitted: number;
}

/** Sessions and results of one round of one phase. */
export interface RoundBreakdown {
  phase: Phase;
  round: number;
  sessions: number;
  results: number;
}

export interface SessionListQuery {
  id?: string;
  playerId?: number;
  phase?: Phase;
  round?: number;
  limit?: number;
  /** The ordinal (place in the plan) after which the listing continues. */
  afterOrdinal?: number;
}

export interface RankingRecord {
  playerId: number;
  playerName: string;
  seed: number | null;
  rank: number;
  points: number;
  wins: number;
  draws: number;
  losses: number;
  scoreFor: number;
  scoreAgainst: number;
  /** The values of the criteria that ordered the row, by name; {} for a format ranked without them. */
  tieBreaks: TieBreakValues;
}

export const AUDIT_ACTIONS = ['result', 'correction', 'withdrawal', 'simulation', 'attempt'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did something: a signed-in user, or the system (null id) for work nobody asked for by hand. */
export interface Actor {
  id: number | null;
  email: string | null;
}

/** One entry of a tournament's audit log as written; `before`/`after` are camelCase records. */
export interface AuditEntry {
  tournamentId: number;
  actor: Actor;
  action: AuditAction;
  sessionId: string | null;
  playerId: number | null;
  before: unknown;
  after: unknown;
}

export interface AuditRecord extends AuditEntry {
  id: number;
  /** ISO 8601, UTC, milliseconds. */
  at: string;
}

export const TASK_STATUSES = ['queued', 'running', 'done', 'error'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskMetrics {
  queueWaitTimeMs?: number;
  generationDurationMs?: number;
  dbWriteTimeMs?: number;
  sessionsCount?: number;
  createdCount?: number;
}

export interface TaskRecord {
  id: string;
  tournamentId: number;
  status: TaskStatus;
  attempts: number;
  enqueuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  metrics: TaskMetrics;
  error: string | null;
  worker: string | null;
}

/** Tasks as the metrics show them: counts by status, sessions written, and how long finished tasks took. */
export interface TaskSummary {
  byStatus: Record<TaskStatus, number>;
  /** Sum of createdCount over done tasks. */
  sessionsCreated: number;
  /** Per final status: tasks whose pick-up-to-finish time is at most each bound, their count and summed seconds. */
  durations: Record<'done' | 'error', { buckets: number[]; count: number; sumSeconds: number }>;
}

// ---------------------------------------------------------------------------------------------
// Repositories

export interface Users {
  findByEmail(email: string): Promise<UserCredentials | null>;
  count(): Promise<number>;
  /** Creates the user; null when the email is taken. */
  create(email: string, passwordHash: string, role: Role): Promise<UserRecord | null>;
  /** By id after `afterId`. */
  list(query: { limit: number; afterId?: number }): Promise<UserRecord[]>;
  findAccess(id: number): Promise<UserAccess | null>;
  /** The user whose calendar feed token hashes to `hash`. */
  findByFeedTokenHash(hash: string): Promise<UserAccess | null>;
  /** Sets the role and/or password hash and bumps token_version; null when there is no such user. */
  update(id: number, changes: { role?: Role; passwordHash?: string }): Promise<UserAccess | null>;
  /** Deletes the user; false when there was none. */
  delete(id: number): Promise<boolean>;
  /** Admins' ids, locked until the transaction ends (so two demotions cannot both leave none). */
  lockAdmins(): Promise<number[]>;
  /** Sets (or with null, revokes) the user's calendar feed token hash; false when there is no such user. */
  setFeedTokenHash(id: number, hash: string | null): Promise<boolean>;
  /** Until when (ms) logins for `email` are locked, when that is after `now`. */
  loginLockedUntil(email: string, now: number): Promise<number | null>;
  /** Counts a failed login; answers until when (ms) the email is now locked, or null. */
  recordLoginFailure(email: string, now: number, policy: LockoutPolicy): Promise<number | null>;
  clearLoginFailures(email: string): Promise<void>;
}

export interface Tournaments {
  create(input: { name: string; format: string; settings: Record<string, unknown>; status: TournamentStatus; synthetic?: boolean }): Promise<TournamentRecord>;
  /** Changes the name and/or settings; the caller checked the status. */
  update(id: number, changes: { name?: string; settings?: Record<string, unknown> }): Promise<void>;
  setSeeding(id: number, seeding: SeedingRecord): Promise<void>;
  /** Turns the public page on or off; `slug` is stored when the tournament has none yet. */
  setSharing(id: number, sharing: boolean, slug: string): Promise<void>;
  /** The tournament behind a public slug, shared or not. */
  findBySlug(slug: string): Promise<TournamentRecord | null>;
  get(id: number): Promise<TournamentRecord | null>;
  /** Reads the tournament and locks its row until the transaction ends: the per-tournament lock. */
  lock(id: number): Promise<TournamentRecord | null>;
  setStatus(id: number, status: TournamentStatus): Promise<void>;
  delete(id: number): Promise<void>;
  /** Enrolled players and rankings; session counts come from the sessions' breakdown. */
  participantCounts(id: number): Promise<{ enrolled: number; rankings: number }>;
  /** Newest first; keyset paging on id. */
  list(query: { status?: TournamentStatus; limit: number; beforeId?: number }): Promise<TournamentListItem[]>;
}

export interface Players {
  /** Creates players in the order given; returns them in that order. */
  create(players: readonly ParticipantInput[]): Promise<PlayerRecord[]>;
  /** By id after `afterId`; `search` matches part of the name, literally. */
  list(query: { limit: number; afterId?: number; search?: string }): Promise<PlayerRecord[]>;
  /** Ids among the given that do not exist. */
  missing(ids: readonly number[]): Promise<number[]>;
  /** The players with the given ids (those that exist), in no particular order. */
  named(ids: readonly number[]): Promise<PlayerRecord[]>;
  /** Creates `count` synthetic players "Player 0001"… and enrolls them in seed order; returns the count enrolled. */
  createAndEnrollSynthetic(tournamentId: number, count: number): Promise<number>;
  /** Ids of the players enrolled in a tournament that no other tournament holds. */
  enrolledOnlyIn(tournamentId: number): Promise<number[]>;
  delete(ids: readonly number[]): Promise<void>;
}

export interface Enrollments {
  /** Enrolls players with seeds (and entry numbers) continuing after the current highest; returns the new rows. */
  enroll(tournamentId: number, playerIds: readonly number[]): Promise<EnrollmentRecord[]>;
  /** Player ids among the given already enrolled in the tournament. */
  alreadyEnrolled(tournamentId: number, playerIds: readonly number[]): Promise<number[]>;
  /** The tournament's entrants, by seed, with `withdrawn` set for the withdrawn; with their clubs when asked. */
  entrants(tournamentId: number, options?: { clubs?: boolean }): Promise<Entrant[]>;
  /** The entrants' player ids alone, by seed, withdrawn or not: entrants(…).map((e) => e.playerId) as one column. */
  playerIdsBySeed(tournamentId: number): Promise<Float64Array>;
  count(tournamentId: number): Promise<number>;
  /** The participants with names, ratings and clubs, by seed; a page of them when asked. */
  participants(tournamentId: number, page?: { limit: number; afterSeed?: number }): Promise<ParticipantRecord[]>;
  /** Gives seeds 1..n in the order of `playerIds`, which lists every participant once. */
  reseed(tournamentId: number, playerIds: readonly number[]): Promise<void>;
  /** Removes a participant and closes the gap in the seeds; whether one was removed. */
  remove(tournamentId: number, playerId: number): Promise<boolean>;
  /** Marks a participant withdrawn now; whether one was (not already withdrawn). */
  withdraw(tournamentId: number, playerId: number): Promise<boolean>;
  /** Ids of the withdrawn participants. */
  withdrawn(tournamentId: number): Promise<number[]>;
  /**
   * Marks participants withdrawn now from a given round on (an imported history), set-based:
   * each is paired in no round from `fromRound` on (withdrawn_round = fromRound - 1).
   */
  markWithdrawn(tournamentId: number, rows: readonly { playerId: number; fromRound: number }[]): Promise<void>;
  /** Records one-round absences (a Swiss's H, F, Z byes, Entrant.absences), in one statement. */
  markAbsent(tournamentId: number, rows: readonly { playerId: number; round: number; code: 'H' | 'F' | 'Z' }[]): Promise<void>;
}

/**
 * Sessions are stored with their key in the plan (the ordinal, 0..n-1 per tournament). The bulk
 * paths move them as columns (SessionTable) by COPY, whatever the count.
 */
export interface Sessions {
  /** Writes the table's rows from `from` on (ordinal = key); returns how many it wrote. */
  insertTable(tournamentId: number, table: SessionTable, from?: number): Promise<number>;
  /**
   * Writes participants, results and outcomes of the rows flagged 1 in `changed`; inside a
   * transaction. `table` is every session of the tournament (as loadTable gives them) and is not
   * changed after: once the write commits, the process keeps it for the next loadTable of the
   * tournament, which takes it instead of reading the sessions again while nothing else wrote them.
   */
  writeProgress(tournamentId: number, table: SessionTable, changed: Uint8Array): Promise<number>;
  /** Every session of a tournament as columns, row = ordinal. */
  loadTable(tournamentId: number, options?: {
    /** The caller changes nothing in the table and holds the tournament's lock: a kept table stays kept (for complete's breakdown). */
    unchanged?: boolean;
  }): Promise<SessionTable>;
  /**
   * Inserts the sessions from key `from` on, giving them fresh ids appended to `ids`
   * (which holds the ids of the keys before `from`); returns how many it inserted.
   */
  insertFrom(tournamentId: number, sessions: readonly Session[], ids: string[], from?: number): Promise<number>;
  /** Writes participants and results of the given sessions. */
  updateProgress(sessions: readonly Session[], ids: readonly string[]): Promise<void>;
  /** Every session of a tournament in domain shape, in plan order (key = ordinal). */
  loadState(tournamentId: number): Promise<SessionState>;
  /**
   * One session (key 0), every session reachable from it by winner and loser links, and every
   * session linking into one of those (a bracket path: O(log N) rows); null when it does not exist.
   */
  loadDownstream(tournamentId: number, sessionId: string): Promise<SessionState | null>;
  /** Deletes sessions by id (links into them must be gone or going too). */
  deleteByIds(ids: readonly string[]): Promise<void>;
  /** Whether any session still lacks a result. */
  anyWithoutResult(tournamentId: number): Promise<boolean>;
  counts(tournamentId: number): Promise<SessionCounts>;
  /** How many sessions the tournament has (committed), kept on its row: no pass over the sessions. */
  count(tournamentId: number): Promise<number>;
  /** Sessions per phase and round with their results. */
  breakdown(tournamentId: number): Promise<RoundBreakdown[]>;
  /** Sessions in plan order with each participant's name and seed; keyset paging on the ordinal. */
  list(tournamentId: number, query: SessionListQuery): Promise<{ items: SessionRecord[]; last: number | null }>;
}

export interface Rankings {
  /**
   * Replaces a tournament's rankings atomically (within the caller's transaction), listed by rank
   * and ties by the entrants' seeds (domain listOrder).
   */
  replace(tournamentId: number, ranking: RankingTable | readonly RankingRow[], entrants: readonly Entrant[]): Promise<void>;
  count(tournamentId: number): Promise<number>;
  /** By rank then seed; `search` matches part of the player's name, literally. */
  list(tournamentId: number, query: { limit: number; offset: number; search?: string }): Promise<{ items: RankingRecord[]; total: number }>;
}

export interface AuditLog {
  record(entries: readonly AuditEntry[]): Promise<void>;
  /** Newest first; keyset paging on id; only one session's entries when `sessionId` is given. */
  list(tournamentId: number, query: { sessionId?: string; limit: number; beforeId?: number }): Promise<AuditRecord[]>;
}

export interface Tasks {
  create(id: string, tournamentId: number): Promise<void>;
  remove(id: string): Promise<void>;
  get(id: string): Promise<TaskRecord | null>;
  latestFor(tournamentId: number): Promise<TaskRecord | null>;
  /**
   * Marks the task picked up, counting the attempt, stamped on the database clock; creates the
   * record when a job arrived without one; null when the task is already done.
   */
  start(id: string, tournamentId: number, worker: string): Promise<{ queueWaitMs: number; attempts: number } | null>;
  finish(id: string, metrics: TaskMetrics): Promise<void>;
  /** Records a failed attempt: `final` ends the task in error, else it waits for the retry. */
  fail(id: string, message: string, final: boolean): Promise<void>;
  /** Ends a task in error unless it already ended; whether it did. */
  abandon(id: string, message: string): Promise<boolean>;
  /** One pass over the tasks for the metrics; `bucketsSeconds` are the histogram's upper bounds. */
  summary(bucketsSeconds: readonly number[]): Promise<TaskSummary>;
  /** Tasks not finished (queued or running) queued more than `olderThanMs` ago, oldest first. */
  unfinished(olderThanMs: number, limit: number): Promise<{ id: string; tournamentId: number }[]>;
}

/** Formats judged by attempts: each session's measured attempts, kept beside the session row. */
export interface Attempts {
  /** Puts the stored attempts on the state's sessions (by id); sessions with none get []. */
  fill(tournamentId: number, state: SessionState): Promise<void>;
  /** Writes the attempts of the given sessions, set-based whatever the count. */
  write(sessions: readonly Session[], ids: readonly string[]): Promise<void>;
}

/** A session's place in the schedule. */
export interface ScheduledSessionRecord {
  id: string;
  phase: Phase;
  round: number;
  matchNumber: number;
  /** ISO 8601, UTC; null while unscheduled. */
  scheduledAt: string | null;
  station: string | null;
  resultSubmitted: boolean;
  /** By slot; null while unknown. */
  participants: [{ id: number; name: string } | null, { id: number; name: string } | null];
}

/** Times and stations of sessions. */
export interface Schedules {
  /** The current times (ms; NaN none) and stations (null none) of keys 0..count-1. */
  load(tournamentId: number, count: number): Promise<{ start: Float64Array; station: (string | null)[] }>;
  /** Sets the times and stations of the sessions at the given ordinals (keys, ascending), set-based whatever the count. */
  write(tournamentId: number, ordinals: readonly number[], start: Float64Array, station: readonly string[]): Promise<number>;
  /** Scheduled sessions by time (then station), optionally only one player's or the unplayed, at most `limit`, from `from` (ms) on. */
  list(tournamentId: number, query: { playerId?: number; limit: number; from?: number; unplayed?: boolean }): Promise<ScheduledSessionRecord[]>;
  /**
   * After a write of `written` times, outside its transaction (so no lock is held to its end):
   * the table's statistics now rather than at autovacuum's next pass, when the write was large.
   */
  refreshStatistics(written: number): Promise<void>;
  /** Unplayed sessions without a time (added since the last plan, or never planned). */
  countUnscheduled(tournamentId: number): Promise<number>;
}

export interface Repositories {
  readonly users: Users;
  readonly tournaments: Tournaments;
  readonly players: Players;
  readonly enrollments: Enrollments;
  readonly sessions: Sessions;
  readonly rankings: Rankings;
  readonly tasks: Tasks;
  readonly audit: AuditLog;
  readonly attempts: Attempts;
  readonly schedules: Schedules;
}

/** The repositories and the unit of work over them. */
export interface Store extends Repositories {
  /** Runs fn in one transaction: all of its writes land, or none. Nested calls are savepoints. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Whether the database answers within `timeoutMs` (5 s unless told). */
  ping(timeoutMs?: number): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// The queue, time and ids

/** The payload of a `generate-sessions` job, as it travels on the queue (wire names). */
export interface GenerationJobData {
  tournament_id: number;
  task_id: string;
}

export interface JobQueue {
  /** 'bullmq' or 'in-process'. */
  readonly kind: string;
  /**
   * Queues session generation for a tournament. Resolves once the job is durably queued;
   * rejects with UnavailableError('queue_unavailable') within 2 s when the queue cannot be reached.
   */
  enqueueGeneration(job: GenerationJobData): Promise<void>;
  /**
   * Rejects with UnavailableError('queue_unavailable') within 2 s when the queue cannot take
   * jobs now, so a caller can refuse before writing anything.
   */
  ensureAvailable?(): Promise<void> | void;
  /** Whether the queue can take jobs now (readiness); within 2 s. */
  available?(): Promise<boolean>;
  /** Stops accepting work and releases connections. */
  close(): Promise<void>;
}

/** Time as the services see it; tests hand in a fake one and move it by hand. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** A monotonic reading in milliseconds, for durations. */
  monotonic(): number;
  /** Resolves after `ms` of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/** Identifiers the services make (task ids, public slugs) and the seeds of random draws. */
export interface IdSource {
  uuid(): string;
  /** An unguessable URL-safe token of 128 random bits (a public page's slug). */
  slug(): string;
  /** A random 32-bit seed for a draw that is recorded so it can be replayed. */
  drawSeed(): number;
}

/**
 * Where the edges, the jobs and the database connection say what happened: fields first, then
 * the message (pino's shape). The server and the worker hand in one pino logger; Fastify's
 * request logger is the same instance.
 */
export interface Logger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
