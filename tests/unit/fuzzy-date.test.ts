import { describe, expect, it } from 'vitest';
import {
  couldOverlap,
  type FuzzyDate,
  formatFuzzyDate,
  fuzzyDateProblem,
  isoOf,
  outsidePeriod,
  parseFuzzyDate,
  rangeOf,
} from '../../shared/dates/fuzzy-date.js';

const REFERENCE = { referenceYear: 2025 };

function parsed(input: Parameters<typeof parseFuzzyDate>[0]): FuzzyDate {
  const result = parseFuzzyDate(input, REFERENCE);
  if (!result.ok) throw new Error(`expected ${String(input)} to parse: ${result.reason}`);
  return result.date;
}

function refused(input: Parameters<typeof parseFuzzyDate>[0]): string {
  const result = parseFuzzyDate(input, REFERENCE);
  if (result.ok) throw new Error(`expected ${String(input)} to be refused, got ${isoOf(result.date)}`);
  return result.reason;
}

/** precision qualifier start[/end]: compact enough to read a table of cases. */
function summary(input: Parameters<typeof parseFuzzyDate>[0]): string {
  const date = parsed(input);
  return `${date.precision} ${date.qualifier} ${isoOf(date)}`;
}

describe('parseFuzzyDate: precise and imprecise dates', () => {
  it.each([
    ['12/05/2015', 'day on 2015-05-12'],
    ['1/5/2015', 'day on 2015-05-01'],
    ['12.05.15', 'day on 2015-05-12'],
    ['12-05-2015', 'day on 2015-05-12'],
    ['2015-05-12', 'day on 2015-05-12'],
    ['2015-05-12 14:30', 'minute on 2015-05-12T14:30'],
    ['12/05/2015 14:30', 'minute on 2015-05-12T14:30'],
    ['12/05/2015 2.30pm', 'minute on 2015-05-12T14:30'],
    ['May 2015', 'month on 2015-05'],
    ['may, 2015', 'month on 2015-05'],
    ['Mar-15', 'month on 2015-03'],
    ['05/2015', 'month on 2015-05'],
    ['5/2015', 'month on 2015-05'],
    ['2015-05', 'month on 2015-05'],
    ['?/03/2015', 'month on 2015-03'],
    ['??/03/2015', 'month on 2015-03'],
    ['XX/03/2015', 'month on 2015-03'],
    ['??/??/2015', 'year on 2015'],
    ['2015', 'year on 2015'],
  ])('%s -> %s', (text, expected) => {
    expect(summary(text)).toBe(expected);
  });

  it('keeps the original text', () => {
    expect(parsed('  circa  June 2015 ').text).toBe('circa June 2015');
  });
});

describe('parseFuzzyDate: qualifiers and ranges', () => {
  it.each([
    ['circa June 2015', 'month circa 2015-06'],
    ['c. 2015', 'year circa 2015'],
    ['c.2015', 'year circa 2015'],
    ['approx 12/05/2015', 'day circa 2015-05-12'],
    ['around March 2015', 'month circa 2015-03'],
    ['before 12/05/2015', 'day before 2015-05-12'],
    ['Before 12/05/2015 14:30', 'minute before 2015-05-12T14:30'],
    ['after May 2015', 'month after 2015-05'],
    ['between 01/03/2015 and 15/03/2015', 'day between 2015-03-01/2015-03-15'],
    ['01/03/2015 - 15/03/2015', 'day between 2015-03-01/2015-03-15'],
    ['01/03/2015 – 15/03/2015', 'day between 2015-03-01/2015-03-15'],
    ['01/03/2015-15/03/2015', 'day between 2015-03-01/2015-03-15'],
    ['01/03/2015 to 15/03/2015', 'day between 2015-03-01/2015-03-15'],
    ['from 01/03/2015 to 15/03/2015', 'day between 2015-03-01/2015-03-15'],
    ['2015-2016', 'year between 2015/2016'],
    ['between March 2015 and 15/05/2015', 'month between 2015-03/2015-05-15'],
    ['2015-03-01/2015-03-15', 'day between 2015-03-01/2015-03-15'],
  ])('%s -> %s', (text, expected) => {
    expect(summary(text)).toBe(expected);
  });

  it.each([
    ['early 2016', 'month between 2016-01/2016-04'],
    ['mid 2016', 'month between 2016-05/2016-08'],
    ['mid-2016', 'month between 2016-05/2016-08'],
    ['late 2016', 'month between 2016-09/2016-12'],
    ['early May 2015', 'day between 2015-05-01/2015-05-10'],
    ['mid May 2015', 'day between 2015-05-11/2015-05-20'],
    ['late February 2016', 'day between 2016-02-21/2016-02-29'],
    ['late Feb 2015', 'day between 2015-02-21/2015-02-28'],
  ])('early/mid/late as thirds: %s -> %s', (text, expected) => {
    expect(summary(text)).toBe(expected);
  });

  it.each([
    ['', 'date missing'],
    ['31/02/2015', '31/02/2015 is not a real date: February 2015 has 28 days'],
    ['before 31/02/2015', '31/02/2015 is not a real date: February 2015 has 28 days'],
    ['13/2015', '13/2015 is not a real date: there is no month 13'],
    ['??/13/2015', '??/13/2015 is not a real date: there is no month 13'],
    ['12/05', '12/05 has no year: write it in full, e.g. 12/05/2015'],
    ['between 15/03/2015 and 01/03/2015', 'between 15/03/2015 and 01/03/2015: the end is before the start'],
    ['early 12/05/2015', 'early 12/05/2015: early, mid and late go with a year or a month, e.g. early 2016'],
    ['sometime in spring', 'sometime in spring is not a date Casebook can read: use dd/mm/yyyy, e.g. 12/05/2015'],
    ['between 01/03/2015 and 31/02/2015', '31/02/2015 is not a real date: February 2015 has 28 days'],
  ])('refuses %j: %s', (text, expected) => {
    expect(refused(text)).toBe(expected);
  });
});

describe('parseFuzzyDate: Excel cells', () => {
  it('reads a date cell from exceljs (UTC fields are what Excel showed)', () => {
    expect(summary(new Date(Date.UTC(2015, 4, 12)))).toBe('day on 2015-05-12');
    expect(summary(new Date(Date.UTC(2015, 4, 12, 14, 30)))).toBe('minute on 2015-05-12T14:30');
    expect(parsed(new Date(Date.UTC(2015, 4, 12))).text).toBe('12/05/2015');
  });

  it('rounds Excel floating-point times to the nearest minute', () => {
    expect(summary(new Date(Date.UTC(2015, 4, 12, 14, 29, 59, 999)))).toBe('minute on 2015-05-12T14:30');
  });

  it.each([
    [42136, 'day on 2015-05-12'],
    ['42136', 'day on 2015-05-12'],
    [42136.604166667, 'minute on 2015-05-12T14:30'],
    ['42136.5', 'minute on 2015-05-12T12:00'],
    [1, 'day on 1900-01-01'],
    [59, 'day on 1900-02-28'],
    [61, 'day on 1900-03-01'],
    [42136.99999, 'day on 2015-05-13'],
  ])('reads the serial %s (1900 date system)', (serial, expected) => {
    expect(summary(serial)).toBe(expected);
  });

  it("refuses Excel's fake 29/02/1900 and serials before day 1", () => {
    expect(refused(60)).toBe('Excel serial 60 is 29/02/1900, a date that never existed');
    expect(refused(0)).toMatch(/start at 1/);
    expect(refused(-3)).toMatch(/start at 1/);
  });

  it('reads a whole number that looks like a year as that year', () => {
    expect(summary(2015)).toBe('year on 2015');
  });

  it('refuses empty cells and booleans', () => {
    expect(refused(null)).toBe('date missing');
    expect(refused(undefined)).toBe('date missing');
    expect(refused(true)).toBe('TRUE is not a date');
  });
});

describe('isoOf round trip', () => {
  it.each(['2015', 'May 2015', '12/05/2015', '12/05/2015 14:30', 'between 01/03/2015 and 15/03/2015', 'early 2016'])(
    'parseFuzzyDate(isoOf(%s)) is the same date',
    (text) => {
      const date = parsed(text);
      const again = parsed(isoOf(date));
      expect([again.precision, again.start, again.end]).toEqual([date.precision, date.start, date.end]);
    },
  );
});

describe('rangeOf', () => {
  it.each([
    ['2015', '2015-01-01T00:00', '2015-12-31T23:59'],
    ['Feb 2016', '2016-02-01T00:00', '2016-02-29T23:59'],
    ['12/05/2015', '2015-05-12T00:00', '2015-05-12T23:59'],
    ['12/05/2015 14:30', '2015-05-12T14:30', '2015-05-12T14:30'],
    ['before 12/05/2015', null, '2015-05-11T23:59'],
    ['after May 2015', '2015-06-01T00:00', null],
    ['between 01/03/2015 and 15/03/2015', '2015-03-01T00:00', '2015-03-15T23:59'],
    ['circa June 2015', '2015-05-01T00:00', '2015-07-31T23:59'],
    ['circa 2015', '2014-01-01T00:00', '2016-12-31T23:59'],
    ['circa 31/12/2015', '2015-12-30T00:00', '2016-01-01T23:59'],
    ['circa 12/05/2015 23:30', '2015-05-12T22:30', '2015-05-13T00:30'],
    ['circa Jan 2015', '2014-12-01T00:00', '2015-02-28T23:59'],
  ])('%s could mean %s to %s', (text, earliest, latest) => {
    expect(rangeOf(parsed(text))).toEqual({ earliest, latest });
  });

  it('finds possible overlaps between imprecise dates', () => {
    expect(couldOverlap(parsed('May 2015'), parsed('12/05/2015'))).toBe(true);
    expect(couldOverlap(parsed('May 2015'), parsed('01/06/2015'))).toBe(false);
    expect(couldOverlap(parsed('before 12/05/2015'), parsed('2010'))).toBe(true);
    expect(couldOverlap(parsed('before 12/05/2015'), parsed('after 11/05/2015'))).toBe(false);
    expect(couldOverlap(parsed('circa June 2015'), parsed('20/07/2015'))).toBe(true);
  });
});

describe('formatFuzzyDate never shows a fake day', () => {
  it.each([
    ['May 2015', 'May 2015'],
    ['??/03/2015', 'Mar 2015'],
    ['circa June 2015', 'circa Jun 2015'],
    ['2015', '2015'],
    ['12/05/2015 14:30', '12/05/2015 14:30'],
    ['1/5/15', '01/05/2015'],
    ['between 01/03/2015 and 15/03/2015', 'between 01/03/2015 and 15/03/2015'],
    ['early 2016', 'between Jan 2016 and Apr 2016'],
    ['before 12/05/2015', 'before 12/05/2015'],
    ['after Sept 2015', 'after Sep 2015'],
  ])('%s is shown as %s', (text, expected) => {
    expect(formatFuzzyDate(parsed(text))).toBe(expected);
  });
});

describe('outsidePeriod', () => {
  const scope = ['2015-03-01', '2016-02-29'] as const;
  it.each([
    ['12/05/2015', null],
    ['28/02/2015', 'before'],
    ['01/03/2016', 'after'],
    ['Feb 2015', 'before'],
    ['2015', null],
    ['before 01/03/2015', 'before'],
    ['before 02/03/2015', null],
    ['after Feb 2016', 'after'],
    ['circa Feb 2015', null],
    ['2014', 'before'],
  ])('%s -> %s', (text, expected) => {
    expect(outsidePeriod(parsed(text), ...scope)).toBe(expected);
  });

  it('leaves an open side open', () => {
    expect(outsidePeriod(parsed('1990'), null, '2016-02-29')).toBeNull();
    expect(outsidePeriod(parsed('2030'), '2015-03-01', null)).toBeNull();
  });
});

describe('fuzzyDateProblem (stored dates)', () => {
  it('accepts what the parser makes and refuses inconsistent fields', () => {
    expect(fuzzyDateProblem(parsed('between March 2015 and 15/05/2015'))).toBeNull();
    expect(fuzzyDateProblem(parsed('12/05/2015 14:30'))).toBeNull();
    const day: FuzzyDate = { precision: 'day', qualifier: 'on', start: '2015-02-31', end: null, text: '' };
    expect(fuzzyDateProblem(day)).toBe('2015-02-31 is not a real date');
    expect(fuzzyDateProblem({ ...day, start: '2015-05' })).toMatch(/precision day does not match/);
    expect(fuzzyDateProblem({ ...day, start: '2015-05-12', end: '2015-05-13' })).toMatch(/only a between/);
    expect(fuzzyDateProblem({ ...day, qualifier: 'between', start: '2015-05-12', end: null })).toMatch(/needs an end/);
  });
});
