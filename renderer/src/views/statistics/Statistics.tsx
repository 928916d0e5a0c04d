import '../cdop/cdop.css';
import { useId, useState } from 'react';
import type { CdopStatistics, CdopTrendYear } from '../../../../shared/api/contract.js';
import { SEX_LABELS, SEXES } from '../../../../shared/cdop/case.js';
import { AGE_BAND_LABELS, AGE_BANDS, financialYearOf, financialYearStarting } from '../../../../shared/cdop/dates.js';
import { CATEGORIES_OF_DEATH } from '../../../../shared/cdop/forms/index.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { Checkbox } from '../../components/Checkbox.js';
import { EmptyState } from '../../components/EmptyState.js';
import { Field, SelectField } from '../../components/Field.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Pending } from '../../components/Pending.js';
import { UkDateInput } from '../../components/UkDateInput.js';
import { downloadBase64 } from '../../files.js';
import { formatDate, todayIso } from '../../format.js';
import { useChange, useData } from '../../state/data.js';
import { ChartCanvas, formatPercent } from './ChartCanvas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CUSTOM = 'custom';
/** Financial years offered in the chooser, counting back from the current one. */
const YEARS_OFFERED = 10;
/** The trend shows at least this many financial years up to the end of the period. */
const TREND_YEARS = 5;

/** The earlier of two ISO dates (they sort as text). */
const earlier = (a: string, b: string): string => (a <= b ? a : b);

/** Panel statistics for a period: headline figures, then each breakdown as a chart with its table. */
export function Statistics() {
  const current = financialYearOf(todayIso());
  const years = Array.from({ length: YEARS_OFFERED }, (_, i) => financialYearStarting(current.startYear - i));
  // Panels report on the last complete financial year; before any data, that is still the natural default.
  const [choice, setChoice] = useState(String(current.startYear - 1));
  const [customFrom, setCustomFrom] = useState(current.from);
  const [customTo, setCustomTo] = useState(todayIso());
  const chosenYear = years.find((year) => String(year.startYear) === choice);
  const period = chosenYear ? { from: chosenYear.from, to: chosenYear.to } : { from: customFrom, to: customTo };
  const validPeriod = period.from !== '' && period.to !== '' && period.from <= period.to;
  const trendFrom = financialYearStarting(
    financialYearOf(validPeriod ? period.to : current.to).startYear - (TREND_YEARS - 1),
  ).from;

  const anyCase = useData('cdop.case.list', { limit: 1 }).value;
  const figures = useData('cdop.statistics', validPeriod ? period : null);
  const trend = useData(
    'cdop.statistics.trend',
    validPeriod ? { from: earlier(trendFrom, period.from), to: period.to } : null,
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
        <legend>Period (by date of death)</legend>
        <SelectField
          label="Period"
          value={choice}
          onChange={(value) => setChoice(value || CUSTOM)}
          options={[
            ...years.map((year) => ({
              code: String(year.startYear),
              label: `Financial year ${year.label} (April to March)`,
            })),
            { code: CUSTOM, label: 'Custom period' },
          ]}
        />
        {choice === CUSTOM ? (
          <>
            <Field label="From">
              {(ids) => <UkDateInput id={ids.id} value={customFrom} onChange={(e) => setCustomFrom(e.target.value)} />}
            </Field>
            <Field label="To" error={validPeriod ? null : 'The period must end on or after its start'}>
              {(ids) => (
                <UkDateInput
                  id={ids.id}
                  value={customTo}
                  onChange={(e) => setCustomTo(e.target.value)}
                  aria-describedby={ids.describedBy}
                  aria-invalid={ids.invalid}
                />
              )}
            </Field>
          </>
        ) : null}
      </fieldset>
      {!validPeriod ? null : figures.value ? (
        <Figures figures={figures.value} trend={trend.value ?? []} />
      ) : (
        <Pending data={figures} loading="Loading figures…" />
      )}
    </div>
  );
}

function Figures({ figures, trend }: { figures: CdopStatistics; trend: CdopTrendYear[] }) {
  const periodText = `${formatDate(figures.from)} to ${formatDate(figures.to)}`;
  const notRecordedExpected = figures.notified - figures.expected - figures.unexpected;
  return (
    <>
      <p>
        Deaths with a date of death from <strong>{periodText}</strong>. Category and modifiable figures count completed
        reviews only.
      </p>
      <dl className="headline" aria-label="Headline figures">
        <div>
          <dt>Deaths notified</dt>
          <dd data-testid="notified">{figures.notified}</dd>
        </div>
        <div>
          <dt>Reviews completed</dt>
          <dd data-testid="reviewed">{figures.reviewed}</dd>
        </div>
        <div>
          <dt>Median days from death to review</dt>
          <dd>{figures.medianDaysToReview ?? '—'}</dd>
        </div>
        <div>
          <dt>Reviews with modifiable factors</dt>
          <dd>{formatPercent(figures.modifiableShare)}</dd>
        </div>
      </dl>

      <ExportPanel from={figures.from} to={figures.to} />

      <FigureWithTable
        title="Reviews by category of death"
        columns={['Category of death', 'Reviews']}
        rows={CATEGORIES_OF_DEATH.map((c) => [`${c.number}. ${c.label}`, figures.byCategory[String(c.number)] ?? 0])}
        chartLabels={CATEGORIES_OF_DEATH.map((c) => String(c.number))}
        wide
        testId="by-category"
      />
      <FigureWithTable
        title="Modifiable factors: share of reviews, overall and by category"
        columns={['Category of death', 'Share with modifiable factors']}
        rows={[
          ['All reviews', figures.modifiableShare],
          ...CATEGORIES_OF_DEATH.map(
            (c) =>
              [`${c.number}. ${c.label}`, figures.modifiableShareByCategory[String(c.number)] ?? null] as [
                string,
                number | null,
              ],
          ),
        ]}
        chartLabels={['All', ...CATEGORIES_OF_DEATH.map((c) => String(c.number))]}
        percent
        wide
        testId="modifiable"
      />
      {/* The simple breakdowns of deaths: [test id, title, what is counted, rows]. */}
      {(
        [
          [
            'by-age-band',
            'Deaths by age band',
            'Age band',
            AGE_BANDS.map((band) => [AGE_BAND_LABELS[band], figures.byAgeBand[band]]),
          ],
          ['by-sex', 'Deaths by sex', 'Sex', SEXES.map((sex) => [SEX_LABELS[sex], figures.bySex[sex]])],
          ['by-ethnicity', 'Deaths by ethnicity', 'Ethnicity', Object.entries(figures.byEthnicity)],
          [
            'expected',
            'Expected and unexpected deaths',
            'Expected or unexpected',
            [
              ['Expected', figures.expected],
              ['Unexpected', figures.unexpected],
              ['Not recorded', notRecordedExpected],
            ],
          ],
        ] as [string, string, string, [string, number][]][]
      ).map(([testId, title, counted, rows]) => (
        <FigureWithTable key={testId} title={title} columns={[counted, 'Deaths']} rows={rows} testId={testId} />
      ))}
      <TrendFigure trend={trend} />
    </>
  );
}

function FigureWithTable({
  title,
  columns,
  rows,
  chartLabels,
  percent = false,
  wide = false,
  testId,
}: {
  title: string;
  columns: [string, string];
  rows: [string, number | null][];
  chartLabels?: string[];
  percent?: boolean;
  /** Long row labels: the table goes under the chart rather than beside it, so no label is cut. */
  wide?: boolean;
  testId: string;
}) {
  const headingId = useId();
  const description = `${title}: ${rows.map(([label, value]) => `${label} ${percent ? formatPercent(value) : value}`).join('; ')}`;
  return (
    <section className={wide ? 'figure wide' : 'figure'} aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId}>{title}</h2>
      <ChartCanvas
        type="bar"
        labels={chartLabels ?? rows.map(([label]) => label)}
        series={[{ label: columns[1], values: rows.map(([, value]) => value) }]}
        description={description}
        percent={percent}
      />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable so a keyboard can scroll a table wider than its column (WCAG 2.1.1; axe scrollable-region-focusable). */}
      <section className="table-wrap" aria-labelledby={headingId} tabIndex={0}>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{columns[0]}</th>
              <th scope="col" className="number">
                {columns[1]}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td className="number">{percent ? formatPercent(value) : value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

function TrendFigure({ trend }: { trend: CdopTrendYear[] }) {
  const headingId = useId();
  const description = `Trend by financial year: ${trend.map((y) => `${y.label} ${y.notified} notified, ${y.reviewed} reviewed`).join('; ')}`;
  return (
    <section className="figure wide" aria-labelledby={headingId} data-testid="trend">
      <h2 id={headingId}>Trend across financial years</h2>
      <p className="chart-key">Solid line: deaths notified. Dashed line: reviews completed.</p>
      <ChartCanvas
        type="line"
        labels={trend.map((y) => y.label)}
        series={[
          { label: 'Deaths notified (solid line)', values: trend.map((y) => y.notified) },
          { label: 'Reviews completed (dashed line)', values: trend.map((y) => y.reviewed) },
        ]}
        description={description}
      />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable so a keyboard can scroll a table wider than its column (WCAG 2.1.1; axe scrollable-region-focusable). */}
      <section className="table-wrap" aria-labelledby={headingId} tabIndex={0}>
        <table>
          <caption className="visually-hidden">Trend across financial years</caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              <th scope="col" className="number">
                Notified
              </th>
              <th scope="col" className="number">
                Reviewed
              </th>
              <th scope="col" className="number">
                Median days
              </th>
              <th scope="col" className="number">
                Modifiable
              </th>
            </tr>
          </thead>
          <tbody>
            {trend.map((year) => (
              <tr key={year.label}>
                <th scope="row">{year.label}</th>
                <td className="number">{year.notified}</td>
                <td className="number">{year.reviewed}</td>
                <td className="number">{year.medianDaysToReview ?? '—'}</td>
                <td className="number">{formatPercent(year.modifiableShare)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

function ExportPanel({ from, to }: { from: string; to: string }) {
  const [suppress, setSuppress] = useState(true);
  const { run, busy, message, status } = useChange();
  function download() {
    return run(
      'cdop.statistics.export',
      { from, to, suppressSmallNumbers: suppress },
      {
        apply: (file) => downloadBase64({ ...file, mimeType: XLSX }),
        done: (file) => `Downloaded ${file.fileName}.`,
      },
    );
  }
  return (
    <section className="export" aria-label="Export the figures">
      <Checkbox
        label="Suppress small numbers (1 to 4 shown as [c]) for publication"
        checked={suppress}
        onChange={setSuppress}
      />
      <div className="actions">
        <button type="button" className="primary" onClick={() => void download()} disabled={busy}>
          Download every figure (XLSX)
        </button>
      </div>
      <ErrorAlert message={message} />
      <StatusMessage message={status} />
    </section>
  );
}
