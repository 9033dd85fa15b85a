import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSessionSource } from '../api/session-source.tsx';
import type { Phase, RoundBreakdown, Session } from '../api/wire-types.ts';
import { sessionTimeText } from '../text/date-text.ts';
import { describeError, isTransient } from '../text/error-text.ts';
import { countText } from '../text/number-text.ts';
import { Notice } from './notice.tsx';

function side(s: Session, slot: number): string {
  return s.participants.find((p) => p.slot === slot)?.name ?? 'to be decided';
}

function RoundSessions({ tournamentId, phase, round, onOpenSession }: { tournamentId: number; phase: Phase; round: number; onOpenSession?: (s: Session) => void }) {
  const allSessions = useSessionSource();
  const sessions = useQuery({
    queryKey: ['sessions', tournamentId, phase, round],
    queryFn: ({ signal }) => allSessions(tournamentId, { phase, round }, signal),
    staleTime: 5000,
  });
  if (sessions.isError) return <Notice tone="warn">{describeError(sessions.error, isTransient(sessions.error))}</Notice>;
  if (!sessions.data) return <p className="muted small">Loading round {round}…</p>;
  const scheduled = sessions.data.some((s) => s.scheduled_at);
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th scope="col" className="num">
            Match
          </th>
          {sessions.data.some((s) => s.group_identifier) && <th scope="col">Group</th>}
          {scheduled && <th scope="col">Time</th>}
          {scheduled && <th scope="col">Station</th>}
          <th scope="col">Player</th>
          <th scope="col" className="num">
            Score
          </th>
          <th scope="col">Player</th>
        </tr>
      </thead>
      <tbody>
        {sessions.data.map((s) => (
          <tr
            key={String(s.id)}
            data-session-id={String(s.id)}
            className={onOpenSession && s.participants.length === 2 ? 'openable' : undefined}
            onClick={onOpenSession && s.participants.length === 2 ? () => onOpenSession(s) : undefined}
          >
            <td className="num">
              {onOpenSession && s.participants.length === 2 ? (
                <button type="button" className="link" aria-label={`Result of match ${s.tournament_match_number}: ${side(s, 0)} vs ${side(s, 1)}`}>
                  {s.tournament_match_number}
                </button>
              ) : (
                s.tournament_match_number
              )}
            </td>
            {sessions.data.some((x) => x.group_identifier) && <td>{s.group_identifier ?? ''}</td>}
            {scheduled && <td data-testid="session-time">{sessionTimeText(s.scheduled_at)}</td>}
            {scheduled && <td>{s.station ?? ''}</td>}
            <td className={s.winner_id !== null && s.participants.find((p) => p.slot === 0)?.id === s.winner_id ? 'winner' : undefined}>{side(s, 0)}</td>
            <td className="num">{s.result_submitted ? (s.score ? `${s.score[0]}–${s.score[1]}` : s.outcome === 'walkover' ? 'w/o' : '–') : 'vs'}</td>
            <td className={s.winner_id !== null && s.participants.find((p) => p.slot === 1)?.id === s.winner_id ? 'winner' : undefined}>{side(s, 1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The rounds of a non-knockout phase, each opened on demand with its pairings and scores. */
export function PhaseRounds({
  tournamentId,
  phase,
  rounds,
  onOpenSession,
}: {
  tournamentId: number;
  phase: Phase;
  rounds: RoundBreakdown[];
  onOpenSession?: (s: Session) => void;
}) {
  const [open, setOpen] = useState<Set<number>>(() => new Set());
  const toggle = (round: number, isOpen: boolean) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (isOpen) next.add(round);
      else next.delete(round);
      return next;
    });
  return (
    <div className="phase-rounds">
      {rounds.map((r) => (
        <details key={r.round} onToggle={(e) => toggle(r.round, (e.currentTarget as HTMLDetailsElement).open)}>
          <summary>
            Round {r.round} <span className="muted">· {countText(r.sessions)} sessions, {countText(r.results)} results</span>
          </summary>
          {open.has(r.round) && <RoundSessions tournamentId={tournamentId} phase={phase} round={r.round} onOpenSession={onOpenSession} />}
        </details>
      ))}
    </div>
  );
}
