import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api/api-client.ts';
import { Notice } from '../components/notice.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { tieBreakText } from '../components/standings-table.tsx';
import { SHOWN_ELSEWHERE, TieBreakLegend, tieBreakLabel } from '../components/tie-break-legend.tsx';
import { Link } from '../router/link.tsx';
import { paths } from '../router/routes.ts';
import { describeError, isTransient } from '../text/error-text.ts';
import { ranksByElimination } from '../text/format-name.ts';
import { markColumns, markColumnText, rankedByMarks } from '../text/mark-text.ts';
import { countText } from '../text/number-text.ts';

const PAGE_SIZE = 50;

/** The text typed, settled for a moment, so each keystroke is not a request. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export function LeaderboardPage({ tournamentId }: { tournamentId: number }) {
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const query = useSettled(search.trim(), 250);
  useEffect(() => setPage(0), [query]);

  const tournament = useQuery({ queryKey: ['tournament', tournamentId], queryFn: ({ signal }) => api.tournament(tournamentId, signal) });
  const rankings = useQuery({
    queryKey: ['rankings', tournamentId, query, page],
    queryFn: ({ signal }) => api.rankings(tournamentId, { limit: PAGE_SIZE, offset: page * PAGE_SIZE, search: query || undefined }, signal),
    placeholderData: keepPreviousData,
  });

  const total = rankings.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const items = rankings.data?.items ?? [];
  const detail = tournament.data;
  const noRankingsYet = rankings.isSuccess && total === 0 && !query;
  // The criteria that ordered the rows, in the order applied (every row carries the same ones).
  // An individual event was ranked by marks (best or sum, attempts): those are its columns, not W/D/L.
  const byMarks = rankedByMarks(items[0]?.tie_breaks);
  const marks = byMarks && detail ? markColumns(detail.settings as Record<string, unknown>) : [];
  const extra = byMarks ? [] : Object.keys(items[0]?.tie_breaks ?? {}).filter((name) => !SHOWN_ELSEWHERE.has(name));
  // An elimination bracket ranks by how far a player got: points would mean nothing there.
  const points = detail !== undefined && !ranksByElimination(detail.format) && !byMarks;

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Leaderboard</h1>
          <p className="muted">
            {detail ? (
              <>
                {detail.name} <span>#{tournamentId}</span> <StatusBadge status={detail.status} />
              </>
            ) : (
              <>Tournament #{tournamentId}</>
            )}
          </p>
        </div>
        <div className="toolbar">
          <Link to={paths.monitor(tournamentId)}>Monitor</Link>
          <Link to={paths.bracket(tournamentId)}>Bracket and standings</Link>
        </div>
      </div>
      {tournament.isError && <Notice tone="warn">{describeError(tournament.error, isTransient(tournament.error))}</Notice>}
      {rankings.isError && <Notice tone="warn">{describeError(rankings.error, isTransient(rankings.error))}</Notice>}
      {noRankingsYet ? (
        <p className="empty card" data-testid="leaderboard-empty">
          No rankings yet. They appear once every result is in and rankings are calculated (on the monitor: Calculate rankings).
        </p>
      ) : (
        <div className="card table-card leaderboard-card">
          <div className="table-tools">
            <label htmlFor="leaderboard-search">Find a player</label>
            <input id="leaderboard-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, such as Player 0042" />
            <span className="muted small" aria-live="polite">
              {rankings.isSuccess ? `${countText(total)} ${total === 1 ? 'player' : 'players'}${query ? ` match “${query}”` : ''}` : 'Loading…'}
            </span>
          </div>
          <table className="table" data-testid="leaderboard">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Rank
                </th>
                <th scope="col">Player</th>
                <th scope="col" className="num">
                  Seed
                </th>
                {!byMarks && (
                  <th scope="col" className="num" title="Wins / draws / losses">
                    W/D/L
                  </th>
                )}
                {points && (
                  <th scope="col" className="num">
                    Points
                  </th>
                )}
                {!byMarks && (
                  <th scope="col" className="num">
                    Score
                  </th>
                )}
                {marks.map((c) => (
                  <th key={c.name} scope="col" className="num" title={c.title} data-mark-column={c.name}>
                    {c.heading}
                  </th>
                ))}
                {extra.map((name) => (
                  <th key={name} scope="col" className="num" title={tieBreakLabel(name)[1]} data-tie-break={name}>
                    {tieBreakLabel(name)[0]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.player_id} className={r.rank <= 3 ? `podium podium-${r.rank}` : undefined}>
                  <td className="num" data-testid="leaderboard-rank">
                    {r.rank}
                  </td>
                  <td data-testid="leaderboard-player">{r.player_name}</td>
                  <td className="num">{countText(r.seed)}</td>
                  {!byMarks && (
                    <td className="num">
                      {r.wins}/{r.draws}/{r.losses}
                    </td>
                  )}
                  {points && <td className="num">{countText(r.points)}</td>}
                  {!byMarks && (
                    <td className="num muted">
                      {countText(r.score_for)}–{countText(r.score_against)}
                    </td>
                  )}
                  {marks.map((c) => (
                    <td key={c.name} className="num" data-mark-column={c.name}>
                      {markColumnText(c, r.tie_breaks[c.name])}
                    </td>
                  ))}
                  {extra.map((name) => (
                    <td key={name} className="num muted" data-tie-break={name}>
                      {tieBreakText(r.tie_breaks[name])}
                    </td>
                  ))}
                </tr>
              ))}
              {rankings.isSuccess && items.length === 0 && (
                <tr>
                  <td colSpan={3 + (byMarks ? marks.length : points ? 3 : 2) + extra.length} className="muted">
                    No player matches “{query}”.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <TieBreakLegend names={extra} />
          <div className="pager">
            <button type="button" className="button small" onClick={() => setPage((p) => Math.max(0, p - 1))} disabled={page === 0}>
              Previous
            </button>
            <span>
              Page {page + 1} of {pages}
            </span>
            <button type="button" className="button small" onClick={() => setPage((p) => Math.min(pages - 1, p + 1))} disabled={page + 1 >= pages}>
              Next
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
