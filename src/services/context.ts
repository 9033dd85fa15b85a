import type { Clock, IdSource, JobQueue, Store } from './ports.ts';

/** What every use-case receives: the ports and the settings that shape behaviour. */
export interface ServiceContext {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  ids: IdSource;
  /** Player count from which generation goes to the queue. */
  asyncThreshold: number;
  /** Breaks generation on purpose: only a test hands these in, never the production roots. */
  faults?: GenerationFaults;
}

/**
 * Hooks a test injects into generation (tests/support/faulty-worker.ts for a worker process,
 * or a service test's context) to make it fail or stall where it wants.
 */
export interface GenerationFaults {
  /** Awaited after a task is marked running, before it generates: a test kills its worker meanwhile. */
  beforeGeneration?(clock: Clock): Promise<void>;
  /** Called in the write transaction once the sessions are inserted; what it throws rolls them back. */
  afterInsert?(): void;
}

/** What running a generation task needs: no queue, so a worker process can build it. */
export type GenerationContext = Pick<ServiceContext, 'store' | 'clock' | 'faults'>;
