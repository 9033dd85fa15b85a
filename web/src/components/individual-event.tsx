import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/api-client.ts';
import { ApiError } from '../api/api-error.ts';
import { scheduleCalls } from '../api/schedule-calls.ts';
import { useSessionSource } from '../api/session-source.tsx';
import type { RoundBreakdown, Session } from '../api/wire-types.ts';
import { sessionTimeText } from '../text/date-text.ts';
import { describeError, isTransient } from '../text/error-text.ts';
import { markColumns, markText } from '../text/mark-text.ts';
import { countText } from '../text/number-text.ts';
import { Notice } from './notice.tsx';

/** One participant's next attempt: a value, or a failed one. */
function AttemptEntry({ tournamentId, session, onDone }: { tournamentId: number; session: Session; onDone: () => void }) {
  const [value, setValue] = useState('');
  const name = session.participants[0]?.name ?? 'the participant';
  const enter = useMutation({
    mutationFn: (v: number | null) => scheduleCalls.attempt(tournamentId, String(session.id), v),
    onSuccess: () => {
      setValue('');
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = value.replace(/[\s,]/g, '');
    if (typed !== '') enter.mutate(Number(typed));
  };
  const problem = enter.error instanceof ApiError ? (enter.error.fieldProblems()[0]?.reason ?? describeError(enter.error, false)) : enter.error ? describeError(enter.error, false) : null;
  return (
    <form className="inline-form attempt-entry" onSubmit={submit} aria-label={`Next attempt of ${name}`}>
      <input aria-label={`Attempt of ${name}`} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} size={8} aria-invalid={problem ? true : undefined} />
      <button type="submit" className="button tiny" disabled={enter.isPending || value.trim() === ''}>Enter</button>
      <button type="button" className="button tiny ghost" disabled={enter.isPending} onClick={() => enter.mutate(null)} aria-label={`Failed attempt of ${name}`}>
        Failed
      </button>
      {problem && <span className="problem small" role="alert">{problem}</span>}
    </form>
  );
}

function RoundTurns({ tournamentId, round, attempts, canEnter, onEntered }: { tournamentId: number; round: number; attempts: number; canEnter: boolean; onEntered: () => void }) {
  const allSessions = useSessionSource();
  const sessions = useQuery({
    queryKey: ['sessions', tournamentId, 'INDIVIDUAL', round],
    queryFn: ({ signal }) => allSessions(tournamentId, { phase: 'INDIVIDUAL', round }, signal),
    staleTime: 5000,
  });
  if (sessions.isError) return <Notice tone="warn">{describeError(sessions.error, isTransient(sessions.error))}</Notice>;
  if (!sessions.data) return <p className="muted small">Loading round {round}…</p>;
  const scheduled = sessions.data.some((s) => s.scheduled_at);
  return (
    <table className="table compact" data-testid={`individual-round-${round}`}>
      <thead>
        <tr>
          <th scope="col" className="num">Order</th>
          {scheduled && <th scope="col">Time</th>}
          {scheduled && <th scope="col">Station</th>}
          <th scope="col">Participant</th>
          {Array.from({ length: attempts }, (_, i) => (
            <th key={i} scope="col" className="num">{i + 1}</th>
          ))}
          {canEnter && <th scope="col"><span className="sr-only">Enter</span></th>}
        </tr>
      </thead>
      <tbody>
        {sessions.data.map((s) => (
          <tr key={String(s.id)} data-session-id={String(s.id)}>
            <td className="num">{s.tournament_match_number}</td>
            {scheduled && <td>{sessionTimeText(s.scheduled_at)}</td>}
            {scheduled && <td>{s.station ?? ''}</td>}
            <td>{s.participants[0]?.name ?? 'to be decided'}</td>
            {Array.from({ length: attempts }, (_, i) => (
              <td key={i} className="num" data-testid="attempt">{markText(s.attempts?.[i])}</td>
            ))}
            {canEnter && <td>{!s.result_submitted && s.participants.length > 0 && <AttemptEntry tournamentId={tournamentId} session={s} onDone={onEntered} />}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * An individual event: the live leaderboard as the server ranks it (mark so far, round reached)
 * and each round's turns with their attempts as they come; operators enter the next attempt of
 * a turn (a value, or failed) right there.
 */
export function IndividualEvent({ tournamentId, rounds, settings, canEnter, leaderboard }: {
  tournamentId: number;
  rounds: RoundBreakdown[];
  settings: Record<string, unknown>;
  canEnter: boolean;
  /** The signed-in leaderboard (the public page shows its own standings). */
  leaderboard: boolean;
}) {
  const queryClient = useQueryClient();
  const attempts = typeof settings.attempts === 'number' ? settings.attempts : 3;
  const entered = () => {
    void queryClient.invalidateQueries({ queryKey: ['sessions', tournamentId] });
    void queryClient.invalidateQueries({ queryKey: ['phase-standings', tournamentId] });
    void queryClient.invalidateQueries({ queryKey: ['tournament', tournamentId] });
  };
  const [open, setOpen] = useState(() => new Set([rounds[rounds.length - 1]?.round ?? 1]));
  return (
    <div className="individual-event">
      {leaderboard && <IndividualLeaderboard tournamentId={tournamentId} settings={settings} revision={rounds.map((r) => r.results).join(':')} />}
      <h3>Rounds</h3>
      {rounds.map((r) => (
        <details key={r.round} open={open.has(r.round)} onToggle={(e) => {
          const isOpen = (e.currentTarget as HTMLDetailsElement).open;
          setOpen((prev) => {
            const next = new Set(prev);
            if (isOpen) next.add(r.round);
            else next.delete(r.round);
            return next;
          });
        }}>
          <summary>
            Round {r.round} <span className="muted">· {countText(r.sessions)} participants, {countText(r.results)} done</span>
          </summary>
          {open.has(r.round) && <RoundTurns tournamentId={tournamentId} round={r.round} attempts={attempts} canEnter={canEnter} onEntered={entered} />}
        </details>
      ))}
    </div>
  );
}

const LEADERBOARD_LINES = 100;

/** The live leaderboard: place, participant, mark so far, the round reached, valid attempts. */
function IndividualLeaderboard({ tournamentId, settings, revision }: { tournamentId: number; settings: Record<string, unknown>; revision: string }) {
  const table = useQuery({
    queryKey: ['phase-standings', tournamentId, 'INDIVIDUAL', revision],
    queryFn: ({ signal }) => api.phaseStandings(tournamentId, { phase: 'INDIVIDUAL', limit: LEADERBOARD_LINES }, signal),
    refetchInterval: 10_000,
  });
  if (table.isError) return <Notice tone="warn">{describeError(table.error, isTransient(table.error))}</Notice>;
  const t = table.data?.tables[0];
  if (!t) return <p className="muted">Loading the leaderboard…</p>;
  const column = (name: string) => t.tie_breakers.indexOf(name);
  const [roundAt, markAt, validAt] = [column('round_reached'), column('mark'), column('valid_attempts')];
  return (
    <table className="table compact" data-testid="individual-leaderboard">
      <caption>{t.lines.length < t.total ? `Leaderboard: top ${t.lines.length} of ${countText(t.total)}` : 'Leaderboard'}</caption>
      <thead>
        <tr>
          <th scope="col" className="num">#</th>
          <th scope="col">Participant</th>
          <th scope="col" className="num" title={markColumns(settings)[0].title}>{markColumns(settings)[0].heading}</th>
          <th scope="col" className="num">Round</th>
          <th scope="col" className="num">Valid attempts</th>
        </tr>
      </thead>
      <tbody>
        {t.lines.map((l) => (
          <tr key={l.player_id}>
            <td className="num">{l.rank}</td>
            <td>{l.player_name}</td>
            <td className="num" data-testid="mark">{l.tie_break_values[markAt] === null ? '—' : markText(l.tie_break_values[markAt])}</td>
            <td className="num">{l.tie_break_values[roundAt]}</td>
            <td className="num">{l.tie_break_values[validAt]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
