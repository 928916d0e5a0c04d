import '../cdop/cdop.css';
import { useId, useState } from 'react';
import { financialYearOf, financialYearStarting } from '../../../../shared/cdop/dates.js';
import {
  BASIS_LABELS,
  DEFAULT_STATISTICS_BASIS,
  formatValue,
  type PublishedStatistics,
  publishStatistics,
  STATISTICS_BASES,
  type StatisticsBasis,
  type StatisticsTable,
  trendPeriod,
  UNSUPPRESSED_WARNING,
} from '../../../../shared/cdop/statistics.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { Checkbox } from '../../components/Checkbox.js';
import { EmptyState } from '../../components/EmptyState.js';
import { DateField, SelectField } from '../../components/Field.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pending } from '../../components/Pending.js';
import { downloadBase64 } from '../../files.js';
import { todayIso } from '../../format.js';
import { useChange, useData } from '../../state/data.js';
import { ChartCanvas } from './ChartCanvas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const CUSTOM = 'custom';
/** Financial years offered in the chooser, counting back from the latest with data. */
const YEARS_OFFERED = 10;

/**
 * Panel statistics for a period on a basis: headline figures, then each breakdown
 * as a chart with its table (shared/cdop/statistics.ts builds them, as it does for
 * the exports). Opens on the latest financial year with data on the chosen basis.
 */
export function Statistics() {
  const [basis, setBasis] = useState<StatisticsBasis>(DEFAULT_STATISTICS_BASIS);
  const [choice, setChoice] = useState<string | null>(null);
  const [suppress, setSuppress] = useState(true);
  const current = financialYearOf(todayIso());
  const [customFrom, setCustomFrom] = useState(current.from);
  const [customTo, setCustomTo] = useState(todayIso());

  const anyCase = useData('cdop.case.list', { limit: 1 }).value;
  const latest = useData('cdop.statistics.latest', { basis });
  const latestYear = latest.value?.date ? financialYearOf(latest.value.date) : current;
  const years = Array.from({ length: YEARS_OFFERED }, (_, i) => financialYearStarting(latestYear.startYear - i));
  if (current.startYear > latestYear.startYear) years.unshift(current);
  // Until the reviewer chooses, the latest financial year with data.
  const chosen = choice ?? (latest.value ? String(latestYear.startYear) : null);
  const chosenYear = years.find((year) => String(year.startYear) === chosen);
  const period = chosenYear ? { from: chosenYear.from, to: chosenYear.to } : { from: customFrom, to: customTo };
  const validPeriod = chosen !== null && period.from !== '' && period.to !== '' && period.from <= period.to;

  const figures = useData('cdop.statistics', validPeriod ? { ...period, basis } : null);
  const trend = useData(
    'cdop.statistics.trend',
    validPeriod ? { ...trendPeriod(period.from, period.to), basis } : null,
  );

  if (anyCase && anyCase.length === 0) {
    return (
      <>
        <PageHeading title="Statistics">Statistics</PageHeading>
        <EmptyState title="No statistics yet">
          Once child death reviews are recorded, patterns and trends across them will be shown here.
        </EmptyState>
      </>
    );
  }

  return (
    <div className="cdop statistics">
      <PageHeading title="Statistics">Child death statistics</PageHeading>
      <fieldset className="filters">
        <legend>What to count</legend>
        <SelectField
          label="Basis"
          value={basis}
          onChange={(value) => setBasis(value || DEFAULT_STATISTICS_BASIS)}
          options={STATISTICS_BASES.map((code) => ({ code, label: BASIS_LABELS[code] }))}
        />
        <SelectField
          label="Period"
          value={chosen ?? ''}
          onChange={(value) => setChoice(value || CUSTOM)}
          options={[
            ...years.map((year) => ({
              code: String(year.startYear),
              label: `Financial year ${year.label} (April to March)`,
            })),
            { code: CUSTOM, label: 'Custom period' },
          ]}
        />
        {chosen === CUSTOM ? (
          <>
            <DateField label="From" value={customFrom} onChange={setCustomFrom} />
            <DateField
              label="To"
              error={validPeriod ? null : 'The period must end on or after its start'}
              value={customTo}
              onChange={setCustomTo}
            />
          </>
        ) : null}
        <Checkbox
          label="Suppress small numbers (1 to 4 shown as [c]), on screen and in the export, for publication"
          checked={suppress}
          onChange={setSuppress}
        />
      </fieldset>
      {!validPeriod ? null : figures.value && trend.value ? (
        <Figures published={publishStatistics(figures.value, trend.value, { suppress })} />
      ) : (
        <Pending data={figures.value ? trend : figures} loading="Loading figures…" />
      )}
    </div>
  );
}

function Figures({ published }: { published: PublishedStatistics }) {
  return (
    <>
      <p data-testid="basis">{published.basisStatement}</p>
      <p data-testid="suppression" className={published.suppression ? undefined : 'warning'}>
        {published.suppression ?? UNSUPPRESSED_WARNING}
      </p>
      <dl className="headline" aria-label="Headline figures">
        {published.headline.map(({ id, label, value, format }) => (
          <div key={id}>
            <dt>{label}</dt>
            <dd data-testid={id}>{formatValue(value, format)}</dd>
          </div>
        ))}
      </dl>

      <ExportPanel
        from={published.from}
        to={published.to}
        basis={published.basis}
        suppress={published.suppression !== null}
      />

      {published.tables.map((table) => (
        <FigureWithTable key={table.id} table={table} />
      ))}
    </>
  );
}

function FigureWithTable({ table }: { table: StatisticsTable }) {
  const headingId = useId();
  const charted = table.chart.columns;
  const description = `${table.title}: ${table.rows
    .map(
      (row) =>
        `${row.label} ${charted.map((i) => formatValue(row.values[i] ?? null, table.columns[i]?.format ?? 'count')).join(', ')}`,
    )
    .join('; ')}`;
  const wide = table.columns.length > 1 || table.rows.some((row) => row.label.length > 14);
  return (
    <section className={wide ? 'figure wide' : 'figure'} aria-labelledby={headingId} data-testid={table.id}>
      <h2 id={headingId}>{table.title}</h2>
      {table.notes.length > 0 ? (
        <p className="chart-key">
          {table.notes.join(' ')}
          {table.chart.type === 'line' ? ' Solid line: deaths notified. Dashed line: reviews completed.' : ''}
        </p>
      ) : null}
      <ChartCanvas table={table} description={description} />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable so a keyboard can scroll a table wider than its column (WCAG 2.1.1; axe scrollable-region-focusable). */}
      <section className="table-wrap" aria-labelledby={headingId} tabIndex={0}>
        <table>
          <caption className="visually-hidden">{table.title}</caption>
          <thead>
            <tr>
              <th scope="col">{table.rowHeader}</th>
              {table.columns.map((column) => (
                <th key={column.label} scope="col" className="number">
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {table.columns.map((column, index) => (
                  <td key={column.label} className="number">
                    {formatValue(row.values[index] ?? null, column.format)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

function ExportPanel(input: { from: string; to: string; basis: StatisticsBasis; suppress: boolean }) {
  const { run, busy, message, status } = useChange();
  const request = { from: input.from, to: input.to, basis: input.basis, suppressSmallNumbers: input.suppress };
  function download(channel: 'cdop.statistics.export' | 'cdop.statistics.report', mimeType: string) {
    return run(channel, request, {
      apply: (file) => downloadBase64({ ...file, mimeType }),
      done: (file) => `Downloaded ${file.fileName}.`,
    });
  }
  return (
    <section className="export" aria-label="Export the figures">
      <p>
        The workbook and the annual report hold every figure on this page, on this basis
        {input.suppress ? ', suppressed as shown' : ''}; the report adds each chart.
      </p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          onClick={() => void download('cdop.statistics.export', XLSX)}
          disabled={busy}
        >
          Download every figure (XLSX)
        </button>
        <button type="button" onClick={() => void download('cdop.statistics.report', DOCX)} disabled={busy}>
          Download the annual report (Word)
        </button>
      </div>
      <ErrorAlert message={message} />
      <StatusMessage message={status} />
    </section>
  );
}
