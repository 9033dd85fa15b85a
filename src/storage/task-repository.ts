import { sql } from 'drizzle-orm';
import type { TaskMetrics, TaskRecord, Tasks, TaskStatus, TaskSummary } from '../services/ports.ts';
import type { Db } from './database.ts';

/** The metrics column keeps snake_case keys (operators query it with ->>); records are camelCase. */
const METRIC_COLUMNS: [keyof TaskMetrics, string][] = [
  ['queueWaitTimeMs', 'queue_wait_time_ms'],
  ['generationDurationMs', 'generation_duration_ms'],
  ['dbWriteTimeMs', 'db_write_time_ms'],
  ['sessionsCount', 'sessions_count'],
  ['createdCount', 'created_count'],
];

function metricsToJson(metrics: TaskMetrics): Record<string, number> {
  const json: Record<string, number> = {};
  for (const [key, column] of METRIC_COLUMNS) if (metrics[key] !== undefined) json[column] = metrics[key];
  return json;
}

function toRecord(row: Record<string, unknown> | undefined): TaskRecord | null {
  if (!row) return null;
  const stored = (row.metrics ?? {}) as Record<string, number | undefined>;
  const metrics: TaskMetrics = {};
  for (const [key, column] of METRIC_COLUMNS) if (typeof stored[column] === 'number') metrics[key] = stored[column];
  return { ...(row as unknown as TaskRecord), metrics };
}

const iso = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

const COLUMNS = sql`id, tournament_id as "tournamentId", status, attempts, ${iso('enqueued_at')} as "enqueuedAt",
  ${iso('started_at')} as "startedAt", ${iso('finished_at')} as "finishedAt", metrics, error, worker`;

export class TaskRepository implements Tasks {
  constructor(private readonly db: Db) {}

  /** Stamped when the statement runs, not when its transaction began: the queue wait starts here. */
  async create(id: string, tournamentId: number): Promise<void> {
    await this.db.execute(sql`insert into tasks (id, tournament_id, enqueued_at) values (${id}, ${tournamentId}, clock_timestamp())`);
  }

  async remove(id: string): Promise<void> {
    await this.db.execute(sql`delete from tasks where id = ${id}`);
  }

  async get(id: string): Promise<TaskRecord | null> {
    const result = await this.db.execute(sql`select ${COLUMNS} from tasks where id = ${id}`);
    return toRecord(result.rows[0]);
  }

  async latestFor(tournamentId: number): Promise<TaskRecord | null> {
    const result = await this.db.execute(sql`
      select ${COLUMNS} from tasks where tournament_id = ${tournamentId} order by enqueued_at desc, id limit 1`);
    return toRecord(result.rows[0]);
  }

  /**
   * Marks the task picked up, counting the attempt; creates the record when a job arrived
   * without one (queued by hand); null when the task is already done. Both stamps come from
   * the database clock, so the queue wait is measured on one clock whichever hosts enqueue and work.
   */
  async start(id: string, tournamentId: number, worker: string): Promise<{ queueWaitMs: number; attempts: number } | null> {
    // A task that is already done is never reopened: a job delivered again after it finished
    // (its worker died between commit and acknowledgement) finds no row here and changes nothing.
    const result = await this.db.execute(sql`
      insert into tasks (id, tournament_id, status, attempts, started_at, worker)
      values (${id}, ${tournamentId}, 'running', 1, clock_timestamp(), ${worker})
      on conflict (id) do update set status = 'running', attempts = tasks.attempts + 1,
        started_at = coalesce(tasks.started_at, clock_timestamp()), worker = excluded.worker, error = null
      where tasks.status <> 'done'
      returning attempts, (extract(epoch from (started_at - enqueued_at)) * 1000)::float8 as wait`);
    const row = result.rows[0] as { attempts: number; wait: number } | undefined;
    if (!row) return null;
    return { queueWaitMs: Math.max(0, Math.round(row.wait * 1000) / 1000), attempts: row.attempts };
  }

  async finish(id: string, metrics: TaskMetrics): Promise<void> {
    await this.db.execute(sql`
      update tasks set status = 'done', finished_at = clock_timestamp(), error = null,
        metrics = ${JSON.stringify(metricsToJson(metrics))}::jsonb where id = ${id}`);
  }

  /** Records a failed attempt: `final` ends the task in error, else it waits for the retry. */
  async fail(id: string, message: string, final: boolean): Promise<void> {
    await this.db.execute(sql`
      update tasks set status = ${final ? 'error' : 'queued'}, error = ${message},
        finished_at = ${final ? sql`clock_timestamp()` : sql`null`} where id = ${id}`);
  }

  /**
   * Ends a task in error unless it already ended: for a job the queue gave up on without
   * running it (it stalled too often), so the record does not stay `running`.
   */
  async abandon(id: string, message: string): Promise<boolean> {
    const result = await this.db.execute(sql`
      update tasks set status = 'error', error = ${message}, finished_at = clock_timestamp()
      where id = ${id} and status in ('queued', 'running') returning id`);
    return result.rows.length > 0;
  }

  /** One pass over the tasks for the metrics; `bucketsSeconds` are the histogram's upper bounds. */
  async summary(bucketsSeconds: readonly number[]): Promise<TaskSummary> {
    const duration = sql.raw(`extract(epoch from (finished_at - started_at))`);
    const bucketColumns = bucketsSeconds.map((b, i) => sql`count(*) filter (where ${duration} <= ${b}::float8)::int as ${sql.raw(`b${i}`)}`);
    const result = await this.db.execute(sql`
      select status, count(*)::int as n,
        coalesce(sum((metrics->>'created_count')::bigint), 0)::float8 as created,
        count(*) filter (where finished_at is not null and started_at is not null)::int as timed,
        coalesce(sum(${duration}), 0)::float8 as seconds,
        ${sql.join(bucketColumns, sql`, `)}
      from tasks group by status`);
    const summary: TaskSummary = {
      byStatus: { queued: 0, running: 0, done: 0, error: 0 },
      sessionsCreated: 0,
      durations: {
        done: { buckets: bucketsSeconds.map(() => 0), count: 0, sumSeconds: 0 },
        error: { buckets: bucketsSeconds.map(() => 0), count: 0, sumSeconds: 0 },
      },
    };
    for (const row of result.rows as Record<string, number | string>[]) {
      const status = row.status as TaskStatus;
      summary.byStatus[status] = Number(row.n);
      if (status === 'done') summary.sessionsCreated = Number(row.created);
      if (status === 'done' || status === 'error') {
        summary.durations[status] = {
          buckets: bucketsSeconds.map((_b, i) => Number(row[`b${i}`])),
          count: Number(row.timed),
          sumSeconds: Number(row.seconds),
        };
      }
    }
    return summary;
  }

  /** Tasks not finished (queued or running) that were queued more than `olderThanMs` ago, oldest first. */
  async unfinished(olderThanMs: number, limit: number): Promise<{ id: string; tournamentId: number }[]> {
    const result = await this.db.execute(sql`
      select id, tournament_id as "tournamentId" from tasks
      where status in ('queued', 'running') and enqueued_at < clock_timestamp() - make_interval(secs => ${olderThanMs / 1000}::float8)
      order by enqueued_at limit ${limit}`);
    return result.rows as unknown as { id: string; tournamentId: number }[];
  }
}
