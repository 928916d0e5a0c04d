import { earliestOf, type FuzzyDate, formatFuzzyDate, latestOf, rangeOf } from '../../../../shared/dates/fuzzy-date.js';
import type { TimelineEntry } from './types.js';

/** Bridges the shared fuzzy dates to timeline milliseconds; all date logic stays in shared/dates. */

const MINUTE = 60_000;

/** `YYYY-MM-DDTHH:mm` (as earliestOf/latestOf/rangeOf give) to wall-clock-as-UTC milliseconds. */
export function minuteIsoToMs(iso: string): number {
  const [year = 0, month = 1, day = 1] = iso.slice(0, 10).split('-').map(Number);
  const [hour = 0, minute = 0] = iso.length > 10 ? iso.slice(11, 16).split(':').map(Number) : [];
  return Date.UTC(year, month - 1, day, hour, minute);
}

/** An ISO date to any precision (a scope end, a stored date) to the first millisecond it covers. */
export function isoStartMs(iso: string): number {
  return minuteIsoToMs(earliestOf(iso));
}

/** The end (exclusive) of an ISO date to any precision: the minute after its last minute. */
export function isoEndMs(iso: string): number {
  return minuteIsoToMs(latestOf(iso)) + MINUTE;
}

/** The span fields of a timeline entry for a fuzzy date. */
export function spanOfDate(date: FuzzyDate): Pick<TimelineEntry, 'start' | 'end' | 'coreStart' | 'coreEnd'> {
  const coreStart = isoStartMs(date.start);
  const coreEnd = isoEndMs(date.end ?? date.start);
  const range = rangeOf(date);
  if (date.qualifier === 'before') {
    // Open towards the past: the arrow ends where the named date begins.
    return { start: coreStart, end: coreStart, coreStart, coreEnd: coreStart };
  }
  if (date.qualifier === 'after') {
    return { start: coreEnd, end: coreEnd, coreStart: coreEnd, coreEnd };
  }
  return {
    start: range.earliest === null ? coreStart : minuteIsoToMs(range.earliest),
    end: range.latest === null ? coreEnd : minuteIsoToMs(range.latest) + MINUTE,
    coreStart,
    coreEnd,
  };
}

/** A timeline entry from a chronology entry's fields. */
export function timelineEntry(fields: {
  id: string;
  agency: number;
  date: FuzzyDate;
  significant: boolean;
  event: string;
}): TimelineEntry {
  return {
    id: fields.id,
    agency: fields.agency,
    ...spanOfDate(fields.date),
    precision: fields.date.precision,
    qualifier: fields.date.qualifier,
    significant: fields.significant,
    dateText: fields.date.text.trim() === '' ? formatFuzzyDate(fields.date) : fields.date.text,
    excerpt: excerptOf(fields.event),
  };
}

/** The first words of an event, for tooltips and the list alternative. */
export function excerptOf(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.lastIndexOf(' ', max - 1);
  return `${flat.slice(0, cut > max / 2 ? cut : max - 1)}…`;
}
