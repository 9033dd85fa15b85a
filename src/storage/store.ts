/**
 * The Store port on SQL: the repositories, bound to one connection or one transaction.
 * Services hold it as a Store and open transactions through it; nothing above storage sees SQL.
 */
import { sql } from 'drizzle-orm';
import type { Store } from '../services/ports.ts';
import type { Db } from './database.ts';
import { EnrollmentRepository, PlayerRepository } from './player-repository.ts';
import { RankingRepository } from './ranking-repository.ts';
import { SessionRepository } from './session-repository.ts';
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

  constructor(private readonly db: Db) {
    this.users = new UserRepository(db);
    this.tournaments = new TournamentRepository(db);
    this.players = new PlayerRepository(db);
    this.enrollments = new EnrollmentRepository(db);
    this.sessions = new SessionRepository(db);
    this.rankings = new RankingRepository(db);
    this.tasks = new TaskRepository(db);
  }

  /** Runs fn in one transaction: all of its writes land, or none. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => fn(new SqlStore(tx as unknown as Db)));
  }

  /** Whether the database answers. */
  async ping(): Promise<boolean> {
    try {
      await this.db.execute(sql`select 1`);
      return true;
    } catch {
      return false;
    }
  }
}
