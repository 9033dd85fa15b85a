/** The pages of the app and the paths that reach them. */
export type Route =
  | { page: 'login' }
  | { page: 'tournaments' }
  | { page: 'launch' }
  | { page: 'monitor' }
  | { page: 'bracket'; tournamentId: number }
  | { page: 'leaderboard'; tournamentId: number }
  | { page: 'not-found' };

const TOURNAMENT_PAGE = /^\/tournaments\/(\d{1,15})\/(bracket|leaderboard)\/?$/;

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/login') return { page: 'login' };
  if (path === '/' || path === '/tournaments') return { page: 'tournaments' };
  if (path === '/launch') return { page: 'launch' };
  if (path === '/monitor') return { page: 'monitor' };
  const m = TOURNAMENT_PAGE.exec(path);
  if (m) {
    const tournamentId = Number(m[1]);
    if (Number.isSafeInteger(tournamentId) && tournamentId > 0) {
      return m[2] === 'bracket' ? { page: 'bracket', tournamentId } : { page: 'leaderboard', tournamentId };
    }
  }
  return { page: 'not-found' };
}

export const paths = {
  login: (next?: string) => (next ? `/login?next=${encodeURIComponent(next)}` : '/login'),
  tournaments: () => '/tournaments',
  launch: () => '/launch',
  monitor: (trackId?: number) => (trackId ? `/monitor?track_id=${trackId}` : '/monitor'),
  bracket: (id: number) => `/tournaments/${id}/bracket`,
  leaderboard: (id: number) => `/tournaments/${id}/leaderboard`,
};
