import elkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK } from 'elkjs/lib/elk-api.js';
import {
  columnX,
  DIAGRAM_COLUMNS,
  type DiagramGraph,
  NODE_SIZE,
  type Positions,
  SPACING,
} from '../../../../../shared/diagram/graph.js';

/**
 * Automatic layout of the analysis diagram with elkjs (layered, left to right).
 * ELK orders the nodes to cross as few links as it can and places them; each
 * node then goes to its own column's x (the five columns stay where the reader
 * expects them, even with an empty column or an unlinked item), keeping ELK's
 * height and order and moving a node down only where it would overlap the one
 * above. ELK's partitioning would keep the columns itself but made the layout
 * of 500 items about eight times slower. A pure function of the graph: no DOM.
 */

// elkjs is CommonJS: a bundler and Node's ESM loader both hand over its constructor as the default
// import, but TypeScript's Node typing sees the module object instead, hence the one cast.
const Elk = elkBundled as unknown as new () => ELK;
const elk = new Elk();

const OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  // One layered drawing rather than each connected group packed side by side, which would break the columns.
  'elk.separateConnectedComponents': 'false',
  'elk.spacing.nodeNode': String(SPACING.row),
  'elk.layered.spacing.nodeNodeBetweenLayers': String(SPACING.column),
  // The diagram draws its own curves, so ELK's routes need only be cheap; one pass of
  // crossing reduction orders a 500-item analysis about as well as seven.
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.thoroughness': '1',
};

/**
 * ELK is compiled Java: its first layouts run slowly while the browser compiles it (a 500-item
 * analysis took about twice as long the first time). The diagram screen calls this when idle,
 * so "Arrange automatically" meets a warm engine. Runs once per window.
 */
let prepared: Promise<void> | null = null;
export function prepareLayout(): Promise<void> {
  prepared ??= (async () => {
    const nodes = DIAGRAM_COLUMNS.flatMap((column) =>
      Array.from({ length: 6 }, (_, index) => ({
        id: `${column}-${index}`,
        column,
        kind: '',
        title: '',
        problems: [],
      })),
    );
    const edges = nodes.flatMap((node, index) => {
      const next = nodes[index + 6];
      const across = nodes[index + 7];
      return [next, across].filter((to) => to !== undefined).map((to) => ({ from: node.id, to: to.id }));
    });
    for (let round = 0; round < 5; round++) await layoutDiagram({ nodes, edges });
  })();
  return prepared;
}

export async function layoutDiagram(graph: DiagramGraph): Promise<Positions> {
  const ids = new Set(graph.nodes.map((node) => node.id));
  const laid = await elk.layout({
    id: 'diagram',
    layoutOptions: OPTIONS,
    children: graph.nodes.map((node) => ({
      id: node.id,
      width: NODE_SIZE.width,
      height: NODE_SIZE.height,
    })),
    edges: graph.edges
      .filter((edge) => ids.has(edge.from) && ids.has(edge.to))
      .map((edge, index) => ({ id: `e${index}`, sources: [edge.from], targets: [edge.to] })),
  });
  const placed = new Map((laid.children ?? []).map((child) => [child.id, child.y ?? 0]));
  const positions: Positions = {};
  for (const column of DIAGRAM_COLUMNS) {
    const nodes = graph.nodes
      .filter((node) => node.column === column)
      .map((node) => ({ id: node.id, y: placed.get(node.id) ?? 0 }))
      .sort((a, b) => a.y - b.y);
    let free = 0;
    for (const node of nodes) {
      const y = Math.round(Math.max(node.y, free));
      positions[node.id] = { x: columnX(column), y };
      free = y + NODE_SIZE.height + SPACING.row;
    }
  }
  return positions;
}
