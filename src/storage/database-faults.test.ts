import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.ts';
import { UnavailableError } from '../services/errors.ts';
import { asDatabaseFault, classifyDatabaseError, isDatabaseUnavailable } from './database-faults.ts';

/** An error as node-postgres makes them: a message, and a SQLSTATE or errno code. */
const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
/** As Drizzle wraps them. */
const drizzleWrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1\nparams: '), { cause });

describe('database faults', () => {
  it('calls a lost, refused or restarting server lost, through any wrapping', () => {
    const lost = [
      pgError('terminating connection due to administrator command', '57P01'),
      pgError('the database system is starting up', '57P03'),
      pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      pgError('Connection terminated unexpectedly'),
      pgError('timeout exceeded when trying to connect'),
      pgError('Client has encountered a connection error and is not queryable'),
    ];
    for (const error of lost) {
      expect(classifyDatabaseError(error), error.message).toBe('lost');
      expect(classifyDatabaseError(drizzleWrapped(error)), error.message).toBe('lost');
      expect(isDatabaseUnavailable(drizzleWrapped(error))).toBe(true);
    }
  });

  it('calls a cancelled statement a timeout, and leaves every other error alone', () => {
    expect(classifyDatabaseError(drizzleWrapped(pgError('canceling statement due to statement timeout', '57014')))).toBe('timeout');
    const unique = drizzleWrapped(pgError('duplicate key value violates unique constraint', '23505'));
    expect(classifyDatabaseError(unique)).toBeNull();
    expect(asDatabaseFault(unique)).toBe(unique);
    const domain = new ValidationError('name', 'is required');
    expect(asDatabaseFault(domain)).toBe(domain);
  });

  it('turns faults into 503 UnavailableErrors with their codes', () => {
    const lost = asDatabaseFault(drizzleWrapped(pgError('Connection terminated unexpectedly')));
    expect(lost).toBeInstanceOf(UnavailableError);
    expect(lost).toMatchObject({ code: 'database_unavailable', message: 'the database cannot be reached right now; try again shortly', details: {} });
    const slow = asDatabaseFault(pgError('canceling statement due to statement timeout', '57014'));
    expect(slow).toMatchObject({ code: 'database_timeout' });
    expect(isDatabaseUnavailable(slow)).toBe(false);
  });
});
