import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Only what these charts use, so the bundle carries no other chart types.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
);

const BAR = '#1d4f91';
const LINE_2 = '#8a4b00';
const TEXT = '#1b1f24';
const GRID = '#d5dbe2';

export interface Series {
  label: string;
  values: (number | null)[];
}

/**
 * A chart.js chart on a canvas. The canvas is an image with a short description;
 * the table beside it carries the numbers for screen readers and for checking.
 * No animation: figures appear at once, and reduced-motion users get nothing moving.
 */
export function ChartCanvas({
  type,
  labels,
  series,
  description,
  percent = false,
}: {
  type: 'bar' | 'line';
  labels: string[];
  series: Series[];
  description: string;
  percent?: boolean;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify({ type, labels, series, percent });

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the data the chart draws
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const config: ChartConfiguration<'bar' | 'line', (number | null)[], string> = {
      type,
      data: {
        labels,
        datasets: series.map((one, index) => ({
          label: one.label,
          data: one.values,
          backgroundColor: index === 0 ? BAR : LINE_2,
          borderColor: index === 0 ? BAR : LINE_2,
          borderWidth: type === 'line' ? 3 : 0,
          pointRadius: 4,
          // A dashed second line, so the two lines differ by more than colour.
          borderDash: index === 0 ? [] : [6, 4],
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: type === 'bar' && labels.some((label) => label.length > 14) ? 'y' : 'x',
        plugins: {
          tooltip: {
            callbacks: percent ? { label: (item) => `${item.dataset.label}: ${formatPercent(Number(item.raw))}` } : {},
          },
        },
        scales: {
          x: { ticks: { color: TEXT, font: { size: 13 } }, grid: { color: GRID } },
          y: {
            ticks: { color: TEXT, font: { size: 13 } },
            grid: { color: GRID },
            beginAtZero: true,
          },
        },
      },
    };
    // Counts are whole numbers; shares are percentages.
    const valueAxis = config.options?.indexAxis === 'y' ? 'x' : 'y';
    const axis = config.options?.scales?.[valueAxis];
    if (axis?.ticks) {
      axis.ticks = percent
        ? { ...axis.ticks, callback: (value) => formatPercent(Number(value)) }
        : { ...axis.ticks, precision: 0 };
      if (percent) (axis as { max?: number }).max = 1;
    }
    const chart = new Chart(canvas, config);
    return () => chart.destroy();
  }, [key]);

  return (
    <div className="chart-box">
      <canvas ref={canvasRef} role="img" aria-label={description}>
        {description}
      </canvas>
    </div>
  );
}

export function formatPercent(share: number | null): string {
  if (share === null || Number.isNaN(share)) return '—';
  return `${(share * 100).toFixed(1)}%`;
}
