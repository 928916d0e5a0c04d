import { type FrameLayout, GEOMETRY, lanesTop, laneTop, rowTop } from './layout.js';

/**
 * A uniform grid over the lanes, rebuilt with each layout, so a pointer finds
 * what is under it by looking at one cell instead of every mark.
 */

export type Hit = { kind: 'entry'; entry: number } | { kind: 'cluster'; cluster: number } | null;

const CELL = 32;
/** Pointer slack, CSS px: thin bars are hard to hit exactly. */
const SLACK = 3;

export interface HitIndex {
  /** Lane-major cells of packed item references: >= 0 placed index, < 0 -(cluster index + 1). */
  cells: Map<number, number[]>;
  columns: number;
  layout: FrameLayout;
}

function key(lane: number, band: number, column: number, columns: number): number {
  // band: 0..rows-1 for entry rows, rows for the whole lane (clusters).
  return (lane * (GEOMETRY.rows + 1) + band) * columns + column;
}

function add(cells: Map<number, number[]>, cellKey: number, ref: number): void {
  const cell = cells.get(cellKey);
  if (cell) cell.push(ref);
  else cells.set(cellKey, [ref]);
}

export function buildHitIndex(layout: FrameLayout, width: number): HitIndex {
  const columns = Math.ceil(width / CELL) + 1;
  const cells = new Map<number, number[]>();
  const columnOf = (x: number) => Math.min(columns - 1, Math.max(0, Math.floor(x / CELL)));
  layout.placed.forEach((item, placedIndex) => {
    for (let c = columnOf(item.x0 - SLACK); c <= columnOf(item.x1 + item.label + SLACK); c++) {
      add(cells, key(item.lane, item.row, c, columns), placedIndex);
    }
  });
  layout.clusters.forEach((cluster, clusterIndex) => {
    for (let c = columnOf(cluster.x0); c <= columnOf(cluster.x1 - 1); c++) {
      add(cells, key(cluster.lane, GEOMETRY.rows, c, columns), -(clusterIndex + 1));
    }
  });
  return { cells, columns, layout };
}

/** What is under a point given in lane coordinates (x from the lanes' left edge, y from the canvas top). */
export function hitTest(index: HitIndex, x: number, y: number, laneCount: number): Hit {
  if (y < lanesTop()) return null;
  const lane = Math.floor((y - lanesTop()) / GEOMETRY.lane);
  if (lane < 0 || lane >= laneCount) return null;
  const column = Math.min(index.columns - 1, Math.max(0, Math.floor(x / CELL)));
  const rowSpan = GEOMETRY.rowHeight + 2;
  const row = Math.floor((y - rowTop(lane, 0)) / rowSpan);
  if (row >= 0 && row < GEOMETRY.rows) {
    const cell = index.cells.get(key(lane, row, column, index.columns)) ?? [];
    // Latest drawn is on top.
    for (let i = cell.length - 1; i >= 0; i--) {
      const item = index.layout.placed[cell[i] as number];
      if (item && x >= item.x0 - SLACK && x <= item.x1 + item.label + SLACK)
        return { kind: 'entry', entry: item.entry };
    }
  }
  const inLane = y >= laneTop(lane) && y < laneTop(lane) + GEOMETRY.lane;
  if (!inLane) return null;
  for (const ref of index.cells.get(key(lane, GEOMETRY.rows, column, index.columns)) ?? []) {
    const clusterIndex = -ref - 1;
    const cluster = index.layout.clusters[clusterIndex];
    if (cluster && x >= cluster.x0 && x < cluster.x1) return { kind: 'cluster', cluster: clusterIndex };
  }
  return null;
}
