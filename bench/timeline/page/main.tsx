import { createRoot } from 'react-dom/client';
import { DataSet } from 'vis-data/peer';
import { Timeline as VisTimeline } from 'vis-timeline';
import 'vis-timeline/styles/vis-timeline-graph2d.min.css';
import { timelineEntry } from '../../../renderer/src/views/timeline/dates.js';
import { Timeline, type TimelineHandle } from '../../../renderer/src/views/timeline/Timeline.js';
import type { TimelineData } from '../../../renderer/src/views/timeline/types.js';
import { BENCH_AGENCIES, BENCH_OPENING, BENCH_PERIOD, benchWindows, generateBenchItems } from '../data.js';

/**
 * The benchmark page (not part of the app): `?lib=casebook` or `?lib=vis-timeline`
 * draws the same 20,000 generated entries and exposes `window.timelineBench` for
 * the Node driver: mount() gives the time to the first painted frame, step(i)
 * applies step i of a fixed window sequence and gives the time to the frame after it.
 */

interface Bench {
  count: number;
  steps: number;
  mount(): Promise<number>;
  step(index: number): Promise<number>;
}

declare global {
  interface Window {
    timelineBench?: Bench;
  }
}

/** Resolves after the next frame has been drawn and painted (the task after its rAF). */
function afterPaint(): Promise<void> {
  return new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
}

const items = generateBenchItems();
const windows = benchWindows();
const root = document.getElementById('root') as HTMLElement;
root.style.width = '1280px';
const query = new URLSearchParams(window.location.search);
const lib = query.get('lib') ?? 'casebook';
const VIS_STACK = query.get('stack') !== 'false';
/** `?window=all` opens our timeline on the whole period instead of the shared opening year. */
const OPENING = query.get('window') === 'all' ? BENCH_PERIOD : BENCH_OPENING;

function casebookBench(): Bench {
  let handle: TimelineHandle | null = null;
  let framed: (() => void) | null = null;
  const onFrame = () => {
    framed?.();
    framed = null;
  };
  const nextFrame = () =>
    new Promise<void>((done) => {
      framed = () => setTimeout(done, 0);
    });
  return {
    count: items.length,
    steps: windows.length,
    async mount() {
      const start = performance.now();
      // Mapping to the timeline's data is part of mounting, as it would be in the app.
      const data: TimelineData = {
        agencies: BENCH_AGENCIES,
        entries: items.map((item, index) => timelineEntry({ ...item, ref: index + 1 })),
        scope: BENCH_PERIOD,
      };
      const painted = nextFrame();
      createRoot(root).render(
        <Timeline
          ref={(value) => {
            handle = value;
          }}
          initialWindow={OPENING}
          data={data}
          episodes={[]}
          onOpenEntry={() => undefined}
          onFrame={onFrame}
          label="benchmark"
        />,
      );
      await painted;
      return performance.now() - start;
    },
    async step(index) {
      const target = windows[index];
      if (!target || !handle) throw new Error(`no step ${index}`);
      const start = performance.now();
      const painted = nextFrame();
      handle.setWindow(target.start, target.end);
      await painted;
      return performance.now() - start;
    },
  };
}

function visBench(): Bench {
  let timeline: VisTimeline | null = null;
  return {
    count: items.length,
    steps: windows.length,
    async mount() {
      const start = performance.now();
      const groups = new DataSet(BENCH_AGENCIES.map((name, id) => ({ id, content: name })));
      const data = new DataSet(
        items.map((item, index) => {
          const entry = timelineEntry({ ...item, ref: index + 1 });
          const point = entry.end - entry.start <= 86_400_000;
          return {
            id: item.id,
            group: item.agency,
            content: entry.excerpt,
            title: entry.dateText,
            start: new Date(entry.start),
            ...(point ? { type: 'point' } : { end: new Date(entry.end), type: 'range' }),
          };
        }),
      );
      const container = document.createElement('div');
      root.append(container);
      timeline = new VisTimeline(container, data, groups, {
        start: new Date(OPENING.start),
        end: new Date(OPENING.end),
        height: '600px',
        zoomMin: 4 * 3_600_000,
        showCurrentTime: false,
        orientation: 'top',
        ...(VIS_STACK ? {} : { stack: false }),
      });
      await afterPaint();
      return performance.now() - start;
    },
    async step(index) {
      const target = windows[index];
      if (!target || !timeline) throw new Error(`no step ${index}`);
      const start = performance.now();
      timeline.setWindow(new Date(target.start), new Date(target.end), { animation: false });
      await afterPaint();
      return performance.now() - start;
    },
  };
}

window.timelineBench = lib === 'vis-timeline' ? visBench() : casebookBench();
