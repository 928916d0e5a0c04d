import { type FormEvent, useId, useState } from 'react';
import { call, errorMessage } from '../api/client.js';
import { ErrorAlert } from '../components/Alert.js';
import { PasswordField } from '../components/PasswordField.js';
import { newPassphraseProblem, usePassphraseAssessment } from '../components/passphrase.js';
import { StrengthMeter } from '../components/StrengthMeter.js';
import { showNewRecoveryKey } from '../state/session.js';
import { ConfirmDialog } from './reviews/ConfirmDialog.js';

/**
 * Settings › the vault's keys: a new recovery key, and re-keying after a suspected
 * compromise. Each asks for the current passphrase (or recovery key), then for a
 * confirmation, and the new recovery key is shown once on the recovery-key screen,
 * as when the vault was created.
 */
export function VaultKeysSettings() {
  return (
    <>
      <NewRecoveryKeyForm />
      <RekeyForm />
    </>
  );
}

function NewRecoveryKeyForm() {
  const headingId = useId();
  const [current, setCurrent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const problemId = useId();
  const problem = current ? null : 'Enter your current passphrase or recovery key.';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (problem) return;
    setError(null);
    setConfirming(true);
  }

  async function replace() {
    setBusy(true);
    try {
      const { recoveryKey } = await call('vault.replaceRecoveryKey', { current });
      showNewRecoveryKey(recoveryKey);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId} id="new-recovery-key">
      <h2 id={headingId}>New recovery key</h2>
      <p>
        If your recovery key may have been seen or lost, replace it. The old one stops opening the vault; any older
        backup of the key file (<code>.keys</code>) still accepts it until you re-key the vault.
      </p>
      <form onSubmit={submit} noValidate>
        <PasswordField
          label="Current passphrase or recovery key"
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
        />
        <p className="why-disabled" id={problemId}>
          {problem}
        </p>
        <ErrorAlert message={confirming ? null : error} />
        <button type="submit" className="secondary" disabled={problem !== null} aria-describedby={problemId}>
          Make a new recovery key
        </button>
      </form>
      <ConfirmDialog
        open={confirming}
        title="Replace the recovery key?"
        confirmLabel="Replace the recovery key"
        busy={busy}
        error={error}
        onConfirm={() => void replace()}
        onCancel={() => setConfirming(false)}
      >
        <p>The new key is shown once, on the next screen: have somewhere safe ready to keep it.</p>
      </ConfirmDialog>
    </section>
  );
}

function RekeyForm() {
  const headingId = useId();
  const strengthId = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const problemId = useId();
  const assessment = usePassphraseAssessment(next);
  const problem = current
    ? newPassphraseProblem(next, confirm, assessment)
    : 'Enter your current passphrase or recovery key.';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (problem) return;
    setError(null);
    setConfirming(true);
  }

  async function rekey() {
    setBusy(true);
    try {
      const { recoveryKey } = await call('vault.rekey', { current, next });
      showNewRecoveryKey(recoveryKey);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId} id="rekey">
      <h2 id={headingId}>Re-key this vault</h2>
      <p>
        If you think the vault's key file, passphrase or recovery key may be in someone else's hands, re-key it: a new
        key, the whole vault re-encrypted, a new passphrase and a new recovery key. Backups of the key file, the old
        passphrase and the old recovery key all stop working; a backup of the vault file itself then needs the new key
        file beside it.
      </p>
      <form onSubmit={submit} noValidate>
        <PasswordField
          label="Current passphrase or recovery key"
          value={current}
          onChange={setCurrent}
          autoComplete="current-password"
        />
        <PasswordField
          label="New passphrase"
          value={next}
          onChange={setNext}
          autoComplete="new-password"
          describedBy={strengthId}
        />
        <StrengthMeter id={strengthId} passphrase={next} assessment={assessment} />
        <PasswordField
          label="Confirm new passphrase"
          value={confirm}
          onChange={setConfirm}
          autoComplete="new-password"
          invalid={confirm.length > 0 && confirm !== next}
        />
        <p className="why-disabled" id={problemId}>
          {problem}
        </p>
        <ErrorAlert message={confirming ? null : error} />
        <button type="submit" className="secondary" disabled={problem !== null} aria-describedby={problemId}>
          Re-key the vault
        </button>
      </form>
      <ConfirmDialog
        open={confirming}
        title="Re-key the vault?"
        confirmLabel="Re-key the vault"
        danger
        busy={busy}
        error={error}
        onConfirm={() => void rekey()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          The whole vault is re-encrypted, which can take a minute for a large one. Backups of the key file, the old
          passphrase and the old recovery key stop working. The new recovery key is shown once, on the next screen.
        </p>
      </ConfirmDialog>
    </section>
  );
}
