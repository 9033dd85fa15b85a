import type { PhaseTable } from '../api/wire-types.ts';
import { countText } from '../text/number-text.ts';
import { SHOWN_ELSEWHERE, TieBreakLegend, tieBreakLabel } from './tie-break-legend.tsx';

/** A tie-break value as shown: '–' where the criterion was not needed for this player. */
export function tieBreakText(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : countText(value);
}

/** A group, league or Swiss table as the server ranked it, with the tie-breakers it used and a legend. */
export function StandingsTable({ title, table, qualified }: { title: string; table: PhaseTable; qualified?: ReadonlySet<number> }) {
  const extra = table.tie_breakers.filter((name) => !SHOWN_ELSEWHERE.has(name));
  return (
    <div className="standings">
      <table className="table compact" data-testid="standings-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Player</th>
            <th scope="col" className="num" title="Played">
              P
            </th>
            <th scope="col" className="num" title="Wins">
              W
            </th>
            <th scope="col" className="num" title="Draws">
              D
            </th>
            <th scope="col" className="num" title="Losses">
              L
            </th>
            <th scope="col" className="num" title="Score for and against">
              Score
            </th>
            <th scope="col" className="num">
              Pts
            </th>
            {extra.map((name) => (
              <th key={name} scope="col" className="num" title={tieBreakLabel(name)[1]} data-tie-break={name}>
                {tieBreakLabel(name)[0]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.lines.map((l) => (
            <tr key={l.player_id} className={qualified?.has(l.player_id) ? 'qualified' : undefined}>
              <td className="num">{l.rank}</td>
              <td>
                {l.player_name}
                {qualified?.has(l.player_id) && (
                  <span className="qualifier-mark" title="through to the knockout" data-testid="qualifier-mark">
                    Q
                  </span>
                )}
              </td>
              <td className="num">{l.played}</td>
              <td className="num">{l.wins}</td>
              <td className="num">{l.draws}</td>
              <td className="num">{l.losses}</td>
              <td className="num muted">
                {countText(l.score_for)}–{countText(l.score_against)}
              </td>
              <td className="num">
                <strong>{countText(l.points)}</strong>
              </td>
              {extra.map((name) => (
                <td key={name} className="num muted" data-tie-break={name}>
                  {tieBreakText(l.tie_breaks[name])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <TieBreakLegend names={extra} />
    </div>
  );
}
