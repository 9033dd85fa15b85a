/**
 * What the composition roots say when start fails, and the exit code: 78 (EX_CONFIG) when a
 * setting must change before a restart can help (a bad variable, a taken port, a
 * DATABASE_URL that is not PostgreSQL), 75 (EX_TEMPFAIL) when another process owns the
 * embedded database, 1 for the rest (PostgreSQL down for now, anything unforeseen).
 */
import { ConfigError } from './config.ts';
import { DataDirLockedError } from './storage/data-dir-lock.ts';
import { DatabaseStartError } from './storage/database.ts';

export const EXIT_CONFIG = 78;
export const EXIT_IN_USE = 75;

export function describeStartFailure(error: unknown, listen?: { host: string; port: number }): { code: number; message: string } {
  if (error instanceof ConfigError) return { code: EXIT_CONFIG, message: `configuration error: ${error.message}` };
  if (error instanceof DatabaseStartError) return { code: error.configuration ? EXIT_CONFIG : 1, message: error.message };
  if (error instanceof DataDirLockedError) return { code: EXIT_IN_USE, message: error.message };
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (listen && code === 'EADDRINUSE') {
    return { code: EXIT_CONFIG, message: `PORT ${listen.port} is in use; set PORT to a free port (or stop the process listening on ${listen.host}:${listen.port})` };
  }
  if (listen && code === 'EACCES') {
    return { code: EXIT_CONFIG, message: `PORT ${listen.port} needs privileges this process does not have; set PORT to 1024 or above` };
  }
  if (listen && code === 'EADDRNOTAVAIL') {
    return { code: EXIT_CONFIG, message: `HOST ${listen.host} is not an address of this machine; set HOST (127.0.0.1, or 0.0.0.0 for every interface)` };
  }
  return { code: 1, message: `failed to start: ${error instanceof Error ? error.message : String(error)}` };
}
