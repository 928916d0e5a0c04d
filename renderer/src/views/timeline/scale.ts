/**
 * The visible window of the time axis: where it starts and how many
 * milliseconds one CSS pixel covers. Pure arithmetic so pan, zoom and limits
 * can be tested in Node.
 */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const YEAR = 365.25 * DAY;

export interface Viewport {
  /** Time at the left edge of the lanes, ms. */
  start: number;
  /** Milliseconds per CSS pixel. */
  msPerPx: number;
  /** Width of the lanes in CSS pixels. */
  width: number;
}

export interface ZoomLimits {
  /** The narrowest window: a few hours across the whole width. */
  minSpan: number;
  /** The widest window. */
  maxSpan: number;
  /** The window is kept overlapping this extent (the data or the scope, with a margin). */
  bounds: { start: number; end: number };
}

export const DEFAULT_MIN_SPAN = 4 * HOUR;

export function endOf(view: Viewport): number {
  return view.start + view.msPerPx * view.width;
}

export function spanOf(view: Viewport): number {
  return view.msPerPx * view.width;
}

export function xOf(view: Viewport, ms: number): number {
  return (ms - view.start) / view.msPerPx;
}

export function msAt(view: Viewport, x: number): number {
  return view.start + x * view.msPerPx;
}

/** A viewport showing [start, end) across `width` pixels. */
export function windowView(start: number, end: number, width: number): Viewport {
  const safeWidth = Math.max(1, width);
  return { start, msPerPx: Math.max(1, end - start) / safeWidth, width: safeWidth };
}

/** Limits for an extent: zoom out to a little more than all of it, in to a few hours. */
export function limitsFor(extent: { start: number; end: number }): ZoomLimits {
  const span = Math.max(extent.end - extent.start, 30 * DAY);
  const margin = span * 0.05;
  return {
    minSpan: DEFAULT_MIN_SPAN,
    maxSpan: span * 1.5,
    bounds: { start: extent.start - margin, end: extent.end + margin },
  };
}

/** Keeps the window within the zoom limits and overlapping the bounds. */
export function clampView(view: Viewport, limits: ZoomLimits): Viewport {
  const span = Math.min(limits.maxSpan, Math.max(limits.minSpan, spanOf(view)));
  const msPerPx = span / view.width;
  let start = view.start + (spanOf(view) - span) / 2;
  const boundsSpan = limits.bounds.end - limits.bounds.start;
  if (span >= boundsSpan) {
    // Wider than everything: centre it.
    start = limits.bounds.start - (span - boundsSpan) / 2;
  } else {
    start = Math.min(Math.max(start, limits.bounds.start), limits.bounds.end - span);
  }
  return { start, msPerPx, width: view.width };
}

/** Zooms by `factor` (< 1 zooms in) keeping the time under pixel `anchorX` where it is. */
export function zoomAt(view: Viewport, factor: number, anchorX: number, limits: ZoomLimits): Viewport {
  const anchor = msAt(view, anchorX);
  const span = Math.min(limits.maxSpan, Math.max(limits.minSpan, spanOf(view) * factor));
  const msPerPx = span / view.width;
  return clampView({ start: anchor - anchorX * msPerPx, msPerPx, width: view.width }, limits);
}

/** Moves the window by `dx` pixels (positive shows later times). */
export function panBy(view: Viewport, dx: number, limits: ZoomLimits): Viewport {
  return clampView({ ...view, start: view.start + dx * view.msPerPx }, limits);
}

/** Same window on a new width (a resize keeps the times at both edges). */
export function resizeView(view: Viewport, width: number): Viewport {
  return windowView(view.start, endOf(view), width);
}
