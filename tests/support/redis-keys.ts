/** Tidying the run's BullMQ keys out of a shared Redis. */
import { Redis } from 'ioredis';

/** The BullMQ prefix of a stack: unique per stack, and recognisably of its run. */
export const queuePrefixOf = (runId: string, stackId: string) => `e2e-${runId}-${stackId}`;

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
