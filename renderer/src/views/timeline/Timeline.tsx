import { type Ref, useEffect, useId, useImperativeHandle, useMemo, useRef, useState } from 'react';
import { MONTH_ABBREVIATIONS } from '../../../../shared/dates/uk-date.js';
import { TimelineController } from './controller.js';
import type { TimelineData, TimelineEntry, TimelineEpisode, TimelineSelection } from './types.js';
import './timeline.css';

/**
 * The timeline on screen: a canvas stage (keyboard focusable), a mini-map, a
 * tooltip written by the controller, and an accessible list of the entries in
 * view. React renders this shell; everything per frame happens in the controller.
 */

export interface TimelineHandle {
  zoomBy(factor: number, at?: number): void;
  panBy(dx: number): void;
  setWindow(start: number, end: number): void;
  getWindow(): { start: number; end: number };
  showWholePeriod(): void;
  showEveryEntry(): void;
  clearSelection(): void;
}

export interface TimelineProps {
  data: TimelineData;
  episodes: readonly TimelineEpisode[];
  onOpenEntry(id: string): void;
  onSelect?(selection: TimelineSelection | null): void;
  /** The selection as the parent holds it: setting it to null (episode created, cancelled) clears the drawn span. */
  selection?: TimelineSelection | null;
  /** After every drawn frame (the benchmark). */
  onFrame?(): void;
  /** The window to open on; default the scope period (or all entries). */
  initialWindow?: { start: number; end: number };
  /** Accessible name, e.g. the review's title. */
  label?: string;
  ref?: Ref<TimelineHandle>;
}

const LIST_LIMIT = 100;

export function Timeline({
  data,
  episodes,
  onOpenEntry,
  onSelect,
  selection,
  onFrame,
  initialWindow,
  label,
  ref,
}: TimelineProps) {
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const minimapRef = useRef<HTMLCanvasElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<TimelineController | null>(null);
  // Callbacks can change every render; the controller reads the latest through this ref.
  const callbacks = useRef({ onOpenEntry, onSelect, onFrame });
  callbacks.current = { onOpenEntry, onSelect, onFrame };
  const opening = useRef(initialWindow);
  const [inView, setInView] = useState<{ entries: TimelineEntry[]; total: number; start: number; end: number }>({
    entries: [],
    total: 0,
    start: 0,
    end: 0,
  });
  const helpId = useId();
  const summaryId = useId();

  useEffect(() => {
    const stage = stageRef.current;
    const canvas = canvasRef.current;
    const minimap = minimapRef.current;
    const tooltip = tooltipRef.current;
    if (!stage || !canvas || !minimap || !tooltip) return;
    const controller = new TimelineController(
      { stage, canvas, minimap, tooltip },
      {
        onOpenEntry: (id) => callbacks.current.onOpenEntry(id),
        onSelect: (selection) => callbacks.current.onSelect?.(selection),
        onFrame: () => callbacks.current.onFrame?.(),
        onSettled: (window) => setInView({ ...controller.visibleEntries(LIST_LIMIT), ...window }),
      },
    );
    controllerRef.current = controller;
    return () => {
      controller.destroy();
      controllerRef.current = null;
    };
  }, []);

  useEffect(() => {
    controllerRef.current?.setData(data, opening.current);
    // Only the first data set opens on the given window; later ones (an edit) keep the scope view.
    opening.current = undefined;
  }, [data]);

  useEffect(() => {
    controllerRef.current?.setEpisodes(episodes);
  }, [episodes]);

  useEffect(() => {
    if (selection === null) controllerRef.current?.clearSelection(false);
  }, [selection]);

  useImperativeHandle(
    ref,
    () => ({
      zoomBy: (factor, at) => controllerRef.current?.zoomBy(factor, at),
      panBy: (dx) => controllerRef.current?.panBy(dx),
      setWindow: (start, end) => controllerRef.current?.setWindow(start, end),
      getWindow: () => controllerRef.current?.getWindow() ?? { start: 0, end: 0 },
      showWholePeriod: () => controllerRef.current?.showWholePeriod(),
      showEveryEntry: () => controllerRef.current?.showEveryEntry(),
      clearSelection: () => controllerRef.current?.clearSelection(),
    }),
    [],
  );

  const controller = () => controllerRef.current;
  const agencyName = (entry: TimelineEntry) => data.agencies[entry.agency] ?? '';
  const outside = useMemo(() => outsideScope(data), [data]);
  const outsideShown = outside > 0 && inView.end > inView.start && !withinScope(inView, data.scope);

  return (
    <div className="timeline">
      <div className="timeline-toolbar">
        <button type="button" className="secondary" onClick={() => controller()?.zoomBy(1 / 1.6)}>
          Zoom in
        </button>
        <button type="button" className="secondary" onClick={() => controller()?.zoomBy(1.6)}>
          Zoom out
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => controller()?.panBy(-(stageRef.current?.clientWidth ?? 800) / 3)}
        >
          Earlier
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => controller()?.panBy((stageRef.current?.clientWidth ?? 800) / 3)}
        >
          Later
        </button>
        <button type="button" className="secondary" onClick={() => controller()?.showWholePeriod()}>
          Whole period
        </button>
        <p className="timeline-summary" id={summaryId} aria-live="polite">
          {inView.end > inView.start ? `Showing ${windowText(inView.start, inView.end)}: ` : ''}
          {inView.total.toLocaleString('en-GB')} {inView.total === 1 ? 'entry' : 'entries'} in view
        </p>
      </div>
      {outside > 0 ? (
        <p className="timeline-outside">
          {outside.toLocaleString('en-GB')} {outside === 1 ? 'entry is' : 'entries are'} dated outside the review’s
          scope period{outsideShown ? '.' : ', so not in view.'}{' '}
          <button type="button" className="secondary" onClick={() => controller()?.showEveryEntry()}>
            Show every entry
          </button>
          {outsideShown ? (
            <button type="button" className="secondary" onClick={() => controller()?.showWholePeriod()}>
              Back to the scope period
            </button>
          ) : null}
        </p>
      ) : null}
      <div
        ref={stageRef}
        className="timeline-stage"
        role="application"
        aria-roledescription="timeline"
        aria-label={label ? `Timeline of ${label}` : 'Timeline'}
        aria-describedby={`${helpId} ${summaryId}`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a keyboard widget (arrows pan, +/- zoom), role application
        tabIndex={0}
      >
        <canvas ref={canvasRef} className="timeline-canvas" />
        <div ref={tooltipRef} className="timeline-tooltip" hidden aria-hidden="true">
          <strong />
          <span className="timeline-tooltip-agency" />
          <span className="timeline-tooltip-text" />
          <span className="timeline-tooltip-note" hidden />
        </div>
      </div>
      <div className="timeline-minimap">
        <span className="timeline-minimap-label">Whole scope period (click or drag to move)</span>
        <canvas ref={minimapRef} />
      </div>
      <p className="timeline-help" id={helpId}>
        Left and right arrow keys move the timeline, + and - zoom, Home shows the whole period. Drag along the dates to
        select a span for a key practice episode; Shift+click entries to select them.
      </p>
      <details className="timeline-list">
        <summary>
          List of entries in view ({inView.total.toLocaleString('en-GB')}
          {inView.total > inView.entries.length ? `, first ${inView.entries.length} shown` : ''})
        </summary>
        <ul>
          {inView.entries.map((entry) => (
            <li key={entry.id}>
              <button type="button" className="link" onClick={() => onOpenEntry(entry.id)}>
                <span className="timeline-list-ref">{entry.ref}</span>{' '}
                <span className="timeline-list-date">{entry.dateText}</span> · {agencyName(entry)}
                {entry.significant ? ' · significant' : ''}: {entry.excerpt}
              </button>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** The window in words for the live summary: `Mar 2015 to Jun 2016`, or days when narrow. */
function windowText(start: number, end: number): string {
  const narrow = end - start < 62 * 86_400_000;
  const text = (ms: number) => {
    const date = new Date(ms);
    const month = `${MONTH_ABBREVIATIONS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
    return narrow ? `${date.getUTCDate()} ${month}` : month;
  };
  return `${text(start)} to ${text(end)}`;
}

/** Entries wholly before or after the scope period (none when the review has no scope). */
export function outsideScope(data: TimelineData): number {
  const scope = data.scope;
  if (!scope) return 0;
  return data.entries.filter((entry) => entry.end <= scope.start || entry.start >= scope.end).length;
}

/** The window shows no more than the scope period. */
function withinScope(window: { start: number; end: number }, scope: TimelineData['scope']): boolean {
  return scope === null || (window.start >= scope.start - 1 && window.end <= scope.end + 1);
}
