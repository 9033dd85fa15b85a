import { useSyncExternalStore } from 'react';

/**
 * A small router on the history API: the location is an external store, navigate() pushes
 * and notifies. The server answers every deep link with index.html, so reloads land here too.
 */
const listeners = new Set<() => void>();

function notify(): void {
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export interface Location {
  pathname: string;
  search: URLSearchParams;
  href: string;
}

let cachedHref = '';
let cachedLocation: Location = { pathname: '/', search: new URLSearchParams(), href: '/' };

function toLocation(href: string): Location {
  if (href !== cachedHref) {
    const url = new URL(href, window.location.origin);
    cachedHref = href;
    cachedLocation = { pathname: url.pathname, search: url.searchParams, href };
  }
  return cachedLocation;
}

/** The current location; re-renders on navigate() and the back button. */
export function useLocation(): Location {
  return toLocation(useSyncExternalStore(subscribe, snapshot));
}

/** Goes to a path inside the app; `replace` swaps the history entry instead of adding one. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
}
