/** Tidying the run's BullMQ keys out of a shared Redis. */
import { Redis } from 'ioredis';

/** The BullMQ prefix of a stack: unique per stack, and recognisably of its run. */
export const queuePrefixOf = (runId: string, stackId: string) => `e2e-${runId}-${stackId}`;

/**
 * Deletes the keys of runs started more than `maxAgeMs` ago (what interrupted runs left);
 * `runStartedAt` reads a run id's start time.
 */
export async function removeStaleRunKeys(redisUrl: string, maxAgeMs: number, runStartedAt: (runId: string) => number | null): Promise<number> {
  const client = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  client.on('error', () => undefined);
  await client.connect();
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', 'e2e-*', 'COUNT', 1_000);
      cursor = next;
      const stale = keys.filter((key) => {
        const started = runStartedAt(key.slice('e2e-'.length).split('-')[0]);
        return started !== null && Date.now() - started > maxAgeMs;
      });
      if (stale.length > 0) removed += await client.del(...stale);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
  return removed;
}

/** Deletes every key that starts with `prefix` (no glob characters in it), when Redis answers within a second. */
export async function removeKeys(redisUrl: string, prefix: string): Promise<number> {
  const client = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch {
    return 0; // Redis is gone (a fault test stopped its own): nothing to tidy there.
  }
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) removed += await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
  return removed;
}
