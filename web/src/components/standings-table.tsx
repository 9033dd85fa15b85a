import type { StandingRow } from '../bracket/standings.ts';
import { countText } from '../text/number-text.ts';

/** A group, league or Swiss table; `ranks` when the positions come from calculated rankings (ties share one). */
export function StandingsTable({ title, rows, ranks }: { title: string; rows: StandingRow[]; ranks?: number[] }) {
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
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.playerId}>
              <td className="num">{ranks?.[i] ?? i + 1}</td>
              <td>{r.name}</td>
              <td className="num">{r.played}</td>
              <td className="num">{r.wins}</td>
              <td className="num">{r.draws}</td>
              <td className="num">{r.losses}</td>
              <td className="num muted">
                {countText(r.scoreFor)}–{countText(r.scoreAgainst)}
              </td>
              <td className="num">
                <strong>{countText(r.points)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
