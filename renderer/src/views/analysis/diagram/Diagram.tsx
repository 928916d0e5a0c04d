import {
  type Connection,
  type Edge,
  type FinalConnectionState,
  ReactFlow,
  type ReactFlowInstance,
  useEdgesState,
  useNodesState,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { StoreApi } from 'zustand';
import {
  columnX,
  DIAGRAM_COLUMNS,
  type DiagramColumn,
  type DiagramEdge,
  type DiagramGraph,
  edgeId,
  NODE_SIZE,
  orient,
  type Position,
  type Positions,
} from '../../../../../shared/diagram/graph.js';
import { ChainEdge } from './ChainEdge.js';
import { ItemNode, type ItemNodeType } from './ItemNode.js';
import { ReadableFitControls } from './ReadableFit.js';
import { createDiagramStore, type DiagramState, DiagramStoreContext } from './store.js';
import './diagram.css';

/**
 * The analysis diagram drawn with React Flow: the graph's items at their
 * positions, links drawn by dragging from an item's right handle to the next
 * column's item (or with the keyboard: L on one item, L on the other), unlinked
 * by selecting a link and pressing Delete (or L then Delete), a link dragged to
 * empty space asks for a new item there. Selecting an item highlights its chain.
 * It shows what it is given and reports what the person did; the view saves it.
 */

// Defined once at module level: React Flow redraws every node if these objects change.
const nodeTypes = { item: ItemNode };
const edgeTypes = { chain: ChainEdge };

export interface CreateRequest {
  /** The item the new one links to ('' for none), and the column the new one goes in. */
  from: string;
  column: DiagramColumn;
  /** Where it was dropped on the diagram; null puts it under its column. */
  position: Position | null;
}

export interface DiagramProps {
  graph: DiagramGraph;
  positions: Positions;
  /** The diagram's accessible name. */
  label: string;
  onLink?: (edge: DiagramEdge) => void;
  onUnlink?: (edge: DiagramEdge) => void;
  /** Items dragged to a new place (every item of a dragged selection). */
  onMove?: (moved: { id: string; x: number; y: number }[]) => void;
  /** A link dragged from an item to empty space: a new item wanted in the next (or previous) column. */
  onCreate?: (request: CreateRequest) => void;
  onSelect?: (id: string | null) => void;
  /** Called once React Flow is ready (the benchmark and the export read the viewport through it). */
  onInit?: (instance: ReactFlowInstance<ItemNodeType>) => void;
}

/** `selected` keeps React Flow's selection when the nodes are rebuilt after a change. */
function toNodes(graph: DiagramGraph, positions: Positions, selected: string | null): ItemNodeType[] {
  return graph.nodes.map((item) => ({
    id: item.id,
    selected: item.id === selected,
    type: 'item',
    position: positions[item.id] ?? { x: 0, y: 0 },
    data: { item },
    deletable: false,
    ariaLabel: `${item.kind}: ${item.title}${item.problems.length > 0 ? `. Problem: ${item.problems.join('; ')}` : ''}`,
  }));
}

function toEdges(graph: DiagramGraph): Edge[] {
  return graph.edges.map((edge) => ({ id: edgeId(edge), source: edge.from, target: edge.to, type: 'chain' }));
}

export function Diagram(props: DiagramProps) {
  const { graph, positions, label } = props;
  const [store] = useState(createDiagramStore);
  const builtNodes = useMemo(() => toNodes(graph, positions, store.getState().selected), [graph, positions, store]);
  const builtEdges = useMemo(() => toEdges(graph), [graph]);
  const nodeIds = useMemo(() => graph.nodes.map((node) => node.id), [graph]);
  const [nodes, setNodes, onNodesChange] = useNodesState(builtNodes);
  const [edges, setEdges, onEdgesChange] = useEdgesState(builtEdges);
  const shown = useRef({ nodes: builtNodes, edges: builtEdges });
  const [linkNote, setLinkNote] = useState('');
  // The handlers read the latest props through a ref and are made once: new functions
  // on every drag frame would make React Flow update its store and redraw its handles.
  const latest = useRef(props);
  latest.current = props;
  const handlers = useMemo(() => diagramHandlers(latest, store, setLinkNote), [store]);

  // A new model or new positions from the view: draw them (not again on first mount).
  useEffect(() => {
    if (shown.current.nodes !== builtNodes) setNodes(builtNodes);
    if (shown.current.edges !== builtEdges) setEdges(builtEdges);
    shown.current = { nodes: builtNodes, edges: builtEdges };
    const { selected } = store.getState();
    if (selected !== null) store.getState().select(graph, graph.nodes.some((n) => n.id === selected) ? selected : null);
  }, [builtNodes, builtEdges, graph, setNodes, setEdges, store]);

  return (
    <DiagramStoreContext.Provider value={store}>
      <p className="diagram-link-note" aria-live="polite">
        {linkNote}
      </p>
      <ReactFlow<ItemNodeType>
        className="diagram"
        aria-label={label}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={handlers.connect}
        onConnectEnd={handlers.connectEnd}
        isValidConnection={handlers.isValidConnection}
        onEdgesDelete={handlers.edgesDelete}
        onNodeDragStop={handlers.nodeDragStop}
        onSelectionChange={handlers.selectionChange}
        onInit={handlers.init}
        onKeyDown={handlers.keyDown}
        deleteKeyCode={DELETE_KEYS}
        edgesFocusable={false}
        minZoom={0.2}
        proOptions={PRO_OPTIONS}
      >
        <ReadableFitControls positions={positions} ids={nodeIds} />
      </ReactFlow>
    </DiagramStoreContext.Provider>
  );
}

const DELETE_KEYS = ['Delete', 'Backspace'];
const PRO_OPTIONS = { hideAttribution: true };

function diagramHandlers(
  latest: { current: DiagramProps },
  store: StoreApi<DiagramState>,
  setLinkNote: (note: string) => void,
) {
  let flow: ReactFlowInstance<ItemNodeType> | null = null;
  const titleOf = (id: string) => latest.current.graph.nodes.find((node) => node.id === id)?.title ?? id;
  return {
    connect(connection: Connection): void {
      const edge = orient(latest.current.graph, connection.source, connection.target);
      if (edge) latest.current.onLink?.(edge);
    },
    isValidConnection(connection: Connection | Edge): boolean {
      return orient(latest.current.graph, connection.source, connection.target) !== null;
    },
    connectEnd(event: MouseEvent | TouchEvent, state: FinalConnectionState): void {
      const { graph, onCreate } = latest.current;
      // Let go away from any item's handle: a new item is wanted there.
      if (state.isValid || state.toHandle || !state.fromNode || !onCreate || !flow) return;
      const from = graph.nodes.find((node) => node.id === state.fromNode?.id);
      if (!from) return;
      const step = state.fromHandle?.type === 'target' ? -1 : 1;
      const column = DIAGRAM_COLUMNS[DIAGRAM_COLUMNS.indexOf(from.column) + step];
      if (!column) return;
      const point = 'changedTouches' in event ? event.changedTouches[0] : event;
      if (!point) return;
      // Dropped in its column, centred on the pointer's height: the columns stay columns.
      const dropped = flow.screenToFlowPosition({ x: point.clientX, y: point.clientY });
      onCreate({
        from: from.id,
        column,
        position: { x: columnX(column), y: Math.round(dropped.y - NODE_SIZE.height / 2) },
      });
    },
    edgesDelete(deleted: Edge[]): void {
      for (const edge of deleted) latest.current.onUnlink?.({ from: edge.source, to: edge.target });
    },
    nodeDragStop(_event: unknown, _node: ItemNodeType, dragged: ItemNodeType[]): void {
      latest.current.onMove?.(
        dragged.map((node) => ({ id: node.id, x: Math.round(node.position.x), y: Math.round(node.position.y) })),
      );
    },
    selectionChange({ nodes: chosen }: { nodes: ItemNodeType[] }): void {
      const id = chosen.length === 1 ? (chosen[0]?.id ?? null) : null;
      if (id === store.getState().selected) return;
      store.getState().select(latest.current.graph, id);
      latest.current.onSelect?.(id);
    },
    init(instance: ReactFlowInstance<ItemNodeType>): void {
      flow = instance;
      latest.current.onInit?.(instance);
    },
    /** Keyboard linking: L on an item starts a link, L on another finishes it, Delete there removes it, Escape stops. */
    keyDown(event: KeyboardEvent<HTMLDivElement>): void {
      const { graph, onLink, onUnlink } = latest.current;
      const target = event.target instanceof Element ? event.target.closest('.react-flow__node') : null;
      const id = target?.getAttribute('data-id');
      const { linkFrom, setLinkFrom } = store.getState();
      if (event.key === 'Escape' && linkFrom !== null) {
        setLinkFrom(null);
        setLinkNote('Linking cancelled.');
        return;
      }
      if (!id) return;
      if (event.key === 'l' || event.key === 'L') {
        event.preventDefault();
        if (linkFrom === null || linkFrom === id) {
          setLinkFrom(id);
          setLinkNote(
            `Linking from ${titleOf(id)}. Go to an item in the next or previous column and press L to link, Delete to unlink, Escape to stop.`,
          );
          return;
        }
        const edge = orient(graph, linkFrom, id);
        if (!edge) {
          setLinkNote(
            `${titleOf(id)} is not in a column next to ${titleOf(linkFrom)}; choose another item or press Escape.`,
          );
          return;
        }
        setLinkFrom(null);
        setLinkNote(`Linked ${titleOf(edge.from)} to ${titleOf(edge.to)}.`);
        onLink?.(edge);
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && linkFrom !== null && linkFrom !== id) {
        event.preventDefault();
        const edge = orient(graph, linkFrom, id);
        setLinkFrom(null);
        if (edge && graph.edges.some((e) => e.from === edge.from && e.to === edge.to)) {
          setLinkNote(`Unlinked ${titleOf(edge.from)} from ${titleOf(edge.to)}.`);
          onUnlink?.(edge);
        } else {
          setLinkNote('Those two items are not linked.');
        }
      }
    },
  };
}
