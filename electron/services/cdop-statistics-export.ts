import ExcelJS from 'exceljs';
import { type AuditChainHead, auditChainHead } from '../../db/audit.js';
import { cdopStatistics, cdopTrend } from '../../db/cdop-statistics.js';
import type { Vault } from '../../db/vault.js';
import type { CdopStatisticsExport } from '../../shared/api/channels/cdop.js';
import {
  type PublishedStatistics,
  publishStatistics,
  type StatisticsBasis,
  trendPeriod,
  UNSUPPRESSED_WARNING,
  type ValueFormat,
} from '../../shared/cdop/statistics.js';
import { formatAuditAnchor } from './audit-anchor.js';

/**
 * The panel's figures as an .xlsx workbook: the headline figures, then a sheet per
 * table of the statistics screen (shared/cdop/statistics.ts builds both, so the
 * figures, the trend's years and the suppression are the screen's), each a plain
 * table a statistics team can paste from, headed by the basis and the suppression
 * rule applied. Main process only (exceljs). Like every export, the workbook's
 * document properties carry the audit anchor (see audit-anchor.ts), and the export
 * is audited once the file is handed over.
 */

const MARKING = 'OFFICIAL-SENSITIVE';
const NUMBER_FORMATS: Record<ValueFormat, string | undefined> = { count: undefined, days: '0.#', share: '0.0%' };

export async function cdopStatisticsWorkbook(
  published: PublishedStatistics,
  options: { anchor: AuditChainHead; createdAt?: Date },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Casebook';
  workbook.created = options.createdAt ?? new Date();
  workbook.description = formatAuditAnchor(options.anchor);
  const preamble = [published.basisStatement, published.suppression ?? UNSUPPRESSED_WARNING];

  const sheet = (name: string, title: string, notes: string[], header: string[]) => {
    const ws = workbook.addWorksheet(name, {
      headerFooter: { oddHeader: `&C&B${MARKING}`, oddFooter: `&C&B${MARKING}&R&P of &N` },
    });
    ws.addRow([title]).font = { bold: true, size: 13 };
    for (const line of [...preamble, ...notes]) ws.addRow([line]);
    ws.addRow([]);
    ws.addRow(header).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: ws.rowCount }];
    ws.columns.forEach((column, index) => {
      column.width = index === 0 ? 44 : 20;
    });
    return ws;
  };

  const summary = sheet('Summary', 'Child deaths: headline figures', [], ['Figure', 'Value']);
  for (const { label, value, format } of published.headline) {
    const row = summary.addRow([label, value]);
    const numFmt = NUMBER_FORMATS[format];
    if (numFmt && typeof value === 'number') row.getCell(2).numFmt = numFmt;
  }

  for (const table of published.tables) {
    const ws = sheet(table.sheet, table.title, table.notes, [table.rowHeader, ...table.columns.map((c) => c.label)]);
    for (const { label, values } of table.rows) {
      const row = ws.addRow([label, ...values]);
      table.columns.forEach((column, index) => {
        const numFmt = NUMBER_FORMATS[column.format];
        if (numFmt && typeof values[index] === 'number') row.getCell(index + 2).numFmt = numFmt;
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The file's name says the period, and the basis when it is not the national one. */
export function statisticsFileName(input: StatisticsExportInput, extension: 'xlsx' | 'docx' = 'xlsx'): string {
  const basis = input.basis === 'deaths' ? '-by-date-of-death' : '';
  const suppressed = input.suppressSmallNumbers ? '-suppressed' : '';
  return `casebook-cdop-statistics-${input.from}-to-${input.to}${basis}${suppressed}.${extension}`;
}

export interface StatisticsExportInput {
  from: string;
  to: string;
  basis: StatisticsBasis;
  suppressSmallNumbers: boolean;
}

/** The figures of the statistics screen for a period: the same tables, the same trend years. */
export function publishedStatistics(database: Vault['database'], input: StatisticsExportInput): PublishedStatistics {
  const { from, to, basis } = input;
  const trend = trendPeriod(from, to);
  return publishStatistics(
    cdopStatistics(database, from, to, basis),
    cdopTrend(database, trend.from, trend.to, basis),
    {
      suppress: input.suppressSmallNumbers,
    },
  );
}

/**
 * Builds the workbook, hands it to `save` (the CLI writes it to disk; the app
 * returns it to the window, which saves it), and only then audits the export.
 */
export async function exportCdopStatistics(
  vault: Pick<Vault, 'database' | 'write'>,
  input: StatisticsExportInput,
  save: (file: { fileName: string; content: Buffer }) => void | Promise<void>,
): Promise<{ fileName: string }> {
  const { from, to, basis, suppressSmallNumbers } = input;
  const anchor = auditChainHead(vault.database);
  const content = await cdopStatisticsWorkbook(publishedStatistics(vault.database, input), { anchor });
  const fileName = statisticsFileName(input);
  await save({ fileName, content });
  vault.write(
    { entity: 'cdop_statistics', action: 'exported', detail: { from, to, basis, suppressed: suppressSmallNumbers } },
    () => undefined,
  );
  return { fileName };
}

/** An export as the window receives it: the file's name and its bytes in base64 (the window saves it). */
export async function exportForChannel(
  exporter: (save: (file: { fileName: string; content: Buffer }) => void) => Promise<{ fileName: string }>,
): Promise<CdopStatisticsExport> {
  let contentBase64 = '';
  const { fileName } = await exporter(({ content }) => {
    contentBase64 = content.toString('base64');
  });
  return { fileName, contentBase64 };
}
