/**
 * Reports Redis trouble once per outage, not once per reconnect attempt: a warning when the
 * connection fails, a line when it is back. For a BullMQ Queue or Worker.
 */
import type { Logger } from '../services/ports.ts';

/** What a BullMQ Queue or Worker offers for this. */
interface RedisBacked {
  on(event: 'error', listener: (error: Error) => void): unknown;
  getBackend(): { on(event: 'ready', listener: () => void): unknown };
}

export function logRedisOutages(subject: RedisBacked, log: Pick<Logger, 'warn' | 'info'>, what: string, consequence: string): void {
  let down = false;
  subject.on('error', (error: Error) => {
    if (!down) log.warn({ err: error.message }, `${what} cannot reach Redis: ${consequence}`);
    down = true;
  });
  // The backend repeats 'ready' on every reconnect; the Queue and Worker only say it once.
  subject.getBackend().on('ready', () => {
    if (down) log.info({}, `${what}: Redis is back`);
    down = false;
  });
}
