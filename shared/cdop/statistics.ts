/**
 * The CDOP statistics as published: the basis they are counted on, and every
 * figure of the statistics screen as a table (title, what each share is a share
 * of, rows, and which columns its chart draws). The screen, the .xlsx workbook and
 * the annual report all build their tables here, so they show the same figures,
 * withheld the same way (./suppression.ts), in the same words.
 */

import type { CdopStatistics, CdopTrendYear } from '../api/channels/cdop.js';
import { formatIsoUk } from '../dates/fuzzy-date.js';
import { SEX_LABELS, SEXES } from './case.js';
import { AGE_BAND_LABELS, AGE_BANDS, financialYearOf, financialYearStarting } from './dates.js';
import { CATEGORIES_OF_DEATH } from './forms/categories.js';
import {
  SUPPRESSED,
  SUPPRESSION_RULE,
  type Suppressed,
  suppressBreakdown,
  suppressSmallNumber,
} from './suppression.js';

/**
 * `completed`: reviews completed in the period, as the Department for Education's
 * child death review releases and the NCMD count them (the default); deaths
 * notified counted separately by date notified. `deaths`: deaths in the period by
 * date of death, every figure over those deaths.
 */
export const STATISTICS_BASES = ['completed', 'deaths'] as const;
export type StatisticsBasis = (typeof STATISTICS_BASES)[number];
export const DEFAULT_STATISTICS_BASIS: StatisticsBasis = 'completed';

export const BASIS_LABELS: Record<StatisticsBasis, string> = {
  completed: 'Reviews completed in the period (the national basis)',
  deaths: 'Deaths in the period (by date of death)',
};

/** One sentence saying what the period selects, for the screen and every export. */
export function basisStatement(basis: StatisticsBasis, from: string, to: string): string {
  const period = `${formatIsoUk(from)} to ${formatIsoUk(to)}`;
  return basis === 'completed'
    ? `Basis: reviews completed from ${period} (the basis of the national child death review statistics); every breakdown is over those reviews. Deaths notified counts the deaths notified in the same period, by date notified.`
    : `Basis: deaths with a date of death from ${period}; every breakdown is over those deaths, and category and modifiable figures over those of them with a completed review.`;
}

/** The trend shows at least this many financial years, up to the end of the period. */
export const TREND_YEARS = 5;

/** The span of the trend for a period: the period, extended back to the start of the fifth financial year before its end. */
export function trendPeriod(from: string, to: string): { from: string; to: string } {
  const first = financialYearStarting(financialYearOf(to).startYear - (TREND_YEARS - 1)).from;
  return { from: first < from ? first : from, to };
}

export type Value = number | Suppressed | null;
export type ValueFormat = 'count' | 'share' | 'days';

export interface StatisticsTable {
  /** Stable key: the screen's test id and the export's sheet order. */
  id: string;
  /** An .xlsx sheet name (at most 31 characters). */
  sheet: string;
  title: string;
  /** What is counted and what each share is a share of: shown with the table. */
  notes: string[];
  rowHeader: string;
  columns: { label: string; format: ValueFormat }[];
  rows: { label: string; values: Value[] }[];
  /** The columns the chart draws (one series each); a line chart for years. */
  chart: { type: 'bar' | 'line'; columns: number[] };
}

export interface PublishedStatistics {
  basis: StatisticsBasis;
  from: string;
  to: string;
  basisStatement: string;
  /** The suppression rule applied, in words, or null when the figures are unsuppressed. */
  suppression: string | null;
  headline: { id: string; label: string; value: Value; format: ValueFormat }[];
  tables: StatisticsTable[];
}

export const UNSUPPRESSED_WARNING =
  'Unsuppressed figures: small numbers may identify a child. Do not publish without suppression.';

/** A count, a share or a number of days as text: `[c]` stays as it is, a missing value is a dash. */
export function formatValue(value: Value, format: ValueFormat): string {
  if (value === null) return '—';
  if (value === SUPPRESSED) return SUPPRESSED;
  if (format === 'share') return `${(value * 100).toFixed(1)}%`;
  return String(value);
}

/** Every figure as published, suppressed when asked. */
export function publishStatistics(
  figures: CdopStatistics,
  trend: readonly CdopTrendYear[],
  options: { suppress: boolean },
): PublishedStatistics {
  const { suppress } = options;
  const completed = figures.basis === 'completed';
  const countedLabel = completed ? 'Reviews completed' : 'Deaths';
  const single = (count: number): Value => (suppress ? suppressSmallNumber(count) : count);
  /** A breakdown of a total published as `total`: withheld cells cannot be worked out from it. */
  const breakdown = (counts: number[], total: Value): Value[] =>
    suppress ? suppressBreakdown(counts, total === SUPPRESSED ? 'withheld' : 'published') : counts;
  const reviewed = single(figures.reviewed);
  /** What the age, sex and ethnicity tables add up to: the reviews, or the deaths, of the period. */
  const counted = completed ? reviewed : single(figures.cases);
  const share = (numerator: Value, denominator: Value): Value => {
    if (numerator === SUPPRESSED || denominator === SUPPRESSED) return SUPPRESSED;
    if (numerator === null || denominator === null || denominator === 0) return null;
    return numerator / denominator;
  };
  const ofAllReviews = completed
    ? 'Share: of all reviews completed in the period (including those with insufficient information).'
    : 'Share: of all deaths in the period with a completed review (including those with insufficient information).';

  const outcomes = [
    ['identified', 'Modifiable factors identified'],
    ['none', 'No modifiable factors identified'],
    ['insufficient', 'Insufficient information'],
  ] as const;
  const outcomeCounts = breakdown(
    outcomes.map(([key]) => figures.modifiable[key]),
    reviewed,
  );
  const [identified, none] = outcomeCounts as [Value, Value, Value];

  /** A breakdown of modifiable factors: identified, reviews (the denominator), share; each column suppressed against its total. */
  const modifiableTable = (
    id: string,
    sheet: string,
    title: string,
    rowHeader: string,
    rows: { label: string; reviewed: number; identified: number }[],
  ): StatisticsTable => {
    const identifiedCells = breakdown(
      rows.map((row) => row.identified),
      identified,
    );
    const reviewedCells = breakdown(
      rows.map((row) => row.reviewed),
      reviewed,
    );
    return {
      id,
      sheet,
      title,
      notes: [ofAllReviews],
      rowHeader,
      columns: [
        { label: 'Modifiable factors identified', format: 'count' },
        { label: completed ? 'Reviews completed (denominator)' : 'Reviewed (denominator)', format: 'count' },
        { label: 'Share with modifiable factors', format: 'share' },
      ],
      rows: rows.map((row, index) => {
        const n = identifiedCells[index] ?? null;
        const d = reviewedCells[index] ?? null;
        return { label: row.label, values: [n, d, share(n, d)] };
      }),
      chart: { type: 'bar', columns: [2] },
    };
  };
  const countTable = (
    id: string,
    sheet: string,
    title: string,
    rowHeader: string,
    rows: [string, number][],
    total: Value,
    notes: string[] = [],
  ): StatisticsTable => {
    const values = breakdown(
      rows.map(([, n]) => n),
      total,
    );
    return {
      id,
      sheet,
      title,
      notes,
      rowHeader,
      columns: [{ label: countedLabel, format: 'count' }],
      rows: rows.map(([label], index) => ({ label, values: [values[index] ?? null] })),
      chart: { type: 'bar', columns: [0] },
    };
  };

  const categoryLabel = (n: number) => `${n}. ${CATEGORIES_OF_DEATH.find((c) => c.number === n)?.label ?? n}`;
  const categories = CATEGORIES_OF_DEATH.map((c) => c.number);
  const byCategory = countTable(
    'by-category',
    'By category',
    `${completed ? 'Reviews completed' : 'Reviewed deaths'} by category of death`,
    'Category of death',
    categories.map((n) => [categoryLabel(n), figures.byCategory[String(n)] ?? 0]),
    reviewed,
    completed ? [] : ['Deaths in the period with a completed review.'],
  );
  if (!completed) byCategory.columns = [{ label: 'Reviews completed', format: 'count' }];

  const sufficient =
    identified === SUPPRESSED || none === SUPPRESSED
      ? SUPPRESSED
      : figures.modifiable.identified + figures.modifiable.none;
  const modifiable: StatisticsTable = {
    id: 'modifiable',
    sheet: 'Modifiable',
    title: 'Reviews completed by modifiable-factor outcome',
    notes: [ofAllReviews],
    rowHeader: 'Outcome',
    columns: [
      { label: 'Reviews completed', format: 'count' },
      { label: 'Share of all completed reviews', format: 'share' },
    ],
    rows: outcomes.map(([, label], index) => {
      const n = outcomeCounts[index] ?? null;
      return { label, values: [n, share(n, reviewed)] };
    }),
    chart: { type: 'bar', columns: [1] },
  };

  const expectedCounts = [figures.expected, figures.unexpected, figures.cases - figures.expected - figures.unexpected];
  const expected = countTable(
    'expected',
    'Expected',
    `${countedLabel}: expected and unexpected deaths`,
    'Expected or unexpected',
    [
      ['Expected', expectedCounts[0] as number],
      ['Unexpected', expectedCounts[1] as number],
      ['Not recorded', expectedCounts[2] as number],
    ],
    single(figures.cases),
  );
  const [expectedValue, unexpectedValue] = expected.rows.map((row) => row.values[0] ?? null);

  // The years partition the period: each column adds up to the period's figure above it.
  const notified = single(figures.notified);
  const trendNotified = breakdown(
    trend.map((year) => year.notified),
    notified,
  );
  const trendReviewed = breakdown(
    trend.map((year) => year.reviewed),
    reviewed,
  );
  const trendIdentified = breakdown(
    trend.map((year) => year.identified),
    identified ?? null,
  );
  const trendTable: StatisticsTable = {
    id: 'trend',
    sheet: 'Trend',
    title: `Trend by financial year (April to March), on the same basis`,
    notes: [
      completed
        ? 'Each year counts the reviews completed in it and the deaths notified in it.'
        : 'Each year counts the deaths in it, and those of them with a completed review.',
      'Share: of all completed reviews counted in the year.',
    ],
    rowHeader: 'Financial year',
    columns: [
      { label: 'Deaths notified', format: 'count' },
      { label: 'Reviews completed', format: 'count' },
      { label: 'Median days from death to review', format: 'days' },
      { label: 'Modifiable factors identified', format: 'count' },
      { label: 'Share with modifiable factors', format: 'share' },
    ],
    rows: trend.map((year, index) => {
      const n = trendIdentified[index] ?? null;
      const d = trendReviewed[index] ?? null;
      return {
        label: year.label,
        values: [trendNotified[index] ?? null, d, year.medianDaysToReview, n, share(n, d)],
      };
    }),
    chart: { type: 'line', columns: [0, 1] },
  };

  const ethnicities = Object.keys(figures.byEthnicity);
  const modifiableShare = share(identified ?? null, reviewed);
  return {
    basis: figures.basis,
    from: figures.from,
    to: figures.to,
    basisStatement: basisStatement(figures.basis, figures.from, figures.to),
    suppression: suppress ? SUPPRESSION_RULE : null,
    headline: [
      { id: 'notified', label: 'Deaths notified', value: notified, format: 'count' },
      { id: 'reviewed', label: 'Reviews completed', value: reviewed, format: 'count' },
      {
        id: 'median-days',
        label: 'Median days from death to review completion',
        value: figures.medianDaysToReview,
        format: 'days',
      },
      {
        id: 'identified',
        label: 'Reviews with modifiable factors identified',
        value: identified ?? null,
        format: 'count',
      },
      {
        id: 'modifiable-share',
        label: 'Share of all completed reviews with modifiable factors',
        value: modifiableShare,
        format: 'share',
      },
      {
        id: 'modifiable-share-sufficient',
        label: 'Share of reviews with sufficient information with modifiable factors',
        value: share(identified ?? null, sufficient),
        format: 'share',
      },
      { id: 'expected', label: 'Expected deaths', value: expectedValue ?? null, format: 'count' },
      { id: 'unexpected', label: 'Unexpected deaths', value: unexpectedValue ?? null, format: 'count' },
    ],
    tables: [
      byCategory,
      modifiable,
      {
        ...modifiableTable(
          'modifiable-by-category',
          'Modifiable by category',
          'Modifiable factors by category of death',
          'Category of death',
          categories.map((n) => ({
            label: categoryLabel(n),
            reviewed: figures.byCategory[String(n)] ?? 0,
            identified: figures.identifiedByCategory[String(n)] ?? 0,
          })),
        ),
      },
      countTable(
        'by-age-band',
        'By age band',
        `${countedLabel} by age band`,
        'Age band',
        AGE_BANDS.map((band) => [AGE_BAND_LABELS[band], figures.byAgeBand[band]]),
        counted,
      ),
      modifiableTable(
        'modifiable-by-age-band',
        'Modifiable by age band',
        'Modifiable factors by age band',
        'Age band',
        AGE_BANDS.map((band) => ({ label: AGE_BAND_LABELS[band], ...figures.modifiableByAgeBand[band] })),
      ),
      countTable(
        'by-sex',
        'By sex',
        `${countedLabel} by sex`,
        'Sex',
        SEXES.map((sex) => [SEX_LABELS[sex], figures.bySex[sex]]),
        counted,
      ),
      modifiableTable(
        'modifiable-by-sex',
        'Modifiable by sex',
        'Modifiable factors by sex',
        'Sex',
        SEXES.map((sex) => ({ label: SEX_LABELS[sex], ...figures.modifiableBySex[sex] })),
      ),
      countTable(
        'by-ethnicity',
        'By ethnicity',
        `${countedLabel} by ethnicity`,
        'Ethnicity',
        ethnicities.map((ethnicity) => [ethnicity, figures.byEthnicity[ethnicity] ?? 0]),
        counted,
      ),
      modifiableTable(
        'modifiable-by-ethnicity',
        'Modifiable by ethnicity',
        'Modifiable factors by ethnicity',
        'Ethnicity',
        ethnicities.map((ethnicity) => ({
          label: ethnicity,
          ...(figures.modifiableByEthnicity[ethnicity] ?? { reviewed: 0, identified: 0 }),
        })),
      ),
      expected,
      trendTable,
    ],
  };
}
