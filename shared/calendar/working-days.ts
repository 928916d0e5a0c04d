import { formatIsoDate, parseIsoDate } from '../dates/iso-date.js';
import { BANK_HOLIDAYS_ENGLAND_WALES } from './bank-holidays-england-wales.js';

/**
 * Working days as the statutory guidance counts them: Monday to Friday, less the
 * bank holidays of England and Wales and any other non-working days the reviewer
 * adds in Settings (a local closure, a year not yet in the list). Dates are ISO
 * calendar days; the arithmetic runs in UTC so no time zone or clock change can
 * shift a day.
 */

const BANK_HOLIDAY_DATES = new Set(BANK_HOLIDAYS_ENGLAND_WALES.map((holiday) => holiday.date));

function toUtc(date: string): Date {
  const parsed = parseIsoDate(date);
  if (!parsed) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day));
}

function fromUtc(date: Date): string {
  return formatIsoDate({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

export function isWeekend(date: string): boolean {
  const weekday = toUtc(date).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isBankHoliday(date: string): boolean {
  return BANK_HOLIDAY_DATES.has(date);
}

export function isWorkingDay(date: string, extraNonWorkingDays: Iterable<string> = []): boolean {
  if (isWeekend(date) || isBankHoliday(date)) return false;
  for (const extra of extraNonWorkingDays) if (extra === date) return false;
  return true;
}

/**
 * The `count`th working day after `from` (day 0 is `from` itself, whatever kind of
 * day it is): notification within 5 working days of becoming aware is
 * `addWorkingDays(aware, 5)`.
 */
export function addWorkingDays(from: string, count: number, extraNonWorkingDays: Iterable<string> = []): string {
  const extra = new Set(extraNonWorkingDays);
  const day = toUtc(from);
  let left = count;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    const iso = fromUtc(day);
    if (!isWeekend(iso) && !isBankHoliday(iso) && !extra.has(iso)) left -= 1;
  }
  return fromUtc(day);
}
