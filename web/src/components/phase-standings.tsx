import { useQuery } from '@tanstack/react-query';
import { api } from '../api/api-client.ts';
import type { Phase } from '../api/wire-types.ts';
import { Link } from '../router/link.tsx';
import { paths } from '../router/routes.ts';
import { describeError, isTransient } from '../text/error-text.ts';
import { countText } from '../text/number-text.ts';
import { Notice } from './notice.tsx';
import { phaseName } from './round-breakdown.tsx';
import { StandingsTable } from './standings-table.tsx';
import { tieBreakLabel } from './tie-break-legend.tsx';

/** Lines shown of each table; a longer one links to the full leaderboard. */
export const LINES_SHOWN = 100;

/**
 * The tables of a non-knockout phase, as the server computes them with the format's own
 * points and tie-breakers (a league's, each group's, the Swiss table), from the results so far.
 */
export function PhaseStandings({ tournamentId, phase, qualified }: { tournamentId: number; phase: Phase; qualified?: ReadonlySet<number> }) {
  const standings = useQuery({
    queryKey: ['phase-standings', tournamentId, phase, LINES_SHOWN],
    queryFn: ({ signal }) => api.phaseStandings(tournamentId, { phase, limit: LINES_SHOWN }, signal),
    staleTime: 5000,
  });
  if (standings.isError) return <Notice tone="warn">{describeError(standings.error, isTransient(standings.error))}</Notice>;
  if (!standings.data) return <p className="muted">Loading the {phaseName(phase).toLowerCase()} tables…</p>;
  const tables = standings.data.tables;
  if (tables.length === 0) return <p className="muted">No table for this phase.</p>;
  const order = tables[0].tie_breakers.map((name) => tieBreakLabel(name)[1].split(':')[0].toLowerCase()).join(', ');
  return (
    <>
      <p className="muted small">
        Ordered by {order}.{qualified && ' Q: through to the knockout.'}
      </p>
      <div className="standings-grid">
        {tables.map((t) => (
          <StandingsTable
            key={t.group ?? t.phase}
            title={t.group ? `Group ${t.group}` : t.lines.length < t.total ? `Top ${t.lines.length} of ${countText(t.total)}` : `${phaseName(t.phase)} table`}
            table={t}
            qualified={qualified}
          />
        ))}
      </div>
      {tables.some((t) => t.lines.length < t.total) && <Link to={paths.leaderboard(tournamentId)}>The full leaderboard</Link>}
    </>
  );
}
