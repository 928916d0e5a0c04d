import { useState } from 'react';
import { StatusMessage } from '../components/Alert.js';
import { AuthLayout } from '../components/AuthLayout.js';
import { Checkbox } from '../components/Checkbox.js';
import { PageHeading } from '../components/PageHeading.js';
import { finishCreate, useSession } from '../state/session.js';

export function RecoveryKey() {
  const recoveryKey = useSession((state) => state.recoveryKey) ?? '';
  const replaced = useSession((state) => state.recoveryKeyReplaced);
  const [stored, setStored] = useState(false);
  const [copyStatus, setCopyStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const groups = recoveryKey.split('-');

  async function copy() {
    try {
      await navigator.clipboard.writeText(recoveryKey);
      setCopyStatus('Recovery key copied to the clipboard: paste it into your password manager.');
    } catch {
      setCopyStatus('Could not copy automatically: select the key and copy it yourself.');
    }
  }

  async function proceed() {
    setBusy(true);
    await finishCreate();
  }

  return (
    <AuthLayout>
      <PageHeading title="Your recovery key">{replaced ? 'Your new recovery key' : 'Your recovery key'}</PageHeading>
      <p>
        This key is the only way into the vault if the passphrase is forgotten. Casebook shows it once and keeps no
        readable copy.
      </p>
      {replaced ? <p>The previous recovery key no longer opens this vault: destroy the copy you kept.</p> : null}
      <p className="recovery-key" data-testid="recovery-key">
        {/* Rows of whole groups (a group never breaks across lines); the text, and a copy, is still exactly the key. */}
        {groups.map((group, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a group's place in the key is its identity
          <span key={index} className="recovery-key-group">
            {index < groups.length - 1 ? `${group}-` : group}
          </span>
        ))}
      </p>
      <p>
        Print it or write it down, and keep the paper somewhere safe away from this laptop, such as a locked drawer at
        work. Do not keep it in an email or in a file on this computer. A password manager is safe too: copy the key
        into it, then copy something else so the key does not stay on the clipboard.
      </p>
      <div className="actions no-print">
        <button type="button" className="secondary" onClick={() => window.print()}>
          Print recovery key
        </button>
        <button type="button" className="secondary" onClick={copy}>
          Copy recovery key
        </button>
      </div>
      <StatusMessage message={copyStatus} />
      <div className="no-print">
        <Checkbox
          label="I have stored the recovery key somewhere safe, away from this laptop"
          checked={stored}
          onChange={setStored}
        />
        <p className="why-disabled" id="recovery-problem">
          {stored ? null : 'Tick the box once the key is stored safely.'}
        </p>
        <button
          type="button"
          className="primary"
          disabled={!stored || busy}
          onClick={proceed}
          aria-describedby="recovery-problem"
        >
          Continue
        </button>
      </div>
    </AuthLayout>
  );
}
