import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { clearSession } from './auth/stored-session.ts';
import { PageBoundary } from './components/page-boundary.tsx';
import { QueueBoardLink } from './components/queue-board-link.tsx';
import { useSession } from './auth/use-session.ts';
import { BracketPage } from './pages/bracket-page.tsx';
import { LaunchPage } from './pages/launch-page.tsx';
import { LeaderboardPage } from './pages/leaderboard-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { MonitorPage } from './pages/monitor-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { PrintPage } from './pages/print-page.tsx';
import { PublicPage } from './pages/public-page.tsx';
import { TournamentPage } from './pages/tournament-page.tsx';
import { TournamentsPage } from './pages/tournaments-page.tsx';
import { Link } from './router/link.tsx';
import { navigate, useLocation } from './router/navigation.ts';
import { matchRoute, paths, type Route } from './router/routes.ts';

const TITLES: Record<Route['page'], string> = {
  login: 'Sign in',
  tournaments: 'Tournaments',
  launch: 'Launch',
  monitor: 'Monitor',
  tournament: 'Tournament',
  public: 'Live results',
  bracket: 'Bracket',
  leaderboard: 'Leaderboard',
  print: 'Print the bracket',
  'not-found': 'Not found',
};

export function App() {
  const location = useLocation();
  const session = useSession();
  const queryClient = useQueryClient();
  const route = matchRoute(location.pathname);
  const needsSignIn = route.page !== 'login' && route.page !== 'public' && session === null;

  useEffect(() => {
    document.title = `${TITLES[route.page]} · tourney`;
  }, [route.page]);

  useEffect(() => {
    if (needsSignIn) navigate(paths.login(location.href), { replace: true });
  }, [needsSignIn, location.href]);

  const signOut = () => {
    clearSession();
    queryClient.clear();
    navigate(paths.login());
  };

  const nav = [
    { to: paths.tournaments(), label: 'Tournaments', active: route.page === 'tournaments' },
    { to: paths.launch(), label: 'Launch', active: route.page === 'launch' },
    { to: paths.monitor(), label: 'Monitor', active: route.page === 'monitor' },
  ];

  // The public page needs no account and shows no app chrome; embedded, not even a header.
  if (route.page === 'public') {
    return (
      <main className={route.embed ? 'app-main embed' : 'app-main public'}>
        <PageBoundary key={location.pathname}>
          <PublicPage slug={route.slug} embed={route.embed} />
        </PageBoundary>
      </main>
    );
  }

  return (
    <>
      <header className="app-header">
        <Link to={paths.tournaments()} className="brand">
          tourney
        </Link>
        {session && (
          <nav aria-label="Main">
            {nav.map((item) => (
              <Link key={item.to} to={item.to} className={item.active ? 'nav-link active' : 'nav-link'} aria-current={item.active ? 'page' : undefined}>
                {item.label}
              </Link>
            ))}
          </nav>
        )}
        {session && (
          <div className="who">
            <span data-testid="signed-in-as">
              {session.email} <span className="role">{session.role}</span>
            </span>
            {session.role === 'admin' && <QueueBoardLink />}
            <button type="button" className="button ghost" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main className="app-main">
        {needsSignIn ? null : (
          <PageBoundary key={location.pathname}>
            <Page route={route} />
          </PageBoundary>
        )}
      </main>
    </>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'login':
      return <LoginPage />;
    case 'tournaments':
      return <TournamentsPage />;
    case 'launch':
      return <LaunchPage />;
    case 'monitor':
      return <MonitorPage />;
    case 'tournament':
      return <TournamentPage tournamentId={route.tournamentId} />;
    case 'bracket':
      return <BracketPage tournamentId={route.tournamentId} />;
    case 'leaderboard':
      return <LeaderboardPage tournamentId={route.tournamentId} />;
    case 'print':
      return <PrintPage tournamentId={route.tournamentId} />;
    case 'public':
      return <PublicPage slug={route.slug} embed={route.embed} />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
