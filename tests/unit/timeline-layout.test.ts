import { describe, expect, it } from 'vitest';
import { spanOfDate, timelineEntry } from '../../renderer/src/views/timeline/dates.js';
import { buildHitIndex, hitTest } from '../../renderer/src/views/timeline/hit-index.js';
import { buildLaneIndex, visibleRun } from '../../renderer/src/views/timeline/lane-index.js';
import { GEOMETRY, layoutFrame, rowTop } from '../../renderer/src/views/timeline/layout.js';
import { densityOf, windowOnMinimap } from '../../renderer/src/views/timeline/minimap.js';
import { windowView } from '../../renderer/src/views/timeline/scale.js';
import type { TimelineEntry } from '../../renderer/src/views/timeline/types.js';
import { parseFuzzyDate } from '../../shared/dates/fuzzy-date.js';

function date(text: string) {
  const result = parseFuzzyDate(text);
  if (!result.ok) throw new Error(result.reason);
  return result.date;
}

function entry(id: string, agency: number, text: string, significant = false): TimelineEntry {
  return timelineEntry({ id, ref: 1, agency, date: date(text), significant, event: `Event ${id}` });
}

const measure = (text: string) => text.length * 6;

describe('timeline dates', () => {
  it('draws a month-only date across its whole month, never on a fake day', () => {
    const span = spanOfDate(date('March 2015'));
    expect(new Date(span.start).toISOString()).toBe('2015-03-01T00:00:00.000Z');
    expect(new Date(span.end).toISOString()).toBe('2015-04-01T00:00:00.000Z');
    expect(span.coreStart).toBe(span.start);
  });

  it('gives circa an outer range around the period as written', () => {
    const span = spanOfDate(date('circa June 2015'));
    expect(new Date(span.coreStart).toISOString()).toBe('2015-06-01T00:00:00.000Z');
    expect(new Date(span.coreEnd).toISOString()).toBe('2015-07-01T00:00:00.000Z');
    expect(new Date(span.start).toISOString()).toBe('2015-05-01T00:00:00.000Z');
    expect(new Date(span.end).toISOString()).toBe('2015-08-01T00:00:00.000Z');
  });

  it('anchors before and after at the known end', () => {
    const before = spanOfDate(date('before 12/05/2015'));
    expect(new Date(before.start).toISOString()).toBe('2015-05-12T00:00:00.000Z');
    expect(before.end).toBe(before.start);
    const after = spanOfDate(date('after 12/05/2015'));
    expect(new Date(after.start).toISOString()).toBe('2015-05-13T00:00:00.000Z');
  });

  it('keeps the date as written for the tooltip', () => {
    expect(entry('a', 0, '?/03/2015').dateText).toBe('?/03/2015');
  });
});

describe('timeline culling', () => {
  const entries = [
    entry('long', 0, 'between 01/01/2014 and 31/12/2016'),
    entry('early', 0, '01/02/2014'),
    entry('mid', 0, '12/05/2015'),
    entry('late', 0, '01/11/2016'),
    entry('other', 1, '12/05/2015'),
  ];
  const index = buildLaneIndex(entries, 2);

  it('finds entries in a window by binary search, including long ones that started before it', () => {
    const lane = index.lanes[0];
    if (!lane) throw new Error('no lane');
    const run = visibleRun(lane, Date.UTC(2015, 4, 1), Date.UTC(2015, 5, 1));
    const ids = Array.from(lane.order.slice(run.from, run.to), (i) => entries[i]?.id);
    expect(ids).toContain('long');
    expect(ids).toContain('mid');
    expect(ids).not.toContain('late');
  });

  it('lays out only what is in view, and hit-tests it through the grid', () => {
    const view = windowView(Date.UTC(2015, 4, 1), Date.UTC(2015, 5, 1), 1000);
    const layout = layoutFrame(entries, index, view, measure);
    const placedIds = layout.placed.map((item) => entries[item.entry]?.id).sort();
    expect(placedIds).toEqual(['long', 'mid', 'other']);
    expect(layout.visibleCounts).toEqual([2, 1]);
    const hits = buildHitIndex(layout, view.width);
    const mid = layout.placed.find((item) => entries[item.entry]?.id === 'mid');
    if (!mid) throw new Error('mid not placed');
    const hit = hitTest(hits, mid.x0 + 1, rowTop(0, mid.row) + 4, 2);
    expect(hit).toEqual({ kind: 'entry', entry: mid.entry });
    expect(hitTest(hits, mid.x0 + 1, 5, 2)).toBeNull();
  });

  it('gathers entries crowded into a few pixels into clusters at coarse zoom', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      entry(`e${i}`, 0, `${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2015`, i === 7),
    );
    const crowdIndex = buildLaneIndex(many, 1);
    const view = windowView(Date.UTC(2010, 0, 1), Date.UTC(2020, 0, 1), 1000);
    const layout = layoutFrame(many, crowdIndex, view, measure);
    expect(layout.clusters.length).toBeGreaterThan(0);
    const clustered = layout.clusters.reduce((sum, cluster) => sum + cluster.count, 0);
    expect(clustered + layout.placed.length).toBe(400);
    expect(layout.clusters.reduce((sum, cluster) => sum + cluster.significant, 0)).toBe(1);
    const hits = buildHitIndex(layout, view.width);
    const cluster = layout.clusters[0];
    if (!cluster) throw new Error('no cluster');
    expect(hitTest(hits, cluster.x0 + 2, rowTop(0, 0) + 2, 1)?.kind).toBe('cluster');
  });

  it('packs overlapping entries into separate rows and draws labels only when they fit', () => {
    const overlapping = [entry('a', 0, '12/05/2015'), entry('b', 0, '12/05/2015'), entry('c', 0, '12/05/2015')];
    const view = windowView(Date.UTC(2015, 4, 10), Date.UTC(2015, 4, 15), 1000);
    const layout = layoutFrame(overlapping, buildLaneIndex(overlapping, 1), view, measure);
    expect(layout.placed.map((item) => item.row).sort()).toEqual([0, 1, 2]);
    expect(layout.placed.every((item) => item.label > 0 && item.label <= GEOMETRY.maxLabel)).toBe(true);
  });
});

describe('timeline labels', () => {
  it('never draws a label under another entry’s mark, even when every row is taken', () => {
    // Four entries a day apart, in three rows, each with a long label: the fourth bar must
    // land in a row whose label would run under it ("shout▌ing"), so that label is cut short.
    const crowded = ['10', '11', '12', '13', '14', '15'].map((day, i) =>
      timelineEntry({
        id: `e${i}`,
        ref: i + 1,
        agency: 0,
        date: date(`${day}/05/2015`),
        significant: false,
        event: 'Mother heard shouting at the child through the wall of the flat',
      }),
    );
    const view = windowView(Date.UTC(2015, 4, 9), Date.UTC(2015, 4, 29), 1000);
    const layout = layoutFrame(crowded, buildLaneIndex(crowded, 1), view, measure);
    expect(layout.placed).toHaveLength(6);
    for (const item of layout.placed) {
      const labelEnd = item.x1 + item.label;
      for (const other of layout.placed) {
        if (other === item || other.row !== item.row || other.x0 < item.x0) continue;
        expect(labelEnd, `label of ${item.entry} runs under ${other.entry}`).toBeLessThanOrEqual(other.x0);
      }
    }
  });
});

describe('timeline labels at the edge', () => {
  it('stops a label at the right edge of the lanes, or leaves it out when too little would show', () => {
    const late = [entry('near', 0, '27/05/2015'), entry('edge', 0, '31/05/2015')];
    const view = windowView(Date.UTC(2015, 4, 1), Date.UTC(2015, 5, 1), 1000);
    const layout = layoutFrame(late, buildLaneIndex(late, 1), view, (text) => text.length * 40);
    const near = layout.placed.find((item) => late[item.entry]?.id === 'near');
    const edge = layout.placed.find((item) => late[item.entry]?.id === 'edge');
    expect(near && near.x1 + near.label).toBeLessThanOrEqual(1000);
    expect(near?.label).toBeGreaterThan(0);
    expect(edge?.label).toBe(0);
  });
});

describe('timeline mini-map', () => {
  it('counts entries per lane over the whole period and places the window on it', () => {
    const entries = [entry('a', 0, '2015'), entry('b', 1, 'March 2015'), entry('c', 1, 'April 2015')];
    const extent = { start: Date.UTC(2015, 0, 1), end: Date.UTC(2016, 0, 1) };
    const density = densityOf(entries, 2, extent, 12);
    expect(density.counts[6]).toBe(1); // the year's middle falls in July
    expect(density.counts[12 + 2]).toBe(1);
    expect(density.max).toBe(1);
    expect(windowOnMinimap(density, 120, { start: Date.UTC(2015, 6, 1), end: Date.UTC(2016, 0, 1) }).x0).toBeCloseTo(
      59.5,
      0,
    );
  });
});
