import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/api-client.ts';
import { useSessionSource } from '../api/session-source.tsx';
import type { Phase, RoundBreakdown, Session } from '../api/wire-types.ts';
import { canWrite, isAdmin, useSession } from '../auth/use-session.ts';
import { ResultDialog } from '../components/result-dialog.tsx';
import { DoubleEliminationBracket } from '../components/double-elimination-bracket.tsx';
import { IndividualEvent } from '../components/individual-event.tsx';
import { KnockoutBracket } from '../components/knockout-bracket.tsx';
import { Notice } from '../components/notice.tsx';
import { PhaseRounds } from '../components/phase-rounds.tsx';
import { LINES_SHOWN, PhaseStandings } from '../components/phase-standings.tsx';
import { phaseName } from '../components/round-breakdown.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { Link } from '../router/link.tsx';
import { paths } from '../router/routes.ts';
import { describeError, isTransient } from '../text/error-text.ts';
import { formatLabel } from '../text/format-name.ts';
import { countText } from '../text/number-text.ts';

/** The knockout is labelled and its qualifiers marked up to this many first-round matches. */
const MAX_LABELLED = 4096;

function phasesInOrder(breakdown: RoundBreakdown[]): { phase: Phase; rounds: RoundBreakdown[] }[] {
  const out: { phase: Phase; rounds: RoundBreakdown[] }[] = [];
  for (const row of breakdown) {
    let entry = out.find((p) => p.phase === row.phase);
    if (!entry) {
      entry = { phase: row.phase, rounds: [] };
      out.push(entry);
    }
    entry.rounds.push(row);
  }
  return out;
}

/** A tournament's bracket (knockout phases) and tables (group, league and Swiss phases). */
export function BracketPage({ tournamentId }: { tournamentId: number }) {
  const queryClient = useQueryClient();
  const tournament = useQuery({
    queryKey: ['tournament', tournamentId],
    queryFn: ({ signal }) => api.tournament(tournamentId, signal),
    refetchInterval: 10_000,
  });
  const detail = tournament.data;
  const signedIn = useSession();
  const [open, setOpen] = useState<Session | null>(null);
  // Results are entered where the match is, by those who may write, while the tournament runs.
  const onOpenSession = detail?.status === 'IN_PROGRESS' && canWrite(signedIn) ? setOpen : undefined;

  // A finished tournament names its champion (rank 1 as the server ranked it).
  const finished = detail !== undefined && detail.counts.rankings > 0 && (detail.status === 'COMPLETED' || detail.counts.results_submitted === detail.counts.sessions);
  const podium = useQuery({
    queryKey: ['rankings', tournamentId, 'podium', detail?.revision ?? 0],
    enabled: finished,
    queryFn: ({ signal }) => api.rankings(tournamentId, { limit: 3, offset: 0 }, signal),
  });
  const champions = (podium.data?.items ?? []).filter((r) => r.rank === 1);

  // Group knockout: each knockout player is labelled by group and place (A1, B2), and the group
  // tables mark who went through, both from the tables the server ranked.
  const groupStage = detail?.format === 'group_knockout' && detail.breakdown.some((b) => b.phase === 'KNOCKOUT');
  const groupTables = useQuery({
    queryKey: ['phase-standings', tournamentId, 'GROUP', LINES_SHOWN],
    enabled: groupStage,
    queryFn: ({ signal }) => api.phaseStandings(tournamentId, { phase: 'GROUP', limit: LINES_SHOWN }, signal),
    staleTime: 5000,
  });
  const source = useSessionSource();
  const knockoutEntry = useQuery({
    queryKey: ['knockout-entrants', tournamentId],
    enabled: groupStage && (detail?.breakdown.find((b) => b.phase === 'KNOCKOUT' && b.round === 1)?.sessions ?? 0) <= MAX_LABELLED,
    staleTime: Infinity,
    // Byes send the top qualifiers straight to round 2: both rounds name everyone who went through.
    queryFn: async ({ signal }) => [...(await source(tournamentId, { phase: 'KNOCKOUT', round: 1 }, signal)), ...(await source(tournamentId, { phase: 'KNOCKOUT', round: 2 }, signal))],
  });
  const places = useMemo(() => {
    const out = new Map<number, string>();
    for (const t of groupTables.data?.tables ?? []) for (const l of t.lines) if (t.group) out.set(l.player_id, `${t.group}${l.rank}`);
    return out;
  }, [groupTables.data]);
  const through = useMemo(() => new Set((knockoutEntry.data ?? []).flatMap((s) => s.participants.map((p) => p.id))), [knockoutEntry.data]);

  // New results, corrections or sessions: the rounds on screen are read again.
  const seen = useRef('');
  const progress = detail ? `${detail.counts.sessions}:${detail.counts.results_submitted}:${detail.revision}` : '';
  useEffect(() => {
    if (progress && seen.current && seen.current !== progress) {
      void queryClient.invalidateQueries({ queryKey: ['sessions', tournamentId] });
    }
    seen.current = progress;
  }, [progress, queryClient, tournamentId]);

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Bracket and standings</h1>
          <p className="muted">
            {detail ? (
              <>
                {detail.name} <span>#{tournamentId}</span> · {formatLabel(detail.format)} · {countText(detail.counts.enrolled)} players{' '}
                <StatusBadge status={detail.status} />
              </>
            ) : (
              <>Tournament #{tournamentId}</>
            )}
          </p>
        </div>
        <div className="toolbar">
          <Link to={paths.monitor(tournamentId)}>Monitor</Link>
          <Link to={paths.leaderboard(tournamentId)}>Leaderboard</Link>
          {detail?.breakdown.some((b) => b.phase === 'KNOCKOUT') && <Link to={paths.print(tournamentId)}>Print</Link>}
        </div>
      </div>
      {tournament.isError && <Notice tone="warn">{describeError(tournament.error, isTransient(tournament.error))}</Notice>}
      {tournament.isPending && <p className="muted">Loading tournament #{tournamentId}…</p>}
      {champions.length > 0 && (
        <p className="champion card" data-testid="champion">
          {champions.length === 1 ? 'Champion' : 'Champions'}: <strong>{champions.map((c) => c.player_name).join(' and ')}</strong>
          {podium.data && podium.data.items.length > 1 && (
            <span className="muted small"> · then {podium.data.items.filter((r) => r.rank > 1).map((r) => `${r.player_name} (${r.rank})`).join(', ')}</span>
          )}
        </p>
      )}
      {detail && detail.breakdown.length === 0 && (
        <p className="empty card">No sessions yet: the bracket appears here as soon as they are generated.</p>
      )}
      {detail &&
        phasesInOrder(detail.breakdown).map(({ phase, rounds }) => {
          // A double elimination's three phases are drawn together, under the winners bracket.
          if (phase === 'LOSERS' || phase === 'GRAND_FINAL') return null;
          if (phase === 'WINNERS') {
            return (
              <section key={phase} className="card phase" aria-labelledby="phase-double-elimination">
                <h2 id="phase-double-elimination">Double elimination</h2>
                <DoubleEliminationBracket tournamentId={tournamentId} breakdown={detail.breakdown} onOpenSession={onOpenSession} />
              </section>
            );
          }
          if (phase === 'INDIVIDUAL') {
            return (
              <section key={phase} className="card phase" aria-labelledby="phase-INDIVIDUAL">
                <h2 id="phase-INDIVIDUAL">{phaseName(phase)}</h2>
                <IndividualEvent tournamentId={tournamentId} rounds={rounds} settings={detail.settings as Record<string, unknown>} canEnter={onOpenSession !== undefined} leaderboard />
              </section>
            );
          }
          const sessions = rounds.reduce((n, r) => n + r.sessions, 0);
          return (
            <section key={phase} className="card phase" aria-labelledby={`phase-${phase}`}>
              <h2 id={`phase-${phase}`}>
                {phaseName(phase)} <span className="muted small">· {countText(sessions)} sessions in {rounds.length} rounds</span>
              </h2>
              {phase === 'KNOCKOUT' ? (
                <KnockoutBracket tournamentId={tournamentId} rounds={rounds} onOpenSession={onOpenSession} sideLabels={groupStage ? places : undefined} title={detail.name} />
              ) : (
                <>
                  <PhaseStandings tournamentId={tournamentId} phase={phase} qualified={phase === 'GROUP' && through.size > 0 ? through : undefined} />
                  <h3>Rounds</h3>
                  <PhaseRounds tournamentId={tournamentId} phase={phase} rounds={rounds} onOpenSession={onOpenSession} />
                </>
              )}
            </section>
          );
        })}
      {open && (
        <ResultDialog
          tournamentId={tournamentId}
          session={open}
          format={detail?.format ?? ''}
          isAdmin={isAdmin(signedIn)}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
