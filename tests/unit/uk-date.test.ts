import { describe, expect, it } from 'vitest';
import { formatIsoUk } from '../../shared/dates/fuzzy-date.js';
import {
  expandTwoDigitYear,
  isoOfUkDate,
  monthFromName,
  parseUkDate,
  parseUkTime,
} from '../../shared/dates/uk-date.js';

const REFERENCE = { referenceYear: 2025 };

function iso(text: string): string {
  const result = parseUkDate(text, REFERENCE);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.reason}`);
  return isoOfUkDate(result.date);
}

function reason(text: string): string {
  const result = parseUkDate(text, REFERENCE);
  if (result.ok) throw new Error(`expected ${text} to be refused, got ${isoOfUkDate(result.date)}`);
  return result.reason;
}

describe('parseUkDate', () => {
  it.each([
    ['12/05/2015', '2015-05-12'],
    ['1/5/2015', '2015-05-01'],
    ['12.05.15', '2015-05-12'],
    ['12-05-2015', '2015-05-12'],
    ['2015-05-12', '2015-05-12'],
    ['2015/05/12', '2015-05-12'],
    ['12 May 2015', '2015-05-12'],
    ['12th May 2015', '2015-05-12'],
    ['1 Sept 2015', '2015-09-01'],
    ['12-May-15', '2015-05-12'],
    ['  12/05/2015  ', '2015-05-12'],
    ['29/02/2016', '2016-02-29'],
    ['29/02/2000', '2000-02-29'],
  ])('reads %s as %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it.each([
    ['2015-05-12 14:30', '2015-05-12T14:30'],
    ['2015-05-12T14:30', '2015-05-12T14:30'],
    ['12/05/2015 14:30', '2015-05-12T14:30'],
    ['12/05/2015 14.30', '2015-05-12T14:30'],
    ['12/05/2015 2.30pm', '2015-05-12T14:30'],
    ['12/05/2015 2:30 pm', '2015-05-12T14:30'],
    ['12/05/2015 9am', '2015-05-12T09:00'],
    ['12/05/2015 12am', '2015-05-12T00:00'],
    ['12/05/2015 12.15pm', '2015-05-12T12:15'],
    ['12/05/2015 14:30:00', '2015-05-12T14:30'],
    ['12 May 2015 at 14:30', '2015-05-12T14:30'],
  ])('reads %s with its time as %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('is always day first: 05/12/2015 is 5 December', () => {
    expect(iso('05/12/2015')).toBe('2015-12-05');
  });

  it.each([
    ['31/02/2015', '31/02/2015 is not a real date: February 2015 has 28 days'],
    ['29/02/2015', '29/02/2015 is not a real date: February 2015 has 28 days'],
    ['29/02/1900', '29/02/1900 is not a real date: February 1900 has 28 days'],
    ['31/04/2015', '31/04/2015 is not a real date: April 2015 has 30 days'],
    ['13/13/2015', '13/13/2015 is not a real date: there is no month 13 (dates are day first: dd/mm/yyyy)'],
    ['05/13/2015', '05/13/2015 is not a real date: there is no month 13 (dates are day first: dd/mm/yyyy)'],
    ['00/05/2015', '00/05/2015 is not a real date: there is no day 0'],
    ['31 Feb 2015', '31 Feb 2015 is not a real date: February 2015 has 28 days'],
  ])('refuses %s rather than rolling it over', (text, expected) => {
    expect(reason(text)).toBe(expected);
  });

  it.each([
    ['12/05/2015 25:00', /hours go from 00 to 23/],
    ['12/05/2015 14:75', /minutes go from 00 to 59/],
    ['12/05/2015 13.30pm', /with am or pm the hour goes from 1 to 12/],
    ['12/05/215', /year needs 2 or 4 digits/],
    ['12/05-2015', /not a date Casebook can read/],
    ['next Tuesday', /not a date Casebook can read/],
    ['12 Mayday 2015', /not a date Casebook can read/],
  ])('refuses %s', (text, expected) => {
    expect(reason(text)).toMatch(expected);
  });

  it('says "date missing" for blank text', () => {
    expect(reason('   ')).toBe('date missing');
  });
});

describe('two-digit years', () => {
  it('reads up to next year as this century and the rest as the last', () => {
    expect(expandTwoDigitYear(0, 2025)).toBe(2000);
    expect(expandTwoDigitYear(25, 2025)).toBe(2025);
    expect(expandTwoDigitYear(26, 2025)).toBe(2026);
    expect(expandTwoDigitYear(27, 2025)).toBe(1927);
    expect(expandTwoDigitYear(99, 2025)).toBe(1999);
  });

  it('moves with the reference year', () => {
    expect(expandTwoDigitYear(27, 2026)).toBe(2027);
    expect(expandTwoDigitYear(0, 2099)).toBe(2000);
    expect(expandTwoDigitYear(99, 2099)).toBe(2099);
    expect(expandTwoDigitYear(1, 2100)).toBe(2101);
    expect(expandTwoDigitYear(2, 2100)).toBe(2002);
  });

  it('applies when parsing', () => {
    expect(iso('01/01/26')).toBe('2026-01-01');
    expect(iso('01/01/27')).toBe('1927-01-01');
    expect(iso('29/02/00')).toBe('2000-02-29');
  });

  it('defaults to the current year', () => {
    const nextYear = (new Date().getFullYear() + 1) % 100;
    const result = parseUkDate(`01/01/${String(nextYear).padStart(2, '0')}`);
    expect(result.ok && result.date.year).toBe(new Date().getFullYear() + 1);
  });
});

describe('times, names and formatting', () => {
  it('needs minutes or am/pm for a time', () => {
    expect(parseUkTime('14').ok).toBe(false);
    expect(parseUkTime('2pm')).toEqual({ ok: true, time: { hour: 14, minute: 0 } });
    expect(parseUkTime('12pm')).toEqual({ ok: true, time: { hour: 12, minute: 0 } });
    expect(parseUkTime('00:00')).toEqual({ ok: true, time: { hour: 0, minute: 0 } });
  });

  it('knows month names and their abbreviations, and nothing else', () => {
    expect(monthFromName('june')).toBe(6);
    expect(monthFromName('Jun')).toBe(6);
    expect(monthFromName('Sept')).toBe(9);
    expect(monthFromName('Ju')).toBeNull();
    expect(monthFromName('Junes')).toBeNull();
  });

  it('formats day first with leading zeros, through the ISO date', () => {
    expect(formatIsoUk(isoOfUkDate({ year: 2015, month: 5, day: 1, time: null }))).toBe('01/05/2015');
    expect(formatIsoUk(isoOfUkDate({ year: 2015, month: 5, day: 1, time: { hour: 9, minute: 5 } }))).toBe(
      '01/05/2015 09:05',
    );
  });
});
