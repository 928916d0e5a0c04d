import { useEffect, useId, useState } from 'react';
import type { WordDocumentExport } from '../../../../shared/api/contract.js';
import { formatIsoUk } from '../../../../shared/dates/fuzzy-date.js';
import {
  REPORT_KIND_LABELS,
  REPORT_KINDS,
  type ReportKind,
  SIGN_OFF_DECISIONS,
  type SignOffDecision,
} from '../../../../shared/reports/versions.js';
import { onNamedEvent } from '../../api/client.js';
import { ErrorAlert, StatusMessage } from '../../components/Alert.js';
import { Checkbox } from '../../components/Checkbox.js';
import { SelectField, TextField } from '../../components/Field.js';
import { ProgressBar } from '../../components/ProgressBar.js';
import { downloadBase64 } from '../../files.js';
import { useChange, useData } from '../../state/data.js';

/**
 * Word documents from the app: the review's report or briefing (with the version
 * list and the board's sign-off), and a CDOP case's record. The main process
 * builds the file in steps and reports them (`report.progress`), so the window
 * stays usable; a refused export lists each leak the check found.
 */

function useProgress(exportId: string) {
  const [progress, setProgress] = useState<{ stage: string; done: number; total: number } | null>(null);
  useEffect(
    () =>
      onNamedEvent('report.progress', (payload) => {
        if (payload.exportId === exportId) setProgress(payload);
      }),
    [exportId],
  );
  return [progress, setProgress] as const;
}

function Progress({ progress }: { progress: { stage: string; done: number; total: number } }) {
  const words =
    progress.stage === 'writing'
      ? `Writing the chronology: ${progress.done} of ${progress.total} rows`
      : `${progress.stage[0]?.toUpperCase()}${progress.stage.slice(1)}…`;
  return <ProgressBar label="Export progress" done={progress.done} total={progress.total} valueText={words} />;
}

function Leaks({ leaks }: { leaks: string[] }) {
  if (leaks.length === 0) return null;
  return (
    <div className="alert" role="alert">
      <p>
        Nothing was exported: the anonymised document still held {leaks.length} personal detail(s). Edit these places,
        or the people's names, and export again:
      </p>
      <ul>
        {leaks.map((leak) => (
          <li key={leak}>{leak}</li>
        ))}
      </ul>
    </div>
  );
}

function saved(file: WordDocumentExport): string {
  if (file.leaks.length > 0) return '';
  const version =
    file.version === null ? '' : file.final ? ` (FINAL, version ${file.version})` : ` (draft version ${file.version})`;
  return `Exported ${file.fileName}${version}.`;
}

export function ReviewWordExport({ reviewId }: { reviewId: string }) {
  const headingId = useId();
  const exportId = useId();
  const [kind, setKind] = useState<ReportKind>('report');
  const [anonymise, setAnonymise] = useState(true);
  const [leaks, setLeaks] = useState<string[]>([]);
  const [progress, setProgress] = useProgress(exportId);
  const { run, busy, message, status } = useChange();
  const versions = useData('reports.versions', { reviewId });

  async function exportDocument() {
    setLeaks([]);
    setProgress(null);
    await run(
      'reports.export',
      { reviewId, kind, anonymise: anonymise || kind === 'briefing', exportId },
      {
        apply: (file) => (file.leaks.length > 0 ? setLeaks(file.leaks) : downloadBase64(file)),
        refresh: ['reports.versions'],
        done: saved,
      },
    );
    setProgress(null);
  }

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Word documents</h2>
      <div className="form-row">
        <SelectField
          label="Document"
          value={kind}
          onChange={(value) => value && setKind(value)}
          options={REPORT_KINDS.map((code) => ({ code, label: REPORT_KIND_LABELS[code] }))}
        />
        <Checkbox
          label={kind === 'briefing' ? 'Anonymised (a briefing always is)' : 'Anonymised'}
          checked={anonymise || kind === 'briefing'}
          onChange={setAnonymise}
          className="checkbox inline-checkbox"
        />
        <button type="button" disabled={busy} onClick={() => void exportDocument()}>
          {busy ? 'Exporting…' : 'Export to Word'}
        </button>
      </div>
      {busy && progress ? <Progress progress={progress} /> : null}
      <ErrorAlert message={message} />
      <Leaks leaks={leaks} />
      <StatusMessage message={status || null} />
      <Versions reviewId={reviewId} versions={versions.value ?? []} />
    </section>
  );
}

function Versions({
  reviewId,
  versions,
}: {
  reviewId: string;
  versions: NonNullable<ReturnType<typeof useData<'reports.versions'>>['value']>;
}) {
  const [signing, setSigning] = useState<number | null>(null);
  if (versions.length === 0)
    return <p className="muted">No versions exported yet. Each export of a draft is kept as a version.</p>;
  return (
    <>
      <table className="data-table">
        <caption>Versions</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Document</th>
            <th scope="col">Exported</th>
            <th scope="col">Changed since the version before</th>
            <th scope="col">Sign-off</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((version) => (
            <tr key={version.number}>
              <td>v{version.number}</td>
              <td>
                {REPORT_KIND_LABELS[version.kind]}
                {version.anonymised ? ' (anonymised)' : ''}
              </td>
              <td>{new Date(version.createdAt).toLocaleString('en-GB')}</td>
              <td>
                {version.changedSincePrevious.length === 0
                  ? '—'
                  : version.changedSincePrevious.map((change) => `${change.heading} (${change.change})`).join('; ')}
              </td>
              <td>
                {version.signOff ? (
                  `${version.signOff.decision === 'approved' ? 'Approved' : 'Changes requested'} by ${version.signOff.role}, ${formatIsoUk(version.signOff.signedOn)}${version.signOff.conditions ? `: ${version.signOff.conditions}` : ''}`
                ) : (
                  <button type="button" className="secondary" onClick={() => setSigning(version.number)}>
                    Record sign-off
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {signing === null ? null : <SignOffForm reviewId={reviewId} version={signing} onDone={() => setSigning(null)} />}
    </>
  );
}

const DECISION_LABELS: Record<SignOffDecision, string> = {
  approved: 'Approved',
  'changes-requested': 'Changes requested',
};

function SignOffForm({ reviewId, version, onDone }: { reviewId: string; version: number; onDone: () => void }) {
  const [role, setRole] = useState('');
  const [decision, setDecision] = useState<SignOffDecision>('approved');
  const [signedOn, setSignedOn] = useState(new Date().toISOString().slice(0, 10));
  const [conditions, setConditions] = useState('');
  const { run, busy, message } = useChange();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void run(
          'reports.signOff',
          { reviewId, version, role, decision, signedOn, conditions },
          { refresh: ['reports.versions'] },
        ).then((outcome) => {
          if (outcome.ok) onDone();
        });
      }}
    >
      <h3>Sign-off of version {version} (it cannot be changed afterwards)</h3>
      <TextField label="Signed off by (role)" value={role} onChange={setRole} maxLength={200} />
      <SelectField
        label="Decision"
        value={decision}
        onChange={(value) => value && setDecision(value)}
        options={SIGN_OFF_DECISIONS.map((code) => ({ code, label: DECISION_LABELS[code] }))}
      />
      <TextField label="Date of the decision (YYYY-MM-DD)" value={signedOn} onChange={setSignedOn} maxLength={10} />
      <TextField
        label="Conditions or changes requested"
        value={conditions}
        onChange={setConditions}
        rows={3}
        maxLength={5000}
      />
      <ErrorAlert message={message} />
      <button type="submit" disabled={busy}>
        {busy ? 'Saving…' : 'Record sign-off'}
      </button>{' '}
      <button type="button" className="secondary" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

export function CdopRecordExport({ caseId }: { caseId: string }) {
  const exportId = useId();
  const [anonymise, setAnonymise] = useState(false);
  const [leaks, setLeaks] = useState<string[]>([]);
  const [progress] = useProgress(exportId);
  const { run, busy, message, status } = useChange();
  return (
    <div className="form-row">
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={() => {
          setLeaks([]);
          void run(
            'cdop.record.export',
            { caseId, anonymise, exportId },
            { apply: (file) => (file.leaks.length > 0 ? setLeaks(file.leaks) : downloadBase64(file)), done: saved },
          );
        }}
      >
        {busy ? 'Exporting…' : 'Record (Word)'}
      </button>
      <Checkbox label="Anonymised" checked={anonymise} onChange={setAnonymise} className="checkbox inline-checkbox" />
      {busy && progress ? <Progress progress={progress} /> : null}
      <ErrorAlert message={message} />
      <Leaks leaks={leaks} />
      <StatusMessage message={status || null} />
    </div>
  );
}
