/**
 * Calendar dates for child death reviews: ages at death, age bands and financial
 * years. Dates are ISO calendar dates (`YYYY-MM-DD`) with no time zone: a date of
 * death is a day in England, never an instant, so all arithmetic is on whole days.
 */

import { type CalendarDate, formatIsoDate, parseIsoDate } from '../dates/iso-date.js';
import { daysInMonth } from '../dates/uk-date.js';

const DAY_MS = 86_400_000;

function requireDate(text: string, what: string): CalendarDate {
  const date = parseIsoDate(text);
  if (!date) throw new RangeError(`${what} is not a date (YYYY-MM-DD): ${text}`);
  return date;
}

function dayNumber({ year, month, day }: CalendarDate): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(requireDate(to, 'date')) - dayNumber(requireDate(from, 'date'));
}

export function addDays(date: string, days: number): string {
  const moved = new Date((dayNumber(requireDate(date, 'date')) + days) * DAY_MS);
  return formatIsoDate({ year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() });
}

/**
 * The anniversary of `day` (a day of the month) in a given month. When that month
 * is too short (a 29 February birthday in a non-leap year, the 31st in a 30-day
 * month) the anniversary is the first day of the next month.
 *
 * Why: the law on ages is clearest in Scotland, where a person born on 29 February
 * attains an age on 1 March in a non-leap year (Age of Legal Capacity (Scotland)
 * Act 1991, s.6(2)); England and Wales count an age from the anniversary of the
 * birth (Family Law Reform Act 1969, s.9) and 1 March is the usual reading there
 * too. Using the same roll-forward for months keeps years and months consistent.
 */
function anniversary(day: number, year: number, month: number): CalendarDate {
  if (day <= daysInMonth(year, month)) return { year, month, day };
  return month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
}

function onOrAfter(a: CalendarDate, b: CalendarDate): boolean {
  return dayNumber(a) >= dayNumber(b);
}

export interface AgeAtDeath {
  /** Completed years, months after the last birthday, days after the last monthly anniversary. */
  years: number;
  months: number;
  days: number;
  /** Days from birth to death: 0 for a death on the day of birth. */
  totalDays: number;
}

/** Age at death, derived from the two dates and never typed. Throws when death is before birth. */
export function ageAtDeath(dateOfBirth: string, dateOfDeath: string): AgeAtDeath {
  const birth = requireDate(dateOfBirth, 'date of birth');
  const death = requireDate(dateOfDeath, 'date of death');
  const totalDays = dayNumber(death) - dayNumber(birth);
  if (totalDays < 0) throw new RangeError('the date of death is before the date of birth');

  // Completed months since birth, counted on monthly anniversaries (rolled forward as above);
  // years are whole twelves of them, so a birthday is the twelfth monthly anniversary.
  const monthAnniversary = (count: number): CalendarDate => {
    const index = birth.month - 1 + count;
    return anniversary(birth.day, birth.year + Math.floor(index / 12), (index % 12) + 1);
  };
  let completed = (death.year - birth.year) * 12 + (death.month - birth.month);
  if (!onOrAfter(death, monthAnniversary(completed))) completed -= 1;
  const last = monthAnniversary(completed);
  const years = Math.floor(completed / 12);
  const months = completed % 12;
  return { years, months, days: dayNumber(death) - dayNumber(last), totalDays };
}

/** The age bands of CDOP statistics, in order. */
export const AGE_BANDS = ['0-27d', '28-364d', '1-4', '5-9', '10-14', '15-17'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  '0-27d': '0-27 days',
  '28-364d': '28-364 days',
  '1-4': '1-4 years',
  '5-9': '5-9 years',
  '10-14': '10-14 years',
  '15-17': '15-17 years',
};

/**
 * The age band of a death. Under 28 days old -> `0-27d`; from 28 days old (a death
 * on the date of birth + 28 days) until the first birthday -> `28-364d` (this
 * includes a 365th day when a leap day falls in the first year); from the first
 * birthday on, completed years. Null at 18 or over: not a child death.
 * The vault computes the same rule in SQL, as the generated column `cdop_case.age_band`
 * (migration 0003), tested against this on the same cases.
 */
export function ageBand(dateOfBirth: string, dateOfDeath: string): AgeBand | null {
  const age = ageAtDeath(dateOfBirth, dateOfDeath);
  return ageBandOf(age);
}

export function ageBandOf({ years, totalDays }: Pick<AgeAtDeath, 'years' | 'totalDays'>): AgeBand | null {
  if (years === 0) return totalDays < 28 ? '0-27d' : '28-364d';
  if (years <= 4) return '1-4';
  if (years <= 9) return '5-9';
  if (years <= 14) return '10-14';
  if (years <= 17) return '15-17';
  return null;
}

/** The date a case date problem is about (the contract's field name). */
export type CaseDateField = 'dateOfDeath' | 'dateNotified' | 'dateReviewCompleted';

/**
 * What is wrong with a case's dates, each with the date it is about: a death
 * before the birth or at 18 or over (not a child death), a notification or a
 * completed review before the death. Empty when they hold. The vault and the
 * import both check with this; a date not given (null) is not checked.
 */
export function caseDateProblems(dates: {
  dateOfBirth: string | null;
  dateOfDeath: string | null;
  dateNotified: string | null;
  dateReviewCompleted: string | null;
}): { field: CaseDateField; message: string }[] {
  const { dateOfBirth, dateOfDeath, dateNotified, dateReviewCompleted } = dates;
  if (dateOfDeath === null) return [];
  const problems: { field: CaseDateField; message: string }[] = [];
  if (dateOfBirth !== null) {
    if (dateOfDeath < dateOfBirth) {
      problems.push({ field: 'dateOfDeath', message: 'The date of death is before the date of birth' });
    } else if (ageBand(dateOfBirth, dateOfDeath) === null) {
      problems.push({
        field: 'dateOfDeath',
        message: 'The child was 18 or over at death: CDOPs review deaths of children under 18',
      });
    }
  }
  if (dateNotified !== null && dateNotified < dateOfDeath) {
    problems.push({ field: 'dateNotified', message: 'The date notified is before the date of death' });
  }
  if (dateReviewCompleted !== null && dateReviewCompleted < dateOfDeath) {
    problems.push({ field: 'dateReviewCompleted', message: 'The review cannot be completed before the date of death' });
  }
  return problems;
}

export function describeAge({ years, months, days }: AgeAtDeath): string {
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (years > 0) return `${part(years, 'year')}, ${part(months, 'month')}`;
  if (months > 0) return `${part(months, 'month')}, ${part(days, 'day')}`;
  return part(days, 'day');
}

// ---- financial years (1 April to 31 March) -------------------------------------

export interface FinancialYear {
  /** The calendar year in which it starts: 2023 for April 2023 to March 2024. */
  startYear: number;
  /** As statistical releases write it: `2023-24`. */
  label: string;
  from: string;
  to: string;
}

export function financialYearStarting(startYear: number): FinancialYear {
  return {
    startYear,
    label: `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`,
    from: `${startYear}-04-01`,
    to: `${startYear + 1}-03-31`,
  };
}

export function financialYearOf(date: string): FinancialYear {
  const { year, month } = requireDate(date, 'date');
  return financialYearStarting(month >= 4 ? year : year - 1);
}

/** Every financial year that overlaps [from, to], in order. */
export function financialYearsBetween(from: string, to: string): FinancialYear[] {
  const first = financialYearOf(from).startYear;
  const last = financialYearOf(to).startYear;
  const years: FinancialYear[] = [];
  for (let year = first; year <= last; year++) years.push(financialYearStarting(year));
  return years;
}
