import { canWrite, isAdmin, useSession } from '../auth/use-session.ts';
import { untrackTournament } from '../monitor/tracked-ids.ts';
import { MAX_LIVE_STREAMS, useLiveTournament, type LiveState } from '../monitor/use-live-tournament.ts';
import { Link } from '../router/link.tsx';
import { paths } from '../router/routes.ts';
import { describeError, isTransient } from '../text/error-text.ts';
import { formatLabel } from '../text/format-name.ts';
import { countText } from '../text/number-text.ts';
import { CardActions } from './card-actions.tsx';
import { GenerationTask } from './generation-task.tsx';
import { Notice } from './notice.tsx';
import { ProgressBar } from './progress-bar.tsx';
import { RoundBreakdownTable } from './round-breakdown.tsx';
import { StatusBadge } from './status-badge.tsx';

function liveText(live: LiveState, pollSeconds: number): string {
  switch (live) {
    case 'open':
      return `Live: the server pushes changes; also checking every ${pollSeconds} s.`;
    case 'connecting':
      return `Connecting to live updates; checking every ${pollSeconds} s.`;
    case 'lost':
      return `Live updates interrupted; reconnecting… Checking every ${pollSeconds} s meanwhile.`;
    case 'unavailable':
      return `Checking every ${pollSeconds} s.`;
    case 'off':
      return `Checking every ${pollSeconds} s (live push is kept for the first ${MAX_LIVE_STREAMS} cards).`;
    case 'finished':
      return `Finished, so no live push; checking every ${pollSeconds} s.`;
  }
}

function clockText(timestamp: number): string {
  return timestamp > 0 ? new Date(timestamp).toLocaleTimeString('en-GB') : '—';
}

/** One tracked tournament on the monitor, kept current by push and poll. */
export function TournamentCard({ id, pollSeconds, push }: { id: number; pollSeconds: number; push: boolean }) {
  const session = useSession();
  const { query, live, gone } = useLiveTournament(id, pollSeconds, push);
  const detail = query.data;
  const error = query.error;

  const stop = (
    <button type="button" className="button ghost small" onClick={() => untrackTournament(id)} aria-label={`Stop tracking tournament ${id}`}>
      Stop tracking
    </button>
  );

  if (!detail || gone) {
    return (
      <article className="card tcard" data-testid="tournament-card" data-tournament-id={id}>
        <header className="tcard-head">
          <h2>Tournament #{id}</h2>
          <div className="tcard-tools">{stop}</div>
        </header>
        {gone ? (
          <Notice tone="warn" testId="card-problem">
            Tournament #{id} does not exist{detail ? ' any more (it was deleted)' : ''}, so it is no longer checked. Stop tracking it to remove this card.
          </Notice>
        ) : error ? (
          <Notice tone="warn" testId="card-problem">
            {describeError(error, isTransient(error))}
          </Notice>
        ) : (
          <p className="muted">Loading tournament #{id}…</p>
        )}
      </article>
    );
  }

  const { counts } = detail;
  return (
    <article className="card tcard" data-testid="tournament-card" data-tournament-id={id} aria-labelledby={`tcard-${id}`}>
      <header className="tcard-head">
        <div>
          <h2 id={`tcard-${id}`}>
            {detail.name} <span className="muted">#{id}</span>
          </h2>
          <p className="muted small">
            {formatLabel(detail.format)} · {countText(counts.enrolled)} players
          </p>
        </div>
        <div className="tcard-tools">
          <StatusBadge status={detail.status} testId="card-status" />
          <button type="button" className="button small" onClick={() => void query.refetch()} disabled={query.isFetching}>
            {query.isFetching ? 'Refreshing…' : 'Refresh now'}
          </button>
          {stop}
        </div>
      </header>

      {error ? (
        <Notice tone="warn" testId="card-problem">
          {describeError(error, isTransient(error))} Showing what was last read at {clockText(query.dataUpdatedAt)}.
        </Notice>
      ) : (
        <p className={live === 'lost' ? 'live-line lost' : 'live-line'} data-testid="card-live">
          <span className={`live-dot ${live}`} aria-hidden="true" />
          {liveText(live, pollSeconds)} Updated {clockText(query.dataUpdatedAt)}.
        </p>
      )}

      <GenerationTask task={detail.latest_task} sessions={counts.sessions} />

      <dl className="stats">
        <div>
          <dt>Enrolled</dt>
          <dd data-testid="card-enrolled">{countText(counts.enrolled)}</dd>
        </div>
        <div>
          <dt>Sessions</dt>
          <dd data-testid="card-sessions">{countText(counts.sessions)}</dd>
        </div>
        <div>
          <dt>Results submitted</dt>
          <dd data-testid="card-results">{countText(counts.results_submitted)}</dd>
        </div>
        <div>
          <dt>Rankings</dt>
          <dd data-testid="card-rankings">{countText(counts.rankings)}</dd>
        </div>
      </dl>
      <ProgressBar done={counts.results_submitted} total={counts.sessions} label="Results submitted" testId="card-progress" />

      <details className="breakdown" open={detail.breakdown.length <= 12}>
        <summary>By phase and round ({detail.breakdown.length} rounds)</summary>
        <RoundBreakdownTable rows={detail.breakdown} />
      </details>

      {canWrite(session) && <CardActions detail={detail} canSimulate={isAdmin(session)} />}

      <footer className="tcard-links">
        <Link to={paths.bracket(id)}>Bracket and standings</Link>
        <Link to={paths.leaderboard(id)}>Leaderboard</Link>
      </footer>
    </article>
  );
}
