import { createContext, useContext, type ReactNode } from 'react';
import { allSessions } from './api-client.ts';
import type { Phase, Session } from './wire-types.ts';

export type SessionSource = (tournamentId: number, query: { phase?: Phase; round?: number }, signal?: AbortSignal) => Promise<Session[]>;

const Source = createContext<SessionSource>(allSessions);

/** Where the bracket and the round lists read sessions: the signed-in API, or a public page's link. */
export function useSessionSource(): SessionSource {
  return useContext(Source);
}

export function SessionSourceProvider({ source, children }: { source: SessionSource; children: ReactNode }) {
  return <Source.Provider value={source}>{children}</Source.Provider>;
}
