import { describe, expect, it } from 'vitest';
import {
  clampView,
  DAY,
  HOUR,
  limitsFor,
  msAt,
  panBy,
  spanOf,
  windowView,
  xOf,
  zoomAt,
} from '../../renderer/src/views/timeline/scale.js';
import { axisTicks } from '../../renderer/src/views/timeline/ticks.js';

const extent = { start: Date.UTC(2012, 0, 1), end: Date.UTC(2020, 0, 1) };
const limits = limitsFor(extent);

describe('timeline window', () => {
  it('zooms around the pointer, keeping the time under it still', () => {
    const view = windowView(Date.UTC(2015, 0, 1), Date.UTC(2016, 0, 1), 1000);
    const anchor = msAt(view, 250);
    const zoomed = zoomAt(view, 0.5, 250, limits);
    expect(spanOf(zoomed)).toBeCloseTo(spanOf(view) / 2, -3);
    expect(xOf(zoomed, anchor)).toBeCloseTo(250, 6);
  });

  it('zooms in no further than hours and out no further than the whole period with a margin', () => {
    let view = windowView(Date.UTC(2015, 0, 1), Date.UTC(2016, 0, 1), 1000);
    for (let i = 0; i < 60; i++) view = zoomAt(view, 0.5, 500, limits);
    expect(spanOf(view)).toBe(4 * HOUR);
    for (let i = 0; i < 60; i++) view = zoomAt(view, 2, 500, limits);
    expect(spanOf(view)).toBeCloseTo(limits.maxSpan, -3);
  });

  it('pans by pixels and stops at the ends', () => {
    const view = windowView(Date.UTC(2015, 0, 1), Date.UTC(2016, 0, 1), 1000);
    expect(panBy(view, 100, limits).start - view.start).toBeCloseTo(100 * view.msPerPx, -2);
    const far = panBy(view, 1e9, limits);
    expect(far.start + spanOf(far)).toBeCloseTo(limits.bounds.end, -3);
    expect(clampView({ ...view, start: 0 }, limits).start).toBeCloseTo(limits.bounds.start, -3);
  });
});

describe('timeline axis labels in UK style', () => {
  const labels = (start: number, end: number) => axisTicks(windowView(start, end, 1100));

  it('labels years', () => {
    const ticks = labels(Date.UTC(2012, 0, 1), Date.UTC(2020, 0, 1));
    expect(ticks.unit).toBe('year');
    expect(ticks.minor.map((tick) => tick.label)).toContain('2015');
    expect(ticks.major).toEqual([]);
  });

  it('labels months with their year', () => {
    const ticks = labels(Date.UTC(2015, 0, 1), Date.UTC(2016, 0, 1));
    expect(ticks.unit).toBe('month');
    expect(ticks.minor.map((tick) => tick.label)).toContain('Mar 2015');
  });

  it('labels days with the month and year above', () => {
    const ticks = labels(Date.UTC(2015, 2, 1), Date.UTC(2015, 2, 20));
    expect(ticks.unit).toBe('day');
    expect(ticks.minor.map((tick) => tick.label)).toContain('12 Mar');
    expect(ticks.major.map((tick) => tick.label)).toContain('Mar 2015');
  });

  it('labels hours with the day above', () => {
    const ticks = labels(Date.UTC(2015, 2, 12, 8), Date.UTC(2015, 2, 12, 20));
    expect(ticks.unit).toBe('hour');
    expect(ticks.minor.map((tick) => tick.label)).toContain('14:00');
    expect(ticks.major.map((tick) => tick.label)).toEqual(['12 Mar 2015']);
  });

  it('puts ticks on calendar boundaries, in order, across month ends', () => {
    const ticks = labels(Date.UTC(2015, 0, 20), Date.UTC(2015, 3, 10));
    const times = ticks.minor.map((tick) => tick.ms);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    for (const ms of times) expect(ms % DAY).toBe(0);
    // No two labels crowd each other where a weekly step meets the 1st of a month.
    const labelled = ticks.minor.filter((tick) => tick.label !== '');
    for (let i = 1; i < labelled.length; i++) {
      expect((labelled[i]?.x ?? 0) - (labelled[i - 1]?.x ?? 0)).toBeGreaterThan(40);
    }
  });
});
