import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCdopCases, insertCdopCases } from '../../bench/cdop-data.js';
import { Vault } from '../../db/vault.js';
import { canMoveStatus, nextStatus, PLACES_OF_DEATH, reviewCompletionProblems } from '../../shared/cdop/case.js';
import {
  addDays,
  ageAtDeath,
  ageBand,
  ageBandOf,
  financialYearOf,
  financialYearsBetween,
} from '../../shared/cdop/dates.js';
import { formatNhsNumber, nhsCheckDigit, nhsNumberProblem, normaliseNhsNumber } from '../../shared/cdop/nhs-number.js';
import { SUPPRESSED, suppressBreakdown, suppressSmallNumber } from '../../shared/cdop/suppression.js';
import { parseIsoDate } from '../../shared/dates/iso-date.js';
import { FAST_SCRYPT, PASSPHRASE, tempDirectoryFactory } from '../support/temp.js';

const tempDirectory = tempDirectoryFactory();

describe('NHS numbers (Modulus 11)', () => {
  it('accepts valid numbers, together or spaced 3 3 4', () => {
    expect(nhsNumberProblem('9434765919')).toBeNull();
    expect(normaliseNhsNumber('943 476 5919')).toBe('9434765919');
    expect(normaliseNhsNumber(' 943 476 5919 ')).toBe('9434765919');
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });

  it('takes a remainder giving 11 as check digit 0', () => {
    expect(nhsCheckDigit('400000002')).toBe(0);
    expect(nhsNumberProblem('4000000020')).toBeNull();
  });

  it('refuses a wrong check digit, a first nine giving 10, and other layouts', () => {
    expect(nhsNumberProblem('9434765918')).toMatch(/check digit does not match/);
    expect(nhsCheckDigit('400000008')).toBeNull();
    expect(nhsNumberProblem('4000000080')).toMatch(/no check digit is possible/);
    expect(nhsNumberProblem('94347659')).toMatch(/10 digits/);
    expect(nhsNumberProblem('9434 76 5919')).toMatch(/10 digits/);
    expect(nhsNumberProblem('943-476-5919')).toMatch(/10 digits/);
    expect(normaliseNhsNumber('9434765918')).toBeNull();
  });
});

/** The boundaries and the 29 February rule, each [birth, death, band]. */
const BOUNDARY_CASES: [string, string, string | null][] = [
  ['2023-05-10', '2023-05-10', '0-27d'], // died on the day of birth
  ['2023-05-10', '2023-06-06', '0-27d'], // 27 days old
  ['2023-05-10', '2023-06-07', '28-364d'], // exactly DOB + 28 days
  ['2023-05-10', '2024-05-09', '28-364d'], // the day before the first birthday (365 days: a leap day between)
  ['2023-05-10', '2024-05-10', '1-4'], // the first birthday
  ['2019-05-10', '2024-05-09', '1-4'],
  ['2019-05-10', '2024-05-10', '5-9'],
  ['2014-05-10', '2024-05-10', '10-14'],
  ['2009-05-10', '2024-05-10', '15-17'],
  ['2006-05-10', '2024-05-09', '15-17'], // the day before the 18th birthday
  ['2006-05-10', '2024-05-10', null], // 18: not a child death
  // 29 February births: the birthday is 1 March in a non-leap year.
  ['2020-02-29', '2021-02-28', '28-364d'],
  ['2020-02-29', '2021-03-01', '1-4'],
  ['2020-02-29', '2024-02-28', '1-4'], // aged 3: the fourth birthday is 29 February 2024
  ['2020-02-29', '2024-02-29', '1-4'], // fourth birthday, a leap year: on 29 February
  ['2020-02-29', '2025-02-28', '1-4'], // the day before the fifth birthday (1 March 2025)
  ['2020-02-29', '2025-03-01', '5-9'],
  ['2020-02-29', '2020-03-27', '0-27d'], // 27 days old
  ['2020-02-29', '2020-03-28', '28-364d'], // 29 February + 28 days
  ['2000-02-29', '2018-02-28', '15-17'],
  ['2000-02-29', '2018-03-01', null],
  ['2024-02-28', '2024-03-26', '0-27d'], // a leap day inside the first 28 days: 27 days old
  ['2024-02-28', '2024-03-27', '28-364d'],
];

describe('age at death and age band', () => {
  it.each(BOUNDARY_CASES)('born %s, died %s -> %s', (birth, death, band) => {
    expect(ageBand(birth, death)).toBe(band);
  });

  it('gives years, months and days, and the days of life', () => {
    expect(ageAtDeath('2023-05-10', '2023-06-07')).toEqual({ years: 0, months: 0, days: 28, totalDays: 28 });
    expect(ageAtDeath('2023-05-10', '2023-06-10')).toEqual({ years: 0, months: 1, days: 0, totalDays: 31 });
    expect(ageAtDeath('2020-01-31', '2020-03-01')).toMatchObject({ years: 0, months: 1, days: 0 });
    expect(ageAtDeath('2020-02-29', '2021-02-28')).toMatchObject({ years: 0, months: 11, days: 30 });
    expect(ageAtDeath('2020-02-29', '2021-03-01')).toMatchObject({ years: 1, months: 0, days: 0 });
    expect(ageAtDeath('2015-08-20', '2024-01-05')).toMatchObject({ years: 8, months: 4, days: 16 });
    expect(() => ageAtDeath('2024-01-02', '2024-01-01')).toThrow(/before the date of birth/);
  });

  it('28 days after a birth is the boundary of the neonatal band, whatever the month', () => {
    for (const birth of ['2023-01-31', '2023-02-01', '2024-02-01', '2024-02-29', '2023-12-15']) {
      expect(ageBand(birth, addDays(birth, 27))).toBe('0-27d');
      expect(ageBand(birth, addDays(birth, 28))).toBe('28-364d');
    }
  });

  it('the age band column the vault computes (migration 0003) agrees with ageBandOf, boundaries and a sweep', async () => {
    const pairs: [string, string][] = BOUNDARY_CASES.map(([birth, death]) => [birth, death]);
    // Every death date across two 29 Februaries for births around leap days and month ends.
    for (const birth of ['2000-02-29', '2003-02-28', '2004-03-01', '2010-01-31', '2011-12-31']) {
      for (let offset = 0; offset < 18 * 366; offset += 17) pairs.push([birth, addDays(birth, offset)]);
    }
    const { vault } = await Vault.create(join(tempDirectory(), 'age.vault'), PASSPHRASE, { scrypt: FAST_SCRYPT });
    const [template] = generateCdopCases(1);
    if (!template) throw new Error('no generated case');
    insertCdopCases(
      vault,
      pairs.map(([birth, death], at) => ({
        ...template,
        id: `case-${at}`,
        reference: `AGE-${at}`,
        date_of_birth: birth,
        date_of_death: death,
        date_notified: death,
        date_review_completed: null,
      })),
    );
    const stored = vault.database
      .prepare('SELECT date_of_birth AS birth, date_of_death AS death, age_band AS band FROM cdop_case ORDER BY rowid')
      .all() as { birth: string; death: string; band: string | null }[];
    vault.close();
    expect(stored).toHaveLength(pairs.length);
    for (const [at, [, , band]] of BOUNDARY_CASES.entries()) expect(stored[at]?.band, `case ${at}`).toBe(band);
    for (const { birth, death, band } of stored) {
      expect(band, `${birth} ${death}`).toBe(ageBandOf(ageAtDeath(birth, death)));
    }
  });

  it('parses only real calendar dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2023-13-01')).toBeNull();
    expect(parseIsoDate('23-01-01')).toBeNull();
  });
});

describe('financial years', () => {
  it('run from 1 April to 31 March', () => {
    expect(financialYearOf('2024-03-31')).toEqual({
      startYear: 2023,
      label: '2023-24',
      from: '2023-04-01',
      to: '2024-03-31',
    });
    expect(financialYearOf('2024-04-01').label).toBe('2024-25');
    expect(financialYearOf('1999-06-01').label).toBe('1999-00');
    expect(financialYearsBetween('2021-05-01', '2024-04-01').map((year) => year.label)).toEqual([
      '2021-22',
      '2022-23',
      '2023-24',
      '2024-25',
    ]);
  });
});

describe('case record lists and status flow', () => {
  it('has the Form B places of death, hospital settings first', () => {
    expect(PLACES_OF_DEATH).toHaveLength(16);
    expect(PLACES_OF_DEATH.at(-1)?.label).toBe('Not known');
  });

  it('moves one step at a time, forward or back', () => {
    expect(canMoveStatus('notified', 'information_gathering')).toBe(true);
    expect(canMoveStatus('ready_for_panel', 'information_gathering')).toBe(true);
    expect(canMoveStatus('notified', 'reviewed')).toBe(false);
    expect(canMoveStatus('closed', 'notified')).toBe(false);
    expect(nextStatus('reviewed')).toBe('closed');
    expect(nextStatus('closed')).toBeNull();
    expect(reviewCompletionProblems({ category: null, modifiable: 'none', dateReviewCompleted: null })).toEqual([
      'choose the category of death',
      'give the date the review was completed',
    ]);
  });
});

describe('small-number suppression', () => {
  it('withholds 1 to 4, shows 0 and 5 upwards', () => {
    expect([0, 1, 4, 5, 12].map((n) => suppressSmallNumber(n))).toEqual([0, SUPPRESSED, SUPPRESSED, 5, 12]);
  });

  it('withholds a second cell where a published total would give a single withheld cell away', () => {
    // 3 alone would be 40 - 12 - 25: the smallest other non-zero cell (12) goes too; zero stays.
    expect(suppressBreakdown([12, 3, 25, 0], 'published')).toEqual([SUPPRESSED, SUPPRESSED, 25, 0]);
    // Two withheld already: only their sum can be worked out.
    expect(suppressBreakdown([2, 3, 25], 'published')).toEqual([SUPPRESSED, SUPPRESSED, 25]);
    // No total published: nothing to subtract from.
    expect(suppressBreakdown([12, 3, 25], 'none')).toEqual([12, SUPPRESSED, 25]);
    expect(suppressBreakdown([0, 3, 0], 'published')).toEqual([0, SUPPRESSED, 0]);
  });

  it('withholds a cell of a breakdown whose total is withheld, since the cells would add up to it', () => {
    expect(suppressBreakdown([6, 6, 0], 'withheld')).toEqual([SUPPRESSED, 6, 0]);
    // One withheld already: the total is not known, so the sum of the others gives nothing.
    expect(suppressBreakdown([6, 3, 9], 'withheld')).toEqual([6, SUPPRESSED, 9]);
    expect(suppressBreakdown([0, 0], 'withheld')).toEqual([0, 0]);
  });
});
