import { cycleEdgeKeys, edgeKey, findTypeCycles, typeEdgesOf, type TypeCycle } from "./cycles";

/** The few columns of an event the graph's shape needs (the payload is fetched only for what is drawn). */
export type GraphEvent = {
  eventId: string;
  causationId: string | null;
  type: string;
  recordedAt: string;
};

/** A run of a repeated type pattern along one chain, drawn as one node with a count. */
export type CollapsedGroup = {
  /** `<first event id>~<event count>`: enough to expand the group later by walking the chain. */
  groupId: string;
  /** The repeated types, in causation order: ["AccountSynced", "MirrorUpdated"]. */
  pattern: string[];
  repetitions: number;
  count: number;
  firstEventId: string;
  lastEventId: string;
  from: string;
  to: string;
  /** Whether the pattern's edges lie inside a type cycle. */
  inLoop: boolean;
};

export type GraphEdge = { from: string; to: string };

export type CollapsedGraph = {
  /** Event ids drawn as their own nodes, in causation order (roots first). */
  visible: string[];
  groups: CollapsedGroup[];
  /** Between event ids and group ids. */
  edges: GraphEdge[];
  loops: TypeCycle[];
  /** Event ids whose cause is not in the correlation. */
  roots: string[];
  /** Event ids reached from their cause along an edge inside a loop. */
  inLoop: Set<string>;
};

export type CollapseOptions = {
  /** Draw every event; no groups. */
  collapse: boolean;
  /** A pattern collapses when it repeats at least this often… */
  minRepetitions?: number;
  /** …and covers at least this many events. */
  minEvents?: number;
  /** Longest pattern looked for. */
  maxPeriod?: number;
};

const GROUP_SEPARATOR = "~";

export function groupIdOf(firstEventId: string, count: number): string {
  return `${firstEventId}${GROUP_SEPARATOR}${count}`;
}

/** Parses a group id back into the chain's first event and its length; null when malformed. */
export function parseGroupId(groupId: string): { firstEventId: string; count: number } | null {
  const [first, n, ...rest] = groupId.split(GROUP_SEPARATOR);
  const count = Number(n);
  if (rest.length > 0 || !first || !Number.isInteger(count) || count < 1) return null;
  return { firstEventId: first.toLowerCase(), count };
}

/** Parent → children, in the order the events are given (log order). */
export function childrenOf(events: readonly GraphEvent[]): { byId: Map<string, GraphEvent>; children: Map<string, GraphEvent[]> } {
  const byId = new Map(events.map((e) => [e.eventId, e]));
  const children = new Map<string, GraphEvent[]>();
  for (const e of events) {
    if (!e.causationId || !byId.has(e.causationId) || e.causationId === e.eventId) continue;
    const list = children.get(e.causationId);
    if (list) list.push(e);
    else children.set(e.causationId, [e]);
  }
  return { byId, children };
}

/**
 * Shapes one correlation's causation graph for drawing. Each event has at most one cause, so the
 * graph is a forest; along its chains (runs where every event has exactly one effect), a type
 * pattern that repeats (AccountSynced → MirrorUpdated, again and again) becomes one group. A root
 * and a chain's last event always stay visible, so the graph shows where a loop began and where
 * it stands. Loops are the type-level cycles of the correlation.
 */
export function collapseGraph(events: readonly GraphEvent[], opts: CollapseOptions): CollapsedGraph {
  const minRepetitions = opts.minRepetitions ?? 3;
  const minEvents = opts.minEvents ?? 6;
  const maxPeriod = opts.maxPeriod ?? 6;
  const { byId, children } = childrenOf(events);

  const pairs: { from: string; to: string }[] = [];
  for (const e of events) {
    const cause = e.causationId ? byId.get(e.causationId) : undefined;
    if (cause && cause !== e) pairs.push({ from: cause.type, to: e.type });
  }
  const loops = findTypeCycles(typeEdgesOf(pairs));
  const loopEdges = cycleEdgeKeys(loops);
  const inLoop = new Set<string>();
  for (const e of events) {
    const cause = e.causationId ? byId.get(e.causationId) : undefined;
    if (cause && cause !== e && loopEdges.has(edgeKey(cause.type, e.type))) inLoop.add(e.eventId);
  }

  const isRoot = (e: GraphEvent) => !e.causationId || !byId.has(e.causationId) || e.causationId === e.eventId;
  const roots = events.filter(isRoot).map((e) => e.eventId);
  const groupOf = new Map<string, CollapsedGroup>();
  const groups: CollapsedGroup[] = [];

  if (opts.collapse) {
    // A chain starts at a root or at an event whose cause has several effects.
    for (const head of events) {
      const parent = head.causationId ? byId.get(head.causationId) : undefined;
      if (parent && parent !== head && children.get(parent.eventId)!.length === 1) continue;
      const chain: GraphEvent[] = [head];
      let current = head;
      while (children.get(current.eventId)?.length === 1) {
        current = children.get(current.eventId)![0];
        chain.push(current);
      }
      const lo = isRoot(head) ? 1 : 0;
      const hi = chain.length - 1;
      for (const run of repeatedRuns(chain.map((e) => e.type), lo, hi, { minRepetitions, minEvents, maxPeriod })) {
        const members = chain.slice(run.start, run.start + run.length);
        const group: CollapsedGroup = {
          groupId: groupIdOf(members[0].eventId, members.length),
          pattern: members.slice(0, run.period).map((e) => e.type),
          repetitions: Math.floor(members.length / run.period),
          count: members.length,
          firstEventId: members[0].eventId,
          lastEventId: members[members.length - 1].eventId,
          from: members[0].recordedAt,
          to: members[members.length - 1].recordedAt,
          inLoop: members.slice(1).every((m) => inLoop.has(m.eventId)),
        };
        groups.push(group);
        for (const m of members) groupOf.set(m.eventId, group);
      }
    }
  }

  const nodeOf = (id: string) => groupOf.get(id)?.groupId ?? id;
  const edges: GraphEdge[] = [];
  const visible: string[] = [];
  for (const e of events) {
    if (!groupOf.has(e.eventId)) visible.push(e.eventId);
    if (isRoot(e)) continue;
    const from = nodeOf(e.causationId!);
    const to = nodeOf(e.eventId);
    if (from !== to) edges.push({ from, to });
  }
  return { visible, groups, edges, loops, roots, inLoop };
}

type Run = { start: number; length: number; period: number };

/**
 * Runs of a repeating pattern in types[lo, hi): at each position, the period (1..maxPeriod) whose
 * repetition covers the most events, if it repeats often enough; then on past the run. Linear in
 * the chain's length times maxPeriod, so a 10 000-event loop costs nothing.
 */
export function repeatedRuns(types: readonly string[], lo: number, hi: number, o: { minRepetitions: number; minEvents: number; maxPeriod: number }): Run[] {
  if (hi - lo < o.minEvents) return [];
  // match[p][j]: how many positions from j on agree with the position p further (within [lo, hi)).
  const match: Int32Array[] = [];
  for (let p = 1; p <= o.maxPeriod; p++) {
    const m = new Int32Array(hi + 1);
    for (let j = hi - p - 1; j >= lo; j--) m[j] = types[j] === types[j + p] ? m[j + 1] + 1 : 0;
    match[p] = m;
  }
  const runs: Run[] = [];
  let i = lo;
  while (i < hi) {
    let best: Run | null = null;
    for (let p = 1; p <= o.maxPeriod && i + p <= hi; p++) {
      // The run keeps a trailing part of the pattern too (a loop stops wherever it stops).
      const length = p + match[p][i];
      if (Math.floor(length / p) >= o.minRepetitions && length >= o.minEvents && (!best || length > best.length)) best = { start: i, length, period: p };
    }
    if (best) {
      runs.push(best);
      i += best.length;
    } else i++;
  }
  return runs;
}

/**
 * The events of a collapsed group, a page at a time: walks the chain from its first event. Returns
 * the page and what is left of the group, which the page draws as a smaller group.
 */
export function walkGroup(events: readonly GraphEvent[], groupId: string, limit: number): { page: GraphEvent[]; rest: { firstEventId: string; count: number } | null } | null {
  const parsed = parseGroupId(groupId);
  if (!parsed) return null;
  const { byId, children } = childrenOf(events);
  let current = byId.get(parsed.firstEventId);
  if (!current) return null;
  const page: GraphEvent[] = [];
  const take = Math.min(limit, parsed.count);
  for (let n = 0; n < take && current; n++) {
    page.push(current);
    const next: GraphEvent[] | undefined = children.get(current.eventId);
    current = next?.length === 1 ? next[0] : undefined;
  }
  const left = parsed.count - page.length;
  return { page, rest: left > 0 && current ? { firstEventId: current.eventId, count: left } : null };
}
