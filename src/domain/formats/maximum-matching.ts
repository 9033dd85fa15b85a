/**
 * Maximum-cardinality matching in a general graph (Edmonds' blossom algorithm), O(V^3).
 * The Swiss pairing uses it only as a last resort on a bounded set of players, where a
 * perfect matching is known to exist but the greedy pass did not find one.
 */

/**
 * Returns mate[v] (the matched vertex, or -1) for a maximum matching of the graph on
 * vertices 0..n-1 whose edges are the pairs for which `edge(u, v)` is true. `initial`
 * (optional) is a valid matching to start from, as mate pairs.
 */
export function maximumMatching(n: number, edge: (u: number, v: number) => boolean, initial?: Int32Array): Int32Array {
  const adjacency: number[][] = [];
  for (let u = 0; u < n; u++) adjacency.push([]);
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) {
      if (edge(u, v)) {
        adjacency[u].push(v);
        adjacency[v].push(u);
      }
    }
  }
  const mate = initial ? Int32Array.from(initial) : new Int32Array(n).fill(-1);
  const parent = new Int32Array(n);
  const base = new Int32Array(n);
  const inQueue = new Uint8Array(n);
  const inBlossom = new Uint8Array(n);
  const onPath = new Uint8Array(n);
  const queue = new Int32Array(n);

  const lowestCommonAncestor = (a: number, b: number): number => {
    onPath.fill(0);
    for (;;) {
      a = base[a];
      onPath[a] = 1;
      if (mate[a] === -1) break;
      a = parent[mate[a]];
    }
    for (;;) {
      b = base[b];
      if (onPath[b]) return b;
      b = parent[mate[b]];
    }
  };

  const markPath = (v: number, b: number, child: number): void => {
    while (base[v] !== b) {
      inBlossom[base[v]] = 1;
      inBlossom[base[mate[v]]] = 1;
      parent[v] = child;
      child = mate[v];
      v = parent[mate[v]];
    }
  };

  // Breadth-first search for an augmenting path from root; returns its free end or -1.
  const findPath = (root: number): number => {
    inQueue.fill(0);
    parent.fill(-1);
    for (let i = 0; i < n; i++) base[i] = i;
    let head = 0;
    let tail = 0;
    inQueue[root] = 1;
    queue[tail++] = root;
    while (head < tail) {
      const v = queue[head++];
      for (const to of adjacency[v]) {
        if (base[v] === base[to] || mate[v] === to) continue;
        if (to === root || (mate[to] !== -1 && parent[mate[to]] !== -1)) {
          const current = lowestCommonAncestor(v, to);
          inBlossom.fill(0);
          markPath(v, current, to);
          markPath(to, current, v);
          for (let i = 0; i < n; i++) {
            if (inBlossom[base[i]]) {
              base[i] = current;
              if (!inQueue[i]) {
                inQueue[i] = 1;
                queue[tail++] = i;
              }
            }
          }
        } else if (parent[to] === -1) {
          parent[to] = v;
          if (mate[to] === -1) return to;
          if (!inQueue[mate[to]]) {
            inQueue[mate[to]] = 1;
            queue[tail++] = mate[to];
          }
        }
      }
    }
    return -1;
  };

  for (let root = 0; root < n; root++) {
    if (mate[root] !== -1) continue;
    let v = findPath(root);
    while (v !== -1) {
      const pv = parent[v];
      const next = mate[pv];
      mate[v] = pv;
      mate[pv] = v;
      v = next;
    }
  }
  return mate;
}
