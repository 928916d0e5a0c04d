import { createCanvas } from '@napi-rs/canvas';
import { Chart, type ChartItem } from 'chart.js';
import { auditChainHead } from '../../db/audit.js';
import { readSettings } from '../../db/settings.js';
import { defaultActor, type Vault } from '../../db/vault.js';
import {
  formatValue,
  type PublishedStatistics,
  type StatisticsTable,
  UNSUPPRESSED_WARNING,
} from '../../shared/cdop/statistics.js';
import { STATISTICS_CHART_PARTS, statisticsChart } from '../../shared/cdop/statistics-chart.js';
import { formatIsoUk } from '../../shared/dates/fuzzy-date.js';
import { todayIso } from '../../shared/dates/iso-date.js';
import { formatAuditAnchor } from './audit-anchor.js';
import { publishedStatistics, type StatisticsExportInput, statisticsFileName } from './cdop-statistics-export.js';
import { packReport } from './reports/document.js';
import type { ReportBlock, ReportModel } from './reports/model.js';

/**
 * The CDOP annual report for a period as a Word document: every table of the
 * statistics screen (shared/cdop/statistics.ts, the same figures, basis and
 * suppression), each with its chart as an image above it. The charts are drawn
 * by chart.js from the screen's own chart description (shared/cdop/statistics-chart.ts)
 * on a Node canvas (@napi-rs/canvas, prebuilt binaries), so the CLI, which has no
 * browser, draws exactly what the window shows. The frame (title page, contents,
 * marking, page X of Y) is the one every report uses (reports/document.ts).
 */

Chart.register(...STATISTICS_CHART_PARTS);

/** Drawn at twice the printed size in pixels, so the image stays sharp on paper. */
const CHART_PIXELS = { width: 1600, height: 800 };
/** The image's printed size, in pixels at 96 dpi (about 16 by 8 cm). */
const CHART_PRINTED = { width: 600, height: 300 };

/** A table's chart as a PNG, white behind it (a transparent image prints grey in some viewers). */
export function chartPng(table: StatisticsTable): Uint8Array {
  const tall = table.chart.type === 'bar' && table.rows.length > 6 ? 1.5 : 1;
  const canvas = createCanvas(CHART_PIXELS.width, Math.round(CHART_PIXELS.height * tall));
  const config = statisticsChart(table, { fontSize: 26 });
  config.plugins = [
    {
      id: 'white-background',
      beforeDraw: (chart) => {
        chart.ctx.save();
        chart.ctx.fillStyle = '#ffffff';
        chart.ctx.fillRect(0, 0, chart.width, chart.height);
        chart.ctx.restore();
      },
    },
  ];
  // chart.js draws on any 2D canvas; in Node its basic platform reads the canvas's size.
  const chart = new Chart(canvas as unknown as ChartItem, config);
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}

function tableBlocks(table: StatisticsTable): ReportBlock[] {
  const tall = table.chart.type === 'bar' && table.rows.length > 6 ? 1.5 : 1;
  return [
    { type: 'heading', level: 2, text: table.title },
    ...table.notes.map((text): ReportBlock => ({ type: 'paragraph', text })),
    {
      type: 'image',
      png: chartPng(table),
      width: CHART_PRINTED.width,
      height: Math.round(CHART_PRINTED.height * tall),
      caption: `Chart: ${table.title}. The table below gives the figures${table.rows.some((row) => row.values.includes('[c]')) ? '; withheld values ([c]) are left out of the chart' : ''}.`,
    },
    {
      type: 'table',
      headers: [table.rowHeader, ...table.columns.map((column) => column.label)],
      rows: table.rows.map((row) => [
        row.label,
        ...table.columns.map((column, index) => formatValue(row.values[index] ?? null, column.format)),
      ]),
      widths: [3, ...table.columns.map(() => 2)],
    },
  ];
}

/** The report as a model: plain data, written by the common document frame. */
export function annualReportModel(
  published: PublishedStatistics,
  frame: { marking: string; board: string; date: string; description: string },
): ReportModel {
  const period = `${formatIsoUk(published.from)} to ${formatIsoUk(published.to)}`;
  return {
    title: 'Child Death Overview Panel: annual report',
    subtitle: [frame.board, `Figures for ${period}`].filter((line) => line !== ''),
    status: { kind: 'draft', version: 1, date: formatIsoUk(frame.date) },
    marking: frame.marking,
    titlePage: true,
    contents: true,
    description: frame.description,
    parts: [
      {
        orientation: 'portrait',
        blocks: [
          { type: 'heading', level: 1, text: 'About these figures' },
          { type: 'paragraph', text: published.basisStatement },
          { type: 'paragraph', text: published.suppression ?? UNSUPPRESSED_WARNING, bold: true },
          { type: 'heading', level: 1, text: 'Headline figures' },
          {
            type: 'facts',
            rows: published.headline.map(({ label, value, format }): [string, string] => [
              label,
              formatValue(value, format),
            ]),
          },
          { type: 'heading', level: 1, text: 'Figures and charts' },
          ...published.tables.flatMap(tableBlocks),
        ],
      },
    ],
  };
}

/** Builds the report, hands it to `save` (the CLI writes it; the app returns it), and only then audits the export. */
export async function exportCdopAnnualReport(
  vault: Pick<Vault, 'database' | 'write'>,
  input: StatisticsExportInput,
  save: (file: { fileName: string; content: Buffer }) => void | Promise<void>,
): Promise<{ fileName: string; tables: number }> {
  const published = publishedStatistics(vault.database, input);
  const settings = readSettings(vault.database, defaultActor());
  const model = annualReportModel(published, {
    marking: settings.protectiveMarking,
    board: settings.boardName,
    date: todayIso(),
    description: formatAuditAnchor(auditChainHead(vault.database)),
  });
  const content = await packReport(model);
  const fileName = statisticsFileName(input, 'docx').replace(
    'casebook-cdop-statistics-',
    'casebook-cdop-annual-report-',
  );
  await save({ fileName, content });
  const { from, to, basis, suppressSmallNumbers } = input;
  vault.write(
    {
      entity: 'cdop_statistics',
      action: 'annual report exported',
      detail: { from, to, basis, suppressed: suppressSmallNumbers },
    },
    () => undefined,
  );
  return { fileName, tables: published.tables.length };
}
