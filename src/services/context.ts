import type { Clock, IdSource, JobQueue, Store } from './ports.ts';

/** What every use-case receives: the ports and the settings that shape behaviour. */
export interface ServiceContext {
  store: Store;
  queue: JobQueue;
  clock: Clock;
  ids: IdSource;
  /** Player count from which generation goes to the queue. */
  asyncThreshold: number;
  /** Test-only: generation throws inside its write transaction. */
  faultGeneration?: boolean;
  /** Test-only: a generation task waits this long (event loop free) after it is marked running, so a test can kill its worker mid-job. */
  faultDelayMs?: number;
}

/** What running a generation task needs: no queue, so a worker process can build it. */
export type GenerationContext = Pick<ServiceContext, 'store' | 'clock' | 'faultGeneration' | 'faultDelayMs'>;
