import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { saveFile } from '../api/event-calls.ts';
import { useSessionSource } from '../api/session-source.tsx';
import type { Phase, Session } from '../api/wire-types.ts';
import {
  bracketHeight,
  bracketWidth,
  COLUMN_GAP,
  COLUMN_WIDTH,
  columnLeft,
  HEADER_HEIGHT,
  placeSessions,
  knockoutShape,
  slotCentre,
  type BracketShape,
} from '../bracket/bracket-geometry.ts';
import { bracketPng } from '../bracket/bracket-png.ts';
import { matchLabel, searchHits, visiblePieces } from '../bracket/bracket-view.ts';
import { useScrollBand } from '../bracket/use-scroll-band.ts';
import { describeError, isTransient } from '../text/error-text.ts';
import { countText } from '../text/number-text.ts';
import { BracketSearchResults } from './bracket-search-results.tsx';
import { MatchBox } from './match-box.tsx';
import { Notice } from './notice.tsx';

/** Rounds shown in full at first; earlier ones come on demand, all of them virtualized. */
const LAST_ROUNDS_SHOWN = 4;
/** Pixels drawn beyond the visible part, so a fast scroll does not show blanks. */
const OVERSCAN = 480;

function sessionsKey(tournamentId: number, phase: Phase, round: number | 'all') {
  return ['sessions', tournamentId, phase, round] as const;
}

/**
 * A bracket phase (the knockout, or a double elimination's winners or losers bracket): rounds as
 * columns joined by connectors, the third-place playoff apart. Only what is in view is drawn, so
 * a 1,024-player bracket scrolls smoothly. `shape` says how the rounds halve and what they are called.
 */
export function KnockoutBracket({
  tournamentId,
  rounds,
  phase = 'KNOCKOUT',
  shape = knockoutShape,
  onOpenSession,
  sideLabels,
  title,
}: {
  tournamentId: number;
  /** Named on the downloaded picture. */
  title?: string;
  rounds: { round: number; sessions: number }[];
  /** Shown in place of the seed: a group knockout's qualifiers as group and place (A1, B2). */
  sideLabels?: ReadonlyMap<number, string>;
  phase?: Phase;
  shape?: BracketShape;
  /** Opens a session to enter or correct its result. */
  onOpenSession?: (session: Session) => void;
}) {
  const roundName = shape.roundName;
  const queryClient = useQueryClient();
  const allSessions = useSessionSource();
  const firstRound = Math.min(...rounds.map((r) => r.round));
  const finalRound = Math.max(...rounds.map((r) => r.round));
  const [startRound, setStartRound] = useState(Math.max(firstRound, finalRound - (LAST_ROUNDS_SHOWN - 1)));
  const [term, setTerm] = useState('');
  const [searched, setSearched] = useState('');
  const [focus, setFocus] = useState<{ id: string; round: number } | null>(null);
  const scrollPending = useRef(false);
  const [viewportRef, view] = useScrollBand<HTMLDivElement>();

  const shown = useMemo(() => {
    const out: number[] = [];
    for (let r = startRound; r <= finalRound; r++) out.push(r);
    return out;
  }, [startRound, finalRound]);

  const roundQueries = useQueries({
    queries: shown.map((round) => ({
      queryKey: sessionsKey(tournamentId, phase, round),
      queryFn: ({ signal }: { signal: AbortSignal }) => allSessions(tournamentId, { phase, round }, signal),
      staleTime: 5000,
    })),
  });

  const search = useQuery({
    queryKey: sessionsKey(tournamentId, phase, 'all'),
    enabled: searched !== '',
    staleTime: 5000,
    queryFn: async ({ signal }) => {
      const list = await allSessions(tournamentId, { phase }, signal);
      // One read fills every round, so opening earlier rounds to show a hit asks for nothing more.
      const byRound = new Map<number, Session[]>();
      for (const s of list) {
        const group = byRound.get(s.tournament_round) ?? [];
        group.push(s);
        byRound.set(s.tournament_round, group);
      }
      for (const [round, group] of byRound) queryClient.setQueryData(sessionsKey(tournamentId, phase, round), group);
      return list;
    },
  });

  // Slots per round, from the final backwards: a first round with byes is placed by its links.
  // Keyed on when each round's data last changed, so a scroll does not lay the bracket out again.
  const dataStamp = roundQueries.map((q) => q.dataUpdatedAt).join(',');
  const layout = useMemo(
    () => placeSessions(shape, shown, finalRound, (i) => roundQueries[i]?.data ?? []),
    // roundQueries is read through dataStamp: its array is new on every render.
    [shown, dataStamp, finalRound, shape],
  );

  const height = bracketHeight(shape, startRound, finalRound);
  const width = bracketWidth(shown.length);
  const playoff = useMemo(() => (layout.perRound.get(finalRound) ?? []).filter((s) => layout.playoffs.has(s.id)), [layout, finalRound]);

  const hits = useMemo(() => searchHits(search.data ?? [], searched), [searched, search.data]);

  const focusOn = useCallback(
    (s: Session) => {
      setFocus({ id: String(s.id), round: s.tournament_round });
      if (!layout.playoffs.has(s.id) && s.tournament_round < startRound) setStartRound(s.tournament_round);
      scrollPending.current = true;
    },
    [startRound, layout.playoffs],
  );

  // A new search shows the furthest the player got.
  useEffect(() => {
    if (hits.length > 0) focusOn(hits[0]);
    // Only on new hits: focusOn changes with startRound, and refocusing then would undo the user's own choice.
  }, [hits]);

  useLayoutEffect(() => {
    if (!focus || !scrollPending.current) return;
    const el = viewportRef.current;
    const place = layout.slotById.get(focus.id);
    if (!el) return;
    if (!place) {
      const playoffBox = document.getElementById('playoff-match');
      if (playoffBox && playoff.some((p) => String(p.id) === focus.id)) {
        scrollPending.current = false;
        playoffBox.scrollIntoView({ block: 'center' });
      }
      return;
    }
    scrollPending.current = false;
    el.scrollTo({
      top: Math.max(0, HEADER_HEIGHT + slotCentre(shape, startRound, shown[place.column], place.index) - el.clientHeight / 2),
      left: Math.max(0, columnLeft(place.column) - COLUMN_GAP),
    });
    el.scrollIntoView({ block: 'nearest' });
  }, [focus, layout, playoff, shape, startRound, shown]);

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setSearched(term.trim());
    setFocus(null);
  };

  const failed = roundQueries.find((q) => q.isError);
  const top = view.top - HEADER_HEIGHT - OVERSCAN;
  const bottom = view.top + view.height + OVERSCAN;

  // Draw only the matches, and the connectors, that cross the visible band.
  const pieces = visiblePieces(shape, layout.columns, shown, startRound, top, bottom);

  const loaded = roundQueries.every((q) => q.isSuccess);
  const [pictureProblem, setPictureProblem] = useState<string | null>(null);
  const downloadPng = async () => {
    setPictureProblem(null);
    try {
      const blob = await bracketPng({ shape, title: title ?? `Tournament #${tournamentId}`, rounds: shown, finalRound, columns: layout.columns, playoff, sideLabels });
      saveFile(blob, `bracket-${tournamentId}-${phase.toLowerCase()}.png`);
    } catch (error) {
      setPictureProblem(`No picture: ${error instanceof Error ? error.message : String(error)}.`);
    }
  };

  const earlier = startRound > firstRound ? rounds.find((r) => r.round === startRound - 1) : undefined;

  return (
    <div className="bracket">
      <div className="bracket-tools">
        <form className="bracket-search" onSubmit={submitSearch} role="search">
          <label htmlFor="bracket-search">Find a player</label>
          <input id="bracket-search" type="search" value={term} onChange={(e) => setTerm(e.target.value)} placeholder="Name, such as Player 0042" />
          <button type="submit" className="button" disabled={term.trim() === ''}>
            Find
          </button>
        </form>
        <div className="bracket-rounds">
          <span className="muted small">
            Showing {shown.length === 1 ? roundName(finalRound, finalRound) : `${roundName(startRound, finalRound)} to the final`} ({shown.length} of {finalRound - firstRound + 1} rounds)
          </span>
          {earlier && (
            <button type="button" className="button small" onClick={() => setStartRound(startRound - 1)}>
              Show {roundName(earlier.round, finalRound).toLowerCase()} ({countText(earlier.sessions)} {earlier.sessions === 1 ? 'match' : 'matches'})
            </button>
          )}
          {startRound > firstRound && (
            <button type="button" className="button small" onClick={() => setStartRound(firstRound)}>
              Show all rounds
            </button>
          )}
          <button type="button" className="button small" disabled={!loaded} onClick={() => void downloadPng()} title="The rounds shown, as a picture">
            Download PNG
          </button>
          {startRound < Math.max(firstRound, finalRound - (LAST_ROUNDS_SHOWN - 1)) && (
            <button type="button" className="button small ghost" onClick={() => setStartRound(Math.max(firstRound, finalRound - (LAST_ROUNDS_SHOWN - 1)))}>
              Only the last rounds
            </button>
          )}
        </div>
      </div>

      {searched !== '' && (
        <BracketSearchResults
          searched={searched}
          pending={search.isPending}
          error={search.isError ? search.error : null}
          done={search.isSuccess}
          hits={hits}
          focusedId={focus?.id}
          labelOf={(s) => matchLabel(shape, s, finalRound, layout.playoffs)}
          onPick={focusOn}
        />
      )}

      {pictureProblem && <Notice tone="warn">{pictureProblem}</Notice>}
      {failed && <Notice tone="warn">{describeError(failed.error, isTransient(failed.error))}</Notice>}

      <div className="bracket-viewport" ref={viewportRef} tabIndex={0} aria-label="Bracket; scroll to see every match">
        <div className="bracket-canvas" style={{ width, height: height + HEADER_HEIGHT }}>
          <div className="bracket-header" style={{ width, height: HEADER_HEIGHT }}>
            {shown.map((round, column) => {
              const q = roundQueries[column];
              const count = (layout.perRound.get(round) ?? []).filter((s) => !layout.playoffs.has(s.id)).length;
              return (
                <div key={round} className="round-label" style={{ left: columnLeft(column), width: COLUMN_WIDTH }}>
                  <strong>{roundName(round, finalRound)}</strong>{' '}
                  <span className="muted">{q?.isPending ? 'loading…' : `${countText(count)} ${count === 1 ? 'match' : 'matches'}`}</span>
                </div>
              );
            })}
          </div>
          <div className="bracket-body" style={{ width, height }}>
            {pieces.connectors.map(({ key, className, ...style }) => (
              <div key={key} className={className} style={style} />
            ))}
            {pieces.matches.map(({ session: s, left, top: boxTop }) => (
              <MatchBox
                key={String(s.id)}
                session={s}
                label={matchLabel(shape, s, finalRound, layout.playoffs)}
                focused={focus?.id === String(s.id)}
                query={searched}
                onOpen={onOpenSession}
                sideLabels={sideLabels}
                left={left}
                top={boxTop}
              />
            ))}
          </div>
        </div>
      </div>

      {playoff.length > 0 && (
        <section className="playoff" aria-label="Third-place playoff">
          <h3>Third-place playoff</h3>
          {playoff.map((s) => (
            <div key={String(s.id)} id="playoff-match" className="playoff-slot">
              <MatchBox session={s} label={matchLabel(shape, s, finalRound, layout.playoffs)} focused={focus?.id === String(s.id)} query={searched} onOpen={onOpenSession} sideLabels={sideLabels} />
            </div>
          ))}
        </section>
      )}
    </div>
  );
}
