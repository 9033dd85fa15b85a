/**
 * Finds a Redis for the run: REDIS_URL, else the default port; where none answers, starts
 * a throwaway redis-server on a free port in a temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { BackingService } from './backing-service.ts';
import { freePort } from './free-port.ts';
import { RUN_MARKER, startProcess, type ManagedProcess } from './managed-process.ts';
import { ensurePrograms } from './system-packages.ts';
import { waitFor } from './wait-for.ts';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Whether a Redis at `url` answers PING within `timeoutMs`. */
export async function redisAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export interface ThrowawayRedis extends BackingService {
  process: ManagedProcess;
  port: number;
}

/** Starts redis-server on a free port (or the one given), in memory only (no dump, no append-only file). */
export async function startThrowawayRedis(options: { runId: string; logDir: string; name?: string; port?: number }): Promise<ThrowawayRedis> {
  const { 'redis-server': redisServer } = ensurePrograms(['redis-server'], 'a throwaway Redis is needed');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tourney-redis-'));
  const port = options.port ?? (await freePort());
  const child = startProcess({
    name: options.name ?? 'redis',
    command: redisServer,
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
    env: { PATH: process.env.PATH, [RUN_MARKER]: options.runId },
    logDir: options.logDir,
  });
  const url = `redis://127.0.0.1:${port}`;
  // An interrupted run (Ctrl-C) still leaves no directory behind; the process itself is killed on exit.
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  try {
    await waitFor(async () => child.alive ? redisAnswers(url, 300) : Promise.reject(new Error(`redis-server exited: ${child.tail(20)}`)), {
      timeout: 15_000, interval: 50, what: `redis-server on port ${port}`,
    });
  } catch (error) {
    await child.kill();
    process.off('exit', removeDir);
    removeDir();
    throw error;
  }
  return {
    url, port, process: child, throwaway: true, source: 'throwaway',
    async stop() {
      await child.stop('SIGTERM', 5_000);
      process.off('exit', removeDir);
      removeDir();
    },
  };
}

/** The Redis for this run: found (REDIS_URL, then the default port) or started. */
export async function ensureRedis(options: { runId: string; logDir: string; forceThrowaway?: boolean }): Promise<BackingService> {
  if (!options.forceThrowaway) {
    const candidates: [string, string][] = [];
    if (process.env.REDIS_URL) candidates.push([process.env.REDIS_URL, 'REDIS_URL']);
    candidates.push([DEFAULT_REDIS_URL, 'default port']);
    for (const [url, source] of candidates) {
      if (await redisAnswers(url)) return { url, source, throwaway: false, stop: async () => undefined };
    }
  }
  return startThrowawayRedis(options);
}
