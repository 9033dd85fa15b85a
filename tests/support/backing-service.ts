/** A Redis or PostgreSQL server that the end-to-end runs use. */
export interface BackingService {
  /** redis://… or postgres://… (for PostgreSQL: a role that may create databases, on its maintenance database). */
  url: string;
  /** Started by the harness for this run (and ended by stop), rather than found running. */
  throwaway: boolean;
  /** Where it came from, for the run's log: "REDIS_URL", "default port", "throwaway". */
  source: string;
  /** Ends a throwaway server and removes its files; nothing for one that was found. */
  stop(): Promise<void>;
}
