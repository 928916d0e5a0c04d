import { type Cluster, type FrameLayout, GEOMETRY, lanesTop, laneTop, type PlacedEntry, rowTop } from './layout.js';
import { type Density, windowOnMinimap } from './minimap.js';
import { endOf, type Viewport, xOf } from './scale.js';
import { axisTicks } from './ticks.js';
import type { TimelineEntry, TimelineEpisode } from './types.js';

/**
 * Canvas drawing of one frame from a layout. No state of its own: the
 * controller calls it from requestAnimationFrame with everything it needs.
 * Colours are dark enough for their text to meet WCAG AA on white.
 */

export const AGENCY_COLOURS = [
  '#1d4f91',
  '#9a4a00',
  '#1e6b3a',
  '#6a3d9a',
  '#00695c',
  '#7a4b12',
  '#44546a',
  '#8e244d',
] as const;
const SIGNIFICANT = '#b00020';
const TEXT = '#1b1f24';
const MUTED = '#4b5563';
const GRID = '#e3e7ec';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

export function agencyColour(lane: number): string {
  return AGENCY_COLOURS[lane % AGENCY_COLOURS.length] as string;
}

export interface FrameState {
  entries: readonly TimelineEntry[];
  agencies: readonly string[];
  episodes: readonly TimelineEpisode[];
  view: Viewport;
  layout: FrameLayout;
  /** Canvas size in CSS pixels (the lanes are `width - gutter` wide). */
  width: number;
  height: number;
  hovered: number | null;
  focused: number | null;
  selected: ReadonlySet<number>;
  /** A span being dragged or chosen on the axis, ms. */
  span: { start: number; end: number } | null;
}

export function drawFrame(ctx: CanvasRenderingContext2D, state: FrameState): void {
  const { width, height, view } = state;
  const left = GEOMETRY.gutter;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);

  // Lanes' backgrounds.
  state.agencies.forEach((_, lane) => {
    ctx.fillStyle = lane % 2 === 0 ? '#ffffff' : '#f6f8fa';
    ctx.fillRect(left, laneTop(lane), width - left, GEOMETRY.lane);
  });

  const ticks = axisTicks(view);
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, 0, width - left, height);
  ctx.clip();
  ctx.translate(left, 0);

  // Grid lines at the minor ticks.
  ctx.fillStyle = GRID;
  for (const tick of ticks.minor) ctx.fillRect(Math.round(tick.x), lanesTop(), 1, height - lanesTop());

  drawEpisodes(ctx, state);
  if (state.span) {
    const x0 = xOf(view, state.span.start);
    const x1 = xOf(view, state.span.end);
    ctx.fillStyle = 'rgba(11, 87, 208, 0.14)';
    ctx.fillRect(x0, GEOMETRY.axis, x1 - x0, height - GEOMETRY.axis);
    ctx.fillStyle = '#0b57d0';
    ctx.fillRect(Math.round(x0), GEOMETRY.axis, 2, height - GEOMETRY.axis);
    ctx.fillRect(Math.round(x1) - 2, GEOMETRY.axis, 2, height - GEOMETRY.axis);
  }

  for (const cluster of state.layout.clusters) drawCluster(ctx, cluster, state.layout);
  ctx.font = `12px ${FONT}`;
  ctx.textBaseline = 'middle';
  for (const item of state.layout.placed) drawEntry(ctx, item, state);
  for (const item of state.layout.placed) {
    const marked = item.entry === state.hovered || item.entry === state.focused || state.selected.has(item.entry);
    if (marked) drawMarked(ctx, item, state);
  }
  ctx.restore();

  drawAxis(ctx, state, ticks);
  drawGutter(ctx, state);
}

function drawEpisodes(ctx: CanvasRenderingContext2D, state: FrameState): void {
  const { view, height } = state;
  const viewEnd = endOf(view);
  ctx.font = `600 12px ${FONT}`;
  ctx.textBaseline = 'middle';
  for (const episode of state.episodes) {
    if (episode.end < view.start || episode.start > viewEnd) continue;
    const x0 = xOf(view, episode.start);
    const x1 = Math.max(xOf(view, episode.end), x0 + 2);
    ctx.fillStyle = 'rgba(255, 196, 0, 0.22)';
    ctx.fillRect(x0, GEOMETRY.axis, x1 - x0, height - GEOMETRY.axis);
    ctx.fillStyle = '#8a5a00';
    ctx.fillRect(x0, GEOMETRY.axis, 1, height - GEOMETRY.axis);
    ctx.fillRect(x1 - 1, GEOMETRY.axis, 1, height - GEOMETRY.axis);
    // The title in the strip above the lanes, kept in view while the band is.
    ctx.fillStyle = '#fff3cc';
    ctx.fillRect(x0, GEOMETRY.axis, x1 - x0, GEOMETRY.episodes);
    const textX = Math.max(x0, 0) + 4;
    const room = x1 - textX - 4;
    if (room > 12) {
      ctx.fillStyle = '#4d3200';
      ctx.fillText(ellipsise(ctx, episode.title, room), textX, GEOMETRY.axis + GEOMETRY.episodes / 2);
    }
  }
}

function drawCluster(ctx: CanvasRenderingContext2D, cluster: Cluster, layout: FrameLayout): void {
  const top = laneTop(cluster.lane) + GEOMETRY.lanePadding;
  const height = GEOMETRY.lane - 2 * GEOMETRY.lanePadding;
  const total = layout.visibleCounts[cluster.lane] ?? 1;
  // Shade by count on a log scale so a busy month stands out without hiding quiet ones.
  const strength = Math.min(1, Math.log2(cluster.count + 1) / Math.log2(Math.max(total, 2) + 1) + 0.25);
  ctx.globalAlpha = 0.25 + 0.55 * strength;
  ctx.fillStyle = agencyColour(cluster.lane);
  ctx.fillRect(cluster.x0 + 1, top, cluster.x1 - cluster.x0 - 2, height);
  ctx.globalAlpha = 1;
  const label = cluster.count > 999 ? `${Math.round(cluster.count / 100) / 10}k` : String(cluster.count);
  ctx.font = `600 11px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  // Dark text on a white pill: readable whatever the shading behind it.
  const labelWidth = label.length * 6.5 + 6;
  const middle = (cluster.x0 + cluster.x1) / 2;
  if (labelWidth <= cluster.x1 - cluster.x0 + 2) {
    ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
    ctx.fillRect(middle - labelWidth / 2, top + height / 2 - 4, labelWidth, 16);
    ctx.fillStyle = TEXT;
    ctx.fillText(label, middle, top + height / 2 + 4);
  }
  ctx.textAlign = 'left';
  if (cluster.significant > 0) {
    ctx.fillStyle = SIGNIFICANT;
    diamond(ctx, (cluster.x0 + cluster.x1) / 2, top + 6, 5);
  }
}

function drawEntry(ctx: CanvasRenderingContext2D, item: PlacedEntry, state: FrameState): void {
  const entry = state.entries[item.entry] as TimelineEntry;
  const { view } = state;
  const colour = agencyColour(item.lane);
  const top = rowTop(item.lane, item.row);
  const h = GEOMETRY.rowHeight;
  const middle = top + h / 2;
  ctx.fillStyle = colour;
  ctx.strokeStyle = colour;
  switch (entry.qualifier) {
    case 'before':
    case 'after': {
      // Open-ended: a fading line ending in an arrowhead pointing away from the known end.
      const towardsPast = entry.qualifier === 'before';
      const anchor = towardsPast ? item.x1 : item.x0;
      const tip = towardsPast ? item.x0 : item.x1;
      const gradient = ctx.createLinearGradient(anchor, 0, tip, 0);
      gradient.addColorStop(0, colour);
      gradient.addColorStop(1, 'rgba(255,255,255,0)');
      ctx.fillStyle = gradient;
      ctx.fillRect(Math.min(anchor, tip), middle - 2, Math.abs(anchor - tip), 4);
      ctx.fillStyle = colour;
      ctx.fillRect(anchor - 1, top + 1, 3, h - 2);
      const dir = towardsPast ? -1 : 1;
      const head = anchor + dir * 12;
      ctx.beginPath();
      ctx.moveTo(head + dir * 6, middle);
      ctx.lineTo(head, middle - 6);
      ctx.lineTo(head, middle + 6);
      ctx.closePath();
      ctx.fill();
      break;
    }
    case 'circa': {
      // Soft outer range with whiskers; the period as written is solid.
      const core0 = xOf(view, entry.coreStart);
      const core1 = Math.max(xOf(view, entry.coreEnd), core0 + GEOMETRY.minBar);
      ctx.globalAlpha = 0.22;
      ctx.fillRect(item.x0, top + 3, item.x1 - item.x0, h - 6);
      ctx.globalAlpha = 1;
      ctx.fillRect(item.x0, middle - 0.5, item.x1 - item.x0, 1);
      ctx.fillRect(item.x0, top + 3, 1, h - 6);
      ctx.fillRect(item.x1 - 1, top + 3, 1, h - 6);
      ctx.fillRect(core0, top + 1, core1 - core0, h - 2);
      break;
    }
    case 'between': {
      // A hollow bar: somewhere in this range, not all of it.
      ctx.globalAlpha = 0.3;
      ctx.fillRect(item.x0, top + 1, item.x1 - item.x0, h - 2);
      ctx.globalAlpha = 1;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(item.x0 + 0.75, top + 1.75, Math.max(1, item.x1 - item.x0 - 1.5), h - 3.5);
      break;
    }
    default:
      ctx.fillRect(item.x0, top + 1, item.x1 - item.x0, h - 2);
  }
  if (entry.significant) {
    ctx.fillStyle = SIGNIFICANT;
    diamond(ctx, Math.max(item.x0, -4) + 1, middle, 6);
  }
  if (item.label > 0) {
    ctx.fillStyle = TEXT;
    ctx.fillText(ellipsise(ctx, entry.excerpt, item.label - 6), item.x1 + 4, middle + 1);
  }
}

function drawMarked(ctx: CanvasRenderingContext2D, item: PlacedEntry, state: FrameState): void {
  const top = rowTop(item.lane, item.row);
  ctx.lineWidth = 2;
  ctx.strokeStyle = item.entry === state.focused ? '#0b57d0' : item.entry === state.hovered ? TEXT : SIGNIFICANT;
  if (state.selected.has(item.entry) && item.entry !== state.focused) ctx.strokeStyle = '#0b57d0';
  ctx.strokeRect(item.x0 - 2, top - 2, item.x1 - item.x0 + 4, GEOMETRY.rowHeight + 4);
}

function drawAxis(ctx: CanvasRenderingContext2D, state: FrameState, ticks: ReturnType<typeof axisTicks>): void {
  const { width } = state;
  const left = GEOMETRY.gutter;
  ctx.fillStyle = '#f4f6f8';
  ctx.fillRect(0, 0, width, GEOMETRY.axis);
  ctx.fillStyle = '#c4ccd5';
  ctx.fillRect(0, GEOMETRY.axis - 1, width, 1);
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, 0, width - left, GEOMETRY.axis);
  ctx.clip();
  ctx.translate(left, 0);
  ctx.textBaseline = 'middle';
  ctx.font = `600 12px ${FONT}`;
  ctx.fillStyle = TEXT;
  ticks.major.forEach((tick, i) => {
    const nextX = ticks.major[i + 1]?.x ?? width;
    // Keep the current period's name readable at the left edge while it is in view.
    const x = Math.max(tick.x, 0) + 4;
    const room = nextX - x - 8;
    if (room > 20) ctx.fillText(ellipsise(ctx, tick.label, room), x, 12);
    ctx.fillRect(Math.round(tick.x), 0, 1, 22);
  });
  ctx.font = `12px ${FONT}`;
  for (const tick of ticks.minor) {
    ctx.fillStyle = MUTED;
    ctx.fillRect(Math.round(tick.x), GEOMETRY.axis - 10, 1, 9);
    ctx.fillStyle = TEXT;
    ctx.fillText(tick.label, tick.x + 4, ticks.major.length > 0 ? 33 : 23);
  }
  ctx.restore();
}

function drawGutter(ctx: CanvasRenderingContext2D, state: FrameState): void {
  const left = GEOMETRY.gutter;
  ctx.fillStyle = '#f4f6f8';
  ctx.fillRect(0, GEOMETRY.axis, left, state.height - GEOMETRY.axis);
  ctx.fillStyle = '#c4ccd5';
  ctx.fillRect(left - 1, 0, 1, state.height);
  ctx.fillStyle = MUTED;
  ctx.font = `12px ${FONT}`;
  ctx.textBaseline = 'middle';
  ctx.fillText('Key practice episodes', 8, GEOMETRY.axis + GEOMETRY.episodes / 2, left - 12);
  ctx.font = `600 13px ${FONT}`;
  state.agencies.forEach((name, lane) => {
    const top = laneTop(lane);
    ctx.fillStyle = '#c4ccd5';
    ctx.fillRect(0, top, state.width, 1);
    ctx.fillStyle = agencyColour(lane);
    ctx.fillRect(0, top, 5, GEOMETRY.lane);
    ctx.fillStyle = TEXT;
    ctx.fillText(ellipsise(ctx, name, left - 20), 12, top + GEOMETRY.lane / 2 - 8);
    ctx.font = `12px ${FONT}`;
    ctx.fillStyle = MUTED;
    const count = state.layout.visibleCounts[lane] ?? 0;
    ctx.fillText(`${count.toLocaleString('en-GB')} in view`, 12, top + GEOMETRY.lane / 2 + 10);
    ctx.font = `600 13px ${FONT}`;
  });
}

function diamond(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
  ctx.fill();
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1;
  ctx.stroke();
}

/** Text cut with an ellipsis to fit `room` pixels (measured only when it might not fit). */
function ellipsise(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  if (text.length * 7.5 <= room) return text;
  if (ctx.measureText(text).width <= room) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= room) low = mid;
    else high = mid - 1;
  }
  return low === 0 ? '' : `${text.slice(0, low)}…`;
}

/** The mini-map: density per lane over the whole period, and the visible window. */
export function drawMinimap(
  ctx: CanvasRenderingContext2D,
  density: Density,
  laneCount: number,
  width: number,
  height: number,
  view: Viewport,
): void {
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#f4f6f8';
  ctx.fillRect(0, 0, width, height);
  const laneHeight = (height - 4) / Math.max(1, laneCount);
  const binWidth = width / density.bins;
  for (let lane = 0; lane < laneCount; lane++) {
    ctx.fillStyle = agencyColour(lane);
    for (let bin = 0; bin < density.bins; bin++) {
      const count = density.counts[lane * density.bins + bin] as number;
      if (count === 0) continue;
      ctx.globalAlpha = 0.2 + 0.8 * Math.sqrt(count / Math.max(1, density.max));
      ctx.fillRect(bin * binWidth, 2 + lane * laneHeight, Math.max(1, binWidth), Math.max(1, laneHeight - 1));
    }
  }
  ctx.globalAlpha = 1;
  const { x0, x1 } = windowOnMinimap(density, width, { start: view.start, end: endOf(view) });
  ctx.fillStyle = 'rgba(11, 87, 208, 0.12)';
  ctx.fillRect(x0, 0, x1 - x0, height);
  ctx.strokeStyle = '#0b57d0';
  ctx.lineWidth = 2;
  ctx.strokeRect(x0 + 1, 1, Math.max(2, x1 - x0 - 2), height - 2);
}
