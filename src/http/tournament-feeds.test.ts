import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TournamentFeeds } from './tournament-feeds.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('TournamentFeeds', () => {
  it('reads a tournament once per interval whatever the number of subscribers, and tells each of a change', async () => {
    let version = 1;
    const read = vi.fn(async (id: number) => `t${id}v${version}`);
    const feeds = new TournamentFeeds(read, 1000);
    const seen: string[][] = [[], [], []];
    const stops = seen.map((log) => feeds.subscribe(7, 't7v1', { change: (d) => log.push(d), problem: () => log.push('problem') }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(read).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([[], [], []]);
    version = 2;
    await vi.advanceTimersByTimeAsync(1000);
    expect(read).toHaveBeenCalledTimes(2);
    expect(seen).toEqual([['t7v2'], ['t7v2'], ['t7v2']]);
    expect(feeds.polled).toBe(1);
    for (const stop of stops) stop();
    expect(feeds.polled).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('tells every subscriber of a failed read and keeps polling', async () => {
    let fail = true;
    const feeds = new TournamentFeeds(async () => {
      if (fail) throw new Error('database gone');
      return 'back';
    }, 500);
    const log: string[] = [];
    feeds.subscribe(1, 'before', { change: (d) => log.push(d), problem: (e) => log.push(`problem: ${(e as Error).message}`) });
    await vi.advanceTimersByTimeAsync(500);
    fail = false;
    await vi.advanceTimersByTimeAsync(500);
    expect(log).toEqual(['problem: database gone', 'back']);
    feeds.close();
    expect(feeds.polled).toBe(0);
  });
});
