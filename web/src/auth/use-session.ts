import { useSyncExternalStore } from 'react';
import { getStoredSession, subscribeSession, type StoredSession } from './stored-session.ts';

/** The signed-in user of this browser, or null; re-renders on sign-in and sign-out. */
export function useSession(): StoredSession | null {
  return useSyncExternalStore(subscribeSession, getStoredSession);
}

/** Whether the role may launch scenarios and simulate results (the contract's admin-only routes). */
export function isAdmin(session: StoredSession | null): boolean {
  return session?.role === 'admin';
}

/** Whether the role may write (calculate rankings, complete). */
export function canWrite(session: StoredSession | null): boolean {
  return session?.role === 'admin' || session?.role === 'operator';
}
