import { describe, expect, it } from 'vitest';
import { layoutDiagram } from '../../renderer/src/views/analysis/diagram/layout.js';
import {
  canLink,
  chainOf,
  columnX,
  type DiagramColumn,
  type DiagramGraph,
  NODE_SIZE,
  orient,
  placeNodes,
} from '../../shared/diagram/graph.js';

const node = (id: string, column: DiagramColumn) => ({ id, column, kind: column, title: id, problems: [] });

/** e1, e2 -> f1; e3 -> f2; f1 -> d1 -> r1 -> a1; f2 -> d1; d2 alone. */
const graph: DiagramGraph = {
  nodes: [
    node('e1', 'evidence'),
    node('e2', 'evidence'),
    node('e3', 'evidence'),
    node('f1', 'factor'),
    node('f2', 'factor'),
    node('d1', 'finding'),
    node('d2', 'finding'),
    node('r1', 'recommendation'),
    node('a1', 'action'),
  ],
  edges: [
    { from: 'e1', to: 'f1' },
    { from: 'e2', to: 'f1' },
    { from: 'e3', to: 'f2' },
    { from: 'f1', to: 'd1' },
    { from: 'f2', to: 'd1' },
    { from: 'd1', to: 'r1' },
    { from: 'r1', to: 'a1' },
  ],
};

describe('the diagram graph', () => {
  it('a chain runs both ways from the selected item, without its siblings', () => {
    const fromFactor = chainOf(graph, 'f1');
    expect([...fromFactor.nodes].sort()).toEqual(['a1', 'd1', 'e1', 'e2', 'f1', 'r1']);
    // f2 also supports d1, but it is a sibling of f1, not part of f1's chain.
    expect(fromFactor.edges.has('f2->d1')).toBe(false);
    expect(fromFactor.edges.has('e1->f1')).toBe(true);
    expect(fromFactor.edges.has('r1->a1')).toBe(true);
    expect([...chainOf(graph, 'd1').nodes].sort()).toEqual(['a1', 'd1', 'e1', 'e2', 'e3', 'f1', 'f2', 'r1']);
    expect([...chainOf(graph, 'd2').nodes]).toEqual(['d2']);
  });

  it('links only run from a column to the next, in the chain’s direction whichever end was picked first', () => {
    expect(canLink('evidence', 'factor')).toBe(true);
    expect(canLink('factor', 'evidence')).toBe(false);
    expect(canLink('evidence', 'finding')).toBe(false);
    expect(orient(graph, 'd2', 'f2')).toEqual({ from: 'f2', to: 'd2' });
    expect(orient(graph, 'e1', 'd2')).toBeNull();
    expect(orient(graph, 'e1', 'nowhere')).toBeNull();
  });

  it('places new items under the saved ones in their column, never moving a saved one', () => {
    const placed = placeNodes(graph, { f2: { x: 500, y: 300 } });
    expect(placed.f2).toEqual({ x: 500, y: 300 });
    expect(placed.f1).toEqual({ x: columnX('factor'), y: 300 + NODE_SIZE.height + 24 });
    expect(placed.e1).toEqual({ x: columnX('evidence'), y: 0 });
    expect(placed.e2?.y).toBeGreaterThanOrEqual(NODE_SIZE.height);
  });
});

describe('the elkjs layout', () => {
  it('puts every item in its column, none overlapping, the links uncrossed where they can be', async () => {
    // Given in an order that crosses: e1 -> f2 and e2 -> f1, listed f1 before f2.
    const crossed: DiagramGraph = {
      nodes: [node('e1', 'evidence'), node('e2', 'evidence'), node('f1', 'factor'), node('f2', 'factor')],
      edges: [
        { from: 'e1', to: 'f2' },
        { from: 'e2', to: 'f1' },
      ],
    };
    const laid = await layoutDiagram(crossed);
    const y = (id: string) => laid[id]?.y ?? Number.NaN;
    expect(Math.sign(y('e1') - y('e2'))).toBe(Math.sign(y('f2') - y('f1')));

    const positions = await layoutDiagram(graph);
    expect(Object.keys(positions).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    for (const item of graph.nodes) expect(positions[item.id]?.x).toBe(columnX(item.column));
    for (const column of ['evidence', 'factor', 'finding'] as const) {
      const ys = graph.nodes
        .filter((item) => item.column === column)
        .map((item) => positions[item.id]?.y ?? Number.NaN)
        .sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) {
        expect((ys[i] ?? 0) - (ys[i - 1] ?? 0)).toBeGreaterThanOrEqual(NODE_SIZE.height);
      }
    }
  });

  it('keeps the columns when one is empty and an item is unlinked', async () => {
    const sparse: DiagramGraph = { nodes: [node('d9', 'finding'), node('a9', 'action')], edges: [] };
    const positions = await layoutDiagram(sparse);
    expect(positions.d9?.x).toBe(columnX('finding'));
    expect(positions.a9?.x).toBe(columnX('action'));
  });
});
