/** Ordinals as runs [lo, hi) of consecutive values, in the order given (one run for a whole plan). */
export function runsOf(ordinals: ArrayLike<number>): [number[], number[]] {
  const lo: number[] = [];
  const hi: number[] = [];
  for (let i = 0; i < ordinals.length; i++) {
    if (i > 0 && ordinals[i] === hi[hi.length - 1]) hi[hi.length - 1]++;
    else {
      lo.push(ordinals[i]);
      hi.push(ordinals[i] + 1);
    }
  }
  return [lo, hi];
}
