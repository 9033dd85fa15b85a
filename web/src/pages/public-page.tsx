import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/api-error.ts';
import { SessionSourceProvider, type SessionSource } from '../api/session-source.tsx';
import type { Phase, RoundBreakdown, Session, StandingsReply } from '../api/wire-types.ts';
import { DoubleEliminationBracket } from '../components/double-elimination-bracket.tsx';
import { IndividualEvent } from '../components/individual-event.tsx';
import { KnockoutBracket } from '../components/knockout-bracket.tsx';
import { StationBoardView } from '../components/schedule-panel.tsx';
import { publicBoard } from '../api/schedule-calls.ts';
import { Notice } from '../components/notice.tsx';
import { PhaseRounds } from '../components/phase-rounds.tsx';
import { phaseName } from '../components/round-breakdown.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { tieBreakText } from '../components/standings-table.tsx';
import { SHOWN_ELSEWHERE, TieBreakLegend, tieBreakLabel } from '../components/tie-break-legend.tsx';
import { formatLabel, ranksByElimination } from '../text/format-name.ts';
import { markColumns, markColumnText, rankedByMarks } from '../text/mark-text.ts';
import { countText } from '../text/number-text.ts';

interface PublicTournament {
  name: string;
  format: string;
  status: string;
  settings: Record<string, unknown>;
  counts: { participants: number; sessions: number; results_submitted: number };
  breakdown: RoundBreakdown[];
  updated_at: string;
  revision: number;
}


// No token: a public page is read by anyone, and a 401 must not sign this browser out.
async function publicGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`/api/v1/public/${path}`, { headers: { accept: 'application/json' }, signal });
  const json = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!response.ok) throw new ApiError(response.status, json?.error?.code ?? `http_${response.status}`, json?.error?.message ?? response.statusText);
  return json as T;
}

const BRACKET_PHASES: Phase[] = ['KNOCKOUT'];

/** The schedule as calendar feeds a phone subscribes to: the whole tournament, or one participant's matches. */
function CalendarLinks({ slug, people }: { slug: string; people: { id: number; name: string }[] }) {
  const [who, setWho] = useState('');
  const sorted = useMemo(() => [...people].sort((a, b) => a.name.localeCompare(b.name)), [people]);
  return (
    <p className="calendar-links small" data-testid="calendar-links">
      Add to a calendar: <a href={`/api/v1/public/${slug}/schedule.ics`}>every match</a>
      {sorted.length > 0 && (
        <>
          {' · '}
          <label>
            the matches of{' '}
            <select value={who} onChange={(e) => setWho(e.target.value)} aria-label="Participant for the calendar">
              <option value="">choose…</option>
              {sorted.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          {who !== '' && (
            <>
              {' '}
              <a href={`/api/v1/public/${slug}/players/${who}/schedule.ics`} data-testid="participant-calendar">
                calendar of {sorted.find((p) => String(p.id) === who)?.name}
              </a>
            </>
          )}
        </>
      )}
    </p>
  );
}

/**
 * A shared tournament for players and parents: no login, read-only, live (Server-Sent Events),
 * fitted to a phone. Embedded (/t/{slug}/embed), it is the bracket alone.
 */
export function PublicPage({ slug, embed }: { slug: string; embed: boolean }) {
  const queryClient = useQueryClient();
  const summary = useQuery({ queryKey: ['public', slug], queryFn: ({ signal }) => publicGet<PublicTournament>(slug, signal), retry: (n, e) => !(e instanceof ApiError && e.status === 404) && n < 3 });
  const standings = useQuery({
    // Read again when a result, correction or withdrawal lands, or the status moves (rankings at completion).
    queryKey: ['public', slug, 'standings', summary.data?.revision ?? -1, summary.data?.status ?? '', summary.data?.counts.results_submitted ?? -1],
    queryFn: ({ signal }) => publicGet<StandingsReply>(`${slug}/standings`, signal),
    enabled: summary.isSuccess,
  });
  // An individual event was ranked by marks (best or sum, attempts): those are its columns, not W/D/L.
  const byMarks = rankedByMarks(standings.data?.items[0]?.tie_breaks);
  // The format's tie-breakers (every row carries the same ones) that the columns above do not show.
  const tieBreaks = byMarks ? [] : Object.keys(standings.data?.items[0]?.tie_breaks ?? {}).filter((name) => !SHOWN_ELSEWHERE.has(name));
  const source: SessionSource = useMemo(
    () => async (_id, query, signal) => {
      const q = new URLSearchParams();
      if (query.phase) q.set('phase', query.phase);
      if (query.round !== undefined) q.set('round', String(query.round));
      return (await publicGet<{ items: Session[] }>(`${slug}/sessions?${q}`, signal)).items;
    },
    [slug],
  );

  // Live: every change the server sees arrives as a new summary; the bracket reads its rounds again.
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const events = new EventSource(`/api/v1/public/${slug}/events`);
    events.addEventListener('tournament', (e) => {
      const next = JSON.parse((e as MessageEvent<string>).data) as PublicTournament;
      queryClient.setQueryData(['public', slug], next);
      void queryClient.invalidateQueries({ queryKey: ['sessions', 0] });
    });
    return () => events.close();
  }, [slug, queryClient]);

  if (summary.isError) {
    const gone = summary.error instanceof ApiError && summary.error.status === 404;
    return <Notice tone="warn">{gone ? 'This tournament is not shared, or its link was turned off.' : 'The results could not be loaded. Retrying…'}</Notice>;
  }
  const t = summary.data;
  if (!t) return <p className="muted">Loading…</p>;
  const phases = [...new Set(t.breakdown.map((b) => b.phase))];
  const doubleElimination = phases.some((p) => p === 'WINNERS' || p === 'LOSERS' || p === 'GRAND_FINAL');
  // A bracket ranks by how far each got: no points column.
  const points = !ranksByElimination(t.format) && !byMarks;
  const marks = byMarks ? markColumns(t.settings) : [];

  const brackets = (
    <SessionSourceProvider source={source}>
      {doubleElimination && <DoubleEliminationBracket tournamentId={0} breakdown={t.breakdown} />}
      {phases
        .filter((p) => BRACKET_PHASES.includes(p))
        .map((phase) => (
          <KnockoutBracket key={phase} tournamentId={0} rounds={t.breakdown.filter((b) => b.phase === phase)} />
        ))}
    </SessionSourceProvider>
  );
  if (embed) return <div className="public-embed">{brackets}</div>;

  return (
    <section className="public-page">
      <header className="public-head">
        <h1 data-testid="public-name">{t.name}</h1>
        <p className="muted">
          {formatLabel(t.format)} · {countText(t.counts.participants)} participants · {countText(t.counts.results_submitted)} of {countText(t.counts.sessions)} results{' '}
          <StatusBadge status={t.status as never} />
        </p>
      </header>
      {t.breakdown.length === 0 && <p className="empty card">The draw is not made yet.</p>}
      {t.settings.schedule != null && t.status === 'IN_PROGRESS' && (
        <section className="card" aria-label="Stations">
          <h2>On now and next up</h2>
          <StationBoardView queryKey={['public', slug, t.revision, t.counts.results_submitted]} load={(signal) => publicBoard(slug, signal)} />
          <CalendarLinks slug={slug} people={(standings.data?.items ?? []).map((r) => ({ id: r.player_id, name: r.name }))} />
        </section>
      )}
      {brackets}
      {standings.data?.final && standings.data.items.some((r) => r.rank === 1) && (
        <p className="champion card" data-testid="public-champion">
          Champion: <strong>{standings.data.items.filter((r) => r.rank === 1).map((r) => r.name).join(' and ')}</strong>
        </p>
      )}
      {standings.data && standings.data.items.length > 0 && (
        <section className="card" aria-label="Standings">
          <h2>{standings.data.final ? 'Final standings' : 'Standings so far'}</h2>
          <div className="table-scroll">
            <table className="table" data-testid="public-standings">
              <thead>
                <tr>
                  <th scope="col" className="num">#</th>
                  <th scope="col">Name</th>
                  <th scope="col">Club</th>
                  {points && <th scope="col" className="num">Pts</th>}
                  {!byMarks && (
                    <>
                      <th scope="col" className="num">W</th>
                      <th scope="col" className="num">D</th>
                      <th scope="col" className="num">L</th>
                    </>
                  )}
                  {marks.map((c) => (
                    <th key={c.name} scope="col" className="num" title={c.title} data-mark-column={c.name}>
                      {c.heading}
                    </th>
                  ))}
                  {tieBreaks.map((name) => (
                    <th key={name} scope="col" className="num" title={tieBreakLabel(name)[1]} data-tie-break={name}>
                      {tieBreakLabel(name)[0]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {standings.data.items.map((r) => (
                  <tr key={r.player_id}>
                    <td className="num">{r.rank}</td>
                    <td>{r.name}{r.withdrawn && <span className="muted"> (withdrawn)</span>}</td>
                    <td>{r.club ?? ''}</td>
                    {points && <td className="num">{countText(r.points)}</td>}
                    {!byMarks && (
                      <>
                        <td className="num">{r.wins}</td>
                        <td className="num">{r.draws}</td>
                        <td className="num">{r.losses}</td>
                      </>
                    )}
                    {marks.map((c) => (
                      <td key={c.name} className="num" data-mark-column={c.name}>
                        {markColumnText(c, r.tie_breaks[c.name])}
                      </td>
                    ))}
                    {tieBreaks.map((name) => (
                      <td key={name} className="num muted" data-tie-break={name}>
                        {tieBreakText(r.tie_breaks[name])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <TieBreakLegend names={tieBreaks} />
        </section>
      )}
      <SessionSourceProvider source={source}>
        {phases
          .filter((p) => !BRACKET_PHASES.includes(p) && !doubleElimination)
          .map((phase) => (
            <section key={phase} className="card">
              <h2>{phaseName(phase)}</h2>
              {phase === 'INDIVIDUAL' ? (
                <IndividualEvent tournamentId={0} rounds={t.breakdown.filter((b) => b.phase === phase)} settings={t.settings} canEnter={false} leaderboard={false} />
              ) : (
                <PhaseRounds tournamentId={0} phase={phase} rounds={t.breakdown.filter((b) => b.phase === phase)} />
              )}
            </section>
          ))}
      </SessionSourceProvider>
    </section>
  );
}
