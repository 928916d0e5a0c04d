/**
 * The analysis diagram as a graph: the analysis model's items laid out in five
 * columns, evidence -> contributory factors -> findings -> recommendations ->
 * actions, and its links, each from an item to one in the next column. The
 * renderer draws it with React Flow; the SVG and PNG export (for the report)
 * draw it from the same graph and the same saved positions. No DOM, no Node.
 */

export const DIAGRAM_COLUMNS = ['evidence', 'factor', 'finding', 'recommendation', 'action'] as const;
export type DiagramColumn = (typeof DIAGRAM_COLUMNS)[number];

export const COLUMN_TITLES: Record<DiagramColumn, string> = {
  evidence: 'Evidence',
  factor: 'Contributory factors',
  finding: 'Findings',
  recommendation: 'Recommendations',
  action: 'Actions',
};

export interface DiagramNode {
  id: string;
  column: DiagramColumn;
  /** What the item is, in the reviewers' words ("Chronology entry", "Key practice episode", "Finding"). */
  kind: string;
  title: string;
  /** Traceability problems marked on the node ("No evidence", "No owner"), from the analysis model's check. */
  problems: string[];
}

/** A link from an item to one in the next column to its right. */
export interface DiagramEdge {
  from: string;
  to: string;
}

export interface DiagramGraph {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

export interface Position {
  x: number;
  y: number;
}

export type Positions = Record<string, Position>;

/** Every node is drawn this size, so the layout, the screen and the export agree. */
export const NODE_SIZE = { width: 240, height: 72 } as const;
/** The gap between columns and between nodes in a column, for the layout and the column arrangement. */
export const SPACING = { column: 80, row: 24 } as const;

export const edgeId = (edge: DiagramEdge): string => `${edge.from}->${edge.to}`;

export function columnIndex(column: DiagramColumn): number {
  return DIAGRAM_COLUMNS.indexOf(column);
}

/** A link may only run from a column to the next one: evidence to a factor, a factor to a finding, and so on. */
export function canLink(from: DiagramColumn, to: DiagramColumn): boolean {
  return columnIndex(to) === columnIndex(from) + 1;
}

/** The link between two items in the direction the chain runs, or null when they are not in neighbouring columns. */
export function orient(graph: DiagramGraph, a: string, b: string): DiagramEdge | null {
  const column = (id: string) => graph.nodes.find((node) => node.id === id)?.column;
  const first = column(a);
  const second = column(b);
  if (!first || !second) return null;
  if (canLink(first, second)) return { from: a, to: b };
  if (canLink(second, first)) return { from: b, to: a };
  return null;
}

/** The left x of a column when nodes are arranged in plain columns. */
export function columnX(column: DiagramColumn): number {
  return columnIndex(column) * (NODE_SIZE.width + SPACING.column);
}

/**
 * A node's chain both ways: everything it rests on (to the left, followed
 * link by link) and everything that rests on it (to the right), with the links
 * between them. A sibling sharing a factor is not in the chain.
 */
export function chainOf(graph: DiagramGraph, id: string): { nodes: Set<string>; edges: Set<string> } {
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const edge of graph.edges) {
    forward.set(edge.from, [...(forward.get(edge.from) ?? []), edge.to]);
    backward.set(edge.to, [...(backward.get(edge.to) ?? []), edge.from]);
  }
  const reach = (links: Map<string, string[]>): Set<string> => {
    const seen = new Set([id]);
    const queue = [id];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      for (const other of links.get(next) ?? []) {
        if (!seen.has(other)) {
          seen.add(other);
          queue.push(other);
        }
      }
    }
    return seen;
  };
  const before = reach(backward);
  const after = reach(forward);
  const edges = new Set(
    graph.edges
      .filter((edge) => (before.has(edge.from) && before.has(edge.to)) || (after.has(edge.from) && after.has(edge.to)))
      .map(edgeId),
  );
  return { nodes: new Set([...before, ...after]), edges };
}

/**
 * Where each node goes when nothing better is known: its column, below the
 * nodes already placed there. Saved positions are kept; a new node goes under
 * the lowest one in its column, so adding an item never moves another.
 */
export function placeNodes(graph: DiagramGraph, saved: Positions): Positions {
  const positions: Positions = {};
  const bottom = new Map<DiagramColumn, number>();
  for (const node of graph.nodes) {
    const at = saved[node.id];
    if (!at) continue;
    positions[node.id] = at;
    bottom.set(node.column, Math.max(bottom.get(node.column) ?? 0, at.y + NODE_SIZE.height + SPACING.row));
  }
  for (const node of graph.nodes) {
    if (positions[node.id]) continue;
    const y = bottom.get(node.column) ?? 0;
    positions[node.id] = { x: columnX(node.column), y };
    bottom.set(node.column, y + NODE_SIZE.height + SPACING.row);
  }
  return positions;
}
