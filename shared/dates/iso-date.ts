import { daysInMonth } from './uk-date.js';

/**
 * ISO calendar dates (`YYYY-MM-DD`), the form every date takes in the contract
 * and the vault. A date here is a day in England, never an instant: no time zone.
 * Years run from 1900 to 2999, which covers every date a review or a child death
 * record can hold and catches a mistyped century.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** The date, or null when the text is not a real `YYYY-MM-DD` calendar date (so 2023-02-29 is null). */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== null;
}

/** A real date to the precision it names: `2015`, `2015-05` or `2015-05-12`. */
export function isPartialIsoDate(text: string): boolean {
  if (/^\d{4}$/.test(text)) return isIsoDate(`${text}-01-01`);
  if (ISO_MONTH.test(text)) return isIsoDate(`${text}-01`);
  return isIsoDate(text);
}

export function formatIsoDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Today as YYYY-MM-DD where the person is (their computer's time zone): "today" for due dates and defaults. */
export function todayIso(now: Date = new Date()): string {
  return formatIsoDate({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}
