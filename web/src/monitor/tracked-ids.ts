import { useSyncExternalStore } from 'react';

/** The tournaments the monitor tracks, newest first; kept in localStorage across reloads. */
const KEY = 'tourney.tracked';
const MAX_TRACKED = 24;
const listeners = new Set<() => void>();

function read(): number[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is number => Number.isSafeInteger(v) && v > 0) : [];
  } catch {
    return [];
  }
}

let current: number[] = read();

function write(ids: number[]): void {
  current = ids;
  window.localStorage.setItem(KEY, JSON.stringify(ids));
  listeners.forEach((l) => l());
}

/** Parses a ?track_id= value: a positive integer, or null. */
export function parseTrackId(raw: string | null): number | null {
  if (raw === null || !/^\d{1,15}$/.test(raw.trim())) return null;
  const id = Number(raw.trim());
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function trackTournament(id: number): void {
  if (current.includes(id)) return;
  write([id, ...current].slice(0, MAX_TRACKED));
}

export function untrackTournament(id: number): void {
  write(current.filter((t) => t !== id));
}

function subscribe(listener: () => void): () => void {
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

export function useTrackedIds(): number[] {
  return useSyncExternalStore(subscribe, () => current);
}
