import {
  calendarProblem,
  daysInMonth,
  expandTwoDigitYear,
  MONTH_ABBREVIATIONS,
  matchUkDate,
  monthFromName,
  type UkDateOptions,
} from './uk-date.js';

/**
 * The chronology's dates, which are often uncertain: `?/03/2015`, `circa June
 * 2015`, `2015`, `before 12/05/2015`, `between 01/03/2015 and 15/03/2015`,
 * `early 2016`. A date keeps the precision it was written with and is never
 * shown with a day nobody recorded.
 *
 * Decisions, so they can be explained to a reviewer:
 *
 * - **Order**: the chronology's order of entries and their dates is
 *   shared/chronology/order.ts.
 * - **early / mid / late** are thirds: of a year, January-April, May-August,
 *   September-December; of a month, days 1-10, 11-20, 21 to the end. They are
 *   stored as `between` ranges, so `early 2016` is between Jan 2016 and Apr 2016.
 * - **circa** could mean one unit of its own precision either side (a year, a
 *   month, a day; an hour for a time): `rangeOf` uses that for overlap checks.
 * - **between** with ends of different precision keeps each end as written; the
 *   date's `precision` is the coarser end.
 * - **Excel**: a serial number uses the 1900 date system (serial 1 is
 *   01/01/1900; 60 is Excel's 29/02/1900, which never existed, and is refused).
 *   A whole number from 1800 to 2200 is read as a year, not a serial: it is what
 *   Excel stores when someone types `2015` in a date column.
 * - Two-digit years follow uk-date.ts.
 *
 * Pure and Node-free: the renderer uses it too.
 */

export type DatePrecision = 'year' | 'month' | 'day' | 'minute';
export type DateQualifier = 'on' | 'circa' | 'before' | 'after' | 'between';

export interface FuzzyDate {
  precision: DatePrecision;
  qualifier: DateQualifier;
  /** ISO to its precision: `2015`, `2015-05`, `2015-05-12`, `2015-05-12T14:30`. */
  start: string;
  /** The other end, for `between`; null otherwise. */
  end: string | null;
  /** What was written (or the cell's value as text), kept for the record. */
  text: string;
}

export type FuzzyDateResult = { ok: true; date: FuzzyDate } | { ok: false; reason: string };

/** What a spreadsheet cell can hold: exceljs gives Dates and numbers, CSV gives strings. */
export type DateInput = string | number | Date | boolean | null | undefined;

const PRECISIONS: readonly DatePrecision[] = ['year', 'month', 'day', 'minute'];

/** The precision an ISO string is written to, from its length. */
export function precisionOfIso(iso: string): DatePrecision {
  if (iso.length === 4) return 'year';
  if (iso.length === 7) return 'month';
  if (iso.length === 10) return 'day';
  return 'minute';
}

/** The less precise of two ISO dates' precisions. */
function coarser(a: string, b: string): DatePrecision {
  const index = Math.min(PRECISIONS.indexOf(precisionOfIso(a)), PRECISIONS.indexOf(precisionOfIso(b)));
  return PRECISIONS[index] ?? 'year';
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

// ---- parsing -------------------------------------------------------------------

type Single = { ok: true; precision: DatePrecision; start: string } | { ok: false; reason: string };

const UNKNOWN_DAY = /^(\?{1,2}|x{1,2})[/.-](\d{1,2})[/.-](\d{4})$/i;
const UNKNOWN_DAY_AND_MONTH = /^(\?{1,2}|x{1,2})[/.-](\?{1,2}|x{1,2})[/.-](\d{4})$/i;
const MONTH_NUMBER_YEAR = /^(\d{1,2})[/.-](\d{4})$/;
const YEAR_MONTH_NUMBER = /^(\d{4})[/-](\d{1,2})$/;
/** `May 2015`, `May, 2015`, `Mar-15` (Excel's `mmm-yy` as a CSV shows it), `Mar-2015`. */
const MONTH_NAME_YEAR = /^([a-z]+\.?)(?:,?\s+(\d{4})|-(\d{2}|\d{4}))$/i;
const YEAR = /^\d{4}$/;
const EXCEL_SERIAL_TEXT = /^\d{5}(\.\d+)?$/;
const DAY_MONTH_ONLY = /^\d{1,2}[/.]\d{1,2}$/;

const CIRCA = /^(?:circa|approximately|approx\.?|around|about|roughly|ca\.|ca|c\.|c|~)\s*(.+)$/i;
const BEFORE = /^(?:before|prior to)\s+(.+)$/i;
const AFTER = /^after\s+(.+)$/i;
const PART = /^(early|mid|middle of|late)(?:\s+|-)(.+)$/i;
const BETWEEN_AND = /^between\s+(.+?)\s+(?:and|&)\s+(.+)$/i;
const FROM_TO = /^from\s+(.+?)\s+(?:to|until|till|-|–|—)\s+(.+)$/i;
/** `A - B`, `A – B`, `A to B`, and an ISO interval `A/B` (what `isoOf` writes). */
const SPACED_RANGE = /^(.+?)\s*(?:\s-\s|–|—|\sto\s)\s*(.+)$/i;
const ISO_INTERVAL = /^(\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2})?)?)?)\/(\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2})?)?)?)$/;

function unreadable(written: string): string {
  return `${written} is not a date Casebook can read: use dd/mm/yyyy, e.g. 12/05/2015`;
}

function monthOf(written: string, year: number, month: number): Single {
  if (month < 1 || month > 12) {
    return { ok: false, reason: `${written} is not a real date: there is no month ${month}` };
  }
  return { ok: true, precision: 'month', start: `${pad(year, 4)}-${pad(month)}` };
}

/** One date with no qualifier; null when the text is not shaped like any form. */
function matchSingle(written: string, options: UkDateOptions): Single | null {
  const full = matchUkDate(written, options);
  if (full) {
    if (!full.ok) return full;
    const { year, month, day, time } = full.date;
    const dayIso = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
    return time
      ? { ok: true, precision: 'minute', start: `${dayIso}T${pad(time.hour)}:${pad(time.minute)}` }
      : { ok: true, precision: 'day', start: dayIso };
  }
  let match = UNKNOWN_DAY_AND_MONTH.exec(written);
  if (match) return { ok: true, precision: 'year', start: match[3] ?? '' };
  match = UNKNOWN_DAY.exec(written);
  if (match) return monthOf(written, Number(match[3]), Number(match[2]));
  match = MONTH_NUMBER_YEAR.exec(written);
  if (match) return monthOf(written, Number(match[2]), Number(match[1]));
  match = YEAR_MONTH_NUMBER.exec(written);
  if (match) return monthOf(written, Number(match[1]), Number(match[2]));
  match = MONTH_NAME_YEAR.exec(written);
  if (match) {
    const month = monthFromName(match[1] ?? '');
    if (month === null) return null;
    const yearText = match[2] ?? match[3] ?? '';
    const year = yearText.length === 2 ? expandTwoDigitYear(Number(yearText), options.referenceYear) : Number(yearText);
    return monthOf(written, year, month);
  }
  if (YEAR.test(written)) return { ok: true, precision: 'year', start: written };
  if (EXCEL_SERIAL_TEXT.test(written)) return fromExcelSerial(Number(written));
  if (DAY_MONTH_ONLY.test(written)) {
    return { ok: false, reason: `${written} has no year: write it in full, e.g. 12/05/2015` };
  }
  return null;
}

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 for serials from 61 on (day 1 is 01/01/1900, and 60 is the fake 29/02/1900). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** An Excel serial (1900 date system); a fraction is a time of day, giving minute precision. */
export function fromExcelSerial(serial: number): Single {
  if (!Number.isFinite(serial) || serial < 1) {
    return { ok: false, reason: `${serial} is not a date: Excel's dates start at 1 (01/01/1900)` };
  }
  const whole = Math.floor(serial);
  if (whole === 60) {
    return { ok: false, reason: 'Excel serial 60 is 29/02/1900, a date that never existed' };
  }
  // Serials before the fake leap day are one day further from the epoch than Excel's arithmetic suggests.
  const days = whole < 60 ? whole + 1 : whole;
  let minutes = Math.round((serial - whole) * 1440);
  let dayMs = EXCEL_EPOCH_MS + days * MS_PER_DAY;
  if (minutes === 1440) {
    dayMs += MS_PER_DAY;
    minutes = 0;
  }
  return fromUtcWallClock(new Date(dayMs + minutes * 60_000), minutes !== 0);
}

/** A Date whose UTC fields are the wall-clock value (how exceljs gives date cells). */
function fromUtcWallClock(date: Date, timed: boolean): Single {
  const dayIso = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  if (!timed) return { ok: true, precision: 'day', start: dayIso };
  return {
    ok: true,
    precision: 'minute',
    start: `${dayIso}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`,
  };
}

function fromDateCell(date: Date): Single {
  if (Number.isNaN(date.getTime())) return { ok: false, reason: 'the cell holds an invalid date' };
  // Round to the minute: Excel's binary fractions come back as 14:29:59.999.
  const rounded = new Date(Math.round(date.getTime() / 60_000) * 60_000);
  const timed = rounded.getUTCHours() !== 0 || rounded.getUTCMinutes() !== 0;
  return fromUtcWallClock(rounded, timed);
}

function toFuzzy(single: Single, qualifier: DateQualifier, text: string): FuzzyDateResult {
  if (!single.ok) return single;
  return { ok: true, date: { precision: single.precision, qualifier, start: single.start, end: null, text } };
}

/** early/mid/late of a year or a month, as a `between` range (see the module header). */
function partOf(part: string, rest: string, text: string, options: UkDateOptions): FuzzyDateResult | null {
  const period = matchSingle(rest, options);
  if (!period) return null;
  if (!period.ok) return period;
  const third = part.startsWith('early') ? 0 : part.startsWith('late') ? 2 : 1;
  if (period.precision === 'year') {
    const first = third * 4 + 1;
    return between(
      { precision: 'month', start: `${period.start}-${pad(first)}` },
      {
        precision: 'month',
        start: `${period.start}-${pad(first + 3)}`,
      },
      text,
    );
  }
  if (period.precision === 'month') {
    const [year, month] = period.start.split('-').map(Number) as [number, number];
    const firstDay = third * 10 + 1;
    const lastDay = third === 2 ? daysInMonth(year, month) : firstDay + 9;
    return between(
      { precision: 'day', start: `${period.start}-${pad(firstDay)}` },
      {
        precision: 'day',
        start: `${period.start}-${pad(lastDay)}`,
      },
      text,
    );
  }
  return { ok: false, reason: `${text}: early, mid and late go with a year or a month, e.g. early 2016` };
}

function between(
  from: { precision: DatePrecision; start: string },
  to: { precision: DatePrecision; start: string },
  text: string,
): FuzzyDateResult {
  if (earliestOf(to.start) < earliestOf(from.start)) {
    return { ok: false, reason: `${text}: the end is before the start` };
  }
  return {
    ok: true,
    date: { precision: coarser(from.start, to.start), qualifier: 'between', start: from.start, end: to.start, text },
  };
}

function rangeFrom(left: string, right: string, text: string, options: UkDateOptions): FuzzyDateResult | null {
  const from = matchSingle(left.trim(), options);
  const to = matchSingle(right.trim(), options);
  if (!from || !to) return null;
  if (!from.ok) return from;
  if (!to.ok) return to;
  return between(from, to, text);
}

/**
 * Read a chronology date from what a person typed or a spreadsheet cell holds.
 * Returns the date or a short plain reason ("date missing", "31/02/2015 is not a real date: ...").
 */
export function parseFuzzyDate(input: DateInput, options: UkDateOptions = {}): FuzzyDateResult {
  if (input === null || input === undefined) return { ok: false, reason: 'date missing' };
  if (typeof input === 'boolean') return { ok: false, reason: `${input ? 'TRUE' : 'FALSE'} is not a date` };
  if (input instanceof Date) {
    const single = fromDateCell(input);
    // A date cell has no typed text; keep what Excel showed, in UK style.
    return toFuzzy(single, 'on', single.ok ? formatIsoUk(single.start) : '');
  }
  if (typeof input === 'number') {
    const text = String(input);
    if (Number.isInteger(input) && input >= 1800 && input <= 2200)
      return toFuzzy(matchSingle(text, options) ?? { ok: false, reason: unreadable(text) }, 'on', text);
    return toFuzzy(fromExcelSerial(input), 'on', text);
  }
  const text = input.trim().replace(/\s+/g, ' ');
  if (text === '') return { ok: false, reason: 'date missing' };

  const single = matchSingle(text, options);
  if (single) return toFuzzy(single, 'on', text);

  let match = BETWEEN_AND.exec(text) ?? FROM_TO.exec(text);
  if (match) return rangeFrom(match[1] ?? '', match[2] ?? '', text, options) ?? { ok: false, reason: unreadable(text) };
  match = BEFORE.exec(text);
  if (match)
    return toFuzzy(matchSingle(match[1] ?? '', options) ?? { ok: false, reason: unreadable(text) }, 'before', text);
  match = AFTER.exec(text);
  if (match)
    return toFuzzy(matchSingle(match[1] ?? '', options) ?? { ok: false, reason: unreadable(text) }, 'after', text);
  match = PART.exec(text);
  if (match)
    return (
      partOf((match[1] ?? '').toLowerCase(), match[2] ?? '', text, options) ?? { ok: false, reason: unreadable(text) }
    );
  match = CIRCA.exec(text);
  if (match) {
    const inner = matchSingle(match[1] ?? '', options);
    if (inner) return toFuzzy(inner, 'circa', text);
  }
  match = ISO_INTERVAL.exec(text) ?? SPACED_RANGE.exec(text);
  if (match) {
    const range = rangeFrom(match[1] ?? '', match[2] ?? '', text, options);
    if (range) return range;
  }
  // `01/03/2015-15/03/2015`: a hyphen with no spaces, where both sides are dates.
  for (let at = text.indexOf('-'); at !== -1; at = text.indexOf('-', at + 1)) {
    const range = rangeFrom(text.slice(0, at), text.slice(at + 1), text, options);
    if (range?.ok) return range;
  }
  return { ok: false, reason: unreadable(text) };
}

// ---- ISO, ranges, order ----------------------------------------------------------

/**
 * The date as ISO text for the CLI and exports: `2015`, `2015-05`, `2015-05-12`,
 * `2015-05-12T14:30`; a `between` date as an ISO interval, `2015-03-01/2015-03-15`.
 * circa, before and after give the date they qualify: the qualifier is a separate field.
 * `parseFuzzyDate` reads all of these back.
 */
export function isoOf(date: FuzzyDate): string {
  return date.qualifier === 'between' && date.end !== null ? `${date.start}/${date.end}` : date.start;
}

/** The first minute an ISO date to any precision covers, as `YYYY-MM-DDTHH:mm`. */
export function earliestOf(iso: string): string {
  switch (precisionOfIso(iso)) {
    case 'year':
      return `${iso}-01-01T00:00`;
    case 'month':
      return `${iso}-01T00:00`;
    case 'day':
      return `${iso}T00:00`;
    default:
      return iso;
  }
}

/** The last minute an ISO date to any precision covers, as `YYYY-MM-DDTHH:mm`. */
export function latestOf(iso: string): string {
  switch (precisionOfIso(iso)) {
    case 'year':
      return `${iso}-12-31T23:59`;
    case 'month': {
      const [year, month] = iso.split('-').map(Number) as [number, number];
      return `${iso}-${pad(daysInMonth(year, month))}T23:59`;
    }
    case 'day':
      return `${iso}T23:59`;
    default:
      return iso;
  }
}

function isoToUtc(iso: string): Date {
  return new Date(isoToMs(iso));
}

function utcToMinuteIso(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`
  );
}

function addMinutes(minuteIso: string, minutes: number): string {
  return utcToMinuteIso(new Date(isoToUtc(minuteIso).getTime() + minutes * 60_000));
}

/** An ISO date moved by whole units of its own precision, kept to that precision. */
function shift(iso: string, units: number): string {
  const precision = precisionOfIso(iso);
  const moved = isoToUtc(iso);
  if (precision === 'year') return pad(moved.getUTCFullYear() + units, 4);
  if (precision === 'month') {
    moved.setUTCMonth(moved.getUTCMonth() + units);
    return utcToMinuteIso(moved).slice(0, 7);
  }
  if (precision === 'day') return utcToMinuteIso(new Date(moved.getTime() + units * MS_PER_DAY)).slice(0, 10);
  // circa a time: an hour either side.
  return addMinutes(iso, units * 60);
}

export interface DateRange {
  /** The first minute it could mean, `YYYY-MM-DDTHH:mm`; null when open (before X). */
  earliest: string | null;
  /** The last minute it could mean; null when open (after X). */
  latest: string | null;
}

/** The earliest and latest minute a date could mean, for overlap and duplicate checks and timeline bars. */
export function rangeOf(date: FuzzyDate): DateRange {
  switch (date.qualifier) {
    case 'before':
      return { earliest: null, latest: addMinutes(earliestOf(date.start), -1) };
    case 'after':
      return { earliest: addMinutes(latestOf(date.start), 1), latest: null };
    case 'circa':
      return { earliest: earliestOf(shift(date.start, -1)), latest: latestOf(shift(date.start, 1)) };
    case 'between':
      return { earliest: earliestOf(date.start), latest: latestOf(date.end ?? date.start) };
    default:
      return { earliest: earliestOf(date.start), latest: latestOf(date.start) };
  }
}

/** Milliseconds of an ISO date or minute (`2015-05-12T14:30`) read as UTC: the wall clock, no time zone. */
export function isoToMs(iso: string): number {
  // Slices, not a split: duplicate detection calls this for every entry of large reviews.
  const part = (from: number, to: number, missing: number) =>
    iso.length > from ? Number(iso.slice(from, to)) : missing;
  return Date.UTC(Number(iso.slice(0, 4)), part(5, 7, 1) - 1, part(8, 10, 1), part(11, 13, 0), part(14, 16, 0));
}

/**
 * A range as milliseconds for the timeline. `endMs` is exclusive: the first
 * minute after the last one the date could mean, so May 2015 ends at 1 June
 * 00:00. An open range (`before X`, `after X`) is drawn at its known end, where X
 * begins or ends: startMs === endMs.
 */
export function spanMsOf(range: DateRange): { startMs: number; endMs: number } {
  const endMs = range.latest === null ? null : isoToMs(range.latest) + 60_000;
  const startMs = range.earliest === null ? endMs : isoToMs(range.earliest);
  if (startMs === null) throw new RangeError('a date range needs at least one end');
  return { startMs, endMs: endMs ?? startMs };
}

/** Whether two dates could refer to the same time (their ranges meet). */
export function couldOverlap(a: FuzzyDate, b: FuzzyDate): boolean {
  const first = rangeOf(a);
  const second = rangeOf(b);
  const startsBeforeOtherEnds = (x: DateRange, y: DateRange) =>
    x.earliest === null || y.latest === null || x.earliest <= y.latest;
  return startsBeforeOtherEnds(first, second) && startsBeforeOtherEnds(second, first);
}

// ---- display -------------------------------------------------------------------

/** An ISO date to its precision, in UK style: `2015`, `May 2015`, `12/05/2015`, `12/05/2015 14:30`. */
export function formatIsoUk(iso: string): string {
  const [year = '', month = '', day = ''] = iso.slice(0, 10).split('-');
  switch (precisionOfIso(iso)) {
    case 'year':
      return year;
    case 'month':
      return `${MONTH_ABBREVIATIONS[Number(month) - 1] ?? month} ${year}`;
    case 'day':
      return `${day}/${month}/${year}`;
    default:
      return `${day}/${month}/${year} ${iso.slice(11, 16)}`;
  }
}

/** For display: never shows a day that was not recorded. `circa Jun 2015`, `between 01/03/2015 and 15/03/2015`. */
export function formatFuzzyDate(date: FuzzyDate): string {
  const start = formatIsoUk(date.start);
  switch (date.qualifier) {
    case 'circa':
      return `circa ${start}`;
    case 'before':
      return `before ${start}`;
    case 'after':
      return `after ${start}`;
    case 'between':
      return `between ${start} and ${formatIsoUk(date.end ?? date.start)}`;
    default:
      return start;
  }
}

/**
 * Whether a date falls wholly outside a review's scope period: 'before' it,
 * 'after' it, or null when it is inside or could be (May 2015 for a scope
 * starting 15/05/2015 is not outside). Scope ends are ISO dates to any precision;
 * null leaves that side open.
 */
export function outsidePeriod(
  date: FuzzyDate,
  scopeStart: string | null,
  scopeEnd: string | null,
): 'before' | 'after' | null {
  const range = rangeOf(date);
  if (scopeStart !== null && range.latest !== null && range.latest < earliestOf(scopeStart)) return 'before';
  if (scopeEnd !== null && range.earliest !== null && range.earliest > latestOf(scopeEnd)) return 'after';
  return null;
}

/** Checks a stored date's fields agree with each other (for data read back from a vault or a CLI payload). */
export function fuzzyDateProblem(date: FuzzyDate): string | null {
  const check = (iso: string): string | null => {
    const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?$/.exec(iso);
    if (!match) return `${iso} is not an ISO date`;
    const [, year, month, day, hour, minute] = match.map((part) => (part === undefined ? undefined : Number(part)));
    if (month !== undefined && (month < 1 || month > 12)) return `${iso} is not a real date`;
    if (day !== undefined && month !== undefined && year !== undefined && calendarProblem(iso, year, month, day)) {
      return `${iso} is not a real date`;
    }
    if (hour !== undefined && (hour > 23 || (minute ?? 0) > 59)) return `${iso} is not a real time`;
    return null;
  };
  const startProblem = check(date.start);
  if (startProblem) return startProblem;
  const coarsest = date.end === null ? precisionOfIso(date.start) : coarser(date.start, date.end);
  if (coarsest !== date.precision) return `precision ${date.precision} does not match ${isoOf(date)}`;
  if (date.qualifier === 'between') {
    if (date.end === null) return 'a between date needs an end';
    const endProblem = check(date.end);
    if (endProblem) return endProblem;
    if (earliestOf(date.end) < earliestOf(date.start)) return 'the end is before the start';
  } else if (date.end !== null) {
    return `only a between date has an end`;
  }
  return null;
}
