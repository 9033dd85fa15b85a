/**
 * The embedded default queue: jobs run in this process, one at a time, after the call that
 * queued them returns, with the same attempts and backoff as the BullMQ queue. The task
 * records are the queue's memory: jobs still waiting when the process stops stay `queued`
 * in the database and the next start queues them again (recoverUnfinishedTasks).
 */
import type { GenerationContext } from '../services/context.ts';
import type { GenerationJobData, JobQueue, Logger } from '../services/ports.ts';
import { PermanentTaskError } from '../services/run-generation-task.ts';
import { isDatabaseUnavailable } from '../storage/database-faults.ts';
import { BadJobError, GENERATION_ATTEMPTS, GENERATION_BACKOFF_MS, OUTAGE_RETRY_MS, handleGenerationJob } from './generation-job.ts';

export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process';
  private tail: Promise<void> = Promise.resolve();
  private closed = false;
  private gate: Promise<void> = Promise.resolve();
  private openGate: () => void = () => undefined;
  private waiting = 0;
  private active = 0;
  private wakeUp: () => void = () => undefined;

  constructor(
    private readonly ctx: () => GenerationContext,
    private readonly log?: Logger,
  ) {}

  async enqueueGeneration(job: GenerationJobData): Promise<void> {
    if (this.closed) throw new Error('the in-process queue is closed');
    this.waiting++;
    this.tail = this.tail.then(() => this.gate).then(() => this.run(job));
  }

  async available(): Promise<boolean> {
    return !this.closed;
  }

  /** Jobs by state, in the names BullMQ uses, for the metrics. */
  async jobCounts(): Promise<Record<string, number>> {
    return { waiting: this.waiting, active: this.active };
  }

  /** Holds queued jobs until resume(), as a paused BullMQ queue would. */
  pause(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  resume(): void {
    this.openGate();
  }

  /** Resolves when every job queued so far has finished. */
  idle(): Promise<void> {
    return this.tail;
  }

  /**
   * Takes no more jobs and lets the active one finish (or stop waiting for the database);
   * the ones still waiting keep their `queued` task records for the next start.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.resume();
    this.wakeUp();
    await this.tail;
  }

  private async run(job: GenerationJobData): Promise<void> {
    this.waiting--;
    if (this.closed) return;
    this.active++;
    try {
      await this.runWithRetries(job);
    } finally {
      this.active--;
    }
  }

  private async runWithRetries(job: GenerationJobData): Promise<void> {
    let waitingForDatabase = false;
    for (let attempt = 1; attempt <= GENERATION_ATTEMPTS; ) {
      try {
        const outcome = await handleGenerationJob(this.ctx(), job, attempt === GENERATION_ATTEMPTS);
        this.log?.info({ task_id: job.task_id, ...outcome }, 'generation done');
        return;
      } catch (error) {
        // An unreachable database costs no attempt: wait for it, however long it takes.
        if (isDatabaseUnavailable(error)) {
          if (!waitingForDatabase) this.log?.warn({ task_id: job.task_id }, 'generation waits for the database to come back');
          waitingForDatabase = true;
          if (this.closed) return;
          await this.pauseFor(OUTAGE_RETRY_MS);
          continue;
        }
        if (error instanceof PermanentTaskError || error instanceof BadJobError || attempt === GENERATION_ATTEMPTS) {
          this.log?.error({ task_id: job.task_id, err: error instanceof Error ? error.message : String(error) }, 'generation failed');
          return;
        }
        await this.pauseFor(GENERATION_BACKOFF_MS * 2 ** (attempt - 1));
        if (this.closed) return;
        attempt++;
      }
    }
  }

  /** Waits `ms`, or less when the queue closes. */
  private pauseFor(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
