/**
 * What every end-to-end run shares: a run id (in database names, queue prefixes and the
 * marker on every process), a directory for the logs, and the Redis and PostgreSQL it uses.
 * The Vitest global setup opens one per run and hands it to the test files; the benchmark
 * opens its own.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackingService } from './backing-service.ts';
import { ensurePostgres } from './ensure-postgres.ts';
import { ensureRedis } from './ensure-redis.ts';
import { dropRunDatabases, dropStaleRunDatabases } from './fresh-database.ts';
import { liveGroups, stopAllProcesses, sweepRun } from './managed-process.ts';
import { queuePrefixOf, removeKeys, removeStaleRunKeys } from './redis-keys.ts';
import { ensurePrograms } from './system-packages.ts';

export interface E2eEnvironment {
  runId: string;
  /** Logs of every process of the run, one directory per stack. */
  runDir: string;
  redisUrl: string;
  /** A role that may create databases, on the maintenance database. */
  postgresUrl: string;
  /** Where each came from: "REDIS_URL", "default port" or "throwaway". */
  redisSource: string;
  postgresSource: string;
}

/** Set to 1 to ignore running servers and start throwaway ones, as on a fresh machine. */
export const THROWAWAY_SWITCH = 'TOURNEY_E2E_THROWAWAY';

export interface OpenEnvironment {
  environment: E2eEnvironment;
  /** Ends what the run left: processes, databases, throwaway servers. */
  close(): Promise<void>;
}

/** Runs interrupted longer ago than this have their databases and Redis keys removed by the next run. */
const STALE_RUN_MS = 60 * 60 * 1000;
const RUN_RANDOM_CHARS = 6;

/** When a run started, from its id (its start time in base 36, then random hex); null when it is not a run id. */
export function runStartedAt(runId: string): number | null {
  const stamp = runId.slice(0, -RUN_RANDOM_CHARS);
  if (!/^[0-9a-z]{6,12}$/.test(stamp) || !/^[0-9a-f]+$/.test(runId.slice(-RUN_RANDOM_CHARS))) return null;
  const ms = parseInt(stamp, 36);
  return Number.isSafeInteger(ms) ? ms : null;
}

export async function openEnvironment(label = 'e2e'): Promise<OpenEnvironment> {
  const runId = `${Date.now().toString(36)}${randomBytes(RUN_RANDOM_CHARS / 2).toString('hex')}`;
  const runDir = path.join(os.tmpdir(), `tourney-${label}-${runId}`);
  mkdirSync(runDir, { recursive: true });
  const forceThrowaway = ['1', 'true'].includes((process.env[THROWAWAY_SWITCH] ?? '').toLowerCase());
  const servicesLog = path.join(runDir, 'services');
  const services: BackingService[] = [];
  try {
    // The queue fault suite stops a Redis of its own, so the program must be here even when one runs.
    ensurePrograms(['redis-server'], 'the end-to-end suites start and stop a Redis of their own');
    const [redis, postgres] = await Promise.all([
      ensureRedis({ runId, logDir: servicesLog, forceThrowaway }).then((s) => (services.push(s), s)),
      ensurePostgres({ runId, logDir: servicesLog, forceThrowaway }).then((s) => (services.push(s), s)),
    ]);
    // What interrupted runs (Ctrl-C, a killed CI job) left in a shared server.
    const staleDatabases = await dropStaleRunDatabases(postgres.url, STALE_RUN_MS, runStartedAt).catch(() => []);
    const staleKeys = await removeStaleRunKeys(redis.url, STALE_RUN_MS, runStartedAt).catch(() => 0);
    if (staleDatabases.length > 0 || staleKeys > 0) console.warn(`e2e: removed ${staleDatabases.length} database(s) and ${staleKeys} Redis key(s) of runs interrupted over an hour ago`);
    const environment: E2eEnvironment = {
      runId, runDir,
      redisUrl: redis.url, postgresUrl: postgres.url,
      redisSource: redis.source, postgresSource: postgres.source,
    };
    const close = async () => {
      // The run's servers and workers first (the throwaway Redis and PostgreSQL are spared for now).
      const swept = sweepRun(runId, { spareGroups: liveGroups() });
      if (swept.length > 0) console.warn(`e2e: ended ${swept.length} process(es) a test process left behind: ${swept.join(', ')}`);
      try {
        const dropped = await dropRunDatabases(postgres.url, runId);
        if (dropped.length > 0) console.warn(`e2e: dropped ${dropped.length} database(s) a test process left behind: ${dropped.join(', ')}`);
      } catch (error) {
        console.warn(`e2e: could not check for leftover databases: ${error instanceof Error ? error.message : error}`);
      }
      const keys = await removeKeys(redis.url, `${queuePrefixOf(runId, '')}`).catch(() => 0);
      if (keys > 0) console.warn(`e2e: removed ${keys} Redis key(s) a test process left behind`);
      for (const s of services) await s.stop();
      await stopAllProcesses(5_000);
      // Anything of the run's that is left (a throwaway server that ignored its stop) goes now.
      sweepRun(runId);
    };
    return { environment, close };
  } catch (error) {
    for (const s of services) await s.stop().catch(() => undefined);
    throw error;
  }
}
