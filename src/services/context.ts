import type { Store } from '../storage/store.ts';
import type { JobQueue } from './ports.ts';

/** What every use-case receives: the repositories, the queue port and the settings that shape behaviour. */
export interface ServiceContext {
  store: Store;
  queue: JobQueue;
  /** Player count from which generation goes to the queue. */
  asyncThreshold: number;
  /** Test-only: generation throws inside its write transaction. */
  faultGeneration?: boolean;
  /** Test-only: a generation task waits this long (event loop free) after it is marked running, so a test can kill its worker mid-job. */
  faultDelayMs?: number;
}
