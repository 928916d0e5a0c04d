import { drawFrame, drawMinimap } from './draw.js';
import { buildHitIndex, type HitIndex, hitTest } from './hit-index.js';
import { buildLaneIndex, type LaneIndex, visibleRun } from './lane-index.js';
import { canvasHeight, type FrameLayout, GEOMETRY, layoutFrame } from './layout.js';
import { type Density, densityOf } from './minimap.js';
import {
  clampView,
  DAY,
  endOf,
  limitsFor,
  msAt,
  panBy,
  resizeView,
  type Viewport,
  windowView,
  type ZoomLimits,
  zoomAt,
} from './scale.js';
import type { TimelineData, TimelineEntry, TimelineEpisode, TimelineSelection } from './types.js';

/**
 * The imperative heart of the timeline: owns the canvases, the window and the
 * animation frame. Pan, zoom and hover change fields and request one frame;
 * React never re-renders while the pointer moves. Callbacks tell the wrapper
 * about clicks, selections and (debounced) a settled window.
 */

export interface TimelineCallbacks {
  onOpenEntry(id: string): void;
  /** A span dragged on the axis or entries picked with Shift+click; null when cleared. */
  onSelect(selection: TimelineSelection | null): void;
  /** The window stopped changing for a moment: for the list alternative and the live summary. */
  onSettled(view: { start: number; end: number }): void;
  /** After each drawn frame (the benchmark waits on this). */
  onFrame?(): void;
}

export interface TimelineElements {
  stage: HTMLElement;
  canvas: HTMLCanvasElement;
  minimap: HTMLCanvasElement;
  tooltip: HTMLElement;
}

const MINIMAP_HEIGHT = 44;
const SETTLE_MS = 150;
const EMPTY: TimelineData = { agencies: [], entries: [], scope: null };

export class TimelineController {
  private data: TimelineData = EMPTY;
  private index: LaneIndex = buildLaneIndex([], 0);
  private episodes: readonly TimelineEpisode[] = [];
  private extent = { start: Date.UTC(2015, 0, 1), end: Date.UTC(2016, 0, 1) };
  /** The scope period widened to every entry: as far as the window can go. */
  private reach = this.extent;
  private limits: ZoomLimits = limitsFor(this.extent);
  private view: Viewport = windowView(this.extent.start, this.extent.end, 800);
  private density: Density | null = null;
  private layout: FrameLayout | null = null;
  private hits: HitIndex | null = null;
  private hovered: number | null = null;
  private selected = new Set<number>();
  private span: { start: number; end: number } | null = null;
  private frame = 0;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private drag: { kind: 'pan' | 'span' | 'minimap'; x: number; startView: Viewport; moved: boolean } | null = null;
  private cssWidth = 800;
  private readonly resize: ResizeObserver;
  private readonly measureCtx: CanvasRenderingContext2D | null;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly elements: TimelineElements,
    private readonly callbacks: TimelineCallbacks,
  ) {
    this.measureCtx = document.createElement('canvas').getContext('2d');
    if (this.measureCtx) this.measureCtx.font = '12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
    this.resize = new ResizeObserver(() => this.fitToStage());
    this.resize.observe(elements.stage);
    this.listen(elements.canvas, 'pointerdown', (event) => this.pointerDown(event as PointerEvent));
    this.listen(elements.canvas, 'pointermove', (event) => this.pointerMove(event as PointerEvent));
    this.listen(elements.canvas, 'pointerup', (event) => this.pointerUp(event as PointerEvent));
    this.listen(elements.canvas, 'pointerleave', () => this.setHovered(null, 0, 0));
    this.listen(elements.canvas, 'wheel', (event) => this.wheel(event as WheelEvent), { passive: false });
    this.listen(elements.stage, 'keydown', (event) => this.keyDown(event as KeyboardEvent));
    this.listen(elements.minimap, 'pointerdown', (event) => this.minimapDown(event as PointerEvent));
    this.listen(elements.minimap, 'pointermove', (event) => this.pointerMove(event as PointerEvent));
    this.listen(elements.minimap, 'pointerup', (event) => this.pointerUp(event as PointerEvent));
    this.fitToStage();
  }

  destroy(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.settleTimer);
    this.resize.disconnect();
    for (const cleanup of this.cleanups) cleanup();
  }

  setData(data: TimelineData, window?: { start: number; end: number }): void {
    this.data = data;
    this.index = buildLaneIndex(data.entries, data.agencies.length);
    const extent = data.scope ?? this.index.extent;
    this.extent = Number.isFinite(extent.start) ? extent : { start: Date.UTC(2015, 0, 1), end: Date.UTC(2016, 0, 1) };
    // The scope leads, but entries outside it stay reachable.
    const reach = {
      start: Number.isFinite(this.index.extent.start)
        ? Math.min(this.extent.start, this.index.extent.start)
        : this.extent.start,
      end: Number.isFinite(this.index.extent.end) ? Math.max(this.extent.end, this.index.extent.end) : this.extent.end,
    };
    this.reach = reach;
    this.limits = limitsFor(reach);
    this.density = densityOf(data.entries, data.agencies.length, this.extent, 240);
    this.selected.clear();
    this.hovered = null;
    this.elements.canvas.style.height = `${canvasHeight(data.agencies.length)}px`;
    this.fitToStage();
    const opening = window ?? this.extent;
    this.view = this.clamp(windowView(opening.start, opening.end, this.view.width));
    this.invalidate();
  }

  setEpisodes(episodes: readonly TimelineEpisode[]): void {
    this.episodes = episodes;
    this.invalidate();
  }

  // ---- the window, for buttons, keys and the benchmark ------------------------

  getWindow(): { start: number; end: number } {
    return { start: this.view.start, end: endOf(this.view) };
  }

  setWindow(start: number, end: number): void {
    this.view = this.clamp(windowView(start, end, this.view.width));
    this.invalidate();
  }

  /** Zooms by `factor` (< 1 zooms in) around a point given as a fraction of the width. */
  zoomBy(factor: number, at = 0.5): void {
    this.view = zoomAt(this.view, factor, this.view.width * at, this.limits);
    this.invalidate();
  }

  panBy(dx: number): void {
    this.view = panBy(this.view, dx, this.limits);
    this.invalidate();
  }

  showWholePeriod(): void {
    this.setWindow(this.extent.start, this.extent.end);
  }

  /** The scope period and every entry outside it. */
  showEveryEntry(): void {
    this.setWindow(this.reach.start, this.reach.end);
  }

  /** Clears a dragged span and picked entries; `notify` false when the parent asked for it. */
  clearSelection(notify = true): void {
    if (this.span === null && this.selected.size === 0) return;
    this.span = null;
    this.selected.clear();
    this.invalidate();
    if (notify) this.callbacks.onSelect(null);
  }

  /**
   * Entries touching the current window in the chronology's order (capped), for the
   * list alternative: `data.entries` comes in that order (shared/chronology/order.ts),
   * so their indexes are it.
   */
  visibleEntries(limit: number): { entries: TimelineEntry[]; total: number } {
    const start = this.view.start;
    const end = endOf(this.view);
    const found: number[] = [];
    for (const lane of this.index.lanes) {
      const run = visibleRun(lane, start, end);
      for (let i = run.from; i < run.to; i++) {
        const entryIndex = lane.order[i] as number;
        const entry = this.data.entries[entryIndex] as TimelineEntry;
        if (entry.end >= start && entry.start <= end) found.push(entryIndex);
      }
    }
    found.sort((a, b) => a - b);
    return { entries: found.slice(0, limit).map((i) => this.data.entries[i] as TimelineEntry), total: found.length };
  }

  // ---- drawing --------------------------------------------------------------------

  /** Asks for one frame; any number of changes before it are drawn once. */
  invalidate(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.draw());
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.callbacks.onSettled(this.getWindow()), SETTLE_MS);
  }

  private draw(): void {
    this.frame = 0;
    const { canvas, minimap } = this.elements;
    const ratio = window.devicePixelRatio || 1;
    const width = this.cssWidth;
    const height = canvasHeight(this.data.agencies.length);
    const pixelWidth = Math.round(width * ratio);
    const pixelHeight = Math.round(height * ratio);
    if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
      canvas.width = pixelWidth;
      canvas.height = pixelHeight;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const measure = (text: string) => this.measureCtx?.measureText(text).width ?? text.length * 6.5;
    this.layout = layoutFrame(this.data.entries, this.index, this.view, measure);
    this.hits = buildHitIndex(this.layout, this.view.width);
    drawFrame(ctx, {
      entries: this.data.entries,
      agencies: this.data.agencies,
      episodes: this.episodes,
      view: this.view,
      layout: this.layout,
      width,
      height,
      hovered: this.hovered,
      focused: null,
      selected: this.selected,
      span: this.span,
    });
    const mapWidth = Math.round(width * ratio);
    const mapHeight = Math.round(MINIMAP_HEIGHT * ratio);
    if (minimap.width !== mapWidth || minimap.height !== mapHeight) {
      minimap.width = mapWidth;
      minimap.height = mapHeight;
    }
    const mapCtx = minimap.getContext('2d');
    if (mapCtx && this.density) {
      mapCtx.setTransform(ratio, 0, 0, ratio, 0, 0);
      drawMinimap(mapCtx, this.density, this.data.agencies.length, width, MINIMAP_HEIGHT, this.view);
    }
    this.callbacks.onFrame?.();
  }

  private fitToStage(): void {
    const width = Math.max(GEOMETRY.gutter + 100, Math.floor(this.elements.stage.clientWidth));
    if (width === this.cssWidth && this.view.width === width - GEOMETRY.gutter) return;
    this.cssWidth = width;
    this.elements.canvas.style.width = `${width}px`;
    this.elements.minimap.style.width = `${width}px`;
    this.elements.minimap.style.height = `${MINIMAP_HEIGHT}px`;
    this.view = this.clamp(resizeView(this.view, width - GEOMETRY.gutter));
    this.invalidate();
  }

  private clamp(view: Viewport): Viewport {
    return clampView(view, this.limits);
  }

  // ---- pointer and keyboard ---------------------------------------------------------

  private listen(
    target: EventTarget,
    type: string,
    handler: (event: Event) => void,
    options?: AddEventListenerOptions,
  ): void {
    target.addEventListener(type, handler, options);
    this.cleanups.push(() => target.removeEventListener(type, handler, options));
  }

  /** Pointer position in lane coordinates (x from the lanes' left edge) and canvas y. */
  private local(event: PointerEvent | WheelEvent): { x: number; y: number } {
    const rect = this.elements.canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left - GEOMETRY.gutter, y: event.clientY - rect.top };
  }

  private pointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    const { x, y } = this.local(event);
    if (x < 0) return;
    this.elements.canvas.setPointerCapture?.(event.pointerId);
    // Dragging on the dates picks a span for a key practice episode; anywhere else moves the window.
    const kind = y < GEOMETRY.axis ? 'span' : 'pan';
    this.drag = { kind, x, startView: this.view, moved: false };
    if (kind === 'span') {
      const at = msAt(this.view, x);
      this.span = { start: at, end: at };
    }
  }

  private minimapDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    this.elements.minimap.setPointerCapture?.(event.pointerId);
    this.drag = { kind: 'minimap', x: 0, startView: this.view, moved: true };
    this.centreFromMinimap(event);
  }

  private centreFromMinimap(event: PointerEvent): void {
    if (!this.density) return;
    const rect = this.elements.minimap.getBoundingClientRect();
    const fraction = (event.clientX - rect.left) / Math.max(1, rect.width);
    const centre = this.density.start + fraction * (this.density.end - this.density.start);
    const span = endOf(this.view) - this.view.start;
    this.setWindow(centre - span / 2, centre + span / 2);
  }

  private pointerMove(event: PointerEvent): void {
    const drag = this.drag;
    if (drag?.kind === 'minimap') {
      this.centreFromMinimap(event);
      return;
    }
    const { x, y } = this.local(event);
    if (drag) {
      if (Math.abs(x - drag.x) > 3) drag.moved = true;
      if (drag.kind === 'pan') {
        this.view = this.clamp({
          ...drag.startView,
          start: drag.startView.start - (x - drag.x) * drag.startView.msPerPx,
        });
        this.setHovered(null, 0, 0);
      } else if (this.span) {
        const from = msAt(this.view, drag.x);
        const to = msAt(this.view, Math.max(0, Math.min(this.view.width, x)));
        this.span = { start: Math.min(from, to), end: Math.max(from, to) };
      }
      this.invalidate();
      return;
    }
    if (event.currentTarget !== this.elements.canvas || !this.hits) return;
    const hit = x >= 0 ? hitTest(this.hits, x, y, this.data.agencies.length) : null;
    this.elements.canvas.style.cursor = y < GEOMETRY.axis && x >= 0 ? 'col-resize' : hit ? 'pointer' : 'grab';
    if (hit?.kind === 'entry') this.setHovered(hit.entry, event.clientX, event.clientY);
    else if (hit?.kind === 'cluster') this.showClusterTip(hit.cluster, event.clientX, event.clientY);
    else this.setHovered(null, 0, 0);
  }

  private pointerUp(event: PointerEvent): void {
    const drag = this.drag;
    this.drag = null;
    if (!drag || drag.kind === 'minimap') return;
    const { x, y } = this.local(event);
    if (drag.kind === 'span') {
      if (!drag.moved || !this.span) {
        this.span = null;
        this.invalidate();
        return;
      }
      this.selected.clear();
      this.callbacks.onSelect({ kind: 'span', ...this.span, entryIds: this.entriesIn(this.span) });
      this.invalidate();
      return;
    }
    if (drag.moved || !this.hits) return;
    const hit = hitTest(this.hits, x, y, this.data.agencies.length);
    if (hit?.kind === 'entry') {
      if (event.shiftKey || event.ctrlKey || event.metaKey) this.toggleSelected(hit.entry);
      else {
        const entry = this.data.entries[hit.entry];
        if (entry) this.callbacks.onOpenEntry(entry.id);
      }
    } else if (hit?.kind === 'cluster') {
      const cluster = this.layout?.clusters[hit.cluster];
      if (cluster) this.setWindow(cluster.start - DAY, cluster.end + DAY);
    }
  }

  private toggleSelected(entryIndex: number): void {
    if (this.selected.has(entryIndex)) this.selected.delete(entryIndex);
    else this.selected.add(entryIndex);
    this.span = null;
    const picked = [...this.selected].map((i) => this.data.entries[i] as TimelineEntry);
    if (picked.length === 0) this.callbacks.onSelect(null);
    else
      this.callbacks.onSelect({
        kind: 'entries',
        start: Math.min(...picked.map((entry) => entry.start)),
        end: Math.max(...picked.map((entry) => entry.end)),
        entryIds: picked.map((entry) => entry.id),
      });
    this.invalidate();
  }

  private entriesIn(span: { start: number; end: number }): string[] {
    const ids: string[] = [];
    for (const lane of this.index.lanes) {
      const run = visibleRun(lane, span.start, span.end);
      for (let i = run.from; i < run.to; i++) {
        const entry = this.data.entries[lane.order[i] as number] as TimelineEntry;
        if (entry.end >= span.start && entry.start <= span.end) ids.push(entry.id);
      }
    }
    return ids;
  }

  private wheel(event: WheelEvent): void {
    event.preventDefault();
    const { x } = this.local(event);
    const horizontal = event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY);
    if (horizontal) {
      this.panBy(event.shiftKey ? event.deltaY : event.deltaX);
    } else {
      const factor = Math.exp(Math.max(-300, Math.min(300, event.deltaY)) * 0.002);
      this.view = zoomAt(this.view, factor, Math.max(0, Math.min(this.view.width, x)), this.limits);
      this.invalidate();
    }
    this.setHovered(null, 0, 0);
  }

  private keyDown(event: KeyboardEvent): void {
    const step = event.shiftKey ? this.view.width / 2 : this.view.width / 10;
    switch (event.key) {
      case 'ArrowLeft':
        this.panBy(-step);
        break;
      case 'ArrowRight':
        this.panBy(step);
        break;
      case '+':
      case '=':
        this.zoomBy(1 / 1.6);
        break;
      case '-':
      case '_':
        this.zoomBy(1.6);
        break;
      case 'Home':
        this.showWholePeriod();
        break;
      case 'Escape':
        if (!this.span && this.selected.size === 0) return;
        this.clearSelection();
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  // ---- tooltip: written straight to the DOM, no React render per move ---------------

  private setHovered(entryIndex: number | null, clientX: number, clientY: number): void {
    const { tooltip } = this.elements;
    if (entryIndex === null) {
      if (this.hovered !== null) {
        this.hovered = null;
        this.invalidate();
      }
      tooltip.hidden = true;
      return;
    }
    const entry = this.data.entries[entryIndex];
    if (!entry) return;
    if (this.hovered !== entryIndex) {
      this.hovered = entryIndex;
      this.fillTooltip(
        entry.dateText,
        this.data.agencies[entry.agency] ?? '',
        entry.excerpt,
        entry.significant ? 'Significant event' : '',
      );
      this.invalidate();
    }
    this.placeTooltip(clientX, clientY);
  }

  private showClusterTip(clusterIndex: number, clientX: number, clientY: number): void {
    const cluster = this.layout?.clusters[clusterIndex];
    if (!cluster) return;
    if (this.hovered !== null) {
      this.hovered = null;
      this.invalidate();
    }
    const first = cluster.sample.map((i) => this.data.entries[i]?.dateText ?? '').filter(Boolean);
    this.fillTooltip(
      `${cluster.count.toLocaleString('en-GB')} entries`,
      this.data.agencies[cluster.lane] ?? '',
      `From ${first.join(', ')}${cluster.count > first.length ? '…' : ''}. Click to zoom in.`,
      cluster.significant > 0 ? `${cluster.significant} significant` : '',
    );
    this.placeTooltip(clientX, clientY);
  }

  private fillTooltip(title: string, agency: string, text: string, note: string): void {
    const { tooltip } = this.elements;
    const [titleNode, agencyNode, textNode, noteNode] = Array.from(tooltip.children) as HTMLElement[];
    if (titleNode) titleNode.textContent = title;
    if (agencyNode) agencyNode.textContent = agency;
    if (textNode) textNode.textContent = text;
    if (noteNode) {
      noteNode.textContent = note;
      noteNode.hidden = note === '';
    }
  }

  private placeTooltip(clientX: number, clientY: number): void {
    const { tooltip, stage } = this.elements;
    tooltip.hidden = false;
    const rect = stage.getBoundingClientRect();
    const width = tooltip.offsetWidth;
    let left = clientX - rect.left + 14;
    if (left + width > rect.width) left = clientX - rect.left - width - 14;
    tooltip.style.transform = `translate(${Math.max(0, left)}px, ${clientY - rect.top + 16}px)`;
  }
}
