/**
 * The Store port on SQL: the repositories, bound to one connection or one transaction.
 * Services hold it as a Store and open transactions through it; nothing above storage sees SQL.
 */
import { sql } from 'drizzle-orm';
import type { Store } from '../services/ports.ts';
import { AttemptRepository } from './attempt-repository.ts';
import { AuditRepository } from './audit-repository.ts';
import type { Db } from './database.ts';
import { asDatabaseFault } from './database-faults.ts';
import { EnrollmentRepository, PlayerRepository } from './player-repository.ts';
import { RankingRepository } from './ranking-repository.ts';
import { ScheduleRepository } from './schedule-repository.ts';
import { SessionRepository, SessionTableCache } from './session-repository.ts';
import { TaskRepository } from './task-repository.ts';
import { TournamentRepository } from './tournament-repository.ts';
import { UserRepository } from './user-repository.ts';

export class SqlStore implements Store {
  readonly users: UserRepository;
  readonly tournaments: TournamentRepository;
  readonly players: PlayerRepository;
  readonly enrollments: EnrollmentRepository;
  readonly sessions: SessionRepository;
  readonly rankings: RankingRepository;
  readonly tasks: TaskRepository;
  readonly audit: AuditRepository;
  readonly attempts: AttemptRepository;
  readonly schedules: ScheduleRepository;

  /**
   * `kept`: the sessions this process last wrote in bulk, shared by the store and its
   * transactions' stores (one per database); `committed`: inside a transaction, what is to run
   * once it commits (the outermost one: a nested transaction hands its list up).
   */
  constructor(
    private readonly db: Db,
    private readonly kept = new SessionTableCache(),
    private readonly committed: (() => void)[] | null = null,
  ) {
    this.users = faultAware(new UserRepository(db));
    this.tournaments = faultAware(new TournamentRepository(db));
    this.players = faultAware(new PlayerRepository(db));
    this.enrollments = faultAware(new EnrollmentRepository(db));
    this.sessions = faultAware(new SessionRepository(db, kept, (fn) => (committed ? committed.push(fn) : fn())));
    this.rankings = faultAware(new RankingRepository(db));
    this.tasks = faultAware(new TaskRepository(db));
    this.audit = faultAware(new AuditRepository(db));
    this.attempts = faultAware(new AttemptRepository(db));
    this.schedules = faultAware(new ScheduleRepository(db));
  }

  /** Runs fn in one transaction: all of its writes land, or none. */
  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    try {
      const committed: (() => void)[] = [];
      const result = await this.db.transaction((tx) => fn(new SqlStore(tx as unknown as Db, this.kept, committed)));
      if (this.committed) this.committed.push(...committed);
      else for (const run of committed) run();
      return result;
    } catch (error) {
      throw asDatabaseFault(error);
    }
  }

  /** Whether the database answers, within `timeoutMs`. */
  async ping(timeoutMs = 5_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const answered = this.db.execute(sql`select 1`).then(() => true, () => false);
    try {
      return await Promise.race([answered, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The repository with every method's failure passed through asDatabaseFault: a lost
 * connection or a statement timeout reaches the services as a 503 UnavailableError
 * (database_unavailable / database_timeout), whichever statement or stream it broke.
 */
function faultAware<R extends object>(repository: R): R {
  return new Proxy(repository, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return function (this: unknown, ...args: unknown[]) {
        let result: unknown;
        try {
          result = value.apply(target, args);
        } catch (error) {
          throw asDatabaseFault(error);
        }
        return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(asDatabaseFault(error))) : result;
      };
    },
  });
}
