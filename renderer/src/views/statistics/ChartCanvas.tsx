import { Chart } from 'chart.js';
import { useEffect, useRef } from 'react';
import type { StatisticsTable } from '../../../../shared/cdop/statistics.js';
import { STATISTICS_CHART_PARTS, statisticsChart } from '../../../../shared/cdop/statistics-chart.js';

Chart.register(...STATISTICS_CHART_PARTS);

/**
 * A table's chart on a canvas, as shared/cdop/statistics-chart.ts describes it (the
 * annual report draws the same description in Node). The canvas is an image with
 * a short description; the table beside it carries the numbers for screen readers
 * and for checking.
 */
export function ChartCanvas({ table, description }: { table: StatisticsTable; description: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const key = JSON.stringify(table);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the table the chart draws
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const config = statisticsChart(table);
    // On screen the chart fills its box and follows the window's width.
    config.options = { ...config.options, responsive: true, maintainAspectRatio: false };
    const chart = new Chart(canvas, config);
    return () => chart.destroy();
  }, [key]);

  const rows = table.rows.length;
  const tall = table.rows.some((row) => row.label.length > 14) && rows > 6;
  return (
    <div className="chart-box" style={tall ? { height: `${Math.max(17, rows * 2.4)}rem` } : undefined}>
      <canvas ref={canvasRef} role="img" aria-label={description}>
        {description}
      </canvas>
    </div>
  );
}
