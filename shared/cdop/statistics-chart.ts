import {
  BarController,
  BarElement,
  CategoryScale,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { StatisticsTable, Value } from './statistics.js';
import { SUPPRESSED } from './suppression.js';

/**
 * The chart of a statistics table as a chart.js configuration: one description,
 * drawn by chart.js on the window's canvas (renderer/src/views/statistics) and on
 * a Node canvas for the annual report, so the screen and the report show the same
 * chart. A withheld value ([c]) is left out of the chart, never drawn as a number;
 * the table beside the chart says so.
 */

/** What these charts use, registered with chart.js by each place that draws them, so nothing else is carried. */
export const STATISTICS_CHART_PARTS = [
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
];

const COLOURS = ['#1d4f91', '#8a4b00'];
const TEXT = '#1b1f24';
const GRID = '#d5dbe2';
/** Row labels longer than this are drawn on several lines, so the category names fit beside their bars. */
const LINE_LENGTH = 26;

export type StatisticsChartConfiguration = ChartConfiguration<'bar' | 'line', (number | null)[], string | string[]>;

function wrap(label: string): string | string[] {
  if (label.length <= LINE_LENGTH) return label;
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line !== '' && line.length + word.length + 1 > LINE_LENGTH) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

const plotted = (value: Value): number | null => (value === SUPPRESSED ? null : value);

export function formatShare(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** The chart of a table; `fontSize` grows for the printed report. No animation: figures appear at once. */
export function statisticsChart(
  table: StatisticsTable,
  options: { fontSize?: number } = {},
): StatisticsChartConfiguration {
  const { type, columns } = table.chart;
  const percent = columns.every((index) => table.columns[index]?.format === 'share');
  const font = { size: options.fontSize ?? 13 };
  const longLabels = type === 'bar' && table.rows.some((row) => row.label.length > 14);
  const valueTicks = percent
    ? { color: TEXT, font, callback: (value: string | number) => formatShare(Number(value)) }
    : { color: TEXT, font, precision: 0 };
  const labelTicks = { color: TEXT, font, autoSkip: false };
  const valueAxis = { ticks: valueTicks, grid: { color: GRID }, beginAtZero: true, ...(percent ? { max: 1 } : {}) };
  const labelAxis = { ticks: labelTicks, grid: { color: GRID } };
  return {
    type,
    data: {
      labels: table.rows.map((row) => (longLabels ? wrap(row.label) : row.label)),
      datasets: columns.map((column, index) => ({
        label: table.columns[column]?.label ?? '',
        data: table.rows.map((row) => plotted(row.values[column] ?? null)),
        backgroundColor: COLOURS[index % COLOURS.length],
        borderColor: COLOURS[index % COLOURS.length],
        borderWidth: type === 'line' ? 3 : 0,
        pointRadius: 4,
        // A dashed second line, so the two lines differ by more than colour.
        borderDash: index === 0 ? [] : [6, 4],
      })),
    },
    options: {
      animation: false,
      responsive: false,
      indexAxis: longLabels ? 'y' : 'x',
      plugins: {
        legend: { display: columns.length > 1, labels: { color: TEXT, font } },
        tooltip: percent
          ? { callbacks: { label: (item) => `${item.dataset.label}: ${formatShare(Number(item.raw))}` } }
          : {},
      },
      scales: longLabels ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis },
    },
  };
}
