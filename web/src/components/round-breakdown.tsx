import type { RoundBreakdown as Row } from '../api/wire-types.ts';
import { countText, percent } from '../text/number-text.ts';

const PHASE_NAMES: Record<string, string> = {
  KNOCKOUT: 'Knockout',
  GROUP: 'Group stage',
  LEAGUE: 'League',
  SWISS: 'Swiss',
  WINNERS: 'Winners bracket',
  LOSERS: 'Losers bracket',
  GRAND_FINAL: 'Grand final',
  INDIVIDUAL: 'Attempts',
};

export function phaseName(phase: string): string {
  return PHASE_NAMES[phase] ?? phase;
}

/** Sessions and results per phase and round, each with a small bar. */
export function RoundBreakdownTable({ rows }: { rows: Row[] }) {
  if (rows.length === 0) return <p className="muted small">No sessions yet, so no rounds to break down.</p>;
  return (
    <div className="breakdown-scroll">
      <table className="table compact" data-testid="card-breakdown">
        <caption className="sr-only">Sessions and results by phase and round</caption>
        <thead>
          <tr>
            <th scope="col">Phase</th>
            <th scope="col" className="num">
              Round
            </th>
            <th scope="col" className="num">
              Sessions
            </th>
            <th scope="col" className="num">
              Results
            </th>
            <th scope="col">
              <span className="sr-only">Progress</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const pct = percent(r.results, r.sessions);
            return (
              <tr key={`${r.phase}-${r.round}`}>
                <td>{phaseName(r.phase)}</td>
                <td className="num">{r.round}</td>
                <td className="num">{countText(r.sessions)}</td>
                <td className="num">{countText(r.results)}</td>
                <td className="bar-cell">
                  <div className="mini-bar" aria-hidden="true">
                    <div style={{ width: `${pct}%` }} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
