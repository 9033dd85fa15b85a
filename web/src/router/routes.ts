/** The pages of the app and the paths that reach them. */
export type Route =
  | { page: 'login' }
  | { page: 'tournaments' }
  | { page: 'launch' }
  | { page: 'monitor' }
  | { page: 'tournament'; tournamentId: number }
  | { page: 'bracket'; tournamentId: number }
  | { page: 'leaderboard'; tournamentId: number }
  | { page: 'print'; tournamentId: number }
  | { page: 'public'; slug: string; embed: boolean }
  | { page: 'not-found' };

const TOURNAMENT_PAGE = /^\/tournaments\/(\d{1,15})(?:\/(bracket|leaderboard|print))?\/?$/;

/** A shared tournament's public page, and its embeddable bracket. */
const PUBLIC_PAGE = /^\/t\/([A-Za-z0-9_-]{1,64})(?:\/(embed))?$/;

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/login') return { page: 'login' };
  if (path === '/' || path === '/tournaments') return { page: 'tournaments' };
  if (path === '/launch') return { page: 'launch' };
  if (path === '/monitor') return { page: 'monitor' };
  const shared = PUBLIC_PAGE.exec(path);
  if (shared) return { page: 'public', slug: shared[1], embed: shared[2] === 'embed' };
  const m = TOURNAMENT_PAGE.exec(path);
  if (m) {
    const tournamentId = Number(m[1]);
    if (Number.isSafeInteger(tournamentId) && tournamentId > 0) {
      if (m[2] === 'print') return { page: 'print', tournamentId };
      return m[2] === 'bracket' ? { page: 'bracket', tournamentId } : m[2] === 'leaderboard' ? { page: 'leaderboard', tournamentId } : { page: 'tournament', tournamentId };
    }
  }
  return { page: 'not-found' };
}

export const paths = {
  login: (next?: string) => (next ? `/login?next=${encodeURIComponent(next)}` : '/login'),
  tournaments: () => '/tournaments',
  launch: () => '/launch',
  monitor: (trackId?: number) => (trackId ? `/monitor?track_id=${trackId}` : '/monitor'),
  tournament: (id: number) => `/tournaments/${id}`,
  shared: (slug: string) => `/t/${slug}`,
  bracket: (id: number) => `/tournaments/${id}/bracket`,
  leaderboard: (id: number) => `/tournaments/${id}/leaderboard`,
  print: (id: number) => `/tournaments/${id}/print`,
};
