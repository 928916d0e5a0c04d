import type { CdopStatistics, CdopTrendYear } from '../shared/api/channels/cdop.js';
import { SEXES } from '../shared/cdop/case.js';
import { AGE_BANDS, financialYearsBetween } from '../shared/cdop/dates.js';
import type { StatisticsBasis } from '../shared/cdop/statistics.js';
import { type Database, prepare } from './query.js';

/**
 * Panel statistics computed in SQL on one of two bases (shared/cdop/statistics.ts):
 *
 * - `completed` (the national releases' basis): the cases are the reviews completed
 *   in the period (by date of review completion), and every breakdown is over them;
 *   "notified" is a separate count of deaths notified in the period (by date notified).
 * - `deaths`: the cases are the deaths in the period (by date of death); "notified"
 *   counts them and "reviewed" those of them with a completed review.
 *
 * One scan of the period's cases grouped by what the figures count, one grouped by ethnicity,
 * and a sorted read of review times for the median, each from a covering index
 * (a plain date index costs a row lookup per case: slower than a table scan for a
 * decade). Age band and days to review are generated columns of `cdop_case`
 * (migration 0003); the age band column is tested against `ageBandOf`. Category
 * and modifiable figures always count reviewed cases only.
 *
 * Raw SQL in this file: `INDEXED BY` (which holds SQLite to the covering index
 * whatever its statistics say) has no Kysely form, and the grouped counts
 * read more plainly as the SQL they are.
 */

const CATEGORIES = Array.from({ length: 10 }, (_, i) => i + 1);

/** Where each basis finds its cases: the date column and the covering index led by it (0003, 0010). */
const POPULATION: Record<StatisticsBasis, string> = {
  deaths: 'cdop_case INDEXED BY cdop_case_statistics WHERE date_of_death BETWEEN ? AND ?',
  completed: 'cdop_case INDEXED BY cdop_case_statistics_completed WHERE date_review_completed BETWEEN ? AND ?',
};

// One row per combination of the characteristics the figures count, with its number of
// cases: a single scan of the covering index, grouped, and every figure summed from the
// few hundred groups in TypeScript (eighty conditional sums per row were three times slower).
const groupsSql = (basis: StatisticsBasis) => `
  SELECT date_review_completed IS NOT NULL AS reviewed, category, modifiable, age_band AS ageBand, sex, expected,
    count(*) AS n
  FROM ${POPULATION[basis]}
  GROUP BY 1, 2, 3, 4, 5, 6`;

interface Group {
  reviewed: 0 | 1;
  category: number | null;
  modifiable: string | null;
  ageBand: string | null;
  sex: string;
  expected: string | null;
  n: number;
}

const ethnicitySql = (basis: StatisticsBasis) => `
  SELECT coalesce(nullif(trim(ethnicity), ''), 'Not recorded') AS ethnicity, count(*) AS n,
    count(date_review_completed) AS reviewed,
    coalesce(sum(date_review_completed IS NOT NULL AND modifiable = 'identified'), 0) AS identified
  FROM ${POPULATION[basis]}
  GROUP BY 1 ORDER BY 1`;

const reviewDaysSql = (basis: StatisticsBasis) => `
  SELECT days_to_review AS days FROM ${POPULATION[basis]} AND days_to_review IS NOT NULL
  ORDER BY days LIMIT ? OFFSET ?`;

const NOTIFIED_SQL =
  'SELECT count(*) AS n FROM cdop_case INDEXED BY cdop_case_date_notified WHERE date_notified BETWEEN ? AND ?';

const LATEST_SQL: Record<StatisticsBasis, string> = {
  deaths: 'SELECT max(date_of_death) AS latest FROM cdop_case',
  completed: 'SELECT max(date_review_completed) AS latest FROM cdop_case',
};

function medianDaysToReview(
  database: Database,
  basis: StatisticsBasis,
  from: string,
  to: string,
  reviewedCount: number,
): number | null {
  if (reviewedCount === 0) return null;
  // The middle one (odd count) or the middle two (even count), read in order from SQLite.
  const middle = reviewedCount % 2 === 1 ? 1 : 2;
  const offset = Math.floor((reviewedCount - 1) / 2);
  const rows = prepare(database, reviewDaysSql(basis)).all(from, to, middle, offset) as { days: number }[];
  return rows.reduce((sum, row) => sum + row.days, 0) / rows.length;
}

/** The figures for [from, to] (inclusive ISO dates) on the chosen basis. */
export function cdopStatistics(
  database: Database,
  from: string,
  to: string,
  basis: StatisticsBasis = 'completed',
): CdopStatistics {
  const counts = new Map<string, number>();
  const add = (key: string, n: number) => counts.set(key, (counts.get(key) ?? 0) + n);
  for (const group of prepare(database, groupsSql(basis)).all(from, to) as Group[]) {
    const { n } = group;
    add('cases', n);
    add(`band ${group.ageBand}`, n);
    add(`sex ${group.sex}`, n);
    if (group.expected !== null) add(group.expected, n);
    if (group.reviewed !== 1) continue;
    add('reviewed', n);
    add(`category ${group.category}`, n);
    add(`modifiable ${group.modifiable}`, n);
    add(`reviewed band ${group.ageBand}`, n);
    add(`reviewed sex ${group.sex}`, n);
    if (group.modifiable !== 'identified') continue;
    add(`identified ${group.category}`, n);
    add(`identified band ${group.ageBand}`, n);
    add(`identified sex ${group.sex}`, n);
  }
  const at = (key: string): number => counts.get(key) ?? 0;
  const reviewedCount = at('reviewed');
  const notified =
    basis === 'deaths' ? at('cases') : (prepare(database, NOTIFIED_SQL).get(from, to) as { n: number }).n;
  const byEthnicity: Record<string, number> = {};
  const modifiableByEthnicity: Record<string, { reviewed: number; identified: number }> = {};
  for (const group of prepare(database, ethnicitySql(basis)).all(from, to) as {
    ethnicity: string;
    n: number;
    reviewed: number;
    identified: number;
  }[]) {
    byEthnicity[group.ethnicity] = group.n;
    modifiableByEthnicity[group.ethnicity] = { reviewed: group.reviewed, identified: group.identified };
  }
  return {
    basis,
    from,
    to,
    notified,
    reviewed: reviewedCount,
    cases: at('cases'),
    medianDaysToReview: medianDaysToReview(database, basis, from, to, reviewedCount),
    byCategory: Object.fromEntries(CATEGORIES.map((n) => [String(n), at(`category ${n}`)])),
    identifiedByCategory: Object.fromEntries(CATEGORIES.map((n) => [String(n), at(`identified ${n}`)])),
    modifiable: {
      identified: at('modifiable identified'),
      none: at('modifiable none'),
      insufficient: at('modifiable insufficient'),
    },
    modifiableShare: reviewedCount === 0 ? null : at('modifiable identified') / reviewedCount,
    byAgeBand: Object.fromEntries(AGE_BANDS.map((band) => [band, at(`band ${band}`)])) as CdopStatistics['byAgeBand'],
    modifiableByAgeBand: Object.fromEntries(
      AGE_BANDS.map((band) => [
        band,
        { reviewed: at(`reviewed band ${band}`), identified: at(`identified band ${band}`) },
      ]),
    ) as CdopStatistics['modifiableByAgeBand'],
    bySex: Object.fromEntries(SEXES.map((sex) => [sex, at(`sex ${sex}`)])) as CdopStatistics['bySex'],
    modifiableBySex: Object.fromEntries(
      SEXES.map((sex) => [sex, { reviewed: at(`reviewed sex ${sex}`), identified: at(`identified sex ${sex}`) }]),
    ) as CdopStatistics['modifiableBySex'],
    byEthnicity,
    modifiableByEthnicity,
    expected: at('expected'),
    unexpected: at('unexpected'),
  };
}

/** The main figures for each financial year (April to March) overlapping [from, to], clipped to the period. */
export function cdopTrend(
  database: Database,
  from: string,
  to: string,
  basis: StatisticsBasis = 'completed',
): CdopTrendYear[] {
  return financialYearsBetween(from, to).map((year) => {
    const start = year.from < from ? from : year.from;
    const end = year.to > to ? to : year.to;
    const figures = cdopStatistics(database, start, end, basis);
    return {
      label: year.label,
      from: start,
      to: end,
      notified: figures.notified,
      reviewed: figures.reviewed,
      medianDaysToReview: figures.medianDaysToReview,
      identified: figures.modifiable.identified,
      modifiableShare: figures.modifiableShare,
    };
  });
}

/** The latest date any case counts on this basis (a death, or a completed review), or null with none. */
export function latestStatisticsDate(database: Database, basis: StatisticsBasis): string | null {
  return (prepare(database, LATEST_SQL[basis]).get() as { latest: string | null }).latest;
}

/** The issue's `casebook cdop stats --json` shape, keys in its order: nothing more, nothing less. */
export function statisticsForCli(figures: CdopStatistics) {
  return {
    basis: figures.basis,
    notified: figures.notified,
    reviewed: figures.reviewed,
    medianDaysToReview: figures.medianDaysToReview,
    byCategory: figures.byCategory,
    modifiable: figures.modifiable,
    modifiableShare: figures.modifiableShare,
    byAgeBand: figures.byAgeBand,
    bySex: figures.bySex,
    expected: figures.expected,
    unexpected: figures.unexpected,
  };
}
