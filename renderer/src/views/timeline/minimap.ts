import type { TimelineEntry } from './types.js';

/**
 * The mini-map: how many entries each lane has in each slice of the whole
 * period, computed once per data set; the visible window is drawn over it.
 */

export interface Density {
  start: number;
  end: number;
  bins: number;
  /** lanes × bins counts, lane-major. */
  counts: Uint32Array;
  max: number;
}

export function densityOf(
  entries: readonly TimelineEntry[],
  laneCount: number,
  extent: { start: number; end: number },
  bins: number,
): Density {
  const counts = new Uint32Array(Math.max(1, laneCount) * bins);
  const span = Math.max(1, extent.end - extent.start);
  let max = 0;
  for (const entry of entries) {
    const middle = (entry.start + entry.end) / 2;
    const bin = Math.floor(((middle - extent.start) / span) * bins);
    if (bin < 0 || bin >= bins || entry.agency >= laneCount) continue;
    const at = entry.agency * bins + bin;
    const count = (counts[at] as number) + 1;
    counts[at] = count;
    if (count > max) max = count;
  }
  return { start: extent.start, end: extent.end, bins, counts, max };
}

/** The window's rectangle on a mini-map `width` pixels wide, at least a few pixels so it can be seen and grabbed. */
export function windowOnMinimap(
  density: Pick<Density, 'start' | 'end'>,
  width: number,
  view: { start: number; end: number },
): { x0: number; x1: number } {
  const span = Math.max(1, density.end - density.start);
  let x0 = ((view.start - density.start) / span) * width;
  let x1 = ((view.end - density.start) / span) * width;
  if (x1 - x0 < 6) {
    const middle = (x0 + x1) / 2;
    x0 = middle - 3;
    x1 = middle + 3;
  }
  return { x0, x1 };
}
