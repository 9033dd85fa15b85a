import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error.ts';
import { api } from '../api/api-client.ts';
import { resultCalls, type AuditEntry, type Outcome } from '../api/result-calls.ts';
import type { Session } from '../api/wire-types.ts';
import { describeError } from '../text/error-text.ts';
import { Notice } from './notice.tsx';

/** Who wins: a participant's id, 'draw' (played, no winner) or 'none' (a double forfeit). */
type Pick = number | 'draw' | 'none';

function sideName(session: Session, slot: number): string {
  return session.participants.find((p) => p.slot === slot)?.name ?? 'to be decided';
}

function resultText(entry: Record<string, unknown> | null, session: Session): string {
  if (!entry || entry.resultSubmitted === false) return 'no result';
  const winner = entry.winnerId as number | null;
  const score = entry.score as [number, number] | null;
  const outcome = entry.outcome as Outcome | null;
  const name = session.participants.find((p) => p.id === winner)?.name ?? (winner === null ? null : `player ${winner}`);
  const how = outcome === 'walkover' ? (winner === null ? 'double forfeit' : `${name} by walkover`) : winner === null ? 'draw' : `${name} won`;
  return `${how}${score ? ` ${score[0]}–${score[1]}` : ''}${outcome === 'retired' ? ' (retired)' : ''}`;
}

/**
 * Enter or correct the result of one session: outcome (played, walkover, retired), winner and
 * score. A correction whose later results must be cleared asks first, naming them; only an
 * admin may confirm that. The match's history (every result and correction) is listed below.
 * Opened only for those who may write: viewers never get it.
 */
export function ResultDialog({
  tournamentId,
  session,
  format,
  isAdmin,
  onClose,
}: {
  tournamentId: number;
  session: Session;
  /** The tournament's format: whether it allows draws is read from GET /formats. */
  format: string;
  isAdmin: boolean;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const formats = useQuery({ queryKey: ['formats'], queryFn: () => api.formats(), staleTime: Infinity });
  // A draw only where the format allows one, and never in a match that sends a winner on.
  const allowsDraws =
    (formats.data?.formats.find((f) => f.name === format)?.allows_draws ?? false) &&
    session.phase !== 'KNOCKOUT' &&
    session.next_session_id === null &&
    session.loser_next_session_id === null;
  const [outcome, setOutcome] = useState<Outcome>(session.outcome ?? 'played');
  const [pick, setPick] = useState<Pick | null>(
    session.result_submitted ? (session.winner_id ?? (session.outcome === 'walkover' ? 'none' : 'draw')) : null,
  );
  const [scores, setScores] = useState<[string, string]>([String(session.score?.[0] ?? ''), String(session.score?.[1] ?? '')]);
  const [problem, setProblem] = useState<string | null>(null);
  const [cascade, setCascade] = useState<{ names: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const correcting = session.result_submitted;
  const [a, b] = [session.participants.find((p) => p.slot === 0), session.participants.find((p) => p.slot === 1)];

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const history = useQuery({
    queryKey: ['session-history', tournamentId, session.id],
    queryFn: ({ signal }) => resultCalls.history(tournamentId, String(session.id), signal),
    enabled: correcting,
  });

  async function send(withCascade: boolean) {
    setProblem(null);
    if (pick === null) {
      setProblem('Choose who won.');
      return;
    }
    const winner = typeof pick === 'number' ? pick : null;
    let score: [number, number] | null = null;
    if (outcome !== 'walkover' || scores[0] !== '' || scores[1] !== '') {
      const parsed = scores.map((s) => Number(s.trim()));
      if (scores.some((s) => s.trim() === '') || parsed.some((n) => !Number.isInteger(n) || n < 0)) {
        setProblem(outcome === 'walkover' ? 'Leave both scores empty for a walkover, or give two whole numbers.' : 'Enter both scores as whole numbers.');
        return;
      }
      score = [parsed[0], parsed[1]];
    }
    setBusy(true);
    try {
      const body = { winner_id: winner, score, outcome };
      if (correcting) await resultCalls.correct(tournamentId, String(session.id), body, withCascade);
      else await resultCalls.submit(tournamentId, String(session.id), body);
      await queryClient.invalidateQueries({ queryKey: ['sessions', tournamentId] });
      await queryClient.invalidateQueries({ queryKey: ['tournament', tournamentId] });
      await queryClient.invalidateQueries({ queryKey: ['session-history', tournamentId] });
      await queryClient.invalidateQueries({ queryKey: ['schedule-board', tournamentId] });
      dialog.current?.close();
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'later_results_exist') {
        const sessions = (error.details.sessions as { phase: string; round: number; match_number: number }[] | undefined) ?? [];
        setCascade({ names: sessions.map((s) => `round ${s.round}, match ${s.match_number}`) });
      } else {
        setProblem(describeError(error, false));
      }
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void send(false);
  }

  const winnerChoices: { value: Pick; label: string }[] = [
    ...(a ? [{ value: a.id as Pick, label: a.name }] : []),
    ...(b ? [{ value: b.id as Pick, label: b.name }] : []),
    ...(outcome === 'played' && allowsDraws ? [{ value: 'draw' as Pick, label: 'Draw' }] : []),
    ...(outcome === 'walkover' ? [{ value: 'none' as Pick, label: 'Nobody (double forfeit)' }] : []),
  ];

  return (
    <dialog ref={dialog} className="result-dialog" aria-labelledby="result-title" onClose={onClose} data-testid="result-dialog">
      <form method="dialog" onSubmit={submit}>
        <h2 id="result-title">
          {correcting ? 'Correct the result' : 'Enter the result'}: {sideName(session, 0)} vs {sideName(session, 1)}
        </h2>
        <fieldset className="outcome">
          <legend>How it ended</legend>
          {(['played', 'walkover', 'retired'] as const).map((o) => (
            <label key={o}>
              <input
                type="radio"
                name="outcome"
                value={o}
                checked={outcome === o}
                onChange={() => {
                  setOutcome(o);
                  if ((o !== 'played' && pick === 'draw') || (o !== 'walkover' && pick === 'none')) setPick(null);
                }}
              />
              {o === 'played' ? 'Played' : o === 'walkover' ? 'Walkover (not played)' : 'Retired (a player gave up)'}
            </label>
          ))}
        </fieldset>
        <fieldset className="winner">
          <legend>{outcome === 'retired' ? 'Winner (the player who did not retire)' : 'Winner'}</legend>
          {winnerChoices.map((c) => (
            <label key={String(c.value)}>
              <input type="radio" name="winner" checked={pick === c.value} onChange={() => setPick(c.value)} />
              {c.label}
            </label>
          ))}
        </fieldset>
        <fieldset className="score">
          <legend>{outcome === 'walkover' ? 'Score (optional for a walkover)' : 'Score'}</legend>
          <label>
            {sideName(session, 0)}
            <input inputMode="numeric" aria-label={`score of ${sideName(session, 0)}`} value={scores[0]} onChange={(e) => setScores([e.target.value, scores[1]])} />
          </label>
          <label>
            {sideName(session, 1)}
            <input inputMode="numeric" aria-label={`score of ${sideName(session, 1)}`} value={scores[1]} onChange={(e) => setScores([scores[0], e.target.value])} />
          </label>
        </fieldset>
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        {cascade && (
          <div className="confirm" role="alert" data-testid="cascade-confirm">
            <p>
              This changes who went on. Later results stand on it and would be cleared: {cascade.names.join('; ')}.
            </p>
            {isAdmin ? (
              <button type="button" className="button danger" disabled={busy} onClick={() => void send(true)}>
                Correct and clear {cascade.names.length} later result{cascade.names.length === 1 ? '' : 's'}
              </button>
            ) : (
              <p>Only an admin can clear later results.</p>
            )}
          </div>
        )}
        <div className="actions">
          <button type="button" className="button" onClick={() => { dialog.current?.close(); onClose(); }}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {correcting ? 'Save correction' : 'Save result'}
          </button>
        </div>
      </form>
      {correcting && (
        <section className="history" aria-label="History of this match">
          <h3>History</h3>
          {history.isPending && <p>Loading…</p>}
          {history.isError && <p className="problem">{describeError(history.error, false)}</p>}
          {history.data && (
            <ol data-testid="result-history">
              {history.data.items.map((entry: AuditEntry) => (
                <li key={entry.id}>
                  <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time> {entry.actor.email ?? 'system'}:{' '}
                  {entry.action === 'correction'
                    ? `corrected ${resultText(entry.before, session)} → ${resultText(entry.after, session)}`
                    : `${entry.action} ${resultText(entry.after, session)}`}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </dialog>
  );
}

/**
 * The result dialog of a session known by its id only (the stations' "on now / next up"): the
 * session is read fresh (GET …/sessions/{session_id}) each time it is opened.
 */
export function SessionResultDialog({
  tournamentId,
  sessionId,
  format,
  isAdmin,
  onClose,
}: {
  tournamentId: number;
  sessionId: string;
  format: string;
  isAdmin: boolean;
  onClose: () => void;
}) {
  const session = useQuery({
    queryKey: ['session', tournamentId, sessionId],
    queryFn: ({ signal }) => resultCalls.session(tournamentId, sessionId, signal),
    gcTime: 0,
    retry: false,
  });
  if (session.isError) {
    return (
      <Notice tone="warn">
        {describeError(session.error, false)}{' '}
        <button type="button" className="button small ghost" onClick={onClose}>
          Close
        </button>
      </Notice>
    );
  }
  if (!session.data) return <p className="muted small">Opening the match…</p>;
  return <ResultDialog tournamentId={tournamentId} session={session.data} format={format} isAdmin={isAdmin} onClose={onClose} />;
}
