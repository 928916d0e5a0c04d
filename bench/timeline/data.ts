import { type FuzzyDate, formatIsoUk, parseFuzzyDate } from '../../shared/dates/fuzzy-date.js';
import { MONTH_NAMES } from '../../shared/dates/uk-date.js';

/**
 * The benchmark's chronology: a fixed seed, six agencies, entries over eight
 * years (2012-2019) bunched around episodes of concern the way real
 * chronologies are, with the usual mix of uncertain dates. No DOM and no
 * renderer code, so the Node build compiles it too.
 */

export const BENCH_AGENCIES = [
  'Children’s social care',
  'Police',
  'Health visiting',
  'GP practice',
  'School',
  'Housing',
] as const;

export const BENCH_PERIOD = { start: Date.UTC(2012, 0, 1), end: Date.UTC(2020, 0, 1) };

export interface BenchItem {
  id: string;
  agency: number;
  date: FuzzyDate;
  significant: boolean;
  event: string;
}

/** mulberry32: small, fast and the same everywhere. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const EVENTS = [
  'Home visit, child seen',
  'Strategy discussion held',
  'Missed health appointment',
  'Referral received from school',
  'Domestic abuse incident reported',
  'Child protection conference',
  'Telephone call with mother',
  'Housing officer visit, property in poor repair',
  'Attendance at emergency department',
  'Core group meeting',
  'Child not brought to appointment',
  'Police welfare check',
];

const dayText = (ms: number) => formatIsoUk(new Date(ms).toISOString().slice(0, 10));

export function generateBenchItems(count = 20_000, seed = 20_150_512): BenchItem[] {
  const next = random(seed);
  const span = BENCH_PERIOD.end - BENCH_PERIOD.start;
  // Busy periods: most entries fall near one of these, the rest anywhere.
  const episodes = Array.from({ length: 40 }, () => BENCH_PERIOD.start + next() * span);
  const items: BenchItem[] = [];
  for (let i = 0; i < count; i++) {
    const near = next() < 0.7;
    const centre = near
      ? (episodes[Math.floor(next() * episodes.length)] as number)
      : BENCH_PERIOD.start + next() * span;
    const spread = near ? (next() - 0.5) * 60 * 86_400_000 : 0;
    const at = Math.min(BENCH_PERIOD.end - 86_400_000 * 32, Math.max(BENCH_PERIOD.start, centre + spread));
    const d = new Date(at);
    const kind = next();
    let text: string;
    if (kind < 0.62) text = dayText(at);
    else if (kind < 0.74)
      text = `${dayText(at)} ${pad(8 + Math.floor(next() * 10))}:${pad(Math.floor(next() * 4) * 15)}`;
    else if (kind < 0.83) text = `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    else if (kind < 0.85) text = String(d.getUTCFullYear());
    else if (kind < 0.9) text = `circa ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    else if (kind < 0.95)
      text = `between ${dayText(at)} and ${dayText(at + (1 + Math.floor(next() * 30)) * 86_400_000)}`;
    else if (kind < 0.975) text = `before ${dayText(at)}`;
    else text = `after ${dayText(at)}`;
    const parsed = parseFuzzyDate(text);
    if (!parsed.ok) throw new Error(`bench data: ${text}: ${parsed.reason}`);
    items.push({
      id: `e${i}`,
      agency: Math.floor(next() * BENCH_AGENCIES.length),
      date: parsed.date,
      significant: next() < 0.03,
      event: `${EVENTS[Math.floor(next() * EVENTS.length)]} (${i})`,
    });
  }
  return items;
}

/**
 * The window both timelines open on: a year in the middle of the period.
 * (vis-timeline creates a DOM element for every entry in view, so opening on
 * all eight years takes it minutes here; the benchmark reports our component on
 * the whole period separately.)
 */
export const BENCH_OPENING = { start: Date.UTC(2015, 0, 1), end: Date.UTC(2016, 0, 1) };

/** The fixed step sequence from the opening window: 20 zooms (12 in, 8 out, around the centre), then 20 pans (10 later, 10 earlier). */
export function benchWindows(): { kind: 'zoom' | 'pan'; start: number; end: number }[] {
  const steps: { kind: 'zoom' | 'pan'; start: number; end: number }[] = [];
  let { start, end } = BENCH_OPENING;
  for (let i = 0; i < 20; i++) {
    const factor = i < 12 ? 0.7 : 1 / 0.7;
    const centre = (start + end) / 2;
    const half = ((end - start) * factor) / 2;
    start = centre - half;
    end = centre + half;
    steps.push({ kind: 'zoom', start, end });
  }
  for (let i = 0; i < 20; i++) {
    const shift = (end - start) * 0.2 * (i < 10 ? 1 : -1);
    start += shift;
    end += shift;
    steps.push({ kind: 'pan', start, end });
  }
  return steps;
}
