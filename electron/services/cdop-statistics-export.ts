import ExcelJS from 'exceljs';
import { type AuditChainHead, auditChainHead } from '../../db/audit.js';
import { cdopStatistics, cdopTrend } from '../../db/cdop-statistics.js';
import type { Vault } from '../../db/vault.js';
import type { CdopStatistics, CdopStatisticsExport, CdopTrendYear } from '../../shared/api/channels/cdop.js';
import { SEX_LABELS, type Sex } from '../../shared/cdop/case.js';
import { AGE_BAND_LABELS, type AgeBand } from '../../shared/cdop/dates.js';
import { CATEGORIES_OF_DEATH } from '../../shared/cdop/forms/index.js';
import { SUPPRESSED, SUPPRESSION_RANGE, suppressSmallNumber } from '../../shared/cdop/suppression.js';
import { formatAuditAnchor } from './audit-anchor.js';

/**
 * The panel's figures as an .xlsx workbook: a sheet per breakdown, each a plain
 * table a statistics team can paste from. Main process only (exceljs). With
 * suppression, counts of 1-4 become the GSS marker, and a share whose numerator
 * or denominator is such a count is withheld too (it would give the count away).
 * Like every export, the workbook's document properties carry the audit anchor
 * (see audit-anchor.ts), and the export is audited once the file is handed over.
 */

const MARKING = 'OFFICIAL-SENSITIVE';
type Cell = string | number | null;

function isSmall(count: number): boolean {
  return count >= SUPPRESSION_RANGE.min && count <= SUPPRESSION_RANGE.max;
}

export async function cdopStatisticsWorkbook(
  figures: CdopStatistics,
  trend: readonly CdopTrendYear[],
  options: { suppressSmallNumbers: boolean; anchor: AuditChainHead; createdAt?: Date },
): Promise<Buffer> {
  const suppress = options.suppressSmallNumbers;
  const n = (count: number): Cell => (suppress ? suppressSmallNumber(count) : count);
  const share = (numerator: number, denominator: number): Cell => {
    if (denominator === 0) return null;
    if (suppress && (isSmall(numerator) || isSmall(denominator))) return SUPPRESSED;
    return numerator / denominator;
  };

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Casebook';
  workbook.created = options.createdAt ?? new Date();
  workbook.description = formatAuditAnchor(options.anchor);
  const period = `Deaths with a date of death from ${ukDate(figures.from)} to ${ukDate(figures.to)}`;
  const note = suppress
    ? `Counts of ${SUPPRESSION_RANGE.min} to ${SUPPRESSION_RANGE.max} are shown as ${SUPPRESSED} (withheld to protect confidentiality); check totals before publication.`
    : 'Unsuppressed figures: small numbers may identify a child. Do not publish without suppression.';

  const sheet = (name: string, title: string, header: string[], rows: Cell[][], percentColumns: number[] = []) => {
    const ws = workbook.addWorksheet(name, {
      headerFooter: { oddHeader: `&C&B${MARKING}`, oddFooter: `&C&B${MARKING}&R&P of &N` },
    });
    ws.addRow([title]).font = { bold: true, size: 13 };
    ws.addRow([period]);
    ws.addRow([note]);
    ws.addRow([]);
    const headerRow = ws.addRow(header);
    headerRow.font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.columns.forEach((column, index) => {
      column.width = index === 0 ? 44 : 18;
      if (percentColumns.includes(index + 1)) column.numFmt = '0.0%';
    });
    ws.views = [{ state: 'frozen', ySplit: 5 }];
    return ws;
  };

  const reviewedCount = figures.reviewed;
  const summary = sheet(
    'Summary',
    'Child deaths: headline figures',
    ['Figure', 'Value'],
    [
      ['Deaths notified', n(figures.notified)],
      ['Reviews completed', n(reviewedCount)],
      ['Median days from death to review completion', figures.medianDaysToReview],
      ['Reviews with modifiable factors identified', n(figures.modifiable.identified)],
      ['Share of reviews with modifiable factors identified', share(figures.modifiable.identified, reviewedCount)],
      ['Expected deaths', n(figures.expected)],
      ['Unexpected deaths', n(figures.unexpected)],
    ],
  );
  // Only the share is a percentage; the other values in the column are counts and days.
  summary.getCell('B10').numFmt = '0.0%';

  sheet(
    'By category',
    'Reviews completed by category of death',
    ['Category of death', 'Reviews', 'Modifiable factors identified (share)'],
    CATEGORIES_OF_DEATH.map((category) => {
      const count = figures.byCategory[String(category.number)] ?? 0;
      const modifiableShare = figures.modifiableShareByCategory[String(category.number)] ?? null;
      const identified = modifiableShare === null ? 0 : Math.round(modifiableShare * count);
      return [`${category.number}. ${category.label}`, n(count), share(identified, count)];
    }),
    [3],
  );

  sheet(
    'Modifiable',
    'Reviews completed by modifiable-factor outcome',
    ['Outcome', 'Reviews', 'Share of reviews'],
    (
      [
        ['identified', 'Modifiable factors identified'],
        ['none', 'No modifiable factors identified'],
        ['insufficient', 'Insufficient information'],
      ] as const
    ).map(([key, label]) => [label, n(figures.modifiable[key]), share(figures.modifiable[key], reviewedCount)]),
    [3],
  );

  sheet(
    'By age band',
    'Deaths notified by age at death',
    ['Age band', 'Deaths'],
    (Object.keys(figures.byAgeBand) as AgeBand[]).map((band) => [AGE_BAND_LABELS[band], n(figures.byAgeBand[band])]),
  );

  sheet(
    'By sex',
    'Deaths notified by sex',
    ['Sex', 'Deaths'],
    (Object.keys(figures.bySex) as Sex[]).map((sex) => [SEX_LABELS[sex], n(figures.bySex[sex])]),
  );

  sheet(
    'By ethnicity',
    'Deaths notified by ethnicity',
    ['Ethnicity', 'Deaths'],
    Object.entries(figures.byEthnicity).map(([ethnicity, count]) => [ethnicity, n(count)]),
  );

  sheet(
    'Expected',
    'Deaths notified: expected and unexpected',
    ['Expected or unexpected', 'Deaths'],
    [
      ['Expected', n(figures.expected)],
      ['Unexpected', n(figures.unexpected)],
      ['Not recorded', n(figures.notified - figures.expected - figures.unexpected)],
    ],
  );

  sheet(
    'Trend',
    'By financial year (April to March)',
    ['Financial year', 'Deaths notified', 'Reviews completed', 'Median days to review', 'Modifiable share'],
    trend.map((year) => [
      year.label,
      n(year.notified),
      n(year.reviewed),
      year.medianDaysToReview,
      year.modifiableShare === null ? null : share(Math.round(year.modifiableShare * year.reviewed), year.reviewed),
    ]),
    [5],
  );

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function ukDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

export function statisticsFileName(from: string, to: string, suppressed: boolean): string {
  return `casebook-cdop-statistics-${from}-to-${to}${suppressed ? '-suppressed' : ''}.xlsx`;
}

/**
 * Builds the workbook, hands it to `save` (the CLI writes it to disk; the app
 * returns it to the window, which saves it), and only then audits the export.
 */
export async function exportCdopStatistics(
  vault: Pick<Vault, 'database' | 'write'>,
  input: { from: string; to: string; suppressSmallNumbers: boolean },
  save: (file: { fileName: string; content: Buffer }) => void | Promise<void>,
): Promise<{ fileName: string }> {
  const { from, to, suppressSmallNumbers } = input;
  const figures = cdopStatistics(vault.database, from, to);
  const trend = cdopTrend(vault.database, from, to);
  const anchor = auditChainHead(vault.database);
  const content = await cdopStatisticsWorkbook(figures, trend, { suppressSmallNumbers, anchor });
  const fileName = statisticsFileName(from, to, suppressSmallNumbers);
  await save({ fileName, content });
  vault.write(
    { entity: 'cdop_statistics', action: 'exported', detail: { from, to, suppressed: suppressSmallNumbers } },
    () => undefined,
  );
  return { fileName };
}

export async function exportCdopStatisticsForChannel(
  vault: Pick<Vault, 'database' | 'write'>,
  input: { from: string; to: string; suppressSmallNumbers: boolean },
): Promise<CdopStatisticsExport> {
  let contentBase64 = '';
  const { fileName } = await exportCdopStatistics(vault, input, ({ content }) => {
    contentBase64 = content.toString('base64');
  });
  return { fileName, contentBase64 };
}
