/**
 * Strict UK calendar dates and times, as agencies type them in chronologies:
 * `12/05/2015`, `1/5/2015`, `12.05.15`, `12-05-2015`, `12 May 2015`, `12-May-15`,
 * `2015-05-12`, optionally followed by a time (`14:30`, `14.30`, `2.30pm`).
 *
 * Day before month, always: 05/12/2015 is 5 December, never 12 May. A date that
 * does not exist (31/02/2015) is an error with a plain reason, never rolled over
 * to 3 March and never guessed.
 *
 * Two-digit years: 00 up to next year's two digits are this century, the rest
 * the last. In 2025, `26` is 2026 and `27` is 1927: chronologies record the
 * past, so a year more than a year ahead is far likelier to be last century
 * (a parent's birth) than a future date.
 *
 * Pure functions and no Node imports: the renderer uses this module too.
 */

export interface UkTime {
  hour: number;
  minute: number;
}

export interface UkDate {
  year: number;
  /** 1-12. */
  month: number;
  /** 1-31. */
  day: number;
  /** Null when only the day is known. */
  time: UkTime | null;
}

export type UkDateResult = { ok: true; date: UkDate } | { ok: false; reason: string };
export type UkTimeResult = { ok: true; time: UkTime } | { ok: false; reason: string };

export interface UkDateOptions {
  /** The year two-digit years are read against; defaults to the current year. Tests pin it. */
  referenceYear?: number;
}

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Three-letter month names, as UK displays and Excel's `mmm` show them. */
export const MONTH_ABBREVIATIONS = MONTH_NAMES.map((name) => name.slice(0, 3));

/** 1-12 for a month name or its usual abbreviation (`Sep`, `Sept`), any case; null otherwise. */
export function monthFromName(name: string): number | null {
  const lower = name.toLowerCase().replace(/\.$/, '');
  if (lower === 'sept') return 9;
  if (lower.length < 3) return null;
  const index = MONTH_NAMES.findIndex((full) => {
    const candidate = full.toLowerCase();
    return candidate === lower || (lower.length === 3 && candidate.startsWith(lower));
  });
  return index === -1 ? null : index + 1;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * The four-digit year for a two-digit one, by the rule in this module's header:
 * 00 to (reference year's last two digits + 1) are the reference century, the rest the one before.
 */
export function expandTwoDigitYear(twoDigits: number, referenceYear: number = new Date().getFullYear()): number {
  const century = Math.floor(referenceYear / 100) * 100;
  const pivot = (referenceYear % 100) + 1;
  return twoDigits <= pivot ? century + twoDigits : century - 100 + twoDigits;
}

/** Why year/month/day is not a real date, or null when it is. `written` is what the person typed. */
export function calendarProblem(written: string, year: number, month: number, day: number): string | null {
  const prefix = `${written} is not a real date`;
  if (month < 1 || month > 12) return `${prefix}: there is no month ${month} (dates are day first: dd/mm/yyyy)`;
  if (day < 1) return `${prefix}: there is no day ${day}`;
  const days = daysInMonth(year, month);
  if (day > days) return `${prefix}: ${MONTH_NAMES[month - 1]} ${year} has ${days} days`;
  return null;
}

const TIME_PATTERN = /^(\d{1,2})(?:[:.](\d{2})(?::(\d{2}))?)?\s*(am|pm|a\.m\.|p\.m\.)?$/i;

/** `14:30`, `14.30`, `14:30:00` (seconds dropped), `2.30pm`, `2:30 pm`, `2pm`, `12am` (midnight). */
export function parseUkTime(text: string): UkTimeResult {
  const written = text.trim();
  const match = TIME_PATTERN.exec(written);
  if (!match) return { ok: false, reason: `${written} is not a time Casebook can read: use 14:30 or 2.30pm` };
  const [, hourText = '', minuteText, secondText, meridiem] = match;
  if (minuteText === undefined && meridiem === undefined) {
    return { ok: false, reason: `${written} is not a time Casebook can read: use 14:30 or 2.30pm` };
  }
  let hour = Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  const prefix = `${written} is not a real time`;
  if (minute > 59) return { ok: false, reason: `${prefix}: minutes go from 00 to 59` };
  if (secondText !== undefined && Number(secondText) > 59) {
    return { ok: false, reason: `${prefix}: seconds go from 00 to 59` };
  }
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return { ok: false, reason: `${prefix}: with am or pm the hour goes from 1 to 12` };
    const pm = meridiem.toLowerCase().startsWith('p');
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (hour > 23) {
    return { ok: false, reason: `${prefix}: hours go from 00 to 23` };
  }
  return { ok: true, time: { hour, minute } };
}

const NUMERIC_DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d+)$/;
const NUMERIC_YEAR_FIRST = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
const NAMED_MONTH = /^(\d{1,2})(?:st|nd|rd|th)?(?:\s+|-)([a-z]+\.?)(?:,?\s+|-)(\d+)$/i;
/** A date, then a time after a space, a `T` (ISO), a comma or ` at `. */
const WITH_TIME =
  /^(.+?)(?:\s+at\s+|,\s*|\s+|T)(\d{1,2}(?:[:.]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|\s*(?:am|pm|a\.m\.|p\.m\.)))$/i;

function readYear(written: string, digits: string, options: UkDateOptions): number | string {
  if (digits.length === 4) return Number(digits);
  if (digits.length === 2) return expandTwoDigitYear(Number(digits), options.referenceYear);
  return `${written} is not a date Casebook can read: the year needs 2 or 4 digits`;
}

/**
 * A date alone (no time) in one of the forms above: the date, a reason it is not
 * a real date, or null when the text is not shaped like a full date at all
 * (so a caller can try other forms, such as `May 2015`).
 */
export function matchUkDay(text: string, options: UkDateOptions = {}): UkDateResult | null {
  const written = text.trim();
  let year: number | string;
  let month: number;
  let day: number;
  const dayFirst = NUMERIC_DAY_FIRST.exec(written);
  const yearFirst = dayFirst ? null : NUMERIC_YEAR_FIRST.exec(written);
  const named = dayFirst || yearFirst ? null : NAMED_MONTH.exec(written);
  if (dayFirst) {
    day = Number(dayFirst[1]);
    month = Number(dayFirst[3]);
    year = readYear(written, dayFirst[4] ?? '', options);
  } else if (yearFirst) {
    year = Number(yearFirst[1]);
    month = Number(yearFirst[3]);
    day = Number(yearFirst[4]);
  } else if (named) {
    const fromName = monthFromName(named[2] ?? '');
    if (fromName === null) return null;
    day = Number(named[1]);
    month = fromName;
    year = readYear(written, named[3] ?? '', options);
  } else {
    return null;
  }
  if (typeof year === 'string') return { ok: false, reason: year };
  const problem = calendarProblem(written, year, month, day);
  if (problem) return { ok: false, reason: problem };
  return { ok: true, date: { year, month, day, time: null } };
}

/**
 * A date with an optional time; null when the text is not shaped like one.
 * Exported for fuzzy-date.ts, which tries other forms on null.
 */
export function matchUkDate(text: string, options: UkDateOptions = {}): UkDateResult | null {
  const written = text.trim().replace(/\s+/g, ' ');
  const alone = matchUkDay(written, options);
  if (alone) return alone;
  const split = WITH_TIME.exec(written);
  if (!split) return null;
  const day = matchUkDay(split[1] ?? '', options);
  if (!day) return null;
  if (!day.ok) return day;
  const time = parseUkTime(split[2] ?? '');
  if (!time.ok) return time;
  return { ok: true, date: { ...day.date, time: time.time } };
}

/** Parse a UK date, with or without a time. */
export function parseUkDate(text: string, options: UkDateOptions = {}): UkDateResult {
  const written = text.trim();
  if (written === '') return { ok: false, reason: 'date missing' };
  return (
    matchUkDate(written, options) ?? {
      ok: false,
      reason: `${written} is not a date Casebook can read: use dd/mm/yyyy, e.g. 12/05/2015`,
    }
  );
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `2015-05-12` or `2015-05-12T14:30`. */
export function isoOfUkDate(date: UkDate): string {
  const day = `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
  return date.time ? `${day}T${pad(date.time.hour)}:${pad(date.time.minute)}` : day;
}
