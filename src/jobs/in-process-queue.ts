/**
 * The embedded default queue: jobs run in this process, one at a time, after the call that
 * queued them returns, with the same attempts and backoff as the BullMQ queue.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { GenerationContext } from '../services/context.ts';
import type { GenerationJobData, JobQueue } from '../services/ports.ts';
import { PermanentTaskError } from '../services/run-generation-task.ts';
import { BadJobError, GENERATION_ATTEMPTS, GENERATION_BACKOFF_MS, handleGenerationJob } from './generation-job.ts';

export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process';
  private tail: Promise<void> = Promise.resolve();
  private closed = false;
  private gate: Promise<void> = Promise.resolve();
  private openGate: () => void = () => undefined;
  private waiting = 0;
  private active = 0;

  constructor(
    private readonly ctx: () => GenerationContext,
    private readonly log?: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>,
  ) {}

  async enqueueGeneration(job: GenerationJobData): Promise<void> {
    if (this.closed) throw new Error('the in-process queue is closed');
    this.waiting++;
    this.tail = this.tail.then(() => this.gate).then(() => this.run(job));
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

  async close(): Promise<void> {
    this.closed = true;
    this.resume();
    await this.tail;
  }

  private async run(job: GenerationJobData): Promise<void> {
    this.waiting--;
    this.active++;
    try {
      await this.runWithRetries(job);
    } finally {
      this.active--;
    }
  }

  private async runWithRetries(job: GenerationJobData): Promise<void> {
    for (let attempt = 1; attempt <= GENERATION_ATTEMPTS; attempt++) {
      try {
        const outcome = await handleGenerationJob(this.ctx(), job, attempt === GENERATION_ATTEMPTS);
        this.log?.info({ task_id: job.task_id, ...outcome }, 'generation done');
        return;
      } catch (error) {
        if (error instanceof PermanentTaskError || error instanceof BadJobError || attempt === GENERATION_ATTEMPTS) {
          this.log?.error({ task_id: job.task_id, err: error }, 'generation failed');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, GENERATION_BACKOFF_MS * 2 ** (attempt - 1)));
      }
    }
  }
}
