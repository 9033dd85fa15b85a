/**
 * The JobQueue port on BullMQ: `generate-sessions` jobs on the `tournaments` queue in Redis,
 * taken by any number of worker processes. Adding a job fails fast (503 queue_unavailable
 * within the deadline) when Redis cannot be reached, so a request never hangs on it.
 */
import { Queue } from 'bullmq';
import { UnavailableError } from '../services/errors.ts';
import type { GenerationJobData, JobQueue, Logger } from '../services/ports.ts';
import { GENERATION_ATTEMPTS, GENERATION_BACKOFF_MS, GENERATION_JOB, QUEUE_NAME } from './generation-job.ts';
import { producerConnection } from './redis-options.ts';
import { logRedisOutages } from './redis-outage-log.ts';

/**
 * How long an enqueue may take before the caller is told the queue is unavailable. Redis
 * answers in milliseconds; this only catches one that holds the socket and says nothing.
 * A Redis known to be down is not waited for at all.
 */
export const ENQUEUE_TIMEOUT_MS = 1_000;

// Finished jobs stay visible on the board for a while; the task records in PostgreSQL are
// the lasting history, so Redis does not have to be.
const KEEP_COMPLETED = { age: 24 * 3600, count: 1_000 };
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 5_000 };

/** Job counts by BullMQ state, for the metrics. */
export type JobCounts = Record<string, number>;

export interface BullMqQueueOptions {
  redisUrl: string;
  /** BullMQ key prefix (QUEUE_PREFIX). */
  prefix: string;
  /** Where Redis outages are reported (once each). */
  log?: Pick<Logger, 'warn' | 'info'>;
}

export class BullMqQueue implements JobQueue {
  readonly kind = 'bullmq';
  /** The BullMQ queue itself, for the board. */
  readonly queue: Queue<GenerationJobData>;
  private closed = false;
  /** From the connection's events: 'down' once it fails, 'up' when it is (again) ready. */
  private redis: 'connecting' | 'up' | 'down' = 'connecting';

  constructor(options: BullMqQueueOptions) {
    this.queue = new Queue<GenerationJobData>(QUEUE_NAME, {
      connection: producerConnection(options.redisUrl),
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: GENERATION_ATTEMPTS,
        backoff: { type: 'exponential', delay: GENERATION_BACKOFF_MS },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      },
    });
    // An unhandled 'error' event would end the process; a Redis outage must only fail enqueues.
    this.queue.on('error', () => (this.redis = 'down'));
    this.queue.on('ioredis:close', () => (this.redis = 'down'));
    this.queue.getBackend().on('ready', () => (this.redis = 'up'));
    if (options.log) logRedisOutages(this.queue, options.log, 'the job queue', 'queued generation answers 503 queue_unavailable until it is back');
  }

  async enqueueGeneration(job: GenerationJobData): Promise<void> {
    if (this.closed) throw new UnavailableError('the job queue is shutting down', 'queue_unavailable');
    // jobId = task_id: adding the same task twice leaves one job. An add that lands after the
    // deadline is welcome: the task is already committed and waits for exactly this job.
    try {
      await deadline(this.queue.add(GENERATION_JOB, job, { jobId: job.task_id }), ENQUEUE_TIMEOUT_MS);
    } catch (error) {
      throw new UnavailableError('the job queue (Redis) cannot be reached; the task stays queued and is handed over when it is back', 'queue_unavailable', {
        cause: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /**
   * Refuses (503 queue_unavailable) unless Redis answers a PING within the deadline: a
   * connection that dropped a moment ago is found out here, before the caller writes anything.
   */
  async ensureAvailable(): Promise<void> {
    if (this.closed) throw new UnavailableError('the job queue is shutting down; nothing was created', 'queue_unavailable');
    const unreachable = (cause?: string) =>
      new UnavailableError('the job queue (Redis) is unreachable; nothing was created, try again shortly', 'queue_unavailable', cause ? { cause } : {});
    if (this.redis === 'down') throw unreachable();
    try {
      const client = await deadline(this.queue.getBackend().client, ENQUEUE_TIMEOUT_MS);
      await deadline(client.runCommand('ping', []), ENQUEUE_TIMEOUT_MS);
    } catch (error) {
      throw unreachable(error instanceof Error ? error.message : String(error));
    }
  }

  /** Whether Redis answers now (for readiness). */
  async available(): Promise<boolean> {
    try {
      await this.ensureAvailable();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Adds the job unless the queue still holds one for the task (in any state); true when it
   * was missing. For tasks whose job Redis lost.
   */
  async requeueIfMissing(job: GenerationJobData): Promise<boolean> {
    if (await deadline(this.queue.getJob(job.task_id), ENQUEUE_TIMEOUT_MS)) return false;
    await deadline(this.queue.add(GENERATION_JOB, job, { jobId: job.task_id }), ENQUEUE_TIMEOUT_MS);
    return true;
  }

  /** Jobs by state (waiting, active, delayed, failed, completed, ...), or null when Redis does not answer in time. */
  async jobCounts(timeoutMs = 1_000): Promise<JobCounts | null> {
    try {
      return await deadline(this.queue.getJobCounts(), timeoutMs);
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await deadline(this.queue.close(), 2_000).catch(() => this.queue.disconnect().catch(() => undefined));
  }
}

/** Resolves as `work` does, or rejects after `ms`. */
function deadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
