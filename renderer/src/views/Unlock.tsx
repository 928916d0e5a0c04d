import { type FormEvent, useId, useRef, useState } from 'react';
import { CasebookError } from '../../../shared/api/errors.js';
import { looksLikeRecoveryKey } from '../../../shared/recovery-key.js';
import { errorMessage } from '../api/client.js';
import { ErrorAlert, StatusMessage } from '../components/Alert.js';
import { AuthLayout } from '../components/AuthLayout.js';
import { PageHeading } from '../components/PageHeading.js';
import { PasswordField } from '../components/PasswordField.js';
import { unlockVault, useSession } from '../state/session.js';
import { RestoreBackup } from './RestoreBackup.js';

type Mode = 'passphrase' | 'recoveryKey';

export function Unlock() {
  const lockNotice = useSession((state) => state.lockNotice);
  const [mode, setMode] = useState<Mode>('passphrase');
  const [passphrase, setPassphrase] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The secret that proved right on a vault that turned out damaged: offered to restore a backup with. */
  const [damagedWith, setDamagedWith] = useState<{ passphrase: string } | { recoveryKey: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const recoveryId = useId();
  const errorId = useId();

  function refocus() {
    // After the re-render that re-enables the form.
    requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.select();
    });
  }

  function switchMode() {
    setMode((current) => (current === 'passphrase' ? 'recoveryKey' : 'passphrase'));
    setError(null);
    refocus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (mode === 'passphrase' && !passphrase) {
      setError('Enter the passphrase.');
      refocus();
      return;
    }
    if (mode === 'recoveryKey' && !looksLikeRecoveryKey(recoveryKey)) {
      setError('That is not a recovery key: it has 32 letters and digits, in groups of four.');
      refocus();
      return;
    }
    setBusy(true);
    setError(null);
    setDamagedWith(null);
    const secret = mode === 'passphrase' ? { passphrase } : { recoveryKey };
    try {
      await unlockVault(secret);
    } catch (caught) {
      setError(errorMessage(caught));
      if (caught instanceof CasebookError && caught.code === 'vault_damaged') setDamagedWith(secret);
      setBusy(false);
      refocus();
    }
  }

  return (
    <AuthLayout>
      <PageHeading title="Unlock" focus={false}>
        Unlock Casebook
      </PageHeading>
      <StatusMessage message={lockNotice} tone="info" />
      <form onSubmit={submit} noValidate>
        {mode === 'passphrase' ? (
          <PasswordField
            label="Passphrase"
            value={passphrase}
            onChange={setPassphrase}
            autoComplete="current-password"
            inputRef={inputRef}
            describedBy={error ? errorId : undefined}
            invalid={error !== null}
            autoFocus
            required
          />
        ) : (
          <div className="field">
            <label htmlFor={recoveryId}>Recovery key</label>
            <p className="hint" id={`${recoveryId}-hint`}>
              The key shown when the vault was created, for example ABCD-EFGH-… (32 characters).
            </p>
            <input
              id={recoveryId}
              ref={inputRef}
              className="monospace"
              type="text"
              value={recoveryKey}
              onChange={(event) => setRecoveryKey(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="characters"
              autoCorrect="off"
              aria-describedby={[`${recoveryId}-hint`, error ? errorId : null].filter(Boolean).join(' ')}
              aria-invalid={error !== null || undefined}
              required
            />
          </div>
        )}
        <ErrorAlert id={errorId} message={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
          <button type="button" className="link" onClick={switchMode}>
            {mode === 'passphrase' ? 'Use recovery key instead' : 'Use passphrase instead'}
          </button>
        </div>
      </form>
      {damagedWith && <RestoreBackup secret={damagedWith} />}
    </AuthLayout>
  );
}
