import './import.css';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type {
  ChannelName,
  ImportCommitResult,
  ImportFieldInfo,
  ImportMode,
  ImportPreviewResult,
} from '../../../../shared/api/contract.js';
import { normaliseHeader } from '../../../../shared/import/columns.js';
import type { Overlap, OverlapChoice } from '../../../../shared/import/kind.js';
import { groupProblems } from '../../../../shared/import/problems.js';
import { call, onNamedEvent } from '../../api/client.js';
import { ErrorAlert } from '../../components/Alert.js';
import { type Choice, Field } from '../../components/Field.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { Radios } from '../../components/Radios.js';
import { readFileAsBase64 } from '../../files.js';
import { formatDateTime } from '../../format.js';
import { useChange } from '../../state/data.js';

/**
 * The one import wizard, for every import kind (agency chronologies, CDOP cases):
 * choose the file (and whatever the kind imports into), match the columns when a
 * required one is not found, check the preview (every problem with its
 * spreadsheet row), then import all rows or only the valid ones, with a progress
 * bar. Nothing is written before the last step, and a file already imported to
 * the same place needs an explicit confirmation. It speaks the kind's import
 * channels (`<kind>.previewImport` and the rest); the main process checks
 * everything again, so the mapping step only helps, it does not decide.
 */

/** What a kind's screen tells the wizard. */
export interface ImportScreenKind<Draft> {
  /** The kind's channel prefix. */
  prefix: 'chronology' | 'cdop';
  /** The first step's heading. */
  title: string;
  /** What one row becomes: `{ one: 'entry', many: 'entries' }`. */
  rows: { one: string; many: string };
  fileLabel: string;
  fileHint: string;
  /** Where a confirmed mapping is remembered: "for this agency", "for the next file". */
  remembered: string;
  /** The last step's way out: "Back to the chronology". */
  doneLabel: string;
  /** The columns of "How the first rows will be stored". */
  sampleColumns: readonly { header: string; cell: (row: Draft) => ReactNode; className?: string }[];
}

export type ImportTarget = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

type Preview<Draft> = ImportPreviewResult<string, Draft>;

const channel = (prefix: string, name: string) => `${prefix}.${name}` as ChannelName;

/**
 * The kind's import channels through the one way views change data (`useChange`):
 * the answer, or null once `message` says why it was refused.
 */
function useImportChange(prefix: string) {
  const { run, busy, message } = useChange();
  async function send<T>(name: string, input: Record<string, unknown>, after: { refresh?: boolean } = {}) {
    const outcome = await run(channel(prefix, name), input as never, after.refresh ? { refresh: [`${prefix}.`] } : {});
    return outcome.ok ? (outcome.value as T) : null;
  }
  return { send, busy, message };
}

type Step = 'choose' | 'mapping' | 'preview' | 'result';

/**
 * How Casebook found a field's column, in words that say which header it used:
 * "Details" is not the field's name "Event", so it says it took it as a usual name for one.
 */
function howMatched(preview: Preview<unknown>, field: ImportFieldInfo, index: number | null | undefined): string {
  if (index === undefined || index === null) return field.required ? 'Not found: required' : 'Not in this file';
  const header = headerLabel(preview, index);
  if (index !== preview.mapping[field.field]) return 'Chosen by you';
  switch (preview.matchedBy[field.field]) {
    case 'saved':
      return 'Remembered from the last import';
    case 'exact':
      return normaliseHeader(header) === normaliseHeader(field.label)
        ? `The column is called “${header}”`
        : `“${header}” is a usual name for ${field.label}`;
    case 'contains':
      return `“${header}” contains a usual name for ${field.label}: please check`;
    default:
      return 'Chosen by you';
  }
}

export function ImportWizard<Draft>({
  kind,
  target,
  chooseFields,
  onClose,
  onDone,
  resultActions,
}: {
  kind: ImportScreenKind<Draft>;
  /** What the file goes into, from `chooseFields`; a message when something is missing. */
  target: () => ImportTarget;
  /** The first step's own fields (an agency), above the file. */
  chooseFields?: ReactNode;
  onClose: () => void;
  onDone?: (result: ImportCommitResult, preview: Preview<Draft>) => void;
  resultActions?: (result: ImportCommitResult) => ReactNode;
}) {
  const [step, setStep] = useState<Step>('choose');
  const [preview, setPreview] = useState<Preview<Draft> | null>(null);
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  const previewRef = useRef<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // A preview not imported is dropped from the main process's memory when the wizard closes.
  useEffect(
    () => () => {
      if (previewRef.current) {
        // Fire and forget: nothing on screen depends on it.
        void call(channel(kind.prefix, 'discardPreview'), { previewId: previewRef.current } as never).catch(() => {});
      }
    },
    [kind.prefix],
  );

  // Each step's heading takes focus, so keyboard and screen-reader users start at its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes
  useEffect(() => {
    headingRef.current?.focus();
  }, [step]);

  function showPreview(next: Preview<Draft>) {
    previewRef.current = next.previewId;
    setPreview(next);
    setStep(next.missingRequired.length > 0 ? 'mapping' : 'preview');
  }

  const heading = {
    choose: kind.title,
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
        <ChooseStep kind={kind} target={target} onCancel={onClose} onPreview={showPreview}>
          {chooseFields}
        </ChooseStep>
      ) : null}
      {step === 'mapping' && preview ? (
        <MappingStep
          kind={kind}
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
          kind={kind}
          preview={preview}
          onPreview={setPreview}
          onMapping={() => setStep('mapping')}
          onCancel={onClose}
          onDone={(done) => {
            previewRef.current = null;
            setResult(done);
            setStep('result');
            onDone?.(done, preview);
          }}
        />
      ) : null}
      {step === 'result' && result && preview ? (
        <ResultStep kind={kind} preview={preview} result={result} onClose={onClose}>
          {resultActions?.(result)}
        </ResultStep>
      ) : null}
    </section>
  );
}

// ---- 1. the file (and what it goes into) ------------------------------------------------

function ChooseStep<Draft>({
  kind,
  target,
  onCancel,
  onPreview,
  children,
}: {
  kind: ImportScreenKind<Draft>;
  target: () => ImportTarget;
  onCancel: () => void;
  onPreview: (preview: Preview<Draft>) => void;
  children?: ReactNode;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const { send, busy, message } = useImportChange(kind.prefix);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const into = target();
    if (!into.ok) return setMissing(into.message);
    if (!file) return setMissing(`Choose the file: ${kind.fileHint}`);
    setMissing(null);
    const contentBase64 = await readFileAsBase64(file);
    const next = await send<Preview<Draft>>('previewImport', { ...into.value, fileName: file.name, contentBase64 });
    if (next) onPreview(next);
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <p>Casebook reads the file and shows you every row and problem before anything is saved.</p>
      {children}
      <Field label={kind.fileLabel} hint={kind.fileHint}>
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
      <ErrorAlert message={missing ?? message} />
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

function SheetChoice<Draft>({
  prefix,
  preview,
  onPreview,
}: {
  prefix: string;
  preview: Preview<Draft>;
  onPreview: (next: Preview<Draft>) => void;
}) {
  const { send, busy, message } = useImportChange(prefix);
  if (preview.sheets.length < 2) return null;
  return (
    <>
      <ErrorAlert message={message} />
      <Field label="Sheet" hint="This workbook has several sheets: choose the one to import.">
        {(ids) => (
          <select
            id={ids.id}
            aria-describedby={ids.describedBy}
            value={preview.sheet ?? ''}
            disabled={busy}
            onChange={(event) => {
              void send<Preview<Draft>>('updatePreview', {
                previewId: preview.previewId,
                sheet: event.target.value,
              }).then((next) => next && onPreview(next));
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
    </>
  );
}

// ---- 2. column mapping ------------------------------------------------------------------

function headerLabel(preview: Preview<unknown>, index: number): string {
  const header = preview.headers[index]?.trim();
  return header ? header : `Column ${index + 1} (no header)`;
}

function MappingStep<Draft>({
  kind,
  preview,
  onBack,
  onPreview,
}: {
  kind: ImportScreenKind<Draft>;
  preview: Preview<Draft>;
  onBack: () => void;
  onPreview: (next: Preview<Draft>) => void;
}) {
  const [mapping, setMapping] = useState<Partial<Record<string, number | null>>>(preview.mapping);
  const [missing, setMissing] = useState<string | null>(null);
  const { send, busy, message } = useImportChange(kind.prefix);

  // A different sheet has different headers: start again from Casebook's match for it.
  useEffect(() => setMapping(preview.mapping), [preview.mapping]);

  async function apply(event: FormEvent) {
    event.preventDefault();
    // The main process checks the mapping (one column per field) and says what is wrong.
    const next = await send<Preview<Draft>>('updatePreview', { previewId: preview.previewId, mapping });
    if (!next) return;
    setMissing(next.missingRequired.length > 0 ? `Choose a column for ${listed(next.missingRequired)}.` : null);
    onPreview(next);
  }

  return (
    <form onSubmit={(event) => void apply(event)} noValidate>
      {preview.missingRequired.length > 0 ? (
        <p className="banner">
          Casebook could not find a column for <strong>{listed(preview.missingRequired)}</strong> in “{preview.fileName}
          ”. Choose which column holds each field; Casebook remembers your choice {kind.remembered}.
        </p>
      ) : (
        <p>Check which column of the file holds each field. Casebook remembers your choice {kind.remembered}.</p>
      )}
      <SheetChoice prefix={kind.prefix} preview={preview} onPreview={onPreview} />
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
              const how = howMatched(preview, field, value);
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
      <ErrorAlert message={missing ?? message} />
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

function PreviewStep<Draft>({
  kind,
  preview,
  onPreview,
  onMapping,
  onCancel,
  onDone,
}: {
  kind: ImportScreenKind<Draft>;
  preview: Preview<Draft>;
  onPreview: (next: Preview<Draft>) => void;
  onMapping: () => void;
  onCancel: () => void;
  onDone: (result: ImportCommitResult) => void;
}) {
  const [importing, setImporting] = useState(false);
  const [confirmReimport, setConfirmReimport] = useState(false);
  const [overlapChoice, setOverlapChoice] = useState<OverlapChoice | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const { send, message } = useImportChange(kind.prefix);
  const { counts, problems } = preview;
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  // A re-import of the same file must be confirmed; a corrected file's overlap must be decided.
  const needsConfirm =
    (preview.alreadyImported !== null && !confirmReimport) || (preview.overlap !== null && overlapChoice === null);
  const problemsId = useId();
  const sampleId = useId();

  async function commit(mode: ImportMode) {
    setRefused(null);
    setImporting(true);
    const result = await send<ImportCommitResult>(
      'commitImport',
      {
        previewId: preview.previewId,
        mode,
        confirmReimport: preview.alreadyImported !== null && confirmReimport,
        ...(preview.overlap !== null && overlapChoice !== null ? { overlap: overlapChoice } : {}),
      },
      { refresh: true },
    );
    if (result && (result.imported > 0 || result.alreadyThere > 0)) return onDone(result);
    setImporting(false);
    if (result) setRefused(`Nothing was imported: ${result.rejected.length} problems must be corrected first.`);
  }

  if (importing) return <Progress previewId={preview.previewId} />;

  const confirmFirst =
    preview.overlap !== null
      ? 'Choose above what to do with the rows already in the chronology.'
      : 'Confirm above that this file should be imported again.';
  const allReason =
    counts.rows === 0
      ? 'The file has no rows to import.'
      : counts.rejected > 0 && counts.valid === 0
        ? 'Every row has errors: correct the file and read it again.'
        : counts.rejected > 0
          ? `${counts.rejected} ${counts.rejected === 1 ? 'row has' : 'rows have'} errors: correct the file and read it again to import every row, or skip ${counts.rejected === 1 ? 'it' : 'them'}.${needsConfirm ? ` ${confirmFirst}` : ''}`
          : needsConfirm
            ? confirmFirst
            : '';

  return (
    <>
      <p>
        <strong>{preview.fileName}</strong>
        {preview.sheet ? `, sheet “${preview.sheet}”` : ''} for <strong>{preview.destination}</strong>. Column headers
        on row {preview.headerRowNumber}.
      </p>
      <SheetChoice prefix={kind.prefix} preview={preview} onPreview={onPreview} />
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
      <ColumnsUsed preview={preview} onChange={onMapping} />

      <section aria-labelledby={problemsId}>
        <h3 id={problemsId}>
          Problems ({errors} {errors === 1 ? 'error' : 'errors'}, {warnings} {warnings === 1 ? 'warning' : 'warnings'})
        </h3>
        {problems.length === 0 ? <p>No problems: every row can be imported.</p> : <ProblemsTable preview={preview} />}
      </section>

      <section aria-labelledby={sampleId}>
        <h3 id={sampleId}>How the first rows will be stored</h3>
        {preview.sampleRows.length === 0 ? (
          <p>No valid rows.</p>
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          <div className="table-wrap sample-wrap" tabIndex={0}>
            <table className="sample-table">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  {kind.sampleColumns.map((column) => (
                    <th key={column.header} scope="col">
                      {column.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sampleRows.map((row, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: sample rows are shown once, in file order
                  <tr key={index}>
                    <td>{(row as { row?: number }).row}</td>
                    {kind.sampleColumns.map((column) => (
                      <td key={column.header} className={column.className}>
                        {column.cell(row)}
                      </td>
                    ))}
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
            “{preview.alreadyImported.fileName}”, {preview.alreadyImported.rows} entries). Importing it again adds its
            entries a second time.
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

      {preview.overlap ? (
        <OverlapChoiceBanner
          overlap={preview.overlap}
          rows={kind.rows}
          choice={overlapChoice}
          onChoose={setOverlapChoice}
        />
      ) : null}

      <ErrorAlert message={refused ?? message} />
      <div className="actions">
        {/* One import button: all the rows when every row is valid, else the valid ones (never a dead "all" beside it). */}
        {counts.rejected === 0 ? (
          <button
            type="button"
            className="primary"
            disabled={allReason !== ''}
            aria-describedby={allReason ? 'import-all-why' : undefined}
            onClick={() => void commit('all-or-nothing')}
          >
            {preview.overlap !== null && overlapChoice === 'only-new'
              ? `Import the ${preview.overlap.fresh} new ${preview.overlap.fresh === 1 ? 'row' : 'rows'}`
              : `Import all ${counts.rows} ${counts.rows === 1 ? 'row' : 'rows'}`}
          </button>
        ) : counts.valid > 0 ? (
          <button
            type="button"
            className="primary"
            disabled={needsConfirm}
            aria-describedby="import-all-why"
            onClick={() => void commit('skip-invalid')}
          >
            Import the {counts.valid} valid {counts.valid === 1 ? 'row' : 'rows'} and skip {counts.rejected}
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

/** The file's columns Casebook will read, on the preview itself: the reviewer sees them without asking. */
function ColumnsUsed({ preview, onChange }: { preview: Preview<unknown>; onChange: () => void }) {
  const headingId = useId();
  const used = preview.fields.filter((field) => preview.mapping[field.field] !== undefined);
  return (
    <section aria-labelledby={headingId} className="columns-used">
      <h3 id={headingId}>Columns used</h3>
      {/* Compact, so the import button stays in reach below a file with many columns. */}
      <dl className="columns-used-list">
        {used.map((field) => (
          <div key={field.field}>
            <dt>{field.label}</dt>
            <dd>{howMatched(preview, field, preview.mapping[field.field])}</dd>
          </div>
        ))}
      </dl>
      {preview.unmatchedHeaders.length > 0 ? (
        <p className="muted">Not read: {preview.unmatchedHeaders.map((header) => `“${header}”`).join(', ')}.</p>
      ) : null}
      <p className="actions">
        <button type="button" className="secondary" onClick={onChange}>
          Change the columns
        </button>
      </p>
    </section>
  );
}

/** A problem's column in the reviewer's words: the field it feeds, with the file's header when that differs. */
function columnInWords(preview: Preview<unknown>, column: string): ReactNode {
  if (!column) return '—';
  const index = preview.headers.indexOf(column);
  const field =
    preview.fields.find((candidate) => preview.mapping[candidate.field] === index) ??
    preview.fields.find((candidate) => candidate.label === column);
  if (!field || normaliseHeader(field.label) === normaliseHeader(column)) return field?.label ?? column;
  return (
    <>
      {field.label} <span className="muted">(column “{column}”)</span>
    </>
  );
}

function ProblemsTable({ preview }: { preview: Preview<unknown> }) {
  const groups = groupProblems(preview.problems);
  return (
    <div className="table-wrap problems-wrap">
      <table className="problems-table">
        <caption className="visually-hidden">
          Every problem found, by the row number shown in Excel (the header is row {preview.headerRowNumber}); the same
          problem on several rows is listed once
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
          {groups.map((group) => (
            <tr key={`${group.severity}:${group.column}:${group.reason}`} className={group.severity}>
              <td>
                {group.rows.length === 1 ? (
                  group.rows[0]
                ) : (
                  <details className="problem-rows">
                    <summary>{group.rows.length} rows</summary>
                    <p>{group.rows.join(', ')}</p>
                  </details>
                )}
              </td>
              <td>{columnInWords(preview, group.column)}</td>
              <td>{group.reason}</td>
              <td>
                <span className={`badge badge-${group.severity}`}>
                  {group.severity === 'error'
                    ? group.rows.length === 1
                      ? 'Error: row not imported'
                      : 'Error: rows not imported'
                    : 'Warning'}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A corrected file: some rows are already there from an earlier import of the same agency, row for row. */
function OverlapChoiceBanner({
  overlap,
  rows,
  choice,
  onChoose,
}: {
  overlap: Overlap;
  rows: { one: string; many: string };
  choice: OverlapChoice | null;
  onChoose: (choice: OverlapChoice) => void;
}) {
  const noun = (count: number) => (count === 1 ? rows.one : rows.many);
  const options: Choice<OverlapChoice>[] = [
    { code: 'only-new', label: `Import only the ${overlap.fresh} new ${noun(overlap.fresh)}` },
    {
      code: 'replace',
      label: `Replace the earlier import: delete its ${overlap.rows} ${noun(overlap.rows)} and import this whole file`,
    },
    { code: 'all', label: `Import every row anyway (the ${overlap.same} already there twice)` },
  ];
  return (
    <div className="banner reimport overlap">
      <p>
        <strong>
          {overlap.same} of this file’s {noun(overlap.same)} are already in the chronology
        </strong>
        , row for row, from “{overlap.fileName}” (imported {formatDateTime(overlap.importedAt)}). {overlap.fresh}{' '}
        {overlap.fresh === 1 ? 'is' : 'are'} new.
      </p>
      <Radios
        legend="Is this a corrected copy of that file?"
        value={choice ?? ''}
        onChange={(value) => {
          if (value !== '') onChoose(value);
        }}
        options={options}
      />
    </div>
  );
}

// ---- 4. progress ------------------------------------------------------------------------

function Progress({ previewId }: { previewId: string }) {
  const [progress, setProgress] = useState({ done: 0, total: 0 });
  useEffect(
    () =>
      onNamedEvent('import.progress', (payload) => {
        if (payload.previewId === previewId) setProgress({ done: payload.done, total: payload.total });
      }),
    [previewId],
  );
  return (
    <>
      <p>Saving the rows into the vault. Nothing is saved unless every row is written.</p>
      <ProgressBar
        label="Import progress"
        done={progress.done}
        total={progress.total}
        valueText={progress.total > 0 ? `${progress.done} of ${progress.total} rows` : 'Starting'}
      />
      <p className="muted" aria-hidden="true">
        {progress.total > 0 ? `${progress.done} of ${progress.total} rows` : 'Starting…'}
      </p>
    </>
  );
}

// ---- 5. result --------------------------------------------------------------------------

function ResultStep<Draft>({
  kind,
  preview,
  result,
  onClose,
  children,
}: {
  kind: ImportScreenKind<Draft>;
  preview: Preview<Draft>;
  result: ImportCommitResult;
  onClose: () => void;
  /** The kind's next steps (review the possible duplicates, see the cases). */
  children?: ReactNode;
}) {
  const skipped = [...new Set(result.rejected.map((rejected) => rejected.row))];
  return (
    <>
      <p className="status success">
        {result.imported} {result.imported === 1 ? kind.rows.one : kind.rows.many} imported from “{preview.fileName}”
        for {preview.destination}.
      </p>
      <dl className="import-counts">
        <div>
          <dt>Imported</dt>
          <dd>{result.imported}</dd>
        </div>
        <div>
          <dt>Rows skipped</dt>
          <dd>{skipped.length}</dd>
        </div>
        <div>
          <dt>Imported with a warning</dt>
          <dd>{result.warnings}</dd>
        </div>
        {result.possibleDuplicates === null ? null : (
          <div>
            <dt>Possible duplicates found</dt>
            <dd>{result.possibleDuplicates}</dd>
          </div>
        )}
        {result.alreadyThere > 0 ? (
          <div>
            <dt>Already there, not imported again</dt>
            <dd>{result.alreadyThere}</dd>
          </div>
        ) : null}
      </dl>
      {result.replaced ? <p>The earlier import was removed: its entries are in Deleted entries.</p> : null}
      {skipped.length > 0 ? (
        <p>
          Skipped rows (spreadsheet row numbers): {skipped.join(', ')}. Correct them in the file and import them, or add
          them by hand.
        </p>
      ) : null}
      <div className="actions">
        {children}
        <button type="button" className="secondary" onClick={onClose}>
          {kind.doneLabel}
        </button>
      </div>
    </>
  );
}

/** `A`, `A and B`, `A, B and C`. */
function listed(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items.join('');
}
