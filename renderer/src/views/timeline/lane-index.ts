import type { TimelineEntry } from './types.js';

/**
 * Per-lane index for culling: each lane's entries sorted by start, with a
 * running maximum of their ends. Both arrays are non-decreasing, so the
 * entries that can touch a window are one contiguous run found by two binary
 * searches, however long some entries are. Built once per data set.
 */

export interface Lane {
  /** Indices into the entries array, in start order. */
  order: Int32Array;
  starts: Float64Array;
  /** maxEnds[i] = the largest end among order[0..i]. */
  maxEnds: Float64Array;
}

export interface LaneIndex {
  lanes: Lane[];
  /** Earliest start and latest end of all entries (NaN when there are none). */
  extent: { start: number; end: number };
}

export function buildLaneIndex(entries: readonly TimelineEntry[], laneCount: number): LaneIndex {
  const members: number[][] = Array.from({ length: laneCount }, () => []);
  let extentStart = Number.POSITIVE_INFINITY;
  let extentEnd = Number.NEGATIVE_INFINITY;
  entries.forEach((entry, index) => {
    const lane = members[entry.agency];
    if (lane) lane.push(index);
    if (entry.start < extentStart) extentStart = entry.start;
    if (entry.end > extentEnd) extentEnd = entry.end;
  });
  const lanes = members.map((indices) => {
    indices.sort((a, b) => (entries[a]?.start ?? 0) - (entries[b]?.start ?? 0) || a - b);
    const order = Int32Array.from(indices);
    const starts = new Float64Array(order.length);
    const maxEnds = new Float64Array(order.length);
    let running = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < order.length; i++) {
      const entry = entries[order[i] as number] as TimelineEntry;
      starts[i] = entry.start;
      running = Math.max(running, entry.end);
      maxEnds[i] = running;
    }
    return { order, starts, maxEnds };
  });
  const empty = entries.length === 0;
  return { lanes, extent: { start: empty ? Number.NaN : extentStart, end: empty ? Number.NaN : extentEnd } };
}

/** First index whose value is >= target in a non-decreasing array. */
export function lowerBound(values: Float64Array, target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] as number) < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** First index whose value is > target in a non-decreasing array. */
export function upperBound(values: Float64Array, target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] as number) <= target) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The run [from, to) of a lane's sorted positions whose entries may overlap
 * [start, end]: nothing before `from` ends at or after `start`, nothing from
 * `to` on starts at or before `end`. Entries inside the run can still miss the
 * window (a short one behind a long one); the caller skips those.
 */
export function visibleRun(lane: Lane, start: number, end: number): { from: number; to: number } {
  return { from: lowerBound(lane.maxEnds, start), to: upperBound(lane.starts, end) };
}
