import { type Edge, type Node, ReactFlow, useEdgesState, useNodesState } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { createRoot } from 'react-dom/client';
import { Diagram } from '../../../renderer/src/views/analysis/diagram/Diagram.js';
import { layoutDiagram, prepareLayout } from '../../../renderer/src/views/analysis/diagram/layout.js';
import { edgeId, placeNodes } from '../../../shared/diagram/graph.js';
import { generateBenchGraph } from '../data.js';

/**
 * The benchmark page (not part of the app): `?lib=casebook` draws the generated
 * analysis with the app's diagram, `?lib=bare` the same nodes, links and
 * positions in a bare React Flow page with default nodes. It exposes
 * `window.diagramBench` for the Node driver: mount() gives the time to the first
 * frame with every item and link drawn, dragStep(i) moves a dragged item one
 * step and gives the time to the frame after it, layout() times the elkjs layout
 * (cold, or after the warm-up the diagram screen runs when idle).
 */

interface Bench {
  mount(): Promise<number>;
  dragStart(): Promise<void>;
  dragStep(index: number): Promise<number>;
  dragEnd(): Promise<void>;
  /** `prepared`: after the warm-up the diagram screen runs when idle, as a reviewer meets it. */
  layout(prepared: boolean): Promise<number>;
}

declare global {
  interface Window {
    diagramBench?: Bench;
  }
}

const graph = generateBenchGraph();
const positions = placeNodes(graph, {});
const root = document.getElementById('root') as HTMLElement;
const lib = new URLSearchParams(window.location.search).get('lib') ?? 'casebook';
/** The item dragged: a factor with links both ways, near the middle of the view after fitting. */
const DRAGGED = 'factor-100';

function nextFrame(): Promise<void> {
  return new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
}

/** React Flow draws nodes hidden until it has measured them, then the links: done when all are visible. */
function drawn(): boolean {
  const node = root.querySelector<HTMLElement>(`.react-flow__node[data-id="${DRAGGED}"]`);
  return (
    root.querySelectorAll('.react-flow__node').length === graph.nodes.length &&
    root.querySelectorAll('.react-flow__edge').length === graph.edges.length &&
    node !== null &&
    getComputedStyle(node).visibility === 'visible'
  );
}

function BareFlow() {
  const [nodes, , onNodesChange] = useNodesState<Node>(
    graph.nodes.map((node) => ({
      id: node.id,
      position: positions[node.id] ?? { x: 0, y: 0 },
      data: { label: node.title },
    })),
  );
  const [edges, , onEdgesChange] = useEdgesState<Edge>(
    graph.edges.map((edge) => ({ id: edgeId(edge), source: edge.from, target: edge.to })),
  );
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      fitView
      minZoom={0.2}
    />
  );
}

let pointer = { x: 0, y: 0 };
const mouse = (type: string, target: EventTarget) =>
  target.dispatchEvent(
    new MouseEvent(type, {
      bubbles: true,
      cancelable: true,
      view: window,
      button: 0,
      clientX: pointer.x,
      clientY: pointer.y,
    }),
  );

window.diagramBench = {
  async mount() {
    const start = performance.now();
    createRoot(root).render(
      lib === 'bare' ? <BareFlow /> : <Diagram graph={graph} positions={positions} label="Benchmark analysis" />,
    );
    while (!drawn()) await nextFrame();
    return performance.now() - start;
  },
  async dragStart() {
    const node = root.querySelector(`.react-flow__node[data-id="${DRAGGED}"]`) as HTMLElement;
    const box = node.getBoundingClientRect();
    pointer = { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    mouse('mousedown', node);
    await nextFrame();
  },
  async dragStep(index) {
    const start = performance.now();
    pointer = { x: pointer.x + (index % 20 < 10 ? 6 : -6), y: pointer.y + 4 };
    mouse('mousemove', window);
    await nextFrame();
    return performance.now() - start;
  },
  async dragEnd() {
    mouse('mouseup', window);
    await nextFrame();
  },
  async layout(prepared) {
    if (prepared) await prepareLayout();
    const start = performance.now();
    await layoutDiagram(graph);
    return performance.now() - start;
  },
};
