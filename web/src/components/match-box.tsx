import { memo, type KeyboardEvent } from 'react';
import type { Session, SessionParticipant } from '../api/wire-types.ts';
import { COLUMN_WIDTH, MATCH_HEIGHT } from '../bracket/bracket-geometry.ts';
import { scheduleText } from '../text/date-text.ts';

function sideOf(session: Session, slot: number): SessionParticipant | undefined {
  return session.participants.find((p) => p.slot === slot);
}

/**
 * One session: both sides with seed, name and score; the winner marked. Placed at left/top
 * on the bracket when given, in the flow otherwise. Memoized: a scroll re-renders only the
 * boxes that come into view.
 */
export const MatchBox = memo(function MatchBox({
  session,
  label,
  focused,
  query,
  left,
  top,
  onOpen,
  sideLabels,
}: {
  session: Session;
  /** Shown in place of the seed where given (a group knockout's A1, B2). */
  sideLabels?: ReadonlyMap<number, string>;
  /** Given where the viewer may enter or correct results: a click (or Enter) opens the session. */
  onOpen?: (session: Session) => void;
  label: string;
  focused?: boolean;
  /** A name being searched for, marked where it appears. */
  query?: string;
  left?: number;
  top?: number;
}) {
  const style = left === undefined || top === undefined ? undefined : { left, top, width: COLUMN_WIDTH, height: MATCH_HEIGHT };
  const q = query?.trim().toLowerCase() ?? '';
  const when = session.result_submitted ? '' : scheduleText(session);
  const described = when ? `${label}, ${when}` : label;
  return (
    <div
      className={focused ? 'match focused' : 'match'}
      style={style}
      title={described}
      data-testid={focused ? 'bracket-focus' : 'bracket-match'}
      data-session-id={String(session.id)}
      aria-label={described}
      {...(onOpen && session.participants.length === 2
        ? {
            role: 'button',
            tabIndex: 0,
            onClick: () => onOpen(session),
            onKeyDown: (e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onOpen(session);
              }
            },
          }
        : {})}
    >
      {when && (
        <span className="when" data-testid="match-when">
          {when}
        </span>
      )}
      {[0, 1].map((slot) => {
        const p = sideOf(session, slot);
        const won = p !== undefined && session.winner_id === p.id;
        const lost = p !== undefined && session.result_submitted && session.winner_id !== null && !won;
        const hit = p !== undefined && q !== '' && p.name.toLowerCase().includes(q);
        const score = session.score ? session.score[slot] : null;
        return (
          <div key={slot} className={['side', won ? 'won' : '', lost ? 'lost' : '', hit ? 'hit' : ''].join(' ').trim()}>
            {p && sideLabels?.has(p.id) ? (
              <span className="seed place" title={`group ${sideLabels.get(p.id)!.replace(/\d+$/, '')}, place ${sideLabels.get(p.id)!.replace(/^\D+/, '')}`} data-testid="group-place">
                {sideLabels.get(p.id)}
              </span>
            ) : (
              <span className="seed">{p?.seed ?? ''}</span>
            )}
            <span className={p ? 'name' : 'name tbd'}>{p ? p.name : 'to be decided'}</span>
            <span className="score">{score ?? ''}</span>
          </div>
        );
      })}
    </div>
  );
});
