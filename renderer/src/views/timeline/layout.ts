import { type LaneIndex, visibleRun } from './lane-index.js';
import type { Viewport } from './scale.js';
import type { TimelineEntry } from './types.js';

/**
 * Where each visible entry goes in a frame: culled to the window with the lane
 * index, packed into a few rows per lane, and, where too many start within a
 * few pixels (a coarse zoom), gathered into clusters showing a count. The
 * output is plain numbers so drawing and hit-testing need no further date work.
 */

export const GEOMETRY = {
  /** Lane names column, CSS px. */
  gutter: 180,
  /** Axis height (two label rows). */
  axis: 46,
  /** Strip under the axis naming key practice episodes. */
  episodes: 20,
  lane: 64,
  rows: 3,
  rowHeight: 16,
  lanePadding: 6,
  /** Width of the arrow drawn for `before` and `after` dates. */
  arrow: 28,
  /** Narrowest bar, so a minute or a day stays visible and clickable. */
  minBar: 4,
  /** Entries starting within one bucket beyond `clusterAbove` are drawn as a cluster. */
  bucket: 24,
  clusterAbove: 8,
  /** Labels are drawn beside bars when a lane shows at most this many entries. */
  labelsUpTo: 120,
  maxLabel: 200,
  /** A label cut shorter than this (a few letters and an ellipsis) is dropped. */
  minLabel: 40,
} as const;

export interface PlacedEntry {
  /** Index into the entries array. */
  entry: number;
  lane: number;
  row: number;
  /** Extent of the mark in lane pixels (0 = left edge of the lanes). */
  x0: number;
  x1: number;
  /** Width reserved for the label after x1 (0 when none is drawn). */
  label: number;
}

export interface Cluster {
  lane: number;
  x0: number;
  x1: number;
  count: number;
  significant: number;
  /** Time extent of its entries, for the tooltip and for zooming into it. */
  start: number;
  end: number;
  /** Up to a few entry indices, for the tooltip. */
  sample: number[];
}

export interface FrameLayout {
  placed: PlacedEntry[];
  clusters: Cluster[];
  /** Entries touching the window, per lane (including clustered ones). */
  visibleCounts: number[];
}

/** The pixel extent of an entry's mark: its outer span, or the arrow for open-ended dates. */
export function markExtent(entry: TimelineEntry, view: Viewport): { x0: number; x1: number } {
  const anchor = (entry.start - view.start) / view.msPerPx;
  if (entry.qualifier === 'before') return { x0: anchor - GEOMETRY.arrow, x1: anchor };
  if (entry.qualifier === 'after') return { x0: anchor, x1: anchor + GEOMETRY.arrow };
  const x0 = anchor;
  const x1 = Math.max((entry.end - view.start) / view.msPerPx, x0 + GEOMETRY.minBar);
  return { x0, x1 };
}

export function layoutFrame(
  entries: readonly TimelineEntry[],
  index: LaneIndex,
  view: Viewport,
  measure: (text: string) => number,
): FrameLayout {
  const placed: PlacedEntry[] = [];
  const clusters: Cluster[] = [];
  const visibleCounts: number[] = [];
  // Arrows reach a fixed number of pixels beyond their anchor time, so widen the search by that much.
  const pad = (GEOMETRY.arrow + GEOMETRY.minBar) * view.msPerPx;
  const windowStart = view.start - pad;
  const windowEnd = view.start + view.msPerPx * view.width + pad;
  const bucketCount = Math.ceil(view.width / GEOMETRY.bucket) + 1;
  const bucketOf = (x: number) => Math.min(bucketCount - 1, Math.max(0, Math.floor(x / GEOMETRY.bucket)));
  const counts = new Int32Array(bucketCount);
  const rowEnds = new Float64Array(GEOMETRY.rows);
  const lastInRow: (PlacedEntry | undefined)[] = new Array(GEOMETRY.rows);

  index.lanes.forEach((lane, laneNumber) => {
    const { from, to } = visibleRun(lane, windowStart, windowEnd);
    counts.fill(0);
    const visible: number[] = [];
    for (let i = from; i < to; i++) {
      const entryIndex = lane.order[i] as number;
      const entry = entries[entryIndex] as TimelineEntry;
      const { x0, x1 } = markExtent(entry, view);
      if (x1 < 0 || x0 > view.width) continue;
      visible.push(entryIndex);
      counts[bucketOf(x0)] = (counts[bucketOf(x0)] as number) + 1;
    }
    visibleCounts.push(visible.length);
    const withLabels = visible.length <= GEOMETRY.labelsUpTo;
    rowEnds.fill(Number.NEGATIVE_INFINITY);
    lastInRow.fill(undefined);
    const openClusters = new Map<number, Cluster>();
    for (const entryIndex of visible) {
      const entry = entries[entryIndex] as TimelineEntry;
      const { x0, x1 } = markExtent(entry, view);
      const bucket = bucketOf(x0);
      if ((counts[bucket] as number) > GEOMETRY.clusterAbove) {
        let cluster = openClusters.get(bucket);
        if (!cluster) {
          cluster = {
            lane: laneNumber,
            x0: bucket * GEOMETRY.bucket,
            x1: (bucket + 1) * GEOMETRY.bucket,
            count: 0,
            significant: 0,
            start: entry.start,
            end: entry.end,
            sample: [],
          };
          openClusters.set(bucket, cluster);
          clusters.push(cluster);
        }
        cluster.count++;
        if (entry.significant) cluster.significant++;
        cluster.start = Math.min(cluster.start, entry.start);
        cluster.end = Math.max(cluster.end, entry.end);
        if (cluster.sample.length < 3) cluster.sample.push(entryIndex);
        continue;
      }
      // A label stops at the edge of the lanes (cut short with an ellipsis), or is left out when too little is left.
      const wanted = withLabels ? Math.min(GEOMETRY.maxLabel, measure(entry.excerpt) + 6, view.width - x1) : 0;
      const label = wanted >= GEOMETRY.minLabel ? wanted : 0;
      // The first row that is free at x0; if none is, the one that frees soonest (a small overlap).
      let row = 0;
      let best = Number.POSITIVE_INFINITY;
      for (let r = 0; r < GEOMETRY.rows; r++) {
        const end = rowEnds[r] as number;
        if (end + 2 <= x0) {
          row = r;
          best = Number.NEGATIVE_INFINITY;
          break;
        }
        if (end < best) {
          best = end;
          row = r;
        }
      }
      // Drop the label rather than overlap one.
      const fits = best === Number.NEGATIVE_INFINITY;
      const reserved = fits ? label : 0;
      // A bar that has to share a taken row must not sit on the label before it: that label
      // is cut short to end before the bar, or dropped when too little of it would be left.
      const before = lastInRow[row];
      // (8 px clear: a significant entry's diamond reaches a little left of its bar.)
      if (!fits && before && before.label > 0 && before.x1 + before.label > x0 - 8) {
        const room = x0 - 8 - before.x1;
        before.label = room >= GEOMETRY.minLabel ? room : 0;
      }
      rowEnds[row] = Math.max(rowEnds[row] as number, x1 + reserved);
      const item = { entry: entryIndex, lane: laneNumber, row, x0, x1, label: reserved };
      lastInRow[row] = item;
      placed.push(item);
    }
  });
  return { placed, clusters, visibleCounts };
}

/** Top of a lane, in canvas CSS pixels. */
export function laneTop(lane: number): number {
  return lanesTop() + lane * GEOMETRY.lane;
}

/** Where the first lane begins, below the axis and the episode strip. */
export function lanesTop(): number {
  return GEOMETRY.axis + GEOMETRY.episodes;
}

/** Top of a row's bar within a lane, in canvas CSS pixels. */
export function rowTop(lane: number, row: number): number {
  return laneTop(lane) + GEOMETRY.lanePadding + row * (GEOMETRY.rowHeight + 2);
}

/** Full canvas height for a number of lanes. */
export function canvasHeight(laneCount: number): number {
  return lanesTop() + Math.max(1, laneCount) * GEOMETRY.lane + 1;
}
