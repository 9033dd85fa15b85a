/**
 * Tells a database that went away (restart, failover, network) from every other error, so
 * callers can answer 503 and retry instead of treating it as a bug. Drivers wrap their
 * errors (Drizzle's "Failed query" keeps the driver's error as its cause), so the whole
 * cause chain is read.
 */
import { UnavailableError } from '../services/errors.ts';

/** The 503 code of a request that found the database unreachable. */
export const DATABASE_UNAVAILABLE = 'database_unavailable';
/** The 503 code of a statement that ran past DATABASE_STATEMENT_TIMEOUT_MS. */
export const DATABASE_TIMEOUT = 'database_timeout';

// SQLSTATEs of a connection that is lost, refused or not accepting work yet.
const LOST_STATES = new Set([
  '08000', '08001', '08003', '08004', '08006', '08007', // connection exception
  '57P01', // admin_shutdown: the server is stopping (pg_ctl stop/restart -m fast)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
]);
const TIMEOUT_STATES = new Set(['57014']); // query_canceled (statement_timeout)

const LOST_SYSTEM_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH',
  'ENOTFOUND', 'EAI_AGAIN', 'ENETDOWN', 'EHOSTDOWN',
]);

// node-postgres and pg-pool say these in words only.
const LOST_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Connection closed/,
];
const TIMEOUT_MESSAGES = [/^Query read timeout/];

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 8; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

/** 'lost' when the database cannot be reached, 'timeout' when a statement ran too long, else null. */
export function classifyDatabaseError(error: unknown): 'lost' | 'timeout' | null {
  for (const e of causes(error)) {
    if (typeof e !== 'object') continue;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (LOST_STATES.has(code) || LOST_SYSTEM_CODES.has(code)) return 'lost';
      if (TIMEOUT_STATES.has(code)) return 'timeout';
    }
    if (typeof message === 'string') {
      if (LOST_MESSAGES.some((m) => m.test(message))) return 'lost';
      if (TIMEOUT_MESSAGES.some((m) => m.test(message))) return 'timeout';
    }
  }
  return null;
}

/** The error as callers should see it: a 503 UnavailableError for a lost database or a timeout, else unchanged. */
export function asDatabaseFault(error: unknown): unknown {
  if (error instanceof UnavailableError) return error;
  const kind = classifyDatabaseError(error);
  if (kind === 'lost') {
    return new UnavailableError('the database cannot be reached right now; try again shortly', DATABASE_UNAVAILABLE);
  }
  if (kind === 'timeout') {
    return new UnavailableError('the database did not finish the work in time; try again shortly', DATABASE_TIMEOUT);
  }
  return error;
}

/** Whether an error means the database was unreachable (worth waiting for, not worth failing a job over). */
export function isDatabaseUnavailable(error: unknown): boolean {
  return error instanceof UnavailableError ? error.code === DATABASE_UNAVAILABLE : classifyDatabaseError(error) === 'lost';
}
