import { MONTH_ABBREVIATIONS } from '../../../../shared/dates/uk-date.js';
import { DAY, HOUR, type Viewport, xOf } from './scale.js';

/**
 * Axis ticks in UK style: years (`2015`), months (`Mar 2015`), days (`12 Mar`),
 * hours (`14:00`), with a second row naming the day for hours and the month for days. Computed in UTC: see types.ts.
 */

export interface Tick {
  ms: number;
  x: number;
  label: string;
}

export interface AxisTicks {
  minor: Tick[];
  major: Tick[];
  /** The unit of the minor ticks, e.g. for tests and the screen-reader summary. */
  unit: 'year' | 'month' | 'day' | 'hour';
}

interface Step {
  unit: 'year' | 'month' | 'day' | 'hour';
  count: number;
  /** Typical length, to pick a step from the pixel spacing. */
  approxMs: number;
}

const STEPS: readonly Step[] = [
  { unit: 'hour', count: 1, approxMs: HOUR },
  { unit: 'hour', count: 3, approxMs: 3 * HOUR },
  { unit: 'hour', count: 6, approxMs: 6 * HOUR },
  { unit: 'hour', count: 12, approxMs: 12 * HOUR },
  { unit: 'day', count: 1, approxMs: DAY },
  { unit: 'day', count: 2, approxMs: 2 * DAY },
  { unit: 'day', count: 7, approxMs: 7 * DAY },
  { unit: 'day', count: 14, approxMs: 14 * DAY },
  { unit: 'month', count: 1, approxMs: 30.4 * DAY },
  { unit: 'month', count: 3, approxMs: 91 * DAY },
  { unit: 'month', count: 6, approxMs: 182 * DAY },
  { unit: 'year', count: 1, approxMs: 365 * DAY },
  { unit: 'year', count: 2, approxMs: 730 * DAY },
  { unit: 'year', count: 5, approxMs: 1826 * DAY },
  { unit: 'year', count: 10, approxMs: 3652 * DAY },
];

/** Minimum pixels between minor labels (the widest, `Mar 2015`, needs about 60). */
const MIN_SPACING: Record<Step['unit'], number> = { hour: 48, day: 52, month: 72, year: 48 };

const pad = (n: number) => String(n).padStart(2, '0');
const monthName = (month: number) => MONTH_ABBREVIATIONS[month] ?? '';

export function chooseStep(msPerPx: number): Step {
  return STEPS.find((step) => step.approxMs / msPerPx >= MIN_SPACING[step.unit]) ?? (STEPS[STEPS.length - 1] as Step);
}

/** The first tick at or before `ms` for a step, aligned to calendar boundaries. */
function floorTo(ms: number, step: Step): number {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  switch (step.unit) {
    case 'year':
      return Date.UTC(Math.floor(year / step.count) * step.count, 0, 1);
    case 'month': {
      const month = date.getUTCMonth();
      return Date.UTC(year, Math.floor(month / step.count) * step.count, 1);
    }
    case 'day': {
      if (step.count === 1) return Date.UTC(year, date.getUTCMonth(), date.getUTCDate());
      // Multi-day steps restart at each month so labels stay on round days (1, 8, 15, 22 or 1, 3, 5...).
      const day = date.getUTCDate();
      return Date.UTC(year, date.getUTCMonth(), Math.floor((day - 1) / step.count) * step.count + 1);
    }
    case 'hour':
      return Date.UTC(
        year,
        date.getUTCMonth(),
        date.getUTCDate(),
        Math.floor(date.getUTCHours() / step.count) * step.count,
      );
  }
}

function next(ms: number, step: Step): number {
  const date = new Date(ms);
  switch (step.unit) {
    case 'year':
      return Date.UTC(date.getUTCFullYear() + step.count, 0, 1);
    case 'month':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + step.count, 1);
    case 'day': {
      const candidate = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + step.count);
      const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      // Do not let a 7- or 14-day step run past the 1st of the next month, nor leave a sliver before it.
      return step.count > 1 && nextMonth - candidate < (step.count * DAY) / 2
        ? nextMonth
        : Math.min(candidate, nextMonth);
    }
    case 'hour':
      return ms + step.count * HOUR;
  }
}

export function minorLabel(ms: number, unit: Step['unit']): string {
  const date = new Date(ms);
  switch (unit) {
    case 'year':
      return String(date.getUTCFullYear());
    case 'month':
      return `${monthName(date.getUTCMonth())} ${date.getUTCFullYear()}`;
    case 'day':
      return `${date.getUTCDate()} ${monthName(date.getUTCMonth())}`;
    case 'hour':
      return `${pad(date.getUTCHours())}:00`;
  }
}

function majorLabel(ms: number, unit: Step['unit']): string {
  const date = new Date(ms);
  if (unit === 'hour') return `${date.getUTCDate()} ${monthName(date.getUTCMonth())} ${date.getUTCFullYear()}`;
  return `${monthName(date.getUTCMonth())} ${date.getUTCFullYear()}`;
}

/** Ticks for the visible window, with labels; the major row is empty for month and year steps. */
export function axisTicks(view: Viewport): AxisTicks {
  const step = chooseStep(view.msPerPx);
  const end = view.start + view.msPerPx * view.width;
  const minor: Tick[] = [];
  for (let ms = floorTo(view.start, step); ms <= end && minor.length < 500; ms = next(ms, step)) {
    minor.push({ ms, x: xOf(view, ms), label: minorLabel(ms, step.unit) });
  }
  // A multi-day step restarts at each 1st, which can leave two labels a few pixels apart: blank the earlier one.
  for (let i = 0; i + 1 < minor.length; i++) {
    const tick = minor[i] as Tick;
    if ((minor[i + 1] as Tick).x - tick.x < MIN_SPACING[step.unit] * 0.8) tick.label = '';
  }
  const major: Tick[] = [];
  // Month labels already carry the year (`Mar 2015`), so only hours and days need a second row.
  if (step.unit === 'hour' || step.unit === 'day') {
    const majorStep: Step =
      step.unit === 'hour' ? { unit: 'day', count: 1, approxMs: DAY } : { unit: 'month', count: 1, approxMs: 30 * DAY };
    for (let ms = floorTo(view.start, majorStep); ms <= end && major.length < 200; ms = next(ms, majorStep)) {
      major.push({ ms, x: xOf(view, ms), label: majorLabel(ms, step.unit) });
    }
  }
  return { minor, major, unit: step.unit };
}
