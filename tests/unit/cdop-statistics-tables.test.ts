import { describe, expect, it } from 'vitest';
import type { CdopStatistics, CdopTrendYear } from '../../shared/api/channels/cdop.js';
import { publishStatistics } from '../../shared/cdop/statistics.js';
import { SUPPRESSED } from '../../shared/cdop/suppression.js';

const none = { reviewed: 0, identified: 0 };
/** 40 reviews completed: 3 with the expected/unexpected not recorded, 7 with modifiable factors. */
const figures: CdopStatistics = {
  basis: 'completed',
  from: '2023-04-01',
  to: '2024-03-31',
  notified: 44,
  reviewed: 40,
  cases: 40,
  medianDaysToReview: 200,
  byCategory: { '1': 0, '2': 2, '3': 8, '4': 6, '5': 5, '6': 5, '7': 6, '8': 6, '9': 2, '10': 0 },
  identifiedByCategory: { '1': 0, '2': 1, '3': 4, '4': 0, '5': 0, '6': 0, '7': 0, '8': 0, '9': 0, '10': 2 },
  modifiable: { identified: 7, none: 30, insufficient: 3 },
  modifiableShare: 7 / 40,
  byAgeBand: { '0-27d': 12, '28-364d': 10, '1-4': 8, '5-9': 5, '10-14': 5, '15-17': 0 },
  modifiableByAgeBand: {
    '0-27d': { reviewed: 12, identified: 2 },
    '28-364d': { reviewed: 10, identified: 5 },
    '1-4': { reviewed: 8, identified: 0 },
    '5-9': { reviewed: 5, identified: 0 },
    '10-14': { reviewed: 5, identified: 0 },
    '15-17': none,
  },
  bySex: { male: 22, female: 18, indeterminate: 0, not_known: 0 },
  modifiableBySex: {
    male: { reviewed: 22, identified: 4 },
    female: { reviewed: 18, identified: 3 },
    indeterminate: none,
    not_known: none,
  },
  byEthnicity: { 'White - British': 40 },
  modifiableByEthnicity: { 'White - British': { reviewed: 40, identified: 7 } },
  expected: 20,
  unexpected: 17,
};

const table = (published: ReturnType<typeof publishStatistics>, id: string) => {
  const found = published.tables.find((one) => one.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
};
const headline = (published: ReturnType<typeof publishStatistics>, id: string) =>
  published.headline.find((one) => one.id === id)?.value;

describe('published statistics', () => {
  it('unsuppressed: every figure as counted, each share beside its numerator and named denominator', () => {
    const published = publishStatistics(figures, [], { suppress: false });
    expect(published.suppression).toBeNull();
    expect(published.basisStatement).toMatch(/^Basis: reviews completed from 01\/04\/2023 to 31\/03\/2024/);
    expect(table(published, 'expected').rows.map((row) => row.values[0])).toEqual([20, 17, 3]);
    const byBand = table(published, 'modifiable-by-age-band');
    expect(byBand.columns.map((column) => column.label)).toEqual([
      'Modifiable factors identified',
      'Reviews completed (denominator)',
      'Share with modifiable factors',
    ]);
    expect(byBand.rows[1]?.values).toEqual([5, 10, 0.5]);
    expect(byBand.notes.join(' ')).toMatch(/of all reviews completed in the period/);
    expect(headline(published, 'modifiable-share-sufficient')).toBeCloseTo(7 / 37);
  });

  it('suppressed: the expected/unexpected "not recorded" cannot be worked out from the headline figures', () => {
    const published = publishStatistics(figures, [], { suppress: true });
    expect(published.suppression).toMatch(/next smallest count is withheld too/);
    // 3 not recorded = 40 - 20 - 17: withheld, and so is the next smallest (17), on the sheet and in the headline.
    expect(table(published, 'expected').rows.map((row) => row.values[0])).toEqual([20, SUPPRESSED, SUPPRESSED]);
    expect(headline(published, 'unexpected')).toBe(SUPPRESSED);
    expect(headline(published, 'expected')).toBe(20);
    // Two small categories already withheld (2 and 2): nothing more to withhold there.
    expect(table(published, 'by-category').rows.map((row) => row.values[0])).toEqual([
      0,
      SUPPRESSED,
      8,
      6,
      5,
      5,
      6,
      6,
      SUPPRESSED,
      0,
    ]);
    // A share is withheld with its numerator: 2 of 12 newborns.
    expect(table(published, 'modifiable-by-age-band').rows[0]?.values).toEqual([SUPPRESSED, 12, SUPPRESSED]);
    // The outcome table: 3 insufficient withheld, so the next smallest (7 identified) too, and its share.
    expect(table(published, 'modifiable').rows.map((row) => row.values)).toEqual([
      [SUPPRESSED, SUPPRESSED],
      [30, 0.75],
      [SUPPRESSED, SUPPRESSED],
    ]);
    expect(headline(published, 'modifiable-share')).toBe(SUPPRESSED);
  });
  it('suppressed: a withheld total is not given back by the sexes or the financial years that add up to it', () => {
    // 3 with insufficient information are withheld, so the next smallest outcome (12 identified) is too.
    // The 12 split 6 and 6 by sex, and the single financial year repeats the period: shown as counted,
    // either would give back 12, and 40 - 12 - 25 the 3.
    const split: CdopStatistics = {
      ...figures,
      modifiable: { identified: 12, none: 25, insufficient: 3 },
      modifiableBySex: {
        male: { reviewed: 22, identified: 6 },
        female: { reviewed: 18, identified: 6 },
        indeterminate: none,
        not_known: none,
      },
    };
    const year: CdopTrendYear = {
      label: '2023-24',
      from: '2023-04-01',
      to: '2024-03-31',
      notified: 44,
      reviewed: 40,
      medianDaysToReview: 200,
      identified: 12,
      modifiableShare: 12 / 40,
    };
    const published = publishStatistics(split, [year], { suppress: true });
    expect(headline(published, 'identified')).toBe(SUPPRESSED);
    const identifiedBySex = table(published, 'modifiable-by-sex').rows.map((row) => row.values[0]);
    expect(identifiedBySex.filter((value) => value === SUPPRESSED)).toHaveLength(1);
    const trend = table(published, 'trend').rows[0]?.values;
    expect(trend?.[3]).toBe(SUPPRESSED);
    expect(trend?.[4]).toBe(SUPPRESSED);
    // The published totals stay: 44 notified and 40 reviewed are shown in the year as in the headline.
    expect([trend?.[0], trend?.[1]]).toEqual([44, 40]);
  });
});
