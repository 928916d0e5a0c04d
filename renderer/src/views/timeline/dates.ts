import {
  earliestOf,
  type FuzzyDate,
  formatFuzzyDate,
  isoToMs,
  latestOf,
  rangeOf,
  spanMsOf,
} from '../../../../shared/dates/fuzzy-date.js';
import type { TimelineEntry } from './types.js';

/** Bridges the shared fuzzy dates to timeline milliseconds; all date logic stays in shared/dates. */

/** An ISO date to any precision (a scope end, a stored date) to the first millisecond it covers. */
export function isoStartMs(iso: string): number {
  return isoToMs(earliestOf(iso));
}

/** The end (exclusive) of an ISO date to any precision: the minute after its last minute. */
export function isoEndMs(iso: string): number {
  return spanMsOf({ earliest: null, latest: latestOf(iso) }).endMs;
}

/** The span fields of a timeline entry for a fuzzy date: the range as the vault sends it, and the period as written. */
export function spanOfDate(date: FuzzyDate): Pick<TimelineEntry, 'start' | 'end' | 'coreStart' | 'coreEnd'> {
  const { startMs: start, endMs: end } = spanMsOf(rangeOf(date));
  // Open dates are an arrow anchored where the named date begins (before) or ends (after).
  if (date.qualifier === 'before' || date.qualifier === 'after') return { start, end, coreStart: start, coreEnd: end };
  return { start, end, coreStart: isoStartMs(date.start), coreEnd: isoEndMs(date.end ?? date.start) };
}

/** A timeline entry from a chronology entry's fields. */
export function timelineEntry(fields: {
  id: string;
  ref: number;
  agency: number;
  date: FuzzyDate;
  significant: boolean;
  event: string;
}): TimelineEntry {
  return {
    id: fields.id,
    ref: fields.ref,
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
