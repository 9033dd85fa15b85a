import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, request } from '../api/api-client.ts';
import { TOURNAMENT_STATUSES, type TournamentStatus } from '../api/wire-types.ts';
import { canWrite, isAdmin, useSession } from '../auth/use-session.ts';
import { Notice } from '../components/notice.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { Link } from '../router/link.tsx';
import { navigate, useLocation } from '../router/navigation.ts';
import { paths } from '../router/routes.ts';
import { dateTimeText } from '../text/date-text.ts';
import { describeError } from '../text/error-text.ts';
import { formatLabel } from '../text/format-name.ts';
import { countText } from '../text/number-text.ts';

const PAGE = 50;

function statusFrom(value: string | null): TournamentStatus | undefined {
  return (TOURNAMENT_STATUSES as readonly string[]).includes(value ?? '') ? (value as TournamentStatus) : undefined;
}

/** A tournament for real entrants: a name and a format; participants and settings follow on its page. */
function NewTournament() {
  const [name, setName] = useState('');
  const [format, setFormat] = useState('knockout');
  const [problem, setProblem] = useState<string | null>(null);
  const formats = useQuery({ queryKey: ['formats'], queryFn: () => api.formats(), staleTime: Infinity });
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      const created = await request<{ id: number }>('POST', '/tournaments', { name: name.trim(), format });
      navigate(paths.tournament(created.id));
    } catch (error) {
      setProblem(describeError(error, false));
    }
  };
  return (
    <form className="card inline-form new-tournament" onSubmit={(e) => void create(e)} aria-label="New tournament">
      <strong>New tournament for real entrants</strong>
      <input aria-label="Tournament name" placeholder="Name, e.g. Saturday open" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      <select aria-label="Format" value={format} onChange={(e) => setFormat(e.target.value)}>
        {(formats.data?.formats ?? [{ name: 'knockout' }]).map((f) => (
          <option key={f.name} value={f.name}>
            {formatLabel(f.name)}
          </option>
        ))}
      </select>
      <button type="submit" className="button primary">Create</button>
      {problem && <span className="field-problem" role="alert">{problem}</span>}
    </form>
  );
}

export function TournamentsPage() {
  const location = useLocation();
  const session = useSession();
  const status = statusFrom(location.search.get('status'));
  const list = useInfiniteQuery({
    queryKey: ['tournaments', status ?? 'all'],
    queryFn: ({ pageParam, signal }) => api.tournaments({ status, limit: PAGE, before_id: pageParam }, signal),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next_before_id ?? undefined,
    refetchInterval: 15_000,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const setStatus = (value: string) => {
    navigate(value ? `${paths.tournaments()}?status=${value}` : paths.tournaments(), { replace: true });
  };

  return (
    <section>
      <div className="page-head">
        <h1>Tournaments</h1>
        <div className="toolbar">
          <label htmlFor="status-filter">Status</label>
          <select id="status-filter" value={status ?? ''} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All statuses</option>
            {TOURNAMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          {isAdmin(session) && (
            <Link to={paths.launch()} className="button primary">
              Launch a tournament
            </Link>
          )}
        </div>
      </div>
      {canWrite(session) && <NewTournament />}
      {list.isError && <Notice tone="warn">{describeError(list.error, false)}</Notice>}
      {list.isPending && <p className="muted">Loading tournaments…</p>}
      {list.isSuccess && items.length === 0 && (
        <p className="empty card">{status ? `No tournament is ${status}.` : 'No tournaments yet. Launch one to see it here.'}</p>
      )}
      {items.length > 0 && (
        <div className="card table-card">
          <table className="table" data-testid="tournament-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Name</th>
                <th scope="col">Format</th>
                <th scope="col" className="num">
                  Players
                </th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="sr-only">Pages</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={t.id}>
                  <td className="muted">{t.id}</td>
                  <td>
                    <Link to={paths.tournament(t.id)} title="Open the tournament">
                      {t.name}
                    </Link>
                  </td>
                  <td>{formatLabel(t.format)}</td>
                  <td className="num">{countText(t.enrolled_count)}</td>
                  <td>
                    <StatusBadge status={t.status} />
                  </td>
                  <td>{dateTimeText(t.created_at)}</td>
                  <td>
                    <span className="row-links">
                      <Link to={paths.bracket(t.id)}>Bracket</Link>
                      <Link to={paths.leaderboard(t.id)}>Leaderboard</Link>
                      <Link to={paths.monitor(t.id)}>Monitor</Link>
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && (
        <button type="button" className="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
