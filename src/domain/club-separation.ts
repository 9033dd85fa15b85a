/**
 * Keeps players of one club apart in round 1 of a bracket where the seeding allows: only players
 * of the lower seed half (seeds above size / 2, who meet a top-half seed in round 1) change places,
 * each with the nearest seed that removes both clashes, so the top seeds keep their lines and
 * every guarantee of the standard order. Clubs compare trimmed and case-insensitively; a player
 * without a club clashes with nobody. Rearranges `lines` in place; returns the clashes left.
 */
export function separateClubs(lines: (number | null)[], seedOf: (playerId: number) => number, clubOf: (playerId: number) => string | null): number {
  const size = lines.length;
  const club = (line: number): string | null => {
    const p = lines[line];
    if (p === null) return null;
    const c = clubOf(p)?.trim().toLowerCase();
    return c ? c : null;
  };
  const clashes = (pair: number): boolean => {
    const a = club(2 * pair);
    return a !== null && a === club(2 * pair + 1);
  };
  // The line of the lower-half player of each full pair.
  const lowerLine = (pair: number): number | null => {
    const a = lines[2 * pair];
    const b = lines[2 * pair + 1];
    if (a === null || b === null) return null;
    return seedOf(a) > seedOf(b) ? 2 * pair : 2 * pair + 1;
  };
  const pairs = size / 2;
  const swap = (x: number, y: number): void => {
    const t = lines[x];
    lines[x] = lines[y];
    lines[y] = t;
  };
  let left = 0;
  for (let p = 0; p < pairs; p++) {
    if (!clashes(p)) continue;
    const mine = lowerLine(p)!;
    const mySeed = seedOf(lines[mine]!);
    let best: number | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let q = 0; q < pairs; q++) {
      if (q === p) continue;
      const theirs = lowerLine(q);
      if (theirs === null || seedOf(lines[theirs]!) <= size / 2) continue;
      const wasClashing = clashes(q);
      swap(mine, theirs);
      const fixes = !clashes(p) && (!clashes(q) || wasClashing);
      swap(mine, theirs);
      const distance = Math.abs(seedOf(lines[theirs]!) - mySeed);
      if (fixes && distance < bestDistance) {
        best = theirs;
        bestDistance = distance;
      }
    }
    if (best !== null && mySeed > size / 2) swap(mine, best);
    if (clashes(p)) left++;
  }
  return left;
}
