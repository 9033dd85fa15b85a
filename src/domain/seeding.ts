/** The smallest power of two that holds n players (n >= 1). */
export function bracketSize(n: number): number {
  let size = 1;
  while (size < n) size *= 2;
  return size;
}

/**
 * The standard bracket seed order for a power-of-two size, built by doubling:
 * each seed s of the smaller bracket is followed by its partner size + 1 - s.
 * For 16: 1,16,8,9,4,13,5,12,2,15,7,10,3,14,6,11 — seeds 1 and 2 meet only in the final.
 */
export function seedOrder(size: number): number[] {
  let order = [1];
  for (let n = 2; n <= size; n *= 2) {
    const next: number[] = new Array(n);
    for (let i = 0; i < order.length; i++) {
      next[2 * i] = order[i];
      next[2 * i + 1] = n + 1 - order[i];
    }
    order = next;
  }
  return order;
}
