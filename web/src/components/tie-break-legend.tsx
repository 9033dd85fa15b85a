/**
 * Names for the tie-breakers the server reports (`tie_breakers`, `tie_breaks`): a short column
 * heading and the full name, with what it counts. Display text only; the values come computed.
 */
const LABELS: Record<string, [short: string, long: string]> = {
  points: ['Pts', 'Points'],
  seed: ['Seed', 'Seed (pairing number)'],
  wins: ['W', 'Wins: rounds scored as a win, with or without playing (FIDE WIN)'],
  head_to_head: ['H2H', 'Head-to-head: points among the players level with this one'],
  score_difference: ['Diff', 'Score difference'],
  score_for: ['For', 'Score for'],
  buchholz: ['BH', 'Buchholz: the sum of the opponents’ scores (FIDE C.07 8.1)'],
  buchholz_cut1: ['BH-C1', 'Buchholz Cut-1: Buchholz without the least significant value (C.07 14.1)'],
  buchholz_median: ['BH-M1', 'Buchholz Median-1: Buchholz without the lowest and the highest value (C.07 14.3)'],
  sonneborn_berger: ['SB', 'Sonneborn-Berger: each opponent’s score times the points taken from them (C.07 9.1)'],
  progressive: ['PS', 'Progressive score: the running scores after each round, summed (C.07 7.5)'],
  direct_encounter: ['DE', 'Direct encounter: points among the players level with this one (C.07 6)'],
  wins_with_black: ['BWG', 'Games won with black (C.07 7.4)'],
};

/** Tie-breakers the tables' own columns already show; the others get a column of their value. */
export const SHOWN_ELSEWHERE = new Set(['points', 'wins', 'score_difference', 'score_for', 'seed']);

/** A short column heading and its full name for a tie-breaker the server named. */
export function tieBreakLabel(name: string): [short: string, long: string] {
  return LABELS[name] ?? [name.replace(/_/g, ' '), name.replace(/_/g, ' ')];
}

/** The abbreviations used as column headings, each with its full name. */
export function TieBreakLegend({ names }: { names: readonly string[] }) {
  if (names.length === 0) return null;
  return (
    <dl className="tie-break-legend small muted" data-testid="tie-break-legend">
      {names.map((name) => (
        <div key={name}>
          <dt>{tieBreakLabel(name)[0]}</dt>
          <dd>{tieBreakLabel(name)[1]}</dd>
        </div>
      ))}
    </dl>
  );
}
