import type { TimelineData as ChannelTimeline, TimelineItem } from '../../../../shared/api/channels/chronology.js';
import type { KeyPracticeEpisode } from '../../../../shared/api/channels/chronology-analysis.js';
import type { DatePrecision } from '../../../../shared/dates/fuzzy-date.js';
import { isoEndMs, isoStartMs } from './dates.js';
import type { TimelineData, TimelineEntry, TimelineEpisode } from './types.js';

/**
 * `chronology.timeline` and `episodes.list` to the timeline's own data. The
 * channel gives each date's outer range (rangeOf) with its precision and
 * qualifier; the period as written (a circa date's own month) is recovered from
 * those for drawing, and the display text comes from the server's stored date.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** Milliseconds to ISO at a precision: `2015`, `2015-05`, `2015-05-12`, `2015-05-12T14:30`. */
export function isoAt(ms: number, precision: DatePrecision): string {
  const d = new Date(ms);
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  if (precision === 'year') return year;
  const month = `${year}-${pad(d.getUTCMonth() + 1)}`;
  if (precision === 'month') return month;
  const day = `${month}-${pad(d.getUTCDate())}`;
  if (precision === 'day') return day;
  return `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** One unit of a precision later (or earlier with -1), from a unit's first millisecond. */
function step(ms: number, precision: DatePrecision, units: number): number {
  const d = new Date(ms);
  switch (precision) {
    case 'year':
      return Date.UTC(d.getUTCFullYear() + units, 0, 1);
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + units, 1);
    case 'day':
      return ms + units * 86_400_000;
    default:
      // circa a time: an hour either side (shared/dates).
      return ms + units * 3_600_000;
  }
}

export function entryFromItem(item: TimelineItem): TimelineEntry {
  const { precision, qualifier, startMs: start, endMs: end } = item;
  // The channel's span is the timeline's: end exclusive, an open date at its anchor (start === end).
  // A circa date's outer range is one unit either side; the period as written is the unit in the middle.
  const coreStart = qualifier === 'circa' ? step(start, precision, 1) : start;
  const coreEnd = qualifier === 'circa' ? isoEndMs(isoAt(coreStart, precision)) : end;
  return {
    id: item.id,
    ref: item.ref,
    agency: item.agencyIndex,
    start,
    end,
    coreStart,
    coreEnd,
    precision,
    qualifier,
    significant: item.significant,
    // The server's rendering of the stored date: exact, where the range above is only for drawing.
    dateText: item.dateDisplay,
    excerpt: item.label,
  };
}

export function timelineFromChannel(data: ChannelTimeline): TimelineData {
  const entries = data.items.map(entryFromItem);
  const { from, to } = data.scope;
  let scope: TimelineData['scope'] = null;
  if (from && to) scope = { start: isoStartMs(from), end: isoEndMs(to) };
  else if (entries.length > 0 && (from || to)) {
    // One open end: run to the entries on that side.
    const starts = entries.map((entry) => entry.start);
    const ends = entries.map((entry) => entry.end);
    scope = {
      start: from ? isoStartMs(from) : Math.min(...starts),
      end: to ? isoEndMs(to) : Math.max(...ends),
    };
  }
  return { agencies: data.agencies.map((agency) => agency.name), entries, scope };
}

/** Episodes as bands: their span when they have one, else the extent of their entries. */
export function episodesForTimeline(
  episodes: readonly KeyPracticeEpisode[],
  entries: readonly TimelineEntry[],
): TimelineEpisode[] {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const bands: TimelineEpisode[] = [];
  for (const episode of episodes) {
    const members = episode.entryIds.map((id) => byId.get(id)).filter((entry) => entry !== undefined);
    const start = episode.from ? isoStartMs(episode.from) : Math.min(...members.map((entry) => entry.start));
    const end = episode.to ? isoEndMs(episode.to) : Math.max(...members.map((entry) => entry.end));
    if (Number.isFinite(start) && Number.isFinite(end))
      bands.push({ id: episode.id, title: episode.title, start, end });
  }
  return bands;
}
