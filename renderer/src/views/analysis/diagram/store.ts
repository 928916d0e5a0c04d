import { createContext, useContext } from 'react';
import { createStore, type StoreApi, useStore } from 'zustand';
import { chainOf, type DiagramGraph } from '../../../../../shared/diagram/graph.js';

/**
 * What one diagram shows beyond its nodes and links: the selected item with its
 * chain, and the item a keyboard link starts from. Each node and link reads only
 * its own yes or no from here (a selector, never the whole state), so selecting
 * an item redraws the items whose highlight changes, not all 500.
 */
export interface DiagramState {
  selected: string | null;
  chain: { nodes: Set<string>; edges: Set<string> } | null;
  /** The item a keyboard link starts from (L pressed on it), until L on a second item or Escape. */
  linkFrom: string | null;
  select(graph: DiagramGraph, id: string | null): void;
  setLinkFrom(id: string | null): void;
}

export function createDiagramStore(): StoreApi<DiagramState> {
  return createStore<DiagramState>()((set) => ({
    selected: null,
    chain: null,
    linkFrom: null,
    select: (graph, id) => set({ selected: id, chain: id === null ? null : chainOf(graph, id) }),
    setLinkFrom: (linkFrom) => set({ linkFrom }),
  }));
}

export const DiagramStoreContext = createContext<StoreApi<DiagramState> | null>(null);

export function useDiagramState<T>(selector: (state: DiagramState) => T): T {
  const store = useContext(DiagramStoreContext);
  if (!store) throw new Error('useDiagramState needs a DiagramStoreContext');
  return useStore(store, selector);
}

/** How an item or link is drawn against the selection: in the chain, out of it (faded), or no selection. */
export type ChainMark = 'chain' | 'faded' | 'none';

/** An item's mark, or 'linking' while a keyboard link starts from it: one subscription per node. */
export function useNodeMark(id: string): ChainMark | 'linking' {
  return useDiagramState((state) =>
    state.linkFrom === id ? 'linking' : state.chain === null ? 'none' : state.chain.nodes.has(id) ? 'chain' : 'faded',
  );
}

export function useEdgeMark(id: string): ChainMark {
  return useDiagramState((state) => (state.chain === null ? 'none' : state.chain.edges.has(id) ? 'chain' : 'faded'));
}
