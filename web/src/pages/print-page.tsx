import { useQuery } from '@tanstack/react-query';
import { allSessions, api } from '../api/api-client.ts';
import type { Session } from '../api/wire-types.ts';
import { knockoutShape, placeSessions } from '../bracket/bracket-geometry.ts';
import { PLAYERS_PER_PAGE, printPages, type PrintPage } from '../bracket/print-pages.ts';
import { Notice } from '../components/notice.tsx';
import { Link } from '../router/link.tsx';
import { paths } from '../router/routes.ts';
import { describeError, isTransient } from '../text/error-text.ts';
import { countText } from '../text/number-text.ts';

/** Printed brackets stop here: 64 pages and the rounds after. */
const MAX_PRINTED_PLAYERS = 4096;
/** A landscape A4 page less 8 mm margins, in CSS pixels (96 to the inch). */
const PAGE_WIDTH = 1060;
const PAGE_HEIGHT = 730;
const PAGE_HEAD = 28;
const GAP = 14;

function PrintedMatch({ session, top, left, width, height }: { session: Session; top: number; left: number; width: number; height: number }) {
  return (
    <div className="print-match" style={{ top, left, width, height }} data-session-id={session.id}>
      {[0, 1].map((slot) => {
        const p = session.participants.find((x) => x.slot === slot);
        const won = p !== undefined && session.winner_id === p.id;
        return (
          <div key={slot} className={won ? 'print-side won' : 'print-side'}>
            <span className="print-seed">{p?.seed ?? ''}</span>
            <span className="print-name">{p?.name ?? '—'}</span>
            <span className="print-score">{session.score ? session.score[slot] : ''}</span>
          </div>
        );
      })}
    </div>
  );
}

function Sheet({ page, index, count, title, finalRound }: { page: PrintPage; index: number; count: number; title: string; finalRound: number }) {
  const block = page.columns[0].length;
  const slot = (PAGE_HEIGHT - PAGE_HEAD) / block;
  const matchHeight = Math.min(44, slot - 2);
  const width = Math.min(210, (PAGE_WIDTH - GAP * (page.rounds.length - 1)) / page.rounds.length);
  const centre = (j: number, k: number) => PAGE_HEAD + (k + 0.5) * slot * 2 ** j;
  const name = (round: number) => knockoutShape.roundName(round, finalRound);
  return (
    <section className="print-sheet" data-testid="print-sheet" aria-label={`Page ${index + 1} of ${count}`}>
      <header className="print-head">
        <strong>{title}</strong> · {name(page.rounds[0])}
        {page.rounds.length > 1 ? ` to ${name(page.rounds[page.rounds.length - 1]).toLowerCase()}` : ''} · matches {page.firstSlot + 1}–{page.firstSlot + block} · page {index + 1} of {count}
      </header>
      {page.columns.map((column, j) =>
        column.map((s, k) => {
          if (!s) return null;
          const left = j * (width + GAP);
          const y = centre(j, k);
          // Joined to the matches that feed it; a bye (a top seed's empty place) feeds nothing.
          const fed = j === 0 ? [] : [2 * k, 2 * k + 1].filter((f) => page.columns[j - 1][f]).map((f) => centre(j - 1, f));
          const [from, to] = fed.length === 2 ? fed : [Math.min(fed[0] ?? y, y), Math.max(fed[0] ?? y, y)];
          return (
            <div key={s.id}>
              {fed.length > 0 && <div className="print-link" style={{ left: left - GAP, width: GAP / 2, top: from, height: Math.max(1, to - from) }} />}
              <PrintedMatch session={s} left={left} top={y - matchHeight / 2} width={width} height={matchHeight} />
            </div>
          );
        }),
      )}
      {page.playoff.map((s) => (
        <div key={s.id}>
          <span className="print-playoff-label" style={{ left: (page.rounds.length - 1) * (width + GAP), top: PAGE_HEIGHT - 2 * 44 - 16 }}>
            Third-place playoff
          </span>
          <PrintedMatch session={s} left={(page.rounds.length - 1) * (width + GAP)} top={PAGE_HEIGHT - 2 * 44} width={width} height={44} />
        </div>
      ))}
    </section>
  );
}

/** A knockout bracket laid out for print: one landscape page per 64 players, then the rounds after. */
export function PrintPage({ tournamentId }: { tournamentId: number }) {
  const detail = useQuery({ queryKey: ['tournament', tournamentId], queryFn: ({ signal }) => api.tournament(tournamentId, signal) });
  const rounds = (detail.data?.breakdown ?? []).filter((b) => b.phase === 'KNOCKOUT').map((b) => b.round);
  const finalRound = Math.max(0, ...rounds);
  const firstRound = Math.min(...rounds);
  const players = rounds.length > 0 ? 2 ** (finalRound - firstRound + 1) : 0;
  const printable = rounds.length > 0 && players <= MAX_PRINTED_PLAYERS;
  const sessions = useQuery({
    queryKey: ['sessions', tournamentId, 'KNOCKOUT', 'print'],
    enabled: printable,
    queryFn: ({ signal }) => allSessions(tournamentId, { phase: 'KNOCKOUT' }, signal),
  });

  const head = (
    <div className="page-head no-print">
      <div>
        <h1>Print the bracket</h1>
        <p className="muted">
          One landscape page per {PLAYERS_PER_PAGE} players, then the rounds after. <Link to={paths.bracket(tournamentId)}>Back to the bracket</Link>
        </p>
      </div>
      <div className="toolbar">
        <button type="button" className="button primary" onClick={() => window.print()} disabled={!sessions.data}>
          Print
        </button>
      </div>
    </div>
  );
  if (detail.isError) return <Notice tone="warn">{describeError(detail.error, isTransient(detail.error))}</Notice>;
  if (!detail.data) return <p className="muted">Loading tournament #{tournamentId}…</p>;
  if (rounds.length === 0) return <>{head}<p className="empty card">This tournament has no knockout bracket to print (yet): print its standings from the bracket page.</p></>;
  if (!printable) return <>{head}<p className="empty card">A bracket of {countText(players)} players is more than {countText(MAX_PRINTED_PLAYERS)}: print the last rounds from the bracket page.</p></>;
  if (sessions.isError) return <>{head}<Notice tone="warn">{describeError(sessions.error, isTransient(sessions.error))}</Notice></>;
  if (!sessions.data) return <>{head}<p className="muted">Loading the bracket…</p></>;

  const ordered = [...new Set(rounds)].sort((a, b) => a - b);
  const byRound = ordered.map((r) => sessions.data.filter((s) => s.tournament_round === r));
  const placed = placeSessions(knockoutShape, ordered, finalRound, (i) => byRound[i]);
  const pages = printPages(knockoutShape, ordered, finalRound, placed);
  return (
    <>
      {head}
      <div className="print-sheets">
        {pages.map((page, i) => (
          <Sheet key={i} page={page} index={i} count={pages.length} title={detail.data.name} finalRound={finalRound} />
        ))}
      </div>
    </>
  );
}
