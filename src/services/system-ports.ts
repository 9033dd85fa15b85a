/** The real clock and id source, for the composition roots; tests hand in fakes instead. */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock, IdSource } from './ports.ts';

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms) => delay(ms),
};

export const randomIds: IdSource = {
  uuid: () => randomUUID(),
  slug: () => randomBytes(16).toString('base64url'),
  drawSeed: () => randomBytes(4).readUInt32BE(0),
};
