/**
 * GET /metrics in the Prometheus text format, from a registry of this app's own (never the
 * global one, so tests can build several apps).
 *
 * What each figure comes from:
 * - HTTP request durations: observed by this API process.
 * - Queue depth by state: asked of the queue at scrape time (BullMQ getJobCounts, or the
 *   in-process queue's own counts); tourney_queue_up says whether it answered.
 * - Generation tasks by status, sessions generated, job durations: read at scrape time from
 *   the task records in the database, which every worker writes. So one scrape of the API
 *   gives the figures of the whole fleet, consistent with the generation-status endpoint,
 *   and they survive worker restarts. They cover queued generation (from the async
 *   threshold up); generation done inside a sync launch has no task and is not counted.
 *
 * The endpoint needs no token: Prometheus cannot log in, and it shows counts and timings,
 * no names or ids. Keep it off the public internet (the server listens on 127.0.0.1 unless
 * HOST says otherwise; put a proxy rule in front when it does).
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ServiceContext } from '../../services/context.ts';
import type { TaskSummary } from '../../services/ports.ts';
import { JOB_DURATION_BUCKETS, summarizeTasks } from '../../services/summarize-tasks.ts';
import type { AppPlugin } from '../app.ts';
import { MetricsText } from '../contract/operations.ts';

export interface MetricsOptions {
  ctx: ServiceContext;
  /** Job counts by state from the queue this API adds to; null when it does not answer. */
  queueCounts?: () => Promise<Record<string, number> | null>;
  /** Process metrics (CPU, memory, event loop lag); on by default. */
  processMetrics?: boolean;
}

export default function metrics(options: MetricsOptions): AppPlugin {
  return async (app: FastifyInstance) => {
    const registry = new Registry();
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'tourney_' });

    const httpDuration = new Histogram({
      name: 'tourney_http_request_duration_seconds',
      help: 'HTTP request durations by route pattern, method and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    app.addHook('onResponse', async (request, reply) => {
      httpDuration.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

    // Each source is asked once per scrape, however many metrics read it.
    const queueCounts = perScrape(async () => (await options.queueCounts?.()) ?? null);
    const taskSummary = perScrape(() => summarizeTasks(options.ctx.store).catch(() => null));

    scraped(registry, Gauge, 'tourney_queue_jobs', 'Jobs on the generation queue by state, as the queue reports them at scrape time', ['state'], async () =>
      Object.entries((await queueCounts()) ?? {}).map(([state, n]) => [{ state }, n]),
    );
    scraped(registry, Gauge, 'tourney_queue_up', '1 when the generation queue answered the scrape, else 0', ['queue'], async () => [
      [{ queue: options.ctx.queue.kind }, (await queueCounts()) ? 1 : 0],
    ]);
    // The task records' figures: nothing is reported for a scrape whose read failed (tourney_database_up says so).
    const fromTasks = <L extends string>(read: (summary: TaskSummary) => Reading<L>) => async () => {
      const summary = await taskSummary();
      return summary ? read(summary) : [];
    };
    scraped(registry, Counter, 'tourney_generation_tasks_total', 'Generation tasks that reached a final status (done or error), from the task records', ['status'],
      fromTasks((s) => [[{ status: 'done' }, s.byStatus.done], [{ status: 'error' }, s.byStatus.error]]),
    );
    scraped(registry, Gauge, 'tourney_generation_tasks', 'Generation tasks not finished yet (queued or running), from the task records', ['status'],
      fromTasks((s) => [[{ status: 'queued' }, s.byStatus.queued], [{ status: 'running' }, s.byStatus.running]]),
    );
    scraped(registry, Counter, 'tourney_sessions_generated_total', 'Sessions written by generation tasks (the sum of their created_count)', [],
      fromTasks((s) => [[{}, s.sessionsCreated]]),
    );
    scraped(registry, Gauge, 'tourney_database_up', '1 when the task records could be read for this scrape, else 0', [], async () => [[{}, (await taskSummary()) ? 1 : 0]]);

    app.get('/metrics', {
      config: { role: 'public' },
      schema: { tags: ['operations'], summary: 'Prometheus metrics: HTTP durations, queue depth, generation tasks (keep it off the internet)', response: { 200: MetricsText } },
    }, async (_request, reply) => {
      queueCounts.reset();
      taskSummary.reset();
      const body = (await registry.metrics()) + taskDurationHistogram(await taskSummary());
      return reply.type(registry.contentType).send(body);
    });
  };
}

/** `fn`, called at most once until reset(): the scrape resets it, its metrics share the answer. */
function perScrape<T>(fn: () => Promise<T>): (() => Promise<T>) & { reset(): void } {
  let pending: Promise<T> | null = null;
  const get = () => (pending ??= fn());
  return Object.assign(get, { reset: () => void (pending = null) });
}

type Reading<L extends string> = [Partial<Record<L, string | number>>, number][];

/**
 * A gauge or counter whose values are read at scrape time: reset, then set to what `read`
 * answers (a counter's total is the source's, not one this process counted).
 */
function scraped<L extends string>(
  registry: Registry,
  kind: typeof Gauge | typeof Counter,
  name: string,
  help: string,
  labelNames: L[],
  read: () => Promise<Reading<L>>,
): void {
  if (kind === Gauge) {
    new Gauge<L>({ name, help, labelNames, registers: [registry], async collect() {
      this.reset();
      for (const [labels, value] of await read()) this.set(labels, value);
    } });
  } else {
    new Counter<L>({ name, help, labelNames, registers: [registry], async collect() {
      this.reset();
      for (const [labels, value] of await read()) this.inc(labels, value);
    } });
  }
}

/**
 * tourney_generation_job_duration_seconds in the Prometheus text format: a histogram whose
 * buckets are counted by the database (prom-client's Histogram only learns by observing, one
 * value at a time, and the observations happened in other processes), so it is written out
 * after the registry's metrics. Pick-up to final outcome, by final status.
 */
function taskDurationHistogram(summary: TaskSummary | null): string {
  const name = 'tourney_generation_job_duration_seconds';
  const lines = [
    `# HELP ${name} Generation jobs from first pick-up to final outcome (done or error), from the task records`,
    `# TYPE ${name} histogram`,
  ];
  for (const status of ['done', 'error'] as const) {
    if (!summary) break;
    const d = summary.durations[status];
    JOB_DURATION_BUCKETS.forEach((le, i) => lines.push(`${name}_bucket{le="${le}",status="${status}"} ${d.buckets[i]}`));
    lines.push(`${name}_bucket{le="+Inf",status="${status}"} ${d.count}`);
    lines.push(`${name}_sum{status="${status}"} ${d.sumSeconds}`);
    lines.push(`${name}_count{status="${status}"} ${d.count}`);
  }
  return `\n${lines.join('\n')}\n`;
}
