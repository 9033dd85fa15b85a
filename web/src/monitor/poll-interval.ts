import { useSyncExternalStore } from 'react';

/** How often the monitor re-reads a tournament when server push is not enough, in seconds. */
export const POLL_CHOICES = [5, 10, 15, 30, 60, 120] as const;
export const DEFAULT_POLL_SECONDS = 10;
const MIN = 5;
const MAX = 120;
const KEY = 'tourney.pollSeconds';
const listeners = new Set<() => void>();

function read(): number {
  const value = Number(window.localStorage.getItem(KEY));
  return Number.isInteger(value) && value >= MIN && value <= MAX ? value : DEFAULT_POLL_SECONDS;
}

let current = read();

export function setPollSeconds(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < MIN || seconds > MAX) return;
  current = seconds;
  window.localStorage.setItem(KEY, String(seconds));
  listeners.forEach((l) => l());
}

export function usePollSeconds(): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
