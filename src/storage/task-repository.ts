import { sql } from 'drizzle-orm';
import type { Db } from './database.ts';

export type TaskStatus = 'queued' | 'running' | 'done' | 'error';

export interface TaskMetrics {
  queue_wait_time_ms?: number;
  generation_duration_ms?: number;
  db_write_time_ms?: number;
  sessions_count?: number;
  created_count?: number;
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

const iso = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

const COLUMNS = sql`id, tournament_id as "tournamentId", status, attempts, ${iso('enqueued_at')} as "enqueuedAt",
  ${iso('started_at')} as "startedAt", ${iso('finished_at')} as "finishedAt", metrics, error, worker`;

export class TaskRepository {
  constructor(private readonly db: Db) {}

  async create(id: string, tournamentId: number): Promise<void> {
    await this.db.execute(sql`insert into tasks (id, tournament_id) values (${id}, ${tournamentId})`);
  }

  async remove(id: string): Promise<void> {
    await this.db.execute(sql`delete from tasks where id = ${id}`);
  }

  async get(id: string): Promise<TaskRecord | null> {
    const result = await this.db.execute(sql`select ${COLUMNS} from tasks where id = ${id}`);
    return (result.rows[0] as unknown as TaskRecord | undefined) ?? null;
  }

  async latestFor(tournamentId: number): Promise<TaskRecord | null> {
    const result = await this.db.execute(sql`
      select ${COLUMNS} from tasks where tournament_id = ${tournamentId} order by enqueued_at desc, id limit 1`);
    return (result.rows[0] as unknown as TaskRecord | undefined) ?? null;
  }

  /**
   * Marks the task picked up, counting the attempt; creates the record when a job arrived
   * without one (queued by hand). Both stamps come from the database clock, so the queue
   * wait is measured on one clock whichever hosts enqueue and work.
   */
  async start(id: string, tournamentId: number, worker: string): Promise<{ queueWaitMs: number; attempts: number }> {
    const result = await this.db.execute(sql`
      insert into tasks (id, tournament_id, status, attempts, started_at, worker)
      values (${id}, ${tournamentId}, 'running', 1, clock_timestamp(), ${worker})
      on conflict (id) do update set status = 'running', attempts = tasks.attempts + 1,
        started_at = coalesce(tasks.started_at, clock_timestamp()), worker = excluded.worker, error = null
      returning attempts, (extract(epoch from (started_at - enqueued_at)) * 1000)::float8 as wait`);
    const row = result.rows[0] as { attempts: number; wait: number };
    return { queueWaitMs: Math.max(0, Math.round(row.wait * 1000) / 1000), attempts: row.attempts };
  }

  async finish(id: string, metrics: TaskMetrics): Promise<void> {
    await this.db.execute(sql`
      update tasks set status = 'done', finished_at = clock_timestamp(), error = null,
        metrics = ${JSON.stringify(metrics)}::jsonb where id = ${id}`);
  }

  /** Records a failed attempt: `final` ends the task in error, else it waits for the retry. */
  async fail(id: string, message: string, final: boolean): Promise<void> {
    await this.db.execute(sql`
      update tasks set status = ${final ? 'error' : 'queued'}, error = ${message},
        finished_at = ${final ? sql`clock_timestamp()` : sql`null`} where id = ${id}`);
  }
}
