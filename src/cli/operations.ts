/**
 * What the command line does, whichever way it reaches tourney: the use-cases in this
 * process (local-operations.ts) or a running server over HTTP (http-operations.ts).
 */
export type UserRole = 'admin' | 'operator' | 'viewer';

export interface Launched {
  tournamentId: number;
  taskId: string;
  mode: 'sync' | 'async';
}

export interface TaskState {
  status: 'queued' | 'running' | 'done' | 'error';
  error: string | null;
}

export interface Operations {
  /** Where the work happens, for the first line of output. */
  readonly target: string;
  /** Applies pending migrations (or says who did); returns the line to print. */
  migrate(): Promise<string>;
  createUser(input: { email: string; password: string; role: UserRole }): Promise<{ email: string; role: string }>;
  launch(input: { players: number; format: string; seed: number }): Promise<Launched>;
  generationStatus(tournamentId: number, taskId: string): Promise<TaskState>;
  simulate(tournamentId: number, seed: number): Promise<{ sessionsCount: number }>;
  rank(tournamentId: number): Promise<{ rankingsCount: number }>;
  complete(tournamentId: number): Promise<void>;
  close(): Promise<void>;
}
