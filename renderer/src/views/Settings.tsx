import { type FormEvent, useEffect, useId, useState } from 'react';
import { type AuditVerification, IDLE_LOCK_MINUTES, PROTECTIVE_MARKING_DEFAULT } from '../../../shared/api/contract.js';
import { describeAuditEntry } from '../../../shared/audit/describe.js';
import { errorMessage } from '../api/client.js';
import { ErrorAlert, StatusMessage } from '../components/Alert.js';
import { ColumnHeads } from '../components/ColumnHeads.js';
import { TextField } from '../components/Field.js';
import { PageHeading } from '../components/PageHeading.js';
import { usePassphraseChangeFields } from '../components/PassphraseChangeFields.js';
import { Pending } from '../components/Pending.js';
import { formatDateTime } from '../format.js';
import { useChange, useData } from '../state/data.js';
import { setIdleLockMinutes, statusChanged } from '../state/session.js';
import { BackupsSettings } from './BackupsSettings.js';
import { ChildDeathSettingsForm } from './cdop/ChildDeathSettings.js';
import { NonWorkingDays } from './NonWorkingDays.js';
import { VaultKeysSettings } from './VaultKeysSettings.js';

/** Anything saved here is written to the audit log: the recent activity is read again. */
const AUDITED = ['audit.', 'settings.'];

export function Settings() {
  return (
    <>
      <PageHeading title="Settings">Settings</PageHeading>
      <PreferencesForm />
      <NonWorkingDays />
      <ChildDeathSettingsForm />
      <ChangePassphraseForm />
      <VaultKeysSettings />
      <BackupsSettings />
      <AuditSection />
    </>
  );
}

function PreferencesForm() {
  const headingId = useId();
  const nameId = useId();
  const minutesId = useId();
  const settings = useData('settings.get', {});
  const [loaded, setLoaded] = useState(false);
  const [reviewerName, setReviewerName] = useState('');
  const [minutes, setMinutes] = useState(String(IDLE_LOCK_MINUTES.default));
  const [marking, setMarking] = useState(PROTECTIVE_MARKING_DEFAULT);
  const [boardName, setBoardName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { run, busy, status, clear } = useChange();

  // The form starts from the settings as read; later answers do not overwrite what is being typed.
  useEffect(() => {
    if (settings.value && !loaded) {
      setReviewerName(settings.value.reviewerName);
      setMinutes(String(settings.value.idleLockMinutes));
      setMarking(settings.value.protectiveMarking);
      setBoardName(settings.value.boardName);
      setLoaded(true);
    }
  }, [settings.value, loaded]);

  const minutesNumber = Number(minutes);
  const minutesProblem =
    /^\d+$/.test(minutes.trim()) && minutesNumber >= IDLE_LOCK_MINUTES.min && minutesNumber <= IDLE_LOCK_MINUTES.max
      ? null
      : `Enter a whole number of minutes from ${IDLE_LOCK_MINUTES.min} to ${IDLE_LOCK_MINUTES.max}.`;
  const nameProblem = reviewerName.trim() ? null : 'Enter your name.';
  const markingProblem = marking.trim() ? null : `Enter a protective marking (usually ${PROTECTIVE_MARKING_DEFAULT}).`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    clear();
    if (minutesProblem || nameProblem || markingProblem) {
      setError([nameProblem, markingProblem, minutesProblem].filter(Boolean).join(' '));
      return;
    }
    setError(null);
    const outcome = await run(
      'settings.update',
      {
        reviewerName: reviewerName.trim(),
        idleLockMinutes: minutesNumber,
        protectiveMarking: marking.trim(),
        boardName: boardName.trim(),
      },
      {
        apply: (saved) => {
          setReviewerName(saved.reviewerName);
          setMinutes(String(saved.idleLockMinutes));
          setMarking(saved.protectiveMarking);
          setBoardName(saved.boardName);
          setIdleLockMinutes(saved.idleLockMinutes);
        },
        refresh: AUDITED,
        done: 'Settings saved.',
      },
    );
    if (!outcome.ok) setError(errorMessage(outcome.error));
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Your details, exported documents and auto-lock</h2>
      {loaded ? null : <Pending data={settings} loading="Loading your settings…" />}
      <form onSubmit={submit} noValidate aria-busy={!loaded}>
        <div className="field">
          <label htmlFor={nameId}>Reviewer name</label>
          <p className="hint" id={`${nameId}-hint`}>
            Recorded in the audit log as the person who made each change.
          </p>
          <input
            id={nameId}
            type="text"
            value={reviewerName}
            onChange={(event) => setReviewerName(event.target.value)}
            aria-describedby={`${nameId}-hint`}
            aria-invalid={loaded && nameProblem !== null ? true : undefined}
            autoComplete="name"
            maxLength={200}
            disabled={!loaded}
          />
        </div>
        <TextField
          label="Protective marking"
          hint={`Printed in the header and footer of every exported Word document. Usually ${PROTECTIVE_MARKING_DEFAULT}.`}
          value={marking}
          onChange={setMarking}
          maxLength={60}
          disabled={!loaded}
        />
        <TextField
          label="Safeguarding partnership or board"
          hint="Named on the title page of exported reports, as the board the report is written for."
          value={boardName}
          onChange={setBoardName}
          maxLength={200}
          disabled={!loaded}
        />
        <div className="field">
          <label htmlFor={minutesId}>Auto-lock after (minutes)</label>
          <p className="hint" id={`${minutesId}-hint`}>
            Casebook locks the vault when you have been inactive this long: {IDLE_LOCK_MINUTES.min} to{' '}
            {IDLE_LOCK_MINUTES.max} minutes.
          </p>
          <input
            id={minutesId}
            className="narrow"
            type="number"
            inputMode="numeric"
            min={IDLE_LOCK_MINUTES.min}
            max={IDLE_LOCK_MINUTES.max}
            step={1}
            value={minutes}
            onChange={(event) => setMinutes(event.target.value)}
            aria-describedby={`${minutesId}-hint`}
            aria-invalid={minutesProblem !== null || undefined}
            disabled={!loaded}
          />
        </div>
        <ErrorAlert message={error} />
        <StatusMessage message={status} />
        <button type="submit" className="primary" disabled={!loaded || busy}>
          {busy ? 'Saving…' : 'Save settings'}
        </button>
      </form>
    </section>
  );
}

function ChangePassphraseForm() {
  const headingId = useId();
  const problemId = useId();
  const { current, next, problem, fields, clear } = usePassphraseChangeFields();
  const { run, busy, message: error, status } = useChange();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (problem || busy) return;
    await run(
      'vault.changePassphrase',
      { current, next },
      {
        apply: (vaultStatus) => {
          clear();
          statusChanged(vaultStatus);
        },
        refresh: AUDITED,
        done: 'Passphrase changed. Use the new passphrase next time you unlock; the recovery key still works.',
      },
    );
  }

  return (
    <section className="panel" aria-labelledby={headingId} id="change-passphrase">
      <h2 id={headingId}>Change passphrase</h2>
      <form onSubmit={submit} noValidate>
        {fields}
        <p className="why-disabled" id={problemId}>
          {problem}
        </p>
        <ErrorAlert message={error} />
        <StatusMessage message={status} />
        <button type="submit" className="primary" disabled={problem !== null || busy} aria-describedby={problemId}>
          {busy ? 'Changing passphrase…' : 'Change passphrase'}
        </button>
      </form>
    </section>
  );
}

function AuditSection() {
  const headingId = useId();
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const { run, busy: checking, message: checkError } = useChange();
  const recent = useData('audit.recent', { limit: 20 });
  const entries = recent.value;

  function check() {
    setVerification(null);
    return run('vault.verifyAudit', {}, { apply: setVerification });
  }

  const result = verification
    ? verification.ok
      ? `Audit log intact: ${verification.entries} ${verification.entries === 1 ? 'entry' : 'entries'}.`
      : `Audit log problem${verification.firstBrokenSeq !== null ? ` at entry ${verification.firstBrokenSeq}` : ''}: ${
          verification.problem ?? 'the hash chain does not hold'
        }.`
    : null;

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Audit log</h2>
      <p>Every change to the vault is recorded in a tamper-evident log, with who made it and when.</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={check} disabled={checking}>
          {checking ? 'Checking audit log…' : 'Check audit log'}
        </button>
      </div>
      <div role="status" className={verification && !verification.ok ? 'status problem' : 'status'}>
        {result}
      </div>
      <ErrorAlert message={checkError} />
      <h3>Recent activity</h3>
      {entries === undefined ? (
        <Pending data={recent} loading="Loading recent activity…" />
      ) : entries.length === 0 ? (
        <p className="muted">No activity recorded yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Recent activity in the audit log</caption>
            <ColumnHeads columns={['When', 'Who', 'What happened']} />
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq}>
                  <td className="nowrap">{formatDateTime(entry.at)}</td>
                  <td>{entry.actor}</td>
                  <td>{describeAuditEntry(entry)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
