import type { Session } from '../api/wire-types.ts';
import { describeError, isTransient } from '../text/error-text.ts';
import { countText } from '../text/number-text.ts';
import { scoreText } from '../bracket/bracket-view.ts';
import { Notice } from './notice.tsx';

const MAX_HITS_LISTED = 30;

/** The bracket's "Find a player" answer: the sessions found, the furthest first, each a button that shows it. */
export function BracketSearchResults({
  searched,
  pending,
  error,
  done,
  hits,
  focusedId,
  labelOf,
  onPick,
}: {
  searched: string;
  pending: boolean;
  error: unknown;
  done: boolean;
  hits: Session[];
  focusedId: string | undefined;
  labelOf: (s: Session) => string;
  onPick: (s: Session) => void;
}) {
  return (
    <div className="search-results" data-testid="bracket-search-results" aria-live="polite">
      {pending && <p className="muted small">Looking for “{searched}”…</p>}
      {error != null && <Notice tone="warn">{describeError(error, isTransient(error))}</Notice>}
      {done && hits.length === 0 && <p className="small">No session has a player named like “{searched}”.</p>}
      {hits.length > 0 && (
        <>
          <p className="small">
            {countText(hits.length)} {hits.length === 1 ? 'session has' : 'sessions have'} a player named like “{searched}”
            {hits.length > MAX_HITS_LISTED ? `; the first ${MAX_HITS_LISTED} are listed` : ''}:
          </p>
          <ul className="hit-list">
            {hits.slice(0, MAX_HITS_LISTED).map((s) => (
              <li key={String(s.id)}>
                <button type="button" className={focusedId === String(s.id) ? 'hit current' : 'hit'} onClick={() => onPick(s)} data-testid="bracket-hit">
                  {labelOf(s)} <span className="muted">({scoreText(s)})</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
