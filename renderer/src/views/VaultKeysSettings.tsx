import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { errorMessage } from '../api/client.js';
import { ErrorAlert } from '../components/Alert.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { usePassphraseChangeFields } from '../components/PassphraseChangeFields.js';
import { PasswordField } from '../components/PasswordField.js';
import { rekeyVault, replaceRecoveryKey } from '../state/session.js';

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
  const [current, setCurrent] = useState('');
  const problem = current ? null : 'Enter your current passphrase or recovery key.';
  return (
    <KeyChangeForm
      id="new-recovery-key"
      title="New recovery key"
      problem={problem}
      change={() => replaceRecoveryKey(current)}
      action="Make a new recovery key"
      confirmTitle="Replace the recovery key?"
      confirmAction="Replace the recovery key"
      confirmText="The new key is shown once, on the next screen: have somewhere safe ready to keep it."
      explanation={
        <p>
          If your recovery key may have been seen or lost, replace it. The old one stops opening the vault; any older
          backup of the key file (<code>.keys</code>) still accepts it until you re-key the vault.
        </p>
      }
    >
      <PasswordField
        label="Current passphrase or recovery key"
        value={current}
        onChange={setCurrent}
        autoComplete="current-password"
      />
    </KeyChangeForm>
  );
}

function RekeyForm() {
  const { current, next, problem, fields } = usePassphraseChangeFields();
  return (
    <KeyChangeForm
      id="rekey"
      title="Re-key this vault"
      problem={problem}
      change={() => rekeyVault(current, next)}
      action="Re-key the vault"
      confirmTitle="Re-key the vault?"
      confirmAction="Re-key the vault"
      confirmText="The whole vault is re-encrypted, which can take a minute for a large one. Backups of the key file, the old passphrase and the old recovery key stop working. The new recovery key is shown once, on the next screen."
      danger
      explanation={
        <p>
          If you think the vault's key file, passphrase or recovery key may be in someone else's hands, re-key it: a new
          key, the whole vault re-encrypted, a new passphrase and a new recovery key. Backups of the key file, the old
          passphrase and the old recovery key all stop working; a backup of the vault file itself then needs the new key
          file beside it.
        </p>
      }
    >
      {fields}
    </KeyChangeForm>
  );
}

/** A form whose change is confirmed in a dialog and ends on the recovery-key screen with the new key. */
function KeyChangeForm(props: {
  id: string;
  title: string;
  explanation: ReactNode;
  children: ReactNode;
  problem: string | null;
  /** Makes the change; the new recovery key is then on screen. */
  change: () => Promise<void>;
  action: string;
  confirmTitle: string;
  confirmAction: string;
  confirmText: string;
  danger?: boolean;
}) {
  const headingId = useId();
  const problemId = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (props.problem) return;
    setError(null);
    setConfirming(true);
  }

  async function confirm() {
    setBusy(true);
    try {
      await props.change();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={headingId} id={props.id}>
      <h2 id={headingId}>{props.title}</h2>
      {props.explanation}
      <form onSubmit={submit} noValidate>
        {props.children}
        <p className="why-disabled" id={problemId}>
          {props.problem}
        </p>
        <ErrorAlert message={confirming ? null : error} />
        <button type="submit" className="secondary" disabled={props.problem !== null} aria-describedby={problemId}>
          {props.action}
        </button>
      </form>
      <ConfirmDialog
        open={confirming}
        title={props.confirmTitle}
        confirmLabel={props.confirmAction}
        danger={props.danger ?? false}
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
      >
        <p>{props.confirmText}</p>
      </ConfirmDialog>
    </section>
  );
}
