import { type ChangeEvent, useState } from 'react';
import type { CdopImportCommitResult, CdopImportPreviewResult } from '../../../../shared/api/contract.js';
import { SEX_LABELS } from '../../../../shared/cdop/case.js';
import { call, errorMessage } from '../../api/client.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { Field } from '../../components/Field.js';
import { PageHeading } from '../../components/PageHeading.js';
import { readFileAsBase64 } from '../../files.js';
import { formatDate } from '../../format.js';
import { cdopPath } from './routes.js';

/** Historical cases from a spreadsheet: pick, preview every problem by row, then import all or skip invalid rows. */
export function ImportCases() {
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<CdopImportPreviewResult | null>(null);
  const [result, setResult] = useState<CdopImportCommitResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(name: string, base64: string, sheet?: string) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      if (preview) void call('cdop.discardPreview', { previewId: preview.previewId }).catch(() => undefined);
      setPreview(
        await call('cdop.previewImport', {
          fileName: name,
          contentBase64: base64,
          ...(sheet === undefined ? {} : { sheet }),
        }),
      );
    } catch (caught) {
      setPreview(null);
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  async function pick(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    const base64 = await readFileAsBase64(chosen);
    setFile({ name: chosen.name, base64 });
    await load(chosen.name, base64);
  }

  async function commit(mode: 'all-or-nothing' | 'skip-invalid') {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const done = await call('cdop.commitImport', { previewId: preview.previewId, mode });
      setResult(done);
      if (done.imported > 0) setPreview(null);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const errors = preview?.problems.filter((p) => p.severity === 'error').length ?? 0;
  const canImport = preview !== null && preview.missingRequired.length === 0 && preview.counts.valid > 0;

  return (
    <div className="cdop">
      <PageHeading title="Import historical cases">Import historical cases</PageHeading>
      <p>
        <a href={cdopPath.list()}>Back to child deaths</a>
      </p>
      <p>
        A CSV or Excel (.xlsx) file with a row per case and the columns reference, date_of_birth, date_of_death, sex,
        date_notified, and optionally ethnicity, expected, category, modifiable and date_review_completed. Common header
        names such as "DOB" or "Case Ref" are recognised. Nothing is saved until you choose to import.
      </p>
      <Field label="Spreadsheet (.csv or .xlsx)">
        {(ids) => (
          <input id={ids.id} type="file" accept=".csv,.xlsx,text/csv" onChange={(e) => void pick(e)} disabled={busy} />
        )}
      </Field>
      <ErrorAlert message={error} />
      <StatusMessage
        message={
          result
            ? result.imported > 0
              ? `Imported ${result.imported} case${result.imported === 1 ? '' : 's'}${result.rejected.length > 0 ? `; ${result.rejected.length} row problem(s) left out` : ''}.`
              : `Nothing was imported: ${result.rejected.length} row problem(s). Fix the rows, or import the valid rows and skip the others.`
            : null
        }
        tone={result && result.imported === 0 ? 'info' : 'success'}
      />
      {result && result.imported > 0 ? (
        <p>
          <a href={cdopPath.list()}>See the imported cases</a>
        </p>
      ) : null}
      {busy ? <p className="muted">Working…</p> : null}

      {preview && file ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">Preview of {preview.fileName}</h2>
          {preview.sheets.length > 1 ? (
            <Field label="Sheet">
              {(ids) => (
                <select
                  id={ids.id}
                  value={preview.sheet ?? ''}
                  onChange={(e) => void load(file.name, file.base64, e.target.value)}
                >
                  {preview.sheets.map((sheet) => (
                    <option key={sheet}>{sheet}</option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
          {preview.missingRequired.length > 0 ? (
            <div className="warning">
              <p>
                <strong>The file has no column for: {preview.missingRequired.join(', ')}.</strong> Headers found:{' '}
                {preview.headers.filter(Boolean).join(', ')}. Rename the columns and choose the file again.
              </p>
            </div>
          ) : (
            <p>
              {preview.counts.rows} row{preview.counts.rows === 1 ? '' : 's'} read:{' '}
              <strong>{preview.counts.valid} ready</strong>, <strong>{preview.counts.rejected} with errors</strong>,{' '}
              {preview.counts.withWarnings} with warnings.
            </p>
          )}
          <h3>Columns</h3>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">How the file's columns were matched</caption>
              <thead>
                <tr>
                  <th scope="col">Casebook field</th>
                  <th scope="col">Column in the file</th>
                </tr>
              </thead>
              <tbody>
                {preview.fields.map((field) => {
                  const index = preview.mapping[field.field];
                  return (
                    <tr key={field.field}>
                      <td>
                        {field.label}
                        {field.required ? ' (required)' : ''}
                      </td>
                      <td>{index === undefined ? 'Not found' : preview.headers[index]}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {preview.problems.length > 0 ? (
            <>
              <h3>Problems, by spreadsheet row</h3>
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">
                    Every problem found, with its row number in the spreadsheet
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Row</th>
                      <th scope="col">Column</th>
                      <th scope="col">Problem</th>
                      <th scope="col">Effect</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.problems.map((problem, at) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: problems have no id; the list is replaced, never reordered
                      <tr key={at}>
                        <td>{problem.row}</td>
                        <td>{problem.column || '—'}</td>
                        <td>{problem.reason}</td>
                        <td>{problem.severity === 'error' ? 'Error: row left out' : 'Warning: row imported'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          {preview.sampleRows.length > 0 ? (
            <>
              <h3>First rows as they will be saved</h3>
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">The first valid rows</caption>
                  <thead>
                    <tr>
                      <th scope="col">Row</th>
                      <th scope="col">Reference</th>
                      <th scope="col">Date of birth</th>
                      <th scope="col">Date of death</th>
                      <th scope="col">Sex</th>
                      <th scope="col">Category</th>
                      <th scope="col">Review completed</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.sampleRows.map((row) => (
                      <tr key={row.row}>
                        <td>{row.row}</td>
                        <td>{row.reference}</td>
                        <td>{formatDate(row.dateOfBirth)}</td>
                        <td>{formatDate(row.dateOfDeath)}</td>
                        <td>{SEX_LABELS[row.sex]}</td>
                        <td>{row.category ?? '—'}</td>
                        <td>{row.dateReviewCompleted ? formatDate(row.dateReviewCompleted) : 'Not yet reviewed'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={!canImport || busy || errors > 0}
              onClick={() => void commit('all-or-nothing')}
            >
              Import all rows
            </button>
            <button
              type="button"
              className="secondary"
              disabled={!canImport || busy}
              onClick={() => void commit('skip-invalid')}
            >
              Import valid rows, skip invalid ones
            </button>
          </div>
          {errors > 0 ? (
            <p className="why-disabled">
              "Import all rows" needs every row to be valid: fix the {errors} error{errors === 1 ? '' : 's'} in the
              file, or skip the rows with errors.
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
