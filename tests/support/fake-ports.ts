/**
 * Fakes of the services' time and id ports: time moves only when a test moves it, ids count
 * up. Services run against the real database with these, so a test of a delay waits for
 * nothing and a test of an id knows it in advance.
 */
import { UnavailableError } from '../../src/services/errors.ts';
import type { Clock, GenerationJobData, IdSource, JobQueue } from '../../src/services/ports.ts';

interface Sleeper {
  until: number;
  wake: () => void;
}

export class FakeClock implements Clock {
  private wall: number;
  private mono = 0;
  private sleepers: Sleeper[] = [];
  private onSleep: (() => void)[] = [];
  private readonly tickMs: number;

  /** `tickMs`: how far each monotonic() reading moves the clock on by itself (0: only advance() moves it). */
  constructor(options: { startMs?: number; tickMs?: number } = {}) {
    this.wall = options.startMs ?? Date.UTC(2026, 0, 1);
    this.tickMs = options.tickMs ?? 0;
  }

  now(): number {
    return this.wall;
  }

  monotonic(): number {
    const reading = this.mono;
    if (this.tickMs) this.move(this.tickMs);
    return reading;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.sleepers.push({ until: this.mono + ms, wake: resolve });
      for (const notify of this.onSleep.splice(0)) notify();
    });
  }

  /** Resolves once something is asleep on this clock. */
  someoneSleeping(): Promise<void> {
    if (this.sleepers.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.onSleep.push(resolve));
  }

  /** How many sleeps have not ended yet. */
  get sleeping(): number {
    return this.sleepers.length;
  }

  /** Moves time on, waking every sleep that ends by then. */
  advance(ms: number): void {
    this.move(ms);
  }

  private move(ms: number): void {
    this.mono += ms;
    this.wall += ms;
    const due = this.sleepers.filter((s) => s.until <= this.mono);
    this.sleepers = this.sleepers.filter((s) => s.until > this.mono);
    for (const s of due) s.wake();
  }
}

/** UUIDs 00000000-0000-4000-8000-000000000001, …0002, … in order. */
export class CountingIds implements IdSource {
  private count = 0;

  uuid(): string {
    this.count++;
    return this.last();
  }

  slug(): string {
    this.count++;
    return `slug-${String(this.count).padStart(6, '0')}`;
  }

  drawSeed(): number {
    this.count++;
    return this.count;
  }

  /** The id given most recently. */
  last(): string {
    return `00000000-0000-4000-8000-${String(this.count).padStart(12, '0')}`;
  }
}

/**
 * A queue that keeps what it is given. `down` makes it say it is unavailable when asked
 * before a write; `refuse` makes the hand-over itself fail (the queue went away in between).
 */
export class RecordingQueue implements JobQueue {
  readonly kind = 'recording';
  readonly jobs: GenerationJobData[] = [];
  refuse: Error | null = null;
  down: Error | null = null;

  async ensureAvailable(): Promise<void> {
    if (this.down) throw new UnavailableError('the job queue is unreachable; nothing was created', 'queue_unavailable', { cause: this.down.message });
  }

  async enqueueGeneration(job: GenerationJobData): Promise<void> {
    if (this.refuse) throw this.refuse;
    this.jobs.push(job);
  }

  async close(): Promise<void> {}
}
