/**
 * One poller per tournament, shared by all of its event-stream clients: a thousand monitors of a
 * million-session tournament cost one detail query per interval, not a thousand. Each feed reads
 * the tournament's detail every `intervalMs` while it has subscribers, and hands every
 * subscriber the detail when it changed (or the failure, when the read failed).
 */
export interface FeedSubscriber {
  change(data: string): void;
  problem(error: unknown): void;
}

interface Feed {
  subscribers: Set<FeedSubscriber>;
  last: string;
  timer: NodeJS.Timeout;
}

export class TournamentFeeds {
  private readonly feeds = new Map<number, Feed>();
  private readonly busy = new Set<Feed>();

  constructor(private readonly read: (tournamentId: number) => Promise<string>, private readonly intervalMs: number) {}

  /** Subscribes to a tournament's changes after `current` (the detail the subscriber has); returns the unsubscribe. */
  subscribe(tournamentId: number, current: string, subscriber: FeedSubscriber): () => void {
    let feed = this.feeds.get(tournamentId);
    if (feed === undefined) {
      const created: Feed = { subscribers: new Set(), last: current, timer: setInterval(() => void this.poll(tournamentId, created), this.intervalMs) };
      feed = created;
      this.feeds.set(tournamentId, feed);
    }
    feed.subscribers.add(subscriber);
    const theFeed = feed;
    return () => {
      theFeed.subscribers.delete(subscriber);
      if (theFeed.subscribers.size === 0) {
        clearInterval(theFeed.timer);
        if (this.feeds.get(tournamentId) === theFeed) this.feeds.delete(tournamentId);
      }
    };
  }

  /** Tournaments being polled now (one each, whatever the subscribers). */
  get polled(): number {
    return this.feeds.size;
  }

  private async poll(tournamentId: number, feed: Feed): Promise<void> {
    if (this.busy.has(feed)) return;
    this.busy.add(feed);
    try {
      const next = await this.read(tournamentId);
      if (next !== feed.last) {
        feed.last = next;
        for (const s of feed.subscribers) s.change(next);
      }
    } catch (error) {
      for (const s of feed.subscribers) s.problem(error);
    } finally {
      this.busy.delete(feed);
    }
  }

  close(): void {
    for (const feed of this.feeds.values()) clearInterval(feed.timer);
    this.feeds.clear();
  }
}
