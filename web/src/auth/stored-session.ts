import type { Role } from '../api/wire-types.ts';

/** Who is signed in in this browser; kept in localStorage so a reload keeps the session. */
export interface StoredSession {
  token: string;
  role: Role;
  email: string;
}

const KEY = 'tourney.session';
const listeners = new Set<() => void>();

function isStoredSession(value: unknown): value is StoredSession {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.token === 'string' && v.token !== '' && typeof v.role === 'string' && typeof v.email === 'string';
}

let current: StoredSession | null = read();

function read(): StoredSession | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isStoredSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function getStoredSession(): StoredSession | null {
  return current;
}

export function getToken(): string | null {
  return current?.token ?? null;
}

export function saveSession(session: StoredSession): void {
  current = session;
  window.localStorage.setItem(KEY, JSON.stringify(session));
  listeners.forEach((l) => l());
}

export function clearSession(): void {
  current = null;
  window.localStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

/** For useSyncExternalStore: also follows sign-outs in other tabs. */
export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== KEY) return;
    current = read();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}
