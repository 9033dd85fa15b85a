/**
 * A BullMQ worker for the `tournaments` queue: takes `generate-sessions` jobs and hands each
 * to the one generation handler. Used by the worker process and by `--with-worker`.
 *
 * Stall handling: a job's lock lives `lockDuration` and is renewed on the event loop every
 * quarter of it; a worker that dies stops renewing, the lock expires, and the next stalled
 * check (every `stalledInterval`, run by any live worker) puts the job back on the wait list.
 * The takeover bound is lockDuration + stalledInterval, so both are cut from one budget.
 * Jobs run in this process (not a sandbox): nothing in generation holds the event loop for
 * long, and `loop_max_block_ms` on each "generation done" line shows the margin.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { GenerationContext } from '../services/context.ts';
import type { GenerationJobData, Logger } from '../services/ports.ts';
import { abandonGenerationTask } from '../services/abandon-generation-task.ts';
import { PermanentTaskError } from '../services/run-generation-task.ts';
import { isDatabaseUnavailable } from '../storage/database-faults.ts';
import { BadJobError, GENERATION_JOB, OUTAGE_RETRY_MS, QUEUE_NAME, WORKER_IDENTITY, handleGenerationJob } from './generation-job.ts';
import { workerConnection } from './redis-options.ts';
import { logRedisOutages } from './redis-outage-log.ts';

export interface GenerationWorkerOptions {
  redisUrl: string;
  prefix: string;
  concurrency: number;
  /** The longest a dead worker's job waits before another worker takes it over (STALLED_INTERVAL_MS). */
  takeoverMs: number;
  /** A job that stalled more often than this (it keeps killing its worker) is failed instead. */
  maxStalledCount?: number;
  log: Logger;
}

export interface StallTimings {
  lockDuration: number;
  lockRenewTime: number;
  stalledInterval: number;
}

/**
 * Splits the takeover budget: three quarters lock, one quarter check period, so a killed
 * worker's job is back on the wait list within the budget (15 s by default). The lock is
 * renewed every quarter of its life (BullMQ's default is half), so a live worker's event loop
 * may be held for about three quarters of the lock (8 s by default) before the job could be
 * taken from it. Generation of 131,072 players holds it for well under a second.
 */
export function stallTimings(takeoverMs: number): StallTimings {
  const lockDuration = Math.max(750, Math.round(takeoverMs * 0.75));
  return {
    lockDuration,
    lockRenewTime: Math.round(lockDuration / 4),
    stalledInterval: Math.max(250, takeoverMs - lockDuration),
  };
}

export interface GenerationWorker {
  readonly worker: Worker<GenerationJobData>;
  /** Resolves once connected to Redis, as the worker starts taking jobs. */
  ready: Promise<void>;
  /** Stops taking jobs, lets the active ones finish, and disconnects. */
  close(): Promise<void>;
}

export function startGenerationWorker(ctx: GenerationContext, options: GenerationWorkerOptions): GenerationWorker {
  const { log } = options;
  let waitingForDatabase = false;
  const processor = async (job: Job<GenerationJobData>, token?: string) => {
    if (job.name !== GENERATION_JOB) throw new UnrecoverableError(`no handler for job "${job.name}" on queue ${QUEUE_NAME}`);
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      const outcome = await handleGenerationJob(ctx, job.data, finalAttempt);
      if (waitingForDatabase) log.info({}, 'the database is back: generation goes on');
      waitingForDatabase = false;
      return outcome;
    } catch (error) {
      // Retrying cannot help these: fail the job now instead of spending its attempts.
      if (error instanceof PermanentTaskError || error instanceof BadJobError) throw new UnrecoverableError(error.message);
      // An unreachable database is not the job's fault: it goes back to the queue for a
      // little while, costing no attempt, as often as the outage lasts.
      if (isDatabaseUnavailable(error) && token) {
        if (!waitingForDatabase) log.warn({ task_id: job.data.task_id }, 'the database is unreachable: generation jobs wait for it (no attempt is spent)');
        waitingForDatabase = true;
        await job.moveToDelayed(Date.now() + OUTAGE_RETRY_MS, token);
        throw new DelayedError();
      }
      throw error;
    }
  };

  const worker = new Worker<GenerationJobData>(QUEUE_NAME, processor, {
    connection: workerConnection(options.redisUrl),
    prefix: options.prefix,
    concurrency: options.concurrency,
    name: WORKER_IDENTITY,
    // Started below once connected, so "ready" is said before the first job is taken.
    autorun: false,
    ...stallTimings(options.takeoverMs),
    maxStalledCount: options.maxStalledCount ?? 2,
  });

  // The longest the event loop was held while jobs ran: the lock is renewed on it, so this
  // must stay well under three quarters of the lock (logged with each job, to see the margin).
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const loopMaxMs = () => {
    const max = Math.round(loopDelay.max / 1e6);
    loopDelay.reset();
    return max;
  };

  worker.on('active', (job) => {
    log.info({ task_id: job.data.task_id, tournament_id: job.data.tournament_id, delivery: job.attemptsStarted }, 'generation picked up');
  });
  worker.on('completed', (job, result) => {
    log.info({ task_id: job.data.task_id, tournament_id: job.data.tournament_id, ...(result as object), loop_max_block_ms: loopMaxMs() }, 'generation done');
  });
  worker.on('failed', (job, error) => {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    log[final ? 'error' : 'warn']({ task_id: job.data.task_id, tournament_id: job.data.tournament_id, attempts_made: job.attemptsMade, final, err: error.message },
      final ? 'generation failed' : 'generation attempt failed; BullMQ will retry');
    // A job failed without reaching the processor (it stalled too often): its task would stay
    // `running` for ever, so record the outcome here.
    if (job.deferredFailure) {
      void abandonGenerationTask(ctx.store, job.data.task_id, `the job was given up: ${job.deferredFailure}`).catch((err: unknown) =>
        log.error({ task_id: job.data.task_id, err: err instanceof Error ? err.message : String(err) }, 'could not record the abandoned task'));
    }
  });
  worker.on('stalled', (jobId) => log.warn({ task_id: jobId }, 'a job stalled (its worker stopped renewing the lock); it is back on the wait list'));

  logRedisOutages(worker, log, 'the worker', 'it keeps retrying and takes jobs again when Redis is back');

  const ready = worker.waitUntilReady().then(() => {
    if (worker.closing) return;
    worker.run().catch((error: unknown) => log.error({ err: error instanceof Error ? error.message : String(error) }, 'the worker stopped taking jobs'));
  });
  return { worker, ready, close: () => worker.close().finally(() => loopDelay.disable()) };
}
