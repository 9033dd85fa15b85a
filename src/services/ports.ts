/**
 * What the services need from outside that is neither the domain nor storage.
 * The edges (server, worker, tests) implement these and hand them in.
 */

/** The payload of a `generate-sessions` job, as it travels on the queue (wire names). */
export interface GenerationJobData {
  tournament_id: number;
  task_id: string;
}

export interface JobQueue {
  /** 'bullmq' or 'in-process'. */
  readonly kind: string;
  /**
   * Queues session generation for a tournament. Resolves once the job is durably queued;
   * rejects with UnavailableError('queue_unavailable') within 2 s when the queue cannot be reached.
   */
  enqueueGeneration(job: GenerationJobData): Promise<void>;
  /**
   * Throws UnavailableError('queue_unavailable') at once when the queue is already known to be
   * unreachable, so a caller can refuse before doing work it would then have to undo.
   */
  ensureAvailable?(): void;
  /** Stops accepting work and releases connections. */
  close(): Promise<void>;
}
