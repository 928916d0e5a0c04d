import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { ImportCommitResult, ImportMode, ImportPreviewResult, Review } from '../../../../shared/api/contract.js';
import type { ChronologyField } from '../../../../shared/chronology/fields.js';
import { call, errorMessage, onNamedEvent } from '../../api/client.js';
import { ErrorAlert } from '../../components/Alert.js';
import { Field } from '../../components/Field.js';
import { readFileAsBase64 } from '../../files.js';
import { formatDateTime } from '../../format.js';
import { chronologyPath } from './routes.js';
import { recordImport } from './store.js';

/**
 * Importing one agency's chronology: choose the agency and the file, match the
 * columns when a required one is not found, check the preview (every problem with
 * its spreadsheet row), then import all rows or only the valid ones, with a
 * progress bar. Nothing is written before the last step, and a file already
 * imported into this review needs an explicit confirmation.
 */

type Step = 'choose' | 'mapping' | 'preview' | 'result';
const NEW_AGENCY = '\u0000new';

const MATCHED_BY_LABELS: Record<string, string> = {
  saved: 'Remembered from this agency’s last import',
  exact: 'Header matches the field’s name',
  contains: 'Header contains the field’s name: please check',
  chosen: 'Chosen by you',
};

export function ImportWizard({ review, onClose }: { review: Review; onClose: () => void }) {
  const [step, setStep] = useState<Step>('choose');
  const [preview, setPreview] = useState<ImportPreviewResult | null>(null);
  const [agency, setAgency] = useState('');
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  const previewRef = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A preview not imported is dropped from the main process's memory when the wizard closes.
  useEffect(
    () => () => {
      if (previewRef.current) void call('chronology.discardPreview', { previewId: previewRef.current }).catch(() => {});
    },
    [],
  );

  // Each step's heading takes focus, so keyboard and screen-reader users start at its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes
  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  function showPreview(next: ImportPreviewResult) {
    previewRef.current = next.previewId;
    setPreview(next);
    setStep(next.missingRequired.length > 0 ? 'mapping' : 'preview');
  }

  const heading = {
    choose: 'Import an agency chronology',
    mapping: 'Match the columns',
    preview: 'Check the rows before importing',
    result: 'Import finished',
  }[step];

  return (
    <section className="import-wizard" aria-labelledby="import-heading">
      <p className="step-count muted">Step {['choose', 'mapping', 'preview', 'result'].indexOf(step) + 1} of 4</p>
      <h2 id="import-heading" ref={headingRef} tabIndex={-1}>
        {heading}
      </h2>
      {step === 'choose' ? (
        <ChooseStep
          review={review}
          onCancel={onClose}
          onPreview={(next, agencyName) => {
            setAgency(agencyName);
            showPreview(next);
          }}
        />
      ) : null}
      {step === 'mapping' && preview ? (
        <MappingStep
          preview={preview}
          onBack={() => setStep(preview.missingRequired.length > 0 ? 'choose' : 'preview')}
          onPreview={(next) => {
            setPreview(next);
            if (next.missingRequired.length === 0) setStep('preview');
          }}
        />
      ) : null}
      {step === 'preview' && preview ? (
        <PreviewStep
          preview={preview}
          onPreview={setPreview}
          onMapping={() => setStep('mapping')}
          onCancel={onClose}
          onDone={(done) => {
            previewRef.current = null;
            setResult(done);
            setStep('result');
            recordImport({ ...done, agency, fileName: preview.fileName });
          }}
        />
      ) : null}
      {step === 'result' && result && preview ? (
        <ResultStep review={review} preview={preview} agency={agency} result={result} onClose={onClose} />
      ) : null}
    </section>
  );
}

// ---- 1. agency and file ----------------------------------------------------------------

function ChooseStep({
  review,
  onCancel,
  onPreview,
}: {
  review: Review;
  onCancel: () => void;
  onPreview: (preview: ImportPreviewResult, agency: string) => void;
}) {
  const [choice, setChoice] = useState(review.agencies[0]?.name ?? NEW_AGENCY);
  const [newAgency, setNewAgency] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const legendId = useId();
  const newAgencyId = useId();

  const agencyName = choice === NEW_AGENCY ? newAgency.trim() : choice;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!agencyName) return setError('Choose the agency the file comes from, or type its name.');
    if (!file) return setError('Choose the chronology file (CSV or Excel .xlsx).');
    setBusy(true);
    setError(null);
    try {
      const contentBase64 = await readFileAsBase64(file);
      const preview = await call('chronology.previewImport', {
        reviewId: review.id,
        agency: agencyName,
        fileName: file.name,
        contentBase64,
      });
      onPreview(preview, agencyName);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <p>Casebook reads the file and shows you every row and problem before anything is saved.</p>
      <fieldset aria-labelledby={legendId}>
        <legend id={legendId}>Which agency is this chronology from?</legend>
        <div className="radios">
          {review.agencies.map((agency) => (
            <label key={agency.id} className="radio">
              <input
                type="radio"
                name="agency"
                value={agency.name}
                checked={choice === agency.name}
                onChange={() => setChoice(agency.name)}
              />
              <span>{agency.name}</span>
            </label>
          ))}
          <label className="radio">
            <input
              type="radio"
              name="agency"
              value={NEW_AGENCY}
              checked={choice === NEW_AGENCY}
              onChange={() => setChoice(NEW_AGENCY)}
            />
            <span>{review.agencies.length > 0 ? 'Another agency' : 'An agency not yet in this review'}</span>
          </label>
        </div>
        {choice === NEW_AGENCY ? (
          <div className="field">
            <label htmlFor={newAgencyId}>Agency name</label>
            <p className="hint">It is added to the review’s agencies when the import is saved.</p>
            <input
              id={newAgencyId}
              type="text"
              value={newAgency}
              maxLength={200}
              onChange={(event) => setNewAgency(event.target.value)}
            />
          </div>
        ) : null}
      </fieldset>
      <Field label="Chronology file" hint="A CSV file or an Excel workbook (.xlsx), as the agency sent it.">
        {(ids) => (
          <input
            id={ids.id}
            aria-describedby={ids.describedBy}
            type="file"
            accept=".csv,.xlsx"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <ErrorAlert message={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Reading the file…' : 'Read the file'}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

// ---- sheet choice (workbooks with several sheets) ------------------------------------------

function SheetChoice({
  preview,
  onPreview,
  onError,
}: {
  preview: ImportPreviewResult;
  onPreview: (next: ImportPreviewResult) => void;
  onError: (message: string | null) => void;
}) {
  const [busy, setBusy] = useState(false);
  if (preview.sheets.length < 2) return null;
  return (
    <Field label="Sheet" hint="This workbook has several sheets: choose the one with the chronology.">
      {(ids) => (
        <select
          id={ids.id}
          aria-describedby={ids.describedBy}
          value={preview.sheet ?? ''}
          disabled={busy}
          onChange={(event) => {
            setBusy(true);
            onError(null);
            call('chronology.updatePreview', { previewId: preview.previewId, sheet: event.target.value })
              .then(onPreview)
              .catch((caught: unknown) => onError(errorMessage(caught)))
              .finally(() => setBusy(false));
          }}
        >
          {preview.sheets.map((sheet) => (
            <option key={sheet} value={sheet}>
              {sheet}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

// ---- 2. column mapping ------------------------------------------------------------------

function headerLabel(preview: ImportPreviewResult, index: number): string {
  const header = preview.headers[index]?.trim();
  return header ? header : `Column ${index + 1} (no header)`;
}

function MappingStep({
  preview,
  onBack,
  onPreview,
}: {
  preview: ImportPreviewResult;
  onBack: () => void;
  onPreview: (next: ImportPreviewResult) => void;
}) {
  const [mapping, setMapping] = useState<Partial<Record<ChronologyField, number | null>>>(preview.mapping);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A different sheet has different headers: start again from Casebook's match for it.
  useEffect(() => setMapping(preview.mapping), [preview.mapping]);

  async function apply(event: FormEvent) {
    event.preventDefault();
    const missing = preview.fields.filter((field) => field.required && (mapping[field.field] ?? null) === null);
    if (missing.length > 0) {
      return setError(`Choose a column for ${missing.map((field) => field.label).join(' and ')}.`);
    }
    const seen = new Map<number, string>();
    for (const field of preview.fields) {
      const index = mapping[field.field];
      if (index === undefined || index === null) continue;
      const other = seen.get(index);
      if (other) return setError(`${other} and ${field.label} both use “${headerLabel(preview, index)}”: choose one.`);
      seen.set(index, field.label);
    }
    setBusy(true);
    setError(null);
    try {
      onPreview(await call('chronology.updatePreview', { previewId: preview.previewId, mapping }));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void apply(event)} noValidate>
      {preview.missingRequired.length > 0 ? (
        <p className="banner">
          Casebook could not find a column for <strong>{preview.missingRequired.join(' and ')}</strong> in “
          {preview.fileName}”. Choose which column holds each field; Casebook remembers your choice for this agency.
        </p>
      ) : (
        <p>Check which column of the file holds each field. Casebook remembers your choice for this agency.</p>
      )}
      <SheetChoice preview={preview} onPreview={onPreview} onError={setError} />
      <p className="muted">The column headers were found on row {preview.headerRowNumber} of the spreadsheet.</p>
      <div className="table-wrap">
        <table className="mapping-table">
          <caption className="visually-hidden">Casebook fields and the file’s columns</caption>
          <thead>
            <tr>
              <th scope="col">Casebook field</th>
              <th scope="col">Column in the file</th>
              <th scope="col">How it was matched</th>
            </tr>
          </thead>
          <tbody>
            {preview.fields.map((field) => {
              const value = mapping[field.field];
              const selectId = `mapping-${field.field}`;
              const how =
                value === undefined || value === null
                  ? field.required
                    ? 'Not found: required'
                    : 'Not in this file'
                  : value === preview.mapping[field.field]
                    ? (MATCHED_BY_LABELS[preview.matchedBy[field.field] ?? ''] ?? 'Matched')
                    : 'Chosen by you';
              return (
                <tr key={field.field}>
                  <th scope="row">
                    <label htmlFor={selectId}>
                      {field.label}
                      {field.required ? <span className="required"> (required)</span> : null}
                    </label>
                  </th>
                  <td>
                    <select
                      id={selectId}
                      value={value === undefined || value === null ? '' : String(value)}
                      aria-invalid={field.required && (value === undefined || value === null) ? true : undefined}
                      onChange={(event) =>
                        setMapping({
                          ...mapping,
                          [field.field]: event.target.value === '' ? null : Number(event.target.value),
                        })
                      }
                    >
                      <option value="">Not in this file</option>
                      {preview.headers.map((_, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: the header's position is its identity
                        <option key={index} value={String(index)}>
                          {headerLabel(preview, index)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className={how.startsWith('Not found') ? 'problem-text' : undefined}>{how}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ErrorAlert message={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking the rows…' : 'Use these columns'}
        </button>
        <button type="button" className="secondary" onClick={onBack} disabled={busy}>
          Back
        </button>
      </div>
    </form>
  );
}

// ---- 3. preview -------------------------------------------------------------------------

function PreviewStep({
  preview,
  onPreview,
  onMapping,
  onCancel,
  onDone,
}: {
  preview: ImportPreviewResult;
  onPreview: (next: ImportPreviewResult) => void;
  onMapping: () => void;
  onCancel: () => void;
  onDone: (result: ImportCommitResult) => void;
}) {
  const [importing, setImporting] = useState(false);
  const [confirmReimport, setConfirmReimport] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { counts, problems } = preview;
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  const needsConfirm = preview.alreadyImported !== null && !confirmReimport;
  const problemsId = useId();
  const sampleId = useId();

  async function commit(mode: ImportMode) {
    setError(null);
    setImporting(true);
    try {
      const result = await call('chronology.commitImport', {
        previewId: preview.previewId,
        mode,
        confirmReimport: preview.alreadyImported !== null && confirmReimport,
      });
      if (result.importId === null && result.imported === 0) {
        setImporting(false);
        setError(`Nothing was imported: ${result.rejected.length} problems must be corrected first.`);
        return;
      }
      onDone(result);
    } catch (caught) {
      setImporting(false);
      setError(errorMessage(caught));
    }
  }

  if (importing) return <Progress previewId={preview.previewId} />;

  const allReason =
    counts.rows === 0
      ? 'The file has no rows to import.'
      : counts.rejected > 0
        ? `${counts.rejected} ${counts.rejected === 1 ? 'row has' : 'rows have'} errors: correct the file and read it again, or skip ${counts.rejected === 1 ? 'it' : 'them'}.`
        : needsConfirm
          ? 'Confirm above that this file should be imported again.'
          : '';

  return (
    <>
      <p>
        <strong>{preview.fileName}</strong>
        {preview.sheet ? `, sheet “${preview.sheet}”` : ''} for <strong>{preview.agency.name}</strong>
        {preview.agency.id ? '' : ' (a new agency in this review)'}. Column headers on row {preview.headerRowNumber}.
      </p>
      <SheetChoice preview={preview} onPreview={onPreview} onError={setError} />
      <dl className="import-counts">
        <div>
          <dt>Rows read</dt>
          <dd>{counts.rows}</dd>
        </div>
        <div>
          <dt>Valid rows</dt>
          <dd>{counts.valid}</dd>
        </div>
        <div>
          <dt>Rows with errors</dt>
          <dd className={counts.rejected > 0 ? 'problem-text' : undefined}>{counts.rejected}</dd>
        </div>
        <div>
          <dt>Valid rows with warnings</dt>
          <dd>{counts.withWarnings}</dd>
        </div>
      </dl>
      <p className="actions">
        <button type="button" className="link" onClick={onMapping}>
          Check the column mapping
        </button>
      </p>

      <section aria-labelledby={problemsId}>
        <h3 id={problemsId}>
          Problems ({errors} {errors === 1 ? 'error' : 'errors'}, {warnings} {warnings === 1 ? 'warning' : 'warnings'})
        </h3>
        {problems.length === 0 ? (
          <p>No problems: every row can be imported.</p>
        ) : (
          <div className="table-wrap problems-wrap">
            <table className="problems-table">
              <caption className="visually-hidden">
                Every problem found, by the row number shown in Excel (the header is row {preview.headerRowNumber})
              </caption>
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                  <th scope="col">Type</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((problem, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id; the list does not change order
                  <tr key={index} className={problem.severity}>
                    <td>{problem.row}</td>
                    <td>{problem.column || '—'}</td>
                    <td>{problem.reason}</td>
                    <td>
                      <span className={`badge badge-${problem.severity}`}>
                        {problem.severity === 'error' ? 'Error: row not imported' : 'Warning'}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby={sampleId}>
        <h3 id={sampleId}>How the first rows will be stored</h3>
        {preview.sampleRows.length === 0 ? (
          <p>No valid rows.</p>
        ) : (
          <div className="table-wrap">
            <table className="sample-table">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Date as written</th>
                  <th scope="col">Date as understood</th>
                  <th scope="col">Time</th>
                  <th scope="col">Source</th>
                  <th scope="col">Practitioner</th>
                  <th scope="col">Event</th>
                </tr>
              </thead>
              <tbody>
                {preview.sampleRows.map((row) => (
                  <tr key={row.row}>
                    <td>{row.row}</td>
                    <td>{row.date.text}</td>
                    <td>{row.date.display}</td>
                    <td>{row.time ?? ''}</td>
                    <td>{row.source ?? ''}</td>
                    <td>{row.practitioner ?? ''}</td>
                    <td className="sample-event">{row.event}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {preview.alreadyImported ? (
        <div className="banner reimport">
          <p>
            <strong>This file was already imported on {formatDateTime(preview.alreadyImported.importedAt)}</strong> (as
            “{preview.alreadyImported.fileName}”, {preview.alreadyImported.entries} entries). Importing it again adds
            its entries a second time.
          </p>
          <div className="checkbox">
            <input
              id="confirm-reimport"
              type="checkbox"
              checked={confirmReimport}
              onChange={(event) => setConfirmReimport(event.target.checked)}
            />
            <label htmlFor="confirm-reimport">Import this file again anyway</label>
          </div>
        </div>
      ) : null}

      <ErrorAlert message={error} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={allReason !== ''}
          aria-describedby={allReason ? 'import-all-why' : undefined}
          onClick={() => void commit('all-or-nothing')}
        >
          Import all {counts.rows} rows
        </button>
        {counts.rejected > 0 && counts.valid > 0 ? (
          <button
            type="button"
            className="secondary"
            disabled={needsConfirm}
            onClick={() => void commit('skip-invalid')}
          >
            Import the {counts.valid} valid rows and skip {counts.rejected}
          </button>
        ) : null}
        <button type="button" className="link" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className="why-disabled" id="import-all-why">
        {allReason}
      </p>
    </>
  );
}

// ---- 4. progress ------------------------------------------------------------------------

function Progress({ previewId }: { previewId: string }) {
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  useEffect(
    () =>
      onNamedEvent('chronology.importProgress', (payload) => {
        if (payload.previewId === previewId) setProgress({ done: payload.done, total: payload.total });
      }),
    [previewId],
  );
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <>
      <p>Saving the rows into the vault. Nothing is saved unless every row is written.</p>
      <div
        className="progress"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={progress.total > 0 ? `${progress.done} of ${progress.total} rows` : 'Starting'}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="muted" aria-hidden="true">
        {progress.total > 0 ? `${progress.done} of ${progress.total} rows` : 'Starting…'}
      </p>
    </>
  );
}

// ---- 5. result --------------------------------------------------------------------------

function ResultStep({
  review,
  preview,
  agency,
  result,
  onClose,
}: {
  review: Review;
  preview: ImportPreviewResult;
  agency: string;
  result: ImportCommitResult;
  onClose: () => void;
}) {
  const skippedRows = new Set(result.rejected.map((rejected) => rejected.row)).size;
  return (
    <>
      <p className="status success">
        {result.imported} {result.imported === 1 ? 'entry' : 'entries'} imported from “{preview.fileName}” for {agency}.
      </p>
      <dl className="import-counts">
        <div>
          <dt>Imported</dt>
          <dd>{result.imported}</dd>
        </div>
        <div>
          <dt>Rows skipped</dt>
          <dd>{skippedRows}</dd>
        </div>
        <div>
          <dt>Imported with a warning</dt>
          <dd>{result.warnings}</dd>
        </div>
        <div>
          <dt>Possible duplicates found</dt>
          <dd>{result.possibleDuplicates}</dd>
        </div>
      </dl>
      {skippedRows > 0 ? (
        <p>
          Skipped rows (spreadsheet row numbers):{' '}
          {[...new Set(result.rejected.map((rejected) => rejected.row))].join(', ')}. Correct them in the agency’s file
          and import them, or add them by hand.
        </p>
      ) : null}
      <div className="actions">
        {result.possibleDuplicates > 0 ? (
          <a className="button-link" href={chronologyPath(review.id, { duplicates: true })}>
            Review the {result.possibleDuplicates} possible{' '}
            {result.possibleDuplicates === 1 ? 'duplicate' : 'duplicates'}
          </a>
        ) : null}
        <button type="button" className="secondary" onClick={onClose}>
          Back to the chronology
        </button>
      </div>
    </>
  );
}
