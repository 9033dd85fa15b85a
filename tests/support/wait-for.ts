/**
 * Polling with a deadline, the house's answer to sleeps: check often, give up loudly.
 */
import { setTimeout as delay } from 'node:timers/promises';

export interface WaitOptions {
  /** Give up after this many milliseconds. */
  timeout: number;
  /** Pause between checks; 25 ms unless told. */
  interval?: number;
  /** What is being waited for, for the error message. */
  what?: string;
}

export class WaitTimeoutError extends Error {}

/** Thrown by a check to end the wait at once: what it waits for can no longer happen. */
export class StopWaiting extends Error {}

/**
 * Calls `check` until it returns something other than undefined, null or false, and returns
 * that. A check that throws is retried (its last error is quoted when the deadline passes),
 * except with StopWaiting, which ends the wait at once.
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitOptions): Promise<Exclude<T, undefined | null | false>> {
  const deadline = performance.now() + options.timeout;
  const interval = options.interval ?? 25;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value as Exclude<T, undefined | null | false>;
      lastValue = value;
      lastError = undefined;
    } catch (error) {
      if (error instanceof StopWaiting) throw error;
      lastError = error;
    }
    const left = deadline - performance.now();
    if (left <= 0) {
      const why = lastError instanceof Error ? `; last error: ${lastError.message}` : lastError !== undefined ? `; last error: ${String(lastError)}` : `; last value: ${String(lastValue)}`;
      throw new WaitTimeoutError(`timed out after ${options.timeout} ms waiting for ${options.what ?? 'a condition'}${why}`);
    }
    await delay(Math.min(interval, left));
  }
}
