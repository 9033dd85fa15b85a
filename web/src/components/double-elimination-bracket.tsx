import { useQuery } from '@tanstack/react-query';
import { useSessionSource } from '../api/session-source.tsx';
import type { RoundBreakdown, Session } from '../api/wire-types.ts';
import { losersShape, winnersShape } from '../bracket/bracket-geometry.ts';
import { describeError, isTransient } from '../text/error-text.ts';
import { countText } from '../text/number-text.ts';
import { KnockoutBracket } from './knockout-bracket.tsx';
import { MatchBox } from './match-box.tsx';
import { Notice } from './notice.tsx';

function names(s: Session): string {
  return [0, 1].map((slot) => s.participants.find((p) => p.slot === slot)?.name ?? 'to be decided').join(' vs ');
}

/** The grand final and, when the losers-bracket champion won it, the reset. */
function GrandFinal({ tournamentId, results, onOpenSession }: { tournamentId: number; results: number; onOpenSession?: (s: Session) => void }) {
  const allSessions = useSessionSource();
  const sessions = useQuery({
    // Keyed on the results, so the reset shows as soon as it is added.
    queryKey: ['sessions', tournamentId, 'GRAND_FINAL', 'all', results],
    queryFn: ({ signal }) => allSessions(tournamentId, { phase: 'GRAND_FINAL' }, signal),
    staleTime: 5000,
  });
  if (sessions.isError) return <Notice tone="warn">{describeError(sessions.error, isTransient(sessions.error))}</Notice>;
  if (!sessions.data) return <p className="muted small">Loading the grand final…</p>;
  return (
    <div className="grand-final">
      {sessions.data.map((s) => {
        const label = s.tournament_round === 1 ? 'Grand final' : 'Grand final, reset';
        return (
          <figure key={String(s.id)} className="grand-final-match" data-testid={s.tournament_round === 1 ? 'grand-final' : 'grand-final-reset'}>
            <figcaption className="small">
              <strong>{label}</strong>
              {s.tournament_round === 1 && <span className="muted"> · winners-bracket champion against losers-bracket champion</span>}
            </figcaption>
            <MatchBox session={s} label={`${label}: ${names(s)}`} onOpen={onOpenSession} />
          </figure>
        );
      })}
      {sessions.data.length === 1 && sessions.data[0].result_submitted && sessions.data[0].winner_id === sessions.data[0].participants.find((p) => p.slot === 0)?.id && (
        <p className="muted small">The winners-bracket champion won: no reset is needed.</p>
      )}
    </div>
  );
}

/**
 * A double elimination: the winners bracket, the losers bracket (where every winners-bracket loser
 * drops in) and the grand final, each drawn only where it is in view.
 */
export function DoubleEliminationBracket({
  tournamentId,
  breakdown,
  onOpenSession,
}: {
  tournamentId: number;
  breakdown: RoundBreakdown[];
  /** Opens a session to enter or correct its result. */
  onOpenSession?: (s: Session) => void;
}) {
  const of = (phase: RoundBreakdown['phase']) => breakdown.filter((r) => r.phase === phase);
  const winners = of('WINNERS');
  const losers = of('LOSERS');
  const final = of('GRAND_FINAL');
  const sum = (rows: RoundBreakdown[], key: 'sessions' | 'results') => rows.reduce((n, r) => n + r[key], 0);
  return (
    <div className="double-elimination">
      <section aria-labelledby="winners-bracket">
        <h3 id="winners-bracket">
          Winners bracket <span className="muted small">· {countText(sum(winners, 'sessions'))} matches</span>
        </h3>
        {winners.length > 0 && <KnockoutBracket tournamentId={tournamentId} rounds={winners} phase="WINNERS" shape={winnersShape} onOpenSession={onOpenSession} />}
      </section>
      <section aria-labelledby="losers-bracket">
        <h3 id="losers-bracket">
          Losers bracket <span className="muted small">· {countText(sum(losers, 'sessions'))} matches; a player is out after a second loss</span>
        </h3>
        {losers.length > 0 ? (
          <KnockoutBracket tournamentId={tournamentId} rounds={losers} phase="LOSERS" shape={losersShape} onOpenSession={onOpenSession} />
        ) : (
          <p className="muted small">Two players: the loser of the winners final goes straight to the grand final.</p>
        )}
      </section>
      {final.length > 0 && (
        <section aria-labelledby="grand-final">
          <h3 id="grand-final">Grand final</h3>
          <GrandFinal tournamentId={tournamentId} results={sum(final, 'results') + sum(final, 'sessions')} onOpenSession={onOpenSession} />
        </section>
      )}
    </div>
  );
}
