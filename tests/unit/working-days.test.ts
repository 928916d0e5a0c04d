import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  BANK_HOLIDAYS_ENGLAND_WALES,
  BANK_HOLIDAYS_FIRST_YEAR,
  BANK_HOLIDAYS_LAST_YEAR,
  isWorkingDay,
  PROCLAIMED_CHANGES,
} from '../../shared/calendar/index.js';
import { formatIsoDate } from '../../shared/dates/iso-date.js';

/**
 * The bank holiday list is data typed in from GOV.UK; this checks every year of it
 * against the rules that list follows, worked out independently here, so a
 * mistyped or missing day fails.
 */

const iso = (date: Date) =>
  formatIsoDate({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));
const shift = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easter(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

function firstMonday(year: number, month: number): Date {
  const first = utc(year, month, 1);
  return shift(first, (8 - first.getUTCDay()) % 7);
}

function lastMonday(year: number, month: number): Date {
  const last = utc(year, month + 1, 0);
  return shift(last, -((last.getUTCDay() + 6) % 7));
}

function expectedYear(year: number): string[] {
  const newYear = utc(year, 1, 1).getUTCDay();
  const christmas = utc(year, 12, 25).getUTCDay();
  const christmasDays: Record<number, [number, number]> = { 5: [25, 28], 6: [27, 28], 0: [26, 27] };
  const [xmas, boxing] = christmasDays[christmas] ?? [25, 26];
  const usual = [
    iso(utc(year, 1, newYear === 6 ? 3 : newYear === 0 ? 2 : 1)),
    iso(shift(easter(year), -2)),
    iso(shift(easter(year), 1)),
    iso(firstMonday(year, 5)),
    iso(lastMonday(year, 5)),
    iso(lastMonday(year, 8)),
    iso(utc(year, 12, xmas)),
    iso(utc(year, 12, boxing)),
  ];
  const moved = new Map<string, string>(PROCLAIMED_CHANGES.moved);
  const extra = PROCLAIMED_CHANGES.extra.filter((date) => date.startsWith(`${year}-`));
  return [...usual.map((date) => moved.get(date) ?? date), ...extra].sort();
}

describe('bank holidays of England and Wales', () => {
  it('follows the usual rules, substitute days and proclaimed changes in every year listed', () => {
    for (let year = BANK_HOLIDAYS_FIRST_YEAR; year <= BANK_HOLIDAYS_LAST_YEAR; year++) {
      const listed = BANK_HOLIDAYS_ENGLAND_WALES.filter((holiday) => holiday.date.startsWith(`${year}-`))
        .map((holiday) => holiday.date)
        .sort();
      expect(listed, String(year)).toEqual(expectedYear(year));
    }
  });

  it('includes the days people remember', () => {
    const dates = new Set(BANK_HOLIDAYS_ENGLAND_WALES.map((holiday) => holiday.date));
    for (const date of ['2021-12-27', '2021-12-28', '2022-06-03', '2022-09-19', '2023-05-08', '2020-05-08']) {
      expect(dates.has(date), date).toBe(true);
    }
    expect(dates.has('2020-05-04')).toBe(false);
  });

  it('lists each day once, all on weekdays', () => {
    const dates = BANK_HOLIDAYS_ENGLAND_WALES.map((holiday) => holiday.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const date of dates) expect([0, 6], date).not.toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
  });
});

describe('addWorkingDays', () => {
  it('counts from day 0 over a plain week and a weekend', () => {
    expect(addWorkingDays('2024-06-03', 5)).toBe('2024-06-10');
    expect(addWorkingDays('2024-06-03', 15)).toBe('2024-06-24');
    // Becoming aware on a Saturday: the first working day is the Monday.
    expect(addWorkingDays('2024-06-08', 5)).toBe('2024-06-14');
  });

  it('skips Christmas, Boxing Day and New Year with their substitute days (2021 into 2022)', () => {
    // Fri 24 Dec 2021; 27, 28 Dec and 3 Jan are substitute days.
    expect(addWorkingDays('2021-12-24', 5)).toBe('2022-01-05');
    expect(addWorkingDays('2021-12-24', 15)).toBe('2022-01-19');
  });

  it('skips Christmas 2026 and New Year 2027', () => {
    // Wed 23 Dec 2026: Fri 25 Dec, Mon 28 Dec (Boxing Day substitute) and Fri 1 Jan are holidays.
    expect(addWorkingDays('2026-12-23', 5)).toBe('2027-01-04');
    expect(addWorkingDays('2026-12-23', 15)).toBe('2027-01-18');
  });

  it('skips Easter and the one-off 2022 holidays', () => {
    expect(addWorkingDays('2024-03-28', 5)).toBe('2024-04-08');
    // 2 and 3 June 2022 (spring bank holiday moved, Platinum Jubilee).
    expect(addWorkingDays('2022-06-01', 1)).toBe('2022-06-06');
    expect(addWorkingDays('2022-09-16', 1)).toBe('2022-09-20');
  });

  it("skips the reviewer's own non-working days", () => {
    expect(addWorkingDays('2021-12-24', 5, ['2021-12-29'])).toBe('2022-01-06');
    expect(isWorkingDay('2021-12-29')).toBe(true);
    expect(isWorkingDay('2021-12-29', ['2021-12-29'])).toBe(false);
    expect(isWorkingDay('2021-12-28')).toBe(false);
  });
});
