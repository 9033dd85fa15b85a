import type { PhaseTable } from '../api/wire-types.ts';
import { countText } from '../text/number-text.ts';

/** Tie-breakers the table's own columns already show; the others get a column of their value. */
const SHOWN = new Set(['points', 'wins', 'score_difference', 'score_for', 'seed']);

const TIE_BREAK_LABELS: Record<string, [short: string, long: string]> = {
  head_to_head: ['H2H', 'head-to-head: points among the players level with this one'],
  buchholz: ['Bh', 'Buchholz: the sum of the opponents’ points'],
  sonneborn_berger: ['SB', 'Sonneborn-Berger: opponents’ points for each win, half for each draw'],
};

/** A short column heading and its explanation for a tie-breaker the server named. */
export function tieBreakLabel(name: string): [short: string, long: string] {
  return TIE_BREAK_LABELS[name] ?? [name.replace(/_/g, ' '), name.replace(/_/g, ' ')];
}

/** A group, league or Swiss table as the server ranked it, with the tie-breakers it used. */
export function StandingsTable({ title, table }: { title: string; table: PhaseTable }) {
  const extra = table.tie_breakers.map((name, i) => [name, i] as const).filter(([name]) => !SHOWN.has(name));
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
            {extra.map(([name]) => (
              <th key={name} scope="col" className="num" title={tieBreakLabel(name)[1]}>
                {tieBreakLabel(name)[0]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.lines.map((l) => (
            <tr key={l.player_id}>
              <td className="num">{l.rank}</td>
              <td>{l.player_name}</td>
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
              {extra.map(([name, i]) => (
                <td key={name} className="num muted">
                  {l.tie_break_values[i] === null ? '–' : countText(l.tie_break_values[i])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
