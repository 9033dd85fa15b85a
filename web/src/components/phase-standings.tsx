import { useQuery } from '@tanstack/react-query';
import { allSessions, api } from '../api/api-client.ts';
import type { Phase } from '../api/wire-types.ts';
import { pointsScheme, standingsByGroup, type StandingRow } from '../bracket/standings.ts';
import { Link } from '../router/link.tsx';
import { paths } from '../router/routes.ts';
import { describeError, isTransient } from '../text/error-text.ts';
import { countText } from '../text/number-text.ts';
import { Notice } from './notice.tsx';
import { phaseName } from './round-breakdown.tsx';
import { StandingsTable } from './standings-table.tsx';

/** Above this many sessions a phase's table comes from the calculated rankings, not from every session. */
const TALLY_LIMIT = 20_000;
const RANKINGS_SHOWN = 100;

/**
 * The tables of a non-knockout phase. A group stage gets one table per group, tallied from
 * its sessions. A league or Swiss phase shows the calculated rankings once they exist (they
 * apply the format's own tie-breakers), and until then a table tallied from the results.
 */
export function PhaseStandings({
  tournamentId,
  phase,
  sessionCount,
  rankingCount,
  format,
  settings,
}: {
  tournamentId: number;
  phase: Phase;
  sessionCount: number;
  rankingCount: number;
  format: string;
  settings: Record<string, unknown>;
}) {
  // The tournament keeps only the settings it was given; the format's defaults fill the rest.
  const formats = useQuery({ queryKey: ['formats'], queryFn: api.formats, staleTime: 60_000 });
  const defaults: Record<string, unknown> = {};
  for (const s of formats.data?.formats.find((f) => f.name === format)?.settings ?? []) defaults[s.name] = s.default;
  const effective = { ...defaults, ...settings };
  const useRankings = phase !== 'GROUP' && rankingCount > 0;
  const tally = !useRankings && sessionCount <= TALLY_LIMIT;
  const sessions = useQuery({
    queryKey: ['sessions', tournamentId, phase, 'all'],
    queryFn: ({ signal }) => allSessions(tournamentId, { phase }, signal),
    enabled: tally,
    staleTime: 5000,
  });
  const rankings = useQuery({
    queryKey: ['rankings', tournamentId, '', 0, RANKINGS_SHOWN],
    queryFn: ({ signal }) => api.rankings(tournamentId, { limit: RANKINGS_SHOWN, offset: 0 }, signal),
    enabled: useRankings,
  });

  if (tally) {
    if (sessions.isError) return <Notice tone="warn">{describeError(sessions.error, isTransient(sessions.error))}</Notice>;
    if (!sessions.data) return <p className="muted">Loading the {phaseName(phase).toLowerCase()} tables…</p>;
    const groups = standingsByGroup(sessions.data, pointsScheme(effective));
    return (
      <>
        {phase === 'GROUP' && (
          <p className="muted small">Tallied from the results (points, then score difference); the format's tie-breakers decide who advances.</p>
        )}
        <div className="standings-grid">
          {[...groups.entries()].map(([group, rows]) => (
            <StandingsTable
              key={group || phase}
              title={group ? `Group ${group}` : `${phaseName(phase)} table so far (from the results; rankings apply the tie-breakers)`}
              rows={rows}
            />
          ))}
        </div>
      </>
    );
  }
  if (!useRankings) {
    return (
      <p className="muted">
        This phase has {countText(sessionCount)} sessions, too many to tally here; its table appears once rankings are calculated.
      </p>
    );
  }
  if (rankings.isError) return <Notice tone="warn">{describeError(rankings.error, isTransient(rankings.error))}</Notice>;
  if (!rankings.data) return <p className="muted">Loading the rankings…</p>;
  const rows: StandingRow[] = rankings.data.items.map((r) => ({
    playerId: r.player_id,
    name: r.player_name,
    seed: r.seed,
    played: r.wins + r.draws + r.losses,
    wins: r.wins,
    draws: r.draws,
    losses: r.losses,
    scoreFor: r.score_for,
    scoreAgainst: r.score_against,
    points: r.points,
  }));
  return (
    <div className="standings-grid">
      <StandingsTable
        title={rows.length < rankings.data.total ? `Top ${rows.length} of ${countText(rankings.data.total)} by ranking` : `${phaseName(phase)} table by ranking`}
        rows={rows}
        ranks={rankings.data.items.map((r) => r.rank)}
      />
      {rows.length < rankings.data.total && <Link to={paths.leaderboard(tournamentId)}>The full leaderboard</Link>}
    </div>
  );
}
