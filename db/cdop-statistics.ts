import type { CdopStatistics, CdopTrendYear } from '../shared/api/channels/cdop.js';
import { SEXES } from '../shared/cdop/case.js';
import { AGE_BANDS, financialYearsBetween } from '../shared/cdop/dates.js';
import { type Database, prepare } from './query.js';

/**
 * Panel statistics computed in SQL: one scan of the deaths in the period with
 * conditional counts, one grouped by ethnicity, and a sorted read of review times
 * for the median, all from a covering index (a plain date index costs a row
 * lookup per death: slower than a table scan for a decade). Age band and days to
 * review are generated columns of `cdop_case` (migration 0003), computed by SQLite
 * when the dates are written; the age band column is tested against `ageBandOf`
 * on the boundary cases. "Reviewed" means a date of review completion is
 * recorded; category and modifiable counts cover reviewed cases only.
 *
 * Raw SQL in this file: `INDEXED BY` (which holds SQLite to the covering index
 * whatever its statistics say) has no Kysely form, and the forty conditional counts
 * read more plainly as the SQL they are.
 */

const CATEGORIES = Array.from({ length: 10 }, (_, i) => i + 1);

const reviewed = 'r IS NOT NULL';
const count = (condition: string, alias: string) => `coalesce(sum(${condition}), 0) AS "${alias}"`;

// Reads only columns of the covering index cdop_case_statistics: no row lookups.
const COUNTS_SQL = `
  SELECT
    count(*) AS notified,
    count(r) AS reviewed,
    ${CATEGORIES.map((n) => count(`${reviewed} AND category = ${n}`, `category ${n}`)).join(',\n    ')},
    ${CATEGORIES.map((n) => count(`${reviewed} AND category = ${n} AND modifiable = 'identified'`, `identified ${n}`)).join(',\n    ')},
    ${['identified', 'none', 'insufficient'].map((m) => count(`${reviewed} AND modifiable = '${m}'`, `modifiable ${m}`)).join(',\n    ')},
    ${AGE_BANDS.map((band) => count(`age_band = '${band}'`, `band ${band}`)).join(',\n    ')},
    ${SEXES.map((sex) => count(`sex = '${sex}'`, `sex ${sex}`)).join(',\n    ')},
    ${count(`expected = 'expected'`, 'expected')},
    ${count(`expected = 'unexpected'`, 'unexpected')}
  FROM (
    SELECT date_review_completed AS r, category, modifiable, age_band, sex, expected
    FROM cdop_case INDEXED BY cdop_case_statistics
    WHERE date_of_death BETWEEN ? AND ?
  )`;

const ETHNICITY_SQL = `
  SELECT coalesce(nullif(trim(ethnicity), ''), 'Not recorded') AS ethnicity, count(*) AS n
  FROM cdop_case INDEXED BY cdop_case_statistics WHERE date_of_death BETWEEN ? AND ?
  GROUP BY 1 ORDER BY 1`;

const REVIEW_DAYS_SQL = `
  SELECT days_to_review AS days
  FROM cdop_case INDEXED BY cdop_case_statistics
  WHERE date_of_death BETWEEN ? AND ? AND days_to_review IS NOT NULL
  ORDER BY days LIMIT ? OFFSET ?`;

type CountsRow = Record<string, number>;

function medianDaysToReview(database: Database, from: string, to: string, reviewedCount: number): number | null {
  if (reviewedCount === 0) return null;
  // The middle one (odd count) or the middle two (even count), read in order from SQLite.
  const middle = reviewedCount % 2 === 1 ? 1 : 2;
  const offset = Math.floor((reviewedCount - 1) / 2);
  const rows = prepare(database, REVIEW_DAYS_SQL).all(from, to, middle, offset) as { days: number }[];
  return rows.reduce((sum, row) => sum + row.days, 0) / rows.length;
}

/** The figures for deaths with a date of death in [from, to] (inclusive ISO dates). */
export function cdopStatistics(database: Database, from: string, to: string): CdopStatistics {
  const row = prepare(database, COUNTS_SQL).get(from, to) as CountsRow;
  const at = (key: string): number => row[key] ?? 0;
  const reviewedCount = at('reviewed');
  const byCategory: Record<string, number> = {};
  const modifiableShareByCategory: Record<string, number | null> = {};
  for (const n of CATEGORIES) {
    byCategory[String(n)] = at(`category ${n}`);
    modifiableShareByCategory[String(n)] =
      at(`category ${n}`) === 0 ? null : at(`identified ${n}`) / at(`category ${n}`);
  }
  const byEthnicity: Record<string, number> = {};
  for (const { ethnicity, n } of prepare(database, ETHNICITY_SQL).all(from, to) as { ethnicity: string; n: number }[]) {
    byEthnicity[ethnicity] = n;
  }
  return {
    from,
    to,
    notified: at('notified'),
    reviewed: reviewedCount,
    medianDaysToReview: medianDaysToReview(database, from, to, reviewedCount),
    byCategory,
    modifiable: {
      identified: at('modifiable identified'),
      none: at('modifiable none'),
      insufficient: at('modifiable insufficient'),
    },
    modifiableShare: reviewedCount === 0 ? null : at('modifiable identified') / reviewedCount,
    modifiableShareByCategory,
    byAgeBand: Object.fromEntries(AGE_BANDS.map((band) => [band, at(`band ${band}`)])) as CdopStatistics['byAgeBand'],
    bySex: Object.fromEntries(SEXES.map((sex) => [sex, at(`sex ${sex}`)])) as CdopStatistics['bySex'],
    byEthnicity,
    expected: at('expected'),
    unexpected: at('unexpected'),
  };
}

/** The main figures for each financial year (April to March) overlapping [from, to], clipped to the period. */
export function cdopTrend(database: Database, from: string, to: string): CdopTrendYear[] {
  return financialYearsBetween(from, to).map((year) => {
    const start = year.from < from ? from : year.from;
    const end = year.to > to ? to : year.to;
    const figures = cdopStatistics(database, start, end);
    return {
      label: year.label,
      from: start,
      to: end,
      notified: figures.notified,
      reviewed: figures.reviewed,
      medianDaysToReview: figures.medianDaysToReview,
      modifiableShare: figures.modifiableShare,
    };
  });
}

/** The issue's `casebook cdop stats --json` shape, keys in its order: nothing more, nothing less. */
export function statisticsForCli(figures: CdopStatistics) {
  return {
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
