import { bracketSize, seedOrder } from '../seeding.ts';

/**
 * Places group qualifiers on knockout bracket lines. Seeds go by finishing place: the group
 * winners first (in group order: A's winner is seed 1), then the runners-up, and so on; byes
 * go to the top seeds and round 1 pairs seed s with seed size + 1 - s as in the knockout.
 *
 * Within each place after the first, which group's player takes which seed is chosen so that
 * players of one group meet as late as the slots allow. The bracket is cut into as many blocks
 * as a group has qualifiers (rounded up to a power of two): halves for two, so they can meet
 * only in the final and a winner meets a runner-up of another group in round 1; quarters for
 * three or four, so they cannot meet before the semi-final; eighths and finer beyond, where
 * some must meet earlier and the blocks spread them as evenly as the slots allow (a few
 * bye-heavy fields, such as 5 groups of 7 qualifiers, still pair two of a group in round 1,
 * for the blocks do not see single round-1 pairs there). Each place is an assignment of groups
 * to blocks at the least cost (group-mates already in the block, then in each coarser block up
 * to the half), solved as a small min-cost flow over groups of equal cost, so it stays cheap
 * for 2048 groups.
 */

/** Bracket lines (length a power of two, null for a bye) for qualifiers[g][p], group g's place p + 1. */
export function qualifierLines(qualifiers: readonly (readonly number[])[]): (number | null)[] {
  const groups = qualifiers.length;
  const perGroup = qualifiers[0]?.length ?? 0;
  if (groups === 0 || perGroup === 0 || qualifiers.some((q) => q.length !== perGroup)) {
    throw new RangeError('every group needs the same, non-zero number of qualifiers');
  }
  const total = groups * perGroup;
  if (total < 2) throw new RangeError('a knockout needs at least two qualifiers');
  const size = bracketSize(total);
  const order = seedOrder(size);
  const lineOfSeed = new Int32Array(size + 1);
  order.forEach((seed, line) => (lineOfSeed[seed] = line));

  // Blocks of the bracket, from halves (level 1) down to the finest level used: as many
  // blocks as a group has qualifiers, rounded up to a power of two (halves for two).
  let levels = 0;
  while (2 ** levels < perGroup && 2 ** levels < size) levels++;
  const blocks = 2 ** levels;
  const blockAt = (line: number, level: number): number => Math.floor((line * 2 ** level) / size);
  // occupancy[level][group * 2^level + block]: group-mates already placed in that block.
  const occupancy = Array.from({ length: levels + 1 }, (_, level) => new Int32Array(groups * 2 ** level));
  const playerOfSeed: number[] = new Array(total);
  const place = (group: number, seed: number, player: number): void => {
    playerOfSeed[seed - 1] = player;
    for (let level = 1; level <= levels; level++) occupancy[level][group * 2 ** level + blockAt(lineOfSeed[seed], level)]++;
  };
  // A mate in a finer block means an earlier meeting, so finer levels weigh more; the weights
  // stay exact with the four finest levels (base perGroup + 1, at most 256^4).
  const lowest = Math.max(1, levels - 3);
  const cost = (g: number, b: number): number => {
    let sum = 0;
    for (let level = levels; level >= lowest; level--) {
      sum = sum * (perGroup + 1) + occupancy[level][g * 2 ** level + (b >> (levels - level))];
    }
    return sum;
  };

  for (let g = 0; g < groups; g++) place(g, g + 1, qualifiers[g][0]);
  for (let p = 1; p < perGroup; p++) {
    const seeds: number[][] = Array.from({ length: blocks }, () => []);
    for (let seed = p * groups + 1; seed <= (p + 1) * groups; seed++) seeds[blockAt(lineOfSeed[seed], levels)].push(seed);
    const blockOfGroup = assignToBlocks(groups, blocks, cost, seeds.map((s) => s.length));
    const members: number[][] = Array.from({ length: blocks }, () => []);
    for (let g = 0; g < groups; g++) members[blockOfGroup[g]].push(g);
    for (let b = 0; b < blocks; b++) {
      members[b].forEach((g, k) => place(g, seeds[b][k], qualifiers[g][p]));
    }
  }
  return order.map((seed) => (seed <= total ? playerOfSeed[seed - 1] : null));
}

/**
 * Gives each group a block, filling block b with exactly capacity[b] groups at the least total
 * cost. Groups with equal costs are one node of a min-cost flow (successive shortest paths
 * with Bellman-Ford); groups of a node are then dealt to its blocks in group order.
 */
function assignToBlocks(
  groups: number,
  blocks: number,
  cost: (group: number, block: number) => number,
  capacity: readonly number[],
): Int32Array {
  const kinds = new Map<string, { costs: number[]; members: number[] }>();
  for (let g = 0; g < groups; g++) {
    const costs = Array.from({ length: blocks }, (_, b) => cost(g, b));
    const key = costs.join(',');
    let kind = kinds.get(key);
    if (kind === undefined) kinds.set(key, (kind = { costs, members: [] }));
    kind.members.push(g);
  }
  const kindList = [...kinds.values()];
  const k = kindList.length;
  // Nodes: 0 source, 1..k kinds, k+1..k+blocks blocks, k+blocks+1 sink.
  const sink = k + blocks + 1;
  const nodes = sink + 1;
  const from: number[] = [];
  const to: number[] = [];
  const cap: number[] = [];
  const price: number[] = [];
  const addEdge = (u: number, v: number, c: number, w: number): void => {
    from.push(u, v);
    to.push(v, u);
    cap.push(c, 0);
    price.push(w, -w);
  };
  kindList.forEach((kind, i) => addEdge(0, 1 + i, kind.members.length, 0));
  kindList.forEach((kind, i) => {
    for (let b = 0; b < blocks; b++) addEdge(1 + i, k + 1 + b, groups, kind.costs[b]);
  });
  for (let b = 0; b < blocks; b++) addEdge(k + 1 + b, sink, capacity[b], 0);

  let flow = 0;
  while (flow < groups) {
    const distance = new Array<number>(nodes).fill(Infinity);
    const via = new Int32Array(nodes).fill(-1);
    distance[0] = 0;
    for (let round = 0; round < nodes; round++) {
      let changed = false;
      for (let e = 0; e < from.length; e++) {
        if (cap[e] > 0 && distance[from[e]] + price[e] < distance[to[e]]) {
          distance[to[e]] = distance[from[e]] + price[e];
          via[to[e]] = e;
          changed = true;
        }
      }
      if (!changed) break;
    }
    if (distance[sink] === Infinity) throw new RangeError('block capacities do not add up to the number of groups');
    let push = Infinity;
    for (let v = sink; v !== 0; v = from[via[v]]) push = Math.min(push, cap[via[v]]);
    for (let v = sink; v !== 0; v = from[via[v]]) {
      cap[via[v]] -= push;
      cap[via[v] ^ 1] += push;
    }
    flow += push;
  }

  const blockOfGroup = new Int32Array(groups);
  kindList.forEach((kind, i) => {
    let next = 0;
    for (let b = 0; b < blocks; b++) {
      // The reverse edge's capacity is the flow sent from this kind to block b.
      const e = 2 * (k + i * blocks + b);
      for (let f = cap[e + 1]; f > 0; f--) blockOfGroup[kind.members[next++]] = b;
    }
  });
  return blockOfGroup;
}
