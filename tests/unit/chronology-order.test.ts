import { describe, expect, it } from 'vitest';
import { compareEntries, type OrderedEntry, orderKey, sequenceNumber } from '../../shared/chronology/order.js';
import { type FuzzyDate, parseFuzzyDate } from '../../shared/dates/fuzzy-date.js';

function parsed(input: string): FuzzyDate {
  const result = parseFuzzyDate(input, { referenceYear: 2025 });
  if (!result.ok) throw new Error(`expected ${input} to parse: ${result.reason}`);
  return result.date;
}

const byKey = (a: FuzzyDate, b: FuzzyDate) => (orderKey(a) < orderKey(b) ? -1 : orderKey(a) > orderKey(b) ? 1 : 0);

describe('orderKey: the start of the period named, untimed days after their timed entries', () => {
  it('puts each date with its period, coarser first, an untimed day after the day’s times, before and after at the edges', () => {
    const expected = [
      '2014',
      '2015',
      'early 2015',
      'May 2015',
      'circa May 2015',
      // Uncertain: at the start of its range, before the times of its first day.
      'between 01/05/2015 and 03/05/2015',
      '01/05/2015 09:00',
      // No time: after the timed entries of its day.
      '01/05/2015',
      'before 12/05/2015',
      'between 12/05/2015 and 14/05/2015',
      '12/05/2015 00:00',
      '12/05/2015 23:59',
      '12/05/2015',
      '31/05/2015 23:59',
      'after May 2015',
      '01/06/2015',
      'after 2015',
    ];
    // Reverse and shuffle deterministically so the order comes from the keys, not the input.
    const shuffled = [...expected].reverse().sort((a, b) => (a.length % 3) - (b.length % 3));
    expect(
      shuffled
        .map(parsed)
        .sort(byKey)
        .map((date) => date.text),
    ).toEqual(expected);
  });

  it('gives the same key to the same date written differently, so the tie-breaks decide', () => {
    expect(orderKey(parsed('12/05/2015'))).toBe(orderKey(parsed('2015-05-12')));
    expect(orderKey(parsed('May 2015'))).toBe(orderKey(parsed('05/2015')));
  });
});

describe('compareEntries: date, then agency, then the agency’s own order', () => {
  const entry = (name: string, date: string, rest: Partial<OrderedEntry> = {}) => ({
    name,
    date: parsed(date),
    agencyPosition: 0,
    sequence: null,
    row: null,
    added: 0,
    ...rest,
  });

  it('puts the police incident at 01:15 before the referral that reports it the same day', () => {
    const referral = entry('referral', '12/05/2015', { agencyPosition: 0, added: 1 });
    const incident = entry('incident', '12/05/2015 01:15', { agencyPosition: 1, added: 2 });
    expect([referral, incident].sort(compareEntries).map((e) => e.name)).toEqual(['incident', 'referral']);
  });

  it('breaks ties by agency, then sequence number, then file row, then the order added', () => {
    const entries = [
      entry('typed in', '12/05/2015', { agencyPosition: 1, added: 9 }),
      entry('row 3', '12/05/2015', { agencyPosition: 1, row: 3, added: 5 }),
      entry('R10', '12/05/2015', { agencyPosition: 1, sequence: 'R10', row: 2, added: 4 }),
      entry('R9', '12/05/2015', { agencyPosition: 1, sequence: 'R9', row: 9, added: 3 }),
      entry('first agency', '12/05/2015', { agencyPosition: 0, added: 8 }),
      entry('added later', '12/05/2015', { agencyPosition: 1, added: 10 }),
    ];
    expect(entries.sort(compareEntries).map((e) => e.name)).toEqual([
      'first agency',
      'R9',
      'R10',
      'row 3',
      'typed in',
      'added later',
    ]);
  });
});

it('orders references by their number, not their text', () => {
  const references = ['R10', 'R9', 'R1', 'HV-012', '12.5', '7', 'Minutes'];
  const ordered = [...references].sort((a, b) => (sequenceNumber(a) ?? Infinity) - (sequenceNumber(b) ?? Infinity));
  expect(ordered).toEqual(['R1', '7', 'R9', 'R10', 'HV-012', '12.5', 'Minutes']);
  expect(sequenceNumber(null)).toBeNull();
  expect(sequenceNumber('12a')).toBe(12);
});
