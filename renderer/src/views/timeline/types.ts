import type { DatePrecision, DateQualifier } from '../../../../shared/dates/fuzzy-date.js';

/**
 * The timeline's own compact data, mapped from the chronology channels so the
 * drawing code does not depend on their exact shape. Times are milliseconds of
 * the wall-clock date read as UTC (the chronology has no time zones), so axis
 * labels are computed in UTC and never shift with daylight saving.
 */

export interface TimelineEntry {
  id: string;
  /** The entry's number, as the chronology table shows it. */
  ref: number;
  /** Index into `TimelineData.agencies`: the entry's swimlane. */
  agency: number;
  /**
   * The whole span the date could mean (`rangeOf`), end exclusive. For `before`
   * and `after` (open-ended) both are the known end, the anchor of the arrow.
   */
  start: number;
  end: number;
  /** The period as written (a circa date's own month or day; equals start/end otherwise). */
  coreStart: number;
  coreEnd: number;
  precision: DatePrecision;
  qualifier: DateQualifier;
  significant: boolean;
  /** The date as written by the agency, for the tooltip. */
  dateText: string;
  /** The start of the event text. */
  excerpt: string;
}

export interface TimelineEpisode {
  id: string;
  title: string;
  start: number;
  end: number;
}

export interface TimelineData {
  agencies: readonly string[];
  entries: readonly TimelineEntry[];
  /** The review's scope period, when set: the mini-map's extent and the initial window. */
  scope: { start: number; end: number } | null;
}

/** A span picked on the axis, or the extent of picked entries: what a new key practice episode covers. */
export interface TimelineSelection {
  kind: 'span' | 'entries';
  start: number;
  end: number;
  entryIds: readonly string[];
}
