/**
 * How tourney talks to Redis: one URL, two kinds of connection. A producer (the API adding
 * jobs) must fail fast when Redis is away, so a request gets its 503 within the deadline; a
 * worker must wait out an outage and carry on, so its commands are never given up.
 */
import type { RedisOptions } from 'bullmq';

// Reconnect quickly at first, then every 2 s at most: after a Redis restart both the API and
// the workers are back within a couple of seconds.
const retryStrategy = (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2_000);

/** For a Queue that adds jobs from a request: no offline buffering, one retry, short connect timeout. */
export function producerConnection(redisUrl: string): RedisOptions {
  return {
    url: redisUrl,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1_000,
    retryStrategy,
  };
}

/** For a Worker: commands wait for Redis to come back (BullMQ requires maxRetriesPerRequest null). */
export function workerConnection(redisUrl: string): RedisOptions {
  return {
    url: redisUrl,
    maxRetriesPerRequest: null,
    connectTimeout: 5_000,
    retryStrategy,
  };
}
