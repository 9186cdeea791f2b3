/** How often one event type caused another (within a correlation or across a window). */
export type TypeEdge = { from: string; to: string; count: number };

/** A strongly connected set of event types: each can cause itself again through the others. */
export type TypeCycle = {
  /** The types of the component, in a stable order (alphabetical). */
  types: string[];
  /** The cause → effect edges inside the component. */
  edges: TypeEdge[];
  /** Events caused along those edges. */
  events: number;
  /** How many times the cycle went round: events inside it divided by its number of types. */
  repetitions: number;
};

/**
 * Tarjan's strongly connected components, iterative so a long chain of types cannot overflow
 * the stack. Returns every component, singletons included, in reverse topological order.
 */
export function stronglyConnectedComponents(nodes: readonly string[], edges: readonly { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const n of nodes) next.set(n, []);
  for (const e of edges) {
    if (!next.has(e.from)) next.set(e.from, []);
    if (!next.has(e.to)) next.set(e.to, []);
    next.get(e.from)!.push(e.to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const start of next.keys()) {
    if (index.has(start)) continue;
    // Each frame is a node and the position of the next successor to visit.
    const frames: { node: string; i: number }[] = [{ node: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const successors = next.get(frame.node)!;
      if (frame.i < successors.length) {
        const w = successors[frame.i++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          frames.push({ node: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/**
 * The cycles of a type-level graph: components of more than one type, or one type that causes
 * itself. A diamond (A→B, A→C, B→D, C→D) or a fan-out has none, however many events it holds.
 */
export function findTypeCycles(edges: readonly TypeEdge[]): TypeCycle[] {
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))];
  const components = stronglyConnectedComponents(nodes, edges);
  const componentOf = new Map<string, number>();
  components.forEach((c, i) => c.forEach((t) => componentOf.set(t, i)));
  const inside = new Map<number, TypeEdge[]>();
  for (const e of edges) {
    const c = componentOf.get(e.from)!;
    if (c !== componentOf.get(e.to)) continue;
    const list = inside.get(c);
    if (list) list.push(e);
    else inside.set(c, [e]);
  }
  const cycles: TypeCycle[] = [];
  for (const [c, own] of inside) {
    const events = own.reduce((sum, e) => sum + e.count, 0);
    cycles.push({ types: [...components[c]].sort(), edges: own, events, repetitions: Math.floor(events / components[c].length) });
  }
  return cycles.sort((a, b) => b.events - a.events || a.types[0].localeCompare(b.types[0]));
}

/** Sums cause → effect pairs into type edges. */
export function typeEdgesOf(pairs: Iterable<{ from: string; to: string }>): TypeEdge[] {
  const counts = new Map<string, TypeEdge>();
  for (const p of pairs) {
    const key = `${p.from}\u0000${p.to}`;
    const edge = counts.get(key);
    if (edge) edge.count++;
    else counts.set(key, { from: p.from, to: p.to, count: 1 });
  }
  return [...counts.values()];
}

/** The key of a type edge, for looking up whether it lies inside a cycle. */
export function edgeKey(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

/** Every edge inside any of the cycles, by edgeKey(). */
export function cycleEdgeKeys(cycles: readonly TypeCycle[]): Set<string> {
  return new Set(cycles.flatMap((c) => c.edges.map((e) => edgeKey(e.from, e.to))));
}
