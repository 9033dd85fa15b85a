import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, eventsUrl } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import type { TournamentDetail } from '../api/wire-types.ts';

/** The state of the server-push connection for one tournament; 'off' when this card only polls. */
export type LiveState = 'connecting' | 'open' | 'lost' | 'unavailable' | 'off' | 'finished';

/**
 * Cards that hold a push stream. A browser keeps about six connections per server, and each
 * stream holds one for good: the rest must stay free for the API calls.
 */
export const MAX_LIVE_STREAMS = 4;

const MAX_RECONNECT_MS = 30_000;

export function tournamentKey(id: number) {
  return ['tournament', id] as const;
}

function isDetail(value: unknown, id: number): value is TournamentDetail {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<TournamentDetail>;
  return v.id === id && typeof v.status === 'string' && v.counts !== undefined && typeof v.counts === 'object';
}

/**
 * One tournament, kept current two ways: the server pushes every change as a Server-Sent
 * Event, and a poll every `pollSeconds` covers a push that is down or missed. Neither ever
 * writes anything: watching never changes a tournament.
 */
export function useLiveTournament(id: number, pollSeconds: number, push: boolean) {
  const queryClient = useQueryClient();
  const [live, setLive] = useState<LiveState>('connecting');

  const query = useQuery({
    queryKey: tournamentKey(id),
    queryFn: ({ signal }) => api.tournament(id, signal),
    refetchInterval: (q) => {
      const error = q.state.error;
      // A tournament that does not exist will not start existing; stop asking.
      if (error instanceof ApiError && (error.status === 404 || error.status === 401 || error.status === 403)) return false;
      return pollSeconds * 1000;
    },
    refetchIntervalInBackground: true,
    retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    retryDelay: 1500,
  });

  // A finished tournament changes no more: its stream would only hold a connection. Nor does
  // one that is gone (404: never created, or deleted while watched): polling has stopped too.
  const settled = query.data?.status === 'COMPLETED' || query.data?.status === 'CANCELLED';
  const gone = query.error instanceof ApiError && query.error.status === 404;
  const streaming = push && !settled && !gone;

  useEffect(() => {
    if (!streaming) {
      setLive(settled ? 'finished' : 'off');
      return;
    }
    if (typeof EventSource === 'undefined') {
      setLive('unavailable');
      return;
    }
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = 1000;
    let stopped = false;
    let wasLost = false;

    const retry = () => {
      timer = setTimeout(() => void connect(), delay);
      delay = Math.min(delay * 2, MAX_RECONNECT_MS);
    };

    const connect = async () => {
      setLive('connecting');
      let url: string | null;
      try {
        url = await eventsUrl(id);
      } catch {
        // No ticket now (the server is away): try again later, as for a lost stream.
        if (stopped) return;
        wasLost = true;
        setLive('lost');
        retry();
        return;
      }
      if (stopped) return;
      if (!url) {
        setLive('unavailable');
        return;
      }
      const current = new EventSource(url);
      source = current;
      current.addEventListener('open', () => {
        delay = 1000;
        setLive('open');
        // Changes made while the stream was down were not pushed: read the tournament once.
        if (wasLost) void queryClient.invalidateQueries({ queryKey: tournamentKey(id) });
        wasLost = false;
      });
      current.addEventListener('tournament', (event) => {
        try {
          const data: unknown = JSON.parse((event as MessageEvent<string>).data);
          if (isDetail(data, id)) queryClient.setQueryData(tournamentKey(id), data);
        } catch {
          // A frame that is not the detail is ignored; the poll still covers it.
        }
      });
      current.addEventListener('error', () => {
        if (stopped) return;
        wasLost = true;
        setLive('lost');
        // CONNECTING means the browser reconnects by itself (with the same ticket, good for 60 s);
        // CLOSED (an HTTP error, such as that ticket expired) means we must, with a new ticket.
        if (current.readyState === EventSource.CLOSED) {
          current.close();
          retry();
        }
      });
    };

    void connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      source?.close();
    };
  }, [id, queryClient, streaming, settled]);

  return { query, live, gone };
}
